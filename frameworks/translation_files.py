"""Translation files on disk: write a starting file, report progress (no database).

    python -m frameworks.translation_files status
    python -m frameworks.translation_files skeleton frameworks/data/eu-ai-act/2026.2.yaml ko
    python -m frameworks.translation_files skeleton frameworks/data/eu-ai-act/2026.2.yaml ko duties obligations.

``skeleton`` writes (or completes) ``<version>.<language>.yaml``: every key of the version's own
strings, in file order, with the existing translation or else the English text to be replaced. The
loader rejects English left in a translation file, so a skeleton loads only once it is translated.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from . import translations as tr
from .loader import (
    SHARED_QUESTIONS_PATH,
    compile_text,
    default_paths,
    is_translation_file,
    translation_parts,
    translation_path,
    versions_in_force_shipped,
)
from .shared import catalogue_questions, load_catalogue
from .yamlio import parse_yaml

HEADER = ("# {name} translation of {translates}: user-visible texts only, keyed by code.\n"
          "# Not legal content (not in the content hash). Format: frameworks/data/AUTHORING.md, 'Translations';\n"
          "# terms: frameworks/data/glossary.yaml.\n")


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = ">" if len(value) > 90 and "\n" not in value else ("|" if "\n" in value else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(strings: tr.Strings, *, language: str, translates: str) -> str:
    body = {"language": language, "translates": translates, **tr.nest(strings)}
    text = yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    return HEADER.format(name=tr.LANGUAGE_NAMES[language], translates=translates) + text


def own_source(path: Path) -> tuple[tr.Strings, str]:
    """The English strings a file's translation holds (shared questions are translated once, in the catalogue's)."""
    if path.resolve() == SHARED_QUESTIONS_PATH.resolve():
        return tr.catalogue_strings(load_catalogue()), "shared-questions"
    rule_set = compile_text(path.read_text(encoding="utf-8"), path.name)
    source = tr.source_strings(rule_set.document)
    codes = rule_set.document.get("shared_questions", []) if rule_set.format >= 2 else []
    sections = {q["section"] for q in catalogue_questions().values()} if codes else set()
    shared = tr.shared_keys(source, codes, sections)
    return {k: v for k, v in source.items() if k not in shared}, f"{rule_set.framework_code} {rule_set.label}"


def _read(path: Path) -> tr.Strings:
    return tr.flatten(parse_yaml(path.read_text(encoding="utf-8"), path.name)) if path.exists() else {}


def _existing(path: Path) -> tr.Strings:
    strings: tr.Strings = {}
    for part in translation_parts(path):
        strings.update(_read(part))
    return strings


def skeleton(path: Path, language: str, part: str = "", prefixes: tuple[str, ...] = ()) -> tuple[Path, int, int]:
    """Write the translation file of ``path`` with every key; returns (file, translated, total).

    With ``part`` and key ``prefixes`` (e.g. 'obligations.'), a part file holding only those keys, less
    the keys other parts already hold: one file per translator.
    """
    source, translates = own_source(path)
    main = translation_path(path, language)
    target = main.with_name(f"{main.stem}.{part}{main.suffix}") if part else main
    others = {k for p in translation_parts(main) if p != target for k in _read(p)}
    existing = _read(target)
    keys = [k for k in source if k not in others and (not prefixes or k.startswith(prefixes))]
    strings = {key: existing.get(key, source[key]) for key in keys}
    target.write_text(dump(strings, language=language, translates=translates), encoding="utf-8")
    done = sum(1 for key in keys if key in existing and not tr.looks_untranslated(source[key], existing[key], language))
    return target, done, len(keys)


def status() -> list[tuple[str, str, int, int, bool]]:
    """(file, language, translated, total, required) for the catalogue and every shipped version."""
    current = versions_in_force_shipped()
    rows = []
    for path in [SHARED_QUESTIONS_PATH, *default_paths()]:
        source, translates = own_source(path)
        required = translates == "shared-questions" or tuple(translates.split(" ", 1)) in current
        for language in tr.LANGUAGES:
            existing = _existing(translation_path(path, language))
            done = sum(1 for key, english in source.items()
                       if key in existing and not tr.looks_untranslated(english, existing[key], language))
            rows.append((str(path.relative_to(SHARED_QUESTIONS_PATH.parent.parent.parent)), language, done,
                         len(source), required))
    return rows


def main(argv: list[str]) -> int:
    if argv[:1] == ["status"]:
        for name, language, done, total, required in status():
            print(f"{name} {language}: {done}/{total}{'' if required else ' (older version: may fall back)'}")
        return 0
    if argv[:1] == ["skeleton"] and len(argv) >= 3 and argv[2] in tr.LANGUAGES and not is_translation_file(Path(argv[1])):
        part, prefixes = (argv[3], tuple(argv[4:])) if len(argv) > 3 else ("", ())
        target, done, total = skeleton(Path(argv[1]), argv[2], part, prefixes)
        print(f"{target}: {done} of {total} strings translated; replace the English ones")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
