"""Translations of rule data (Korean, Japanese): keys, validation and localized rule sets (pure).

English is the source language of every rule-set file. A translation is a mapping from stable keys
to text, e.g. ``obligations.art26-1.title`` or ``questions.offer_markets.choices.eu.label``. Files
nest the keys (``<version>.ko.yaml`` beside ``<version>.yaml``; see AUTHORING.md "Translations");
the database stores them flat on the version (``RuleSetVersion.translations``).

Translations are not legal content: they are left out of the content hash, so a corrected
translation changes no result and forces no upgrade. The engine never sees them; presentation
asks for a localized rule set (``localize``) in the language it shows.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from .document import Problem
from .ruleset import CompiledException, CompiledRuleSet, Localization

SOURCE_LANGUAGE = "en"
LANGUAGES = ("ko", "ja")
LANGUAGE_NAMES = {"en": "English", "ko": "Korean", "ja": "Japanese"}
SCHEMA_PATH = Path(__file__).parent / "schema" / "translation.schema.json"

# Characters that show a text is written in the language (Hangul; kana or CJK ideographs).
_SCRIPT = {"ko": re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]"),
           "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")}
_WORD = re.compile(r"[A-Za-z]{3,}")

Strings = dict[str, Any]  # key -> text, or a list of texts (an obligation's evidence)


def language_code(language: str | None) -> str:
    """'ko-kr' -> 'ko'; anything that is not Korean or Japanese is the source language."""
    short = (language or "").lower().split("-")[0].split("_")[0]
    return short if short in LANGUAGES else SOURCE_LANGUAGE


# --- the strings of a rule set ---------------------------------------------------------


def _exception_labels(items: Iterable, out: Strings) -> None:
    for item in items:
        if isinstance(item, dict) and item.get("label"):
            out.setdefault(f"exceptions.{item['code']}.label", item["label"])


def _question_strings(q: dict, out: Strings) -> None:
    key = f"questions.{q['code']}"
    for field in ("prompt", "help", "unit"):
        if q.get(field):
            out[f"{key}.{field}"] = q[field]
    for framework, text in (q.get("help_by_framework") or {}).items():
        out[f"{key}.help_by_framework.{framework}"] = text
    for c in q.get("choices", []):
        out[f"{key}.choices.{c['code']}.label"] = c["label"]
        if c.get("help"):
            out[f"{key}.choices.{c['code']}.help"] = c["help"]


def _obligation_strings(o: dict, out: Strings) -> None:
    key = f"obligations.{o['code']}"
    for field in ("title", "summary", "deadline"):
        if o.get(field):
            out[f"{key}.{field}"] = o[field]
    if o.get("evidence"):
        out[f"{key}.evidence"] = list(o["evidence"])
    if o.get("penalty"):
        out[f"{key}.penalty.summary"] = o["penalty"]["summary"]


def source_strings(document: Mapping) -> Strings:
    """Every user-visible English string of a (canonical, expanded) rule-set document, by key."""
    out: Strings = {}
    framework = document.get("framework", {})
    for field in ("name", "jurisdiction", "description", "out_of_scope_reason"):
        if framework.get(field):
            out[f"framework.{field}"] = framework[field]
    if document.get("version", {}).get("title"):
        out["version.title"] = document["version"]["title"]
    for section in document.get("sections", []):
        out[f"sections.{section['code']}.title"] = section["title"]
        if section.get("description"):
            out[f"sections.{section['code']}.description"] = section["description"]
        for q in section.get("questions", []):
            _question_strings(q, out)
    for kind in ("roles", "tiers"):
        for item in document.get(kind, []):
            out[f"{kind}.{item['code']}.label"] = item["label"]
            out[f"{kind}.{item['code']}.description"] = item["description"]
    _exception_labels(document.get("exceptions", []), out)
    for rule in document.get("rules", []):
        out[f"rules.{rule['code']}.explanation"] = rule["explanation"]
        _exception_labels(rule.get("unless", []), out)
    for o in document.get("obligations", []):
        _obligation_strings(o, out)
        _exception_labels(o.get("unless", []), out)
    for link in document.get("crosswalk", []):
        if link.get("note"):
            out[_crosswalk_key(link)] = link["note"]
    return out


def _crosswalk_key(link: Mapping) -> str:
    """A crosswalk link's note, keyed by its obligation, the other framework and the target obligation."""
    return f"crosswalk.{link['obligation']}.{link['framework']}.{link['target']}.note"


