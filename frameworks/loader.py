"""Reading rule-set YAML files: parse, validate, and check them against each other.

Pure functions (no database), used by ``manage.py load_rulesets``, the admin upload
and ``python -m frameworks.validate``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .ruleset import CompiledRuleSet, Problem, RuleSetInvalid, compile_document

DATA_DIR = Path(__file__).parent / "data"
SHARED_QUESTIONS_PATH = DATA_DIR / "shared-questions.yaml"
# The parts of a shared question that must match everywhere it is asked.
SHARED_FIELDS = ("type", "visible_if")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as 'YYYY-MM-DD' strings and refuses duplicate keys."""


def _no_duplicate_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def parse_yaml(text: str, name: str) -> dict:
    """Parse YAML text; syntax errors become RuleSetInvalid with the line and column."""
    try:
        document = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleSetInvalid([Problem(where, f"YAML syntax error: {problem}")]) from None
    if not isinstance(document, dict):
        raise RuleSetInvalid([Problem(name, "the file must hold a YAML mapping (key: value pairs)")])
    return document


@dataclass(frozen=True)
class LoadedFile:
    name: str
    rule_set: CompiledRuleSet


def _in_file(name: str, problems: Iterable[Problem]) -> list[Problem]:
    return [Problem(f"{name}: {p.location}", p.message) for p in problems]


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
    document = parse_yaml(SHARED_QUESTIONS_PATH.read_text(encoding="utf-8"), SHARED_QUESTIONS_PATH.name)
    catalogue = {}
    for section in document["sections"]:
        for question in section["questions"]:
            catalogue[question["code"]] = {**question, "section": section["code"]}
    return catalogue


def _signature(question: dict) -> dict:
    return {
        "type": question["type"],
        "visible_if": question.get("visible_if"),
        "choices": [c["code"] for c in question.get("choices", [])],
    }


def shared_question_problems(rule_set: CompiledRuleSet, catalogue: dict | None = None) -> list[Problem]:
    """Shared questions must keep the catalogue's type, choices, visibility and section."""
    catalogue = shared_questions() if catalogue is None else catalogue
    problems = []
    for q in rule_set.questions:
        shared = catalogue.get(q.code)
        if shared is None:
            continue
        if _signature(q.spec) != _signature(shared):
            problems.append(Problem(f"questions[{q.code}]", "differs from the shared question of that code in "
                                    "shared-questions.yaml (type, choices or visible_if); copy it exactly"))
        if q.section != shared["section"]:
            problems.append(Problem(f"questions[{q.code}]", f"shared question belongs in section '{shared['section']}'"))
    return problems


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
