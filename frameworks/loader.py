"""Reading rule-set YAML files: parse, validate, and check them against each other.

Pure functions (no database), used by ``manage.py load_rulesets``, the admin upload
and ``python -m frameworks.validate``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .ruleset import CompiledRuleSet, Problem, RuleSetInvalid, compile_document
from .safe_yaml import excerpt
from .shared import SHARED_QUESTIONS_PATH, catalogue_questions, conformance_problems
from .yamlio import parse_yaml

__all__ = ["SHARED_QUESTIONS_PATH", "parse_yaml", "shared_questions"]

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class LoadedFile:
    name: str
    rule_set: CompiledRuleSet


def _in_file(name: str, problems: Iterable[Problem]) -> list[Problem]:
    return [Problem(f"{name}: {p.location}", excerpt(p.message)) for p in problems]


def compile_text(text: str, name: str) -> CompiledRuleSet:
    """Parse and compile one rule-set file's text; problems are located in ``name``."""
    document = parse_yaml(text, name)
    try:
        rule_set = compile_document(document)
    except RuleSetInvalid as exc:
        raise RuleSetInvalid(_in_file(name, exc.problems)) from None
    problems = shared_question_problems(rule_set)
    if problems:
        raise RuleSetInvalid(_in_file(name, problems))
    return rule_set


def shared_questions() -> dict[str, dict]:
    """The catalogue of questions shared across frameworks, by code, with their section."""
    return catalogue_questions()


def shared_question_problems(rule_set: CompiledRuleSet, catalogue: dict | None = None) -> list[Problem]:
    """A format-2 rule set's shared questions must be the catalogue's (format-1 files are snapshots)."""
    return conformance_problems(rule_set.document, catalogue)


def cross_file_problems(files: list[LoadedFile], known_obligations: dict[str, set[str]] | None = None) -> list[Problem]:
    """Checks across files: one definition per version, and crosswalk targets that exist.

    ``known_obligations`` maps framework code to obligation codes already in the database.
    """
    problems: list[Problem] = []
    obligations = {k: set(v) for k, v in (known_obligations or {}).items()}
    seen: dict[tuple[str, str], str] = {}
    for f in files:
        key = (f.rule_set.framework_code, f.rule_set.label)
        if key in seen:
            problems.append(Problem(f.name, f"version {key[1]} of {key[0]} is also defined in {seen[key]}"))
        seen[key] = f.name
        obligations.setdefault(f.rule_set.framework_code, set()).update(o.code for o in f.rule_set.obligations)
    for f in files:
        for i, link in enumerate(f.rule_set.crosswalk):
            if link["target"] not in obligations.get(link["framework"], set()):
                problems.append(Problem(f"{f.name}: crosswalk[{i}].target",
                                        f"no obligation '{link['target']}' in framework '{link['framework']}'"))
    return problems


def read_files(paths: Iterable[Path]) -> list[LoadedFile]:
    """Compile every file, collecting the problems of all of them before failing."""
    loaded, problems = [], []
    for path in paths:
        name = _display_name(path)
        try:
            loaded.append(LoadedFile(name, compile_text(path.read_text(encoding="utf-8"), name)))
        except RuleSetInvalid as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            problems.append(Problem(name, f"cannot read file: {exc.strerror}"))
    if problems:
        raise RuleSetInvalid(problems)
    return loaded


def default_paths() -> list[Path]:
    """Every shipped rule-set file: frameworks/data/<framework>/*.yaml."""
    return sorted(p for p in DATA_DIR.glob("*/*.yaml"))


def _display_name(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(DATA_DIR.parent.parent))
    except ValueError:
        return str(path)