def catalogue_strings(catalogue: Mapping) -> Strings:
    """The user-visible strings of the shared-question catalogue (sections and questions)."""
    return source_strings({"sections": catalogue.get("sections", [])})


def shared_keys(strings: Strings, codes: Iterable[str], sections: Iterable[str]) -> Strings:
    """The catalogue strings of the listed shared questions and their sections."""
    prefixes = tuple(f"questions.{c}." for c in codes) + tuple(f"sections.{s}." for s in sections)
    return {k: v for k, v in strings.items() if k.startswith(prefixes)}


# --- files: nested mapping <-> flat keys ------------------------------------------------


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def schema_problems(document: Any, name: str) -> list[Problem]:
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [Problem(f"{name}: {'.'.join(map(str, e.absolute_path)) or '(document)'}", e.message) for e in errors]


_SIMPLE = {"rules": "explanation", "exceptions": "label"}


def flatten(document: Mapping) -> Strings:
    """A translation file's nested mapping as flat keys (assumes it passed the schema)."""
    out: Strings = {}
    for group in ("framework", "version"):
        for field, text in document.get(group, {}).items():
            out[f"{group}.{field}"] = text
    for kind, field in _SIMPLE.items():
        for code, text in document.get(kind, {}).items():
            out[f"{kind}.{code}.{field}"] = text
    for kind in ("sections", "roles", "tiers"):
        for code, fields in document.get(kind, {}).items():
            for field, text in fields.items():
                out[f"{kind}.{code}.{field}"] = text
    for code, fields in document.get("questions", {}).items():
        for field, value in fields.items():
            if field == "help_by_framework":
                out.update({f"questions.{code}.{field}.{framework}": text for framework, text in value.items()})
                continue
            if field != "choices":
                out[f"questions.{code}.{field}"] = value
                continue
            for choice, text in value.items():
                parts = text if isinstance(text, dict) else {"label": text}
                for part, part_text in parts.items():
                    out[f"questions.{code}.choices.{choice}.{part}"] = part_text
    for code, fields in document.get("obligations", {}).items():
        for field, value in fields.items():
            out[f"obligations.{code}.{'penalty.summary' if field == 'penalty' else field}"] = value
    for obligation, frameworks in document.get("crosswalk", {}).items():
        for framework, targets in frameworks.items():
            for target, text in targets.items():
                out[_crosswalk_key({"obligation": obligation, "framework": framework, "target": target})] = text
    return out


def nest(strings: Mapping[str, Any]) -> dict:
    """Flat keys as the nested mapping a translation file holds (the inverse of ``flatten``)."""
    out: dict = {}
    for key, value in strings.items():
        parts = key.split(".")
        group = parts[0]
        if group in ("framework", "version"):
            out.setdefault(group, {})[parts[1]] = value
        elif group in _SIMPLE:
            out.setdefault(group, {})[parts[1]] = value
        elif group == "questions" and parts[2] == "choices":
            choices = out.setdefault("questions", {}).setdefault(parts[1], {}).setdefault("choices", {})
            if parts[4] == "label" and parts[3] not in choices:
                choices[parts[3]] = value
            else:
                current = choices.get(parts[3])
                entry = current if isinstance(current, dict) else ({"label": current} if current else {})
                entry[parts[4]] = value
                choices[parts[3]] = entry
        elif group == "questions" and parts[2] == "help_by_framework":
            question = out.setdefault("questions", {}).setdefault(parts[1], {})
            question.setdefault("help_by_framework", {})[parts[3]] = value
        elif group == "crosswalk":
            out.setdefault("crosswalk", {}).setdefault(parts[1], {}).setdefault(parts[2], {})[parts[3]] = value
        elif group == "obligations" and parts[2] == "penalty":
            out.setdefault("obligations", {}).setdefault(parts[1], {})["penalty"] = value
        else:
            out.setdefault(group, {}).setdefault(parts[1], {})[parts[2]] = value
    return out


