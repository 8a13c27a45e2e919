"""The shared fact catalogue (shared-questions.yaml) and how format-2 files use it by reference.

A format-2 rule set lists ``shared_questions: [code, ...]``; ``expand_shared_questions`` inserts
those questions, with their catalogue sections and in catalogue order, before the file's own
sections, and adds the catalogue's answer mappings for them. A document that already holds
them (an exported or stored version) is left as it is and checked for conformance instead.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

from .conditions import referenced_variables
from .document import Problem, RuleSetInvalid, document_format
from .yamlio import parse_yaml

SHARED_QUESTIONS_PATH = Path(__file__).parent / "data" / "shared-questions.yaml"
# The previous catalogue, frozen: format-1 files were written against it and are still checked against it.
FORMAT_1_CATALOGUE_PATH = Path(__file__).parent / "data" / "shared-questions-format1.yaml"
FORMAT_1_SIGNATURE_FIELDS = ("type", "visible_if")
# What must match wherever a shared question is asked: its meaning for the engine.
SIGNATURE_FIELDS = ("type", "visible_if", "per_market", "allow_unknown", "if_unknown")


@lru_cache(maxsize=4)
def _read_catalogue(path: Path, mtime: float) -> dict:
    return parse_yaml(path.read_text(encoding="utf-8"), path.name)


def load_catalogue(path: Path = SHARED_QUESTIONS_PATH) -> dict:
    """The catalogue document: {format, sections, answer_mappings} (re-read when the file changes)."""
    return _read_catalogue(path, path.stat().st_mtime)


def catalogue_questions(catalogue: dict | None = None) -> dict[str, dict]:
    """The catalogue's questions by code, each with its section code."""
    catalogue = load_catalogue() if catalogue is None else catalogue
    return {q["code"]: {**q, "section": s["code"]} for s in catalogue["sections"] for q in s["questions"]}


def signature(question: dict) -> dict:
    sig = {key: question.get(key) for key in SIGNATURE_FIELDS}
    sig["per_market"] = bool(sig["per_market"])
    sig["allow_unknown"] = bool(sig["allow_unknown"])
    sig["choices"] = [c["code"] for c in question.get("choices", [])]
    return sig


def _own_question_codes(document: dict) -> set[str]:
    return {q["code"] for s in document.get("sections", []) for q in s.get("questions", [])}


def expand_shared_questions(document: dict, catalogue: dict | None = None) -> dict:
    """The document with its shared questions inserted (format 2); other documents unchanged."""
    codes = document.get("shared_questions", []) if document_format(document) >= 2 else []
    if not codes:
        return document
    own = _own_question_codes(document)
    if all(code in own for code in codes):
        return document  # already expanded (a stored or exported version)
    catalogue = load_catalogue() if catalogue is None else catalogue
    known = catalogue_questions(catalogue)
    problems = [Problem(f"shared_questions[{code}]", f"no shared question '{code}' in shared-questions.yaml")
                for code in codes if code not in known]
    problems += [Problem(f"questions[{code}]", "listed in shared_questions: the loader inserts it, so do not copy it")
                 for code in codes if code in own]
    problems += _dependency_problems(codes, known)
    if problems:
        raise RuleSetInvalid(problems)
    wanted = set(codes)
    sections = []
    for section in catalogue["sections"]:
        questions = [copy.deepcopy(q) for q in section["questions"] if q["code"] in wanted]
        if questions:
            sections.append({**{k: v for k, v in section.items() if k != "questions"}, "questions": questions})
    expanded = copy.deepcopy(document)
    expanded["sections"] = sections + expanded.get("sections", [])
    mappings = [copy.deepcopy(m) for m in catalogue.get("answer_mappings", []) if m["to"] in wanted]
    if mappings:
        expanded["answer_mappings"] = mappings + expanded.get("answer_mappings", [])
    return expanded


def _dependency_problems(codes: list[str], known: dict[str, dict]) -> list[Problem]:
    """A listed question whose visibility reads another shared question needs that one listed too."""
    listed, problems = set(codes), []
    for code in codes:
        source = known.get(code, {}).get("visible_if")
        if not source:
            continue
        missing = [name for name in referenced_variables(source) if name in known and name not in listed]
        if missing:
            problems.append(Problem(f"shared_questions[{code}]", f"its visible_if ({source}) reads "
                                    f"{', '.join(missing)}: list {'it' if len(missing) == 1 else 'them'} too"))
    return problems


def _format_1_signature(question: dict) -> dict:
    return {**{key: question.get(key) for key in FORMAT_1_SIGNATURE_FIELDS},
            "choices": [c["code"] for c in question.get("choices", [])]}


def _format_1_problems(document: dict) -> list[Problem]:
    """Format-1 files copy shared questions; the copies must match the catalogue they were written against."""
    known = catalogue_questions(load_catalogue(FORMAT_1_CATALOGUE_PATH))
    problems = []
    for section in document.get("sections", []):
        for q in section["questions"]:
            shared = known.get(q["code"])
            if shared is None:
                continue
            if _format_1_signature(q) != _format_1_signature(shared):
                problems.append(Problem(f"questions[{q['code']}]", "differs from the shared question of that code in "
                                        "shared-questions-format1.yaml (type, choices or visible_if); copy it exactly"))
            if section["code"] != shared["section"]:
                problems.append(Problem(f"questions[{q['code']}]",
                                        f"shared question belongs in section '{shared['section']}'"))
    return problems


def conformance_problems(document: dict, catalogue: dict | None = None) -> list[Problem]:
    """Questions with catalogue codes must be the catalogue's.

    Format 2: listed in shared_questions and equal to shared-questions.yaml. Format 1: equal to the
    frozen catalogue format-1 files were written against (shared-questions-format1.yaml).
    """
    if document_format(document) < 2:
        return _format_1_problems(document)
    known = catalogue_questions(catalogue)
    listed = set(document.get("shared_questions", []))
    problems = []
    for section in document.get("sections", []):
        for q in section["questions"]:
            shared = known.get(q["code"])
            if shared is None:
                continue
            loc = f"questions[{q['code']}]"
            if q["code"] not in listed:
                problems.append(Problem(loc, "is a shared question: list its code in shared_questions instead "
                                        "of defining it"))
            elif signature(q) != signature(shared):
                problems.append(Problem(loc, "differs from the shared question of that code in shared-questions.yaml "
                                        "(type, choices, visible_if, per_market or unknown handling)"))
            elif section["code"] != shared["section"]:
                problems.append(Problem(loc, f"shared question belongs in section '{shared['section']}'"))
    return problems