# --- checks -----------------------------------------------------------------------------


def looks_untranslated(source: Any, text: Any, language: str) -> bool:
    """A text of English words with little or no Korean (Japanese) in it was not translated.

    English quoting a Korean term ("a user (이용자)") has far more Latin letters than Hangul.
    """
    if isinstance(source, list):
        return any(looks_untranslated(s, t, language) for s, t in zip(source, text, strict=False))
    if len(_WORD.findall(str(source))) < 2:
        return False  # a code, unit or name: may stay as it is
    latin = sum(len(w) for w in _WORD.findall(str(text)))
    return len(_SCRIPT[language].findall(str(text))) * 4 < latin or not _SCRIPT[language].search(str(text))


def problems(*, source: Strings, translated: Strings, language: str, name: str, complete: bool) -> list[Problem]:
    """What is wrong with one language's translation of a rule set.

    Always: keys the rule set has no string for, empty texts, evidence lists of another length,
    texts still in English. With ``complete`` (the version in force of shipped data): every string
    must be translated.
    """
    out: list[Problem] = []
    for key, text in translated.items():
        loc = f"{name}: {key}"
        if key not in source:
            out.append(Problem(loc, "the rule set has no such text (check the code and the field name)"))
            continue
        if isinstance(source[key], list) != isinstance(text, list):
            out.append(Problem(loc, "must be a list of texts, like the English" if isinstance(source[key], list)
                               else "must be a text"))
            continue
        items = text if isinstance(text, list) else [text]
        if any(not isinstance(t, str) or not t.strip() for t in items):
            out.append(Problem(loc, "empty translation: translate it or leave the key out of a draft"))
        elif isinstance(text, list) and len(text) != len(source[key]):
            out.append(Problem(loc, f"{len(text)} items; the English has {len(source[key])}"))
        elif looks_untranslated(source[key], text, language):
            out.append(Problem(loc, f"still in English: no {LANGUAGE_NAMES[language]} text in it"))
    if complete:
        out += [Problem(f"{name}: {key}", f"missing {LANGUAGE_NAMES[language]} translation")
                for key in source if key not in translated]
    return out


def missing_keys(rule_set: CompiledRuleSet, language: str) -> list[str]:
    """The keys of a rule set's strings that have no translation in ``language``."""
    have = rule_set.translations.get(language, {})
    return [key for key in source_strings(rule_set.document) if key not in have]


def digest(translations: Mapping) -> str:
    """Identifies a set of translations (for caches); changes whenever any text does."""
    payload = json.dumps(translations, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


# --- localized rule sets ----------------------------------------------------------------


def _put(target: dict, field: str, strings: Mapping, key: str, missing: list[str]) -> None:
    if not target.get(field):
        return
    if key in strings:
        target[field] = strings[key]
    else:
        missing.append(key)


def _drop_repeated(item: dict, field: str, local_field: str) -> None:
    """A local term equal to the translated text would show twice (a Korean label beside itself)."""
    if item.get(local_field) and "".join(item[local_field].split()) == "".join(str(item.get(field, "")).split()):
        item[local_field] = ""


def _translate_document(doc: dict, strings: Mapping) -> list[str]:
    """Put the translations into a copy of the canonical document; returns the keys left in English."""
    missing: list[str] = []
    for field in ("name", "jurisdiction", "description", "out_of_scope_reason"):
        _put(doc["framework"], field, strings, f"framework.{field}", missing)
    _put(doc["version"], "title", strings, "version.title", missing)
    for section in doc.get("sections", []):
        for field in ("title", "description"):
            _put(section, field, strings, f"sections.{section['code']}.{field}", missing)
        for q in section["questions"]:
            for field in ("prompt", "help", "unit"):
                _put(q, field, strings, f"questions.{q['code']}.{field}", missing)
            by_framework = q.get("help_by_framework") or {}
            for framework in by_framework:
                _put(by_framework, framework, strings, f"questions.{q['code']}.help_by_framework.{framework}",
                     missing)
            for c in q.get("choices", []):
                for field in ("label", "help"):
                    _put(c, field, strings, f"questions.{q['code']}.choices.{c['code']}.{field}", missing)
    for kind in ("roles", "tiers"):
        for item in doc.get(kind, []):
            for field in ("label", "description"):
                _put(item, field, strings, f"{kind}.{item['code']}.{field}", missing)
            _drop_repeated(item, "label", "local_label")
    unless_lists = [r.get("unless", []) for r in doc.get("rules", [])]
    unless_lists += [o.get("unless", []) for o in doc.get("obligations", [])]
    for item in [*doc.get("exceptions", []), *(x for items in unless_lists for x in items if isinstance(x, dict))]:
        _put(item, "label", strings, f"exceptions.{item['code']}.label", missing)
    for rule in doc.get("rules", []):
        _put(rule, "explanation", strings, f"rules.{rule['code']}.explanation", missing)
    for o in doc.get("obligations", []):
        for field in ("title", "summary", "deadline", "evidence"):
            _put(o, field, strings, f"obligations.{o['code']}.{field}", missing)
        _drop_repeated(o, "title", "local_title")
        if o.get("penalty"):
            _put(o["penalty"], "summary", strings, f"obligations.{o['code']}.penalty.summary", missing)
    for link in doc.get("crosswalk", []):
        _put(link, "note", strings, _crosswalk_key(link), missing)
    return sorted(set(missing))


def _exceptions(items: tuple[CompiledException, ...], labels: Mapping[str, str]) -> tuple[CompiledException, ...]:
    return tuple(dataclasses.replace(e, label=labels.get(e.code, e.label)) for e in items)


def localize(rule_set: CompiledRuleSet, language: str | None) -> CompiledRuleSet:
    """The rule set with its texts in ``language``; strings without a translation stay in English.

    Conditions, codes, citations and the content hash are the same objects: a localized rule set
    evaluates exactly as the English one. ``localization`` says which strings fell back to English.
    """
    language = language_code(language)
    if language == SOURCE_LANGUAGE:
        return rule_set
    doc = copy.deepcopy(rule_set.document)
    missing = _translate_document(doc, rule_set.translations.get(language, {}))
    questions = {q["code"]: q for s in doc["sections"] for q in s["questions"]}
    rules = {r["code"]: r for r in doc["rules"]}
    obligations = {o["code"]: o for o in doc["obligations"]}
    labels = {k.split(".")[1]: v for k, v in rule_set.translations.get(language, {}).items()
              if k.startswith("exceptions.")}
    return dataclasses.replace(
        rule_set, framework=doc["framework"], version=doc["version"], document=doc,
        questions=tuple(dataclasses.replace(q, spec=questions[q.code]) for q in rule_set.questions),
        rules=tuple(dataclasses.replace(r, spec=rules[r.code], unless=_exceptions(r.unless, labels))
                    for r in rule_set.rules),
        obligations=tuple(dataclasses.replace(o, spec=obligations[o.code], unless=_exceptions(o.unless, labels))
                          for o in rule_set.obligations),
        roles={r["code"]: r for r in doc["roles"]}, tiers={t["code"]: t for t in doc["tiers"]},
        crosswalk=tuple(doc.get("crosswalk", [])),
        localization=Localization(language, tuple(missing)),
    )


@dataclasses.dataclass(frozen=True)
class TranslationNotice:
    """What a screen says once per framework about the language of its rule texts."""

    language: str
    own_translation: bool  # the texts are the product's translation, not an official text
    binding_title: str
    binding_url: str
    untranslated: int  # strings shown in English because no translation exists yet


def notice(rule_set: CompiledRuleSet) -> TranslationNotice | None:
    """The notice for a (localized) rule set, or None when its texts are in an official language and complete.

    The binding text is the version's first source (the law itself, by the authoring convention).
    """
    language = rule_set.localization.language
    official = rule_set.framework.get("official_languages") or []
    own = bool(official) and language not in official
    untranslated = len(rule_set.localization.untranslated)
    if not own and not untranslated:
        return None
    sources = rule_set.version.get("sources") or [{}]
    return TranslationNotice(language, own, sources[0].get("title", ""), sources[0].get("url", ""), untranslated)
