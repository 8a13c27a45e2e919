"""Rule-set documents: canonical form, semantic checks, content hash, compilation.

A rule-set document is the parsed YAML of one version (see schema/ruleset.schema.json).
Everything here is pure: the loader, the exporter, the admin and the engine all meet
at the canonical form, so a version hashes the same whichever way it travelled.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from .conditions import BOOL, DATE, LIST, NUMBER, STRING, CompiledCondition, ConditionError, VarType, compile_condition

SCHEMA_PATH = Path(__file__).parent / "schema" / "ruleset.schema.json"
CHOICE_TYPES = ("single_choice", "multiple_choice")
DERIVED_VARIABLES = ("tiers", "roles")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a rule-set document, with where it is."""

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class RuleSetInvalid(ValueError):
    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _schema_location(document: Any, path: Iterable[Any]) -> str:
    """Turn a JSON path into 'obligations[art-9].when', naming list items by their code."""
    text, node = "", document
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            code = item.get("code") if isinstance(item, dict) else None
            text += f"[{code if isinstance(code, str) else step}]"
        else:
            text += f".{step}" if text else str(step)
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return text or "(document)"


def schema_problems(document: Any) -> list[Problem]:
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [Problem(_schema_location(document, e.absolute_path), _schema_message(e)) for e in errors]


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "oneOf" and error.context:
        best = min(error.context, key=lambda e: len(e.message))
        return best.message
    return error.message


# --- canonical form -------------------------------------------------------------------

QUESTION_DEFAULTS = {"help": "", "choices": [], "required": True, "unit": "", "minimum": None,
                     "maximum": None, "visible_if": None, "citations": []}
CHOICE_DEFAULTS = {"help": ""}
RULE_DEFAULTS = {"precedence": 0, "unless": [], "source_url": None}
OBLIGATION_DEFAULTS = {"local_title": "", "nature": "binding", "roles": [], "tiers": [], "when": None,
                       "unless": [], "applies_until": None, "deadline": "", "penalty": None, "evidence": []}
VERSION_DEFAULTS = {"in_force_until": None, "last_reviewed": None, "notes": ""}
NAMED_DEFAULTS = {"local_label": "", "citation": ""}
FRAMEWORK_DEFAULTS = {"local_name": ""}


def _with_defaults(item: dict, defaults: dict) -> dict:
    return {**copy.deepcopy(defaults), **item}


def _number(value: Any) -> Any:
    """0.0 and 0 are one value: the database returns floats where YAML had integers."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def canonicalize(document: dict) -> dict:
    """Fill defaults and normalise shorthands; assumes the document passed the schema."""
    doc = copy.deepcopy(document)
    doc["framework"] = _with_defaults(doc["framework"], FRAMEWORK_DEFAULTS)
    doc["version"] = _with_defaults(doc["version"], VERSION_DEFAULTS)
    sections = []
    for section in doc["sections"]:
        section = {"description": "", **section}
        questions = []
        for q in section["questions"]:
            q = _with_defaults(q, QUESTION_DEFAULTS)
            q["minimum"], q["maximum"] = _number(q["minimum"]), _number(q["maximum"])
            q["choices"] = [_with_defaults(c, CHOICE_DEFAULTS) for c in q["choices"]]
            questions.append(q)
        section["questions"] = questions
        sections.append(section)
    doc["sections"] = sections
    doc["roles"] = [_with_defaults(r, NAMED_DEFAULTS) for r in doc["roles"]]
    doc["tiers"] = [_with_defaults(t, NAMED_DEFAULTS) for t in doc["tiers"]]
    doc["rules"] = [_with_defaults(r, RULE_DEFAULTS) for r in doc["rules"]]
    obligations = []
    for o in doc["obligations"]:
        o = _with_defaults(o, OBLIGATION_DEFAULTS)
        if isinstance(o["applies_from"], str):
            o["applies_from"] = [{"date": o["applies_from"]}]
        o["applies_from"] = [{"when": None, "citation": "", **entry} for entry in o["applies_from"]]
        if o["penalty"] is not None:
            o["penalty"] = {"citation": "", "max_amount": None, "currency": None,
                            "max_turnover_percent": None, **o["penalty"]}
            for key in ("max_amount", "max_turnover_percent"):
                o["penalty"][key] = _number(o["penalty"][key])
        obligations.append(o)
    doc["obligations"] = obligations
    doc["crosswalk"] = [{"note": "", **link} for link in doc.get("crosswalk", [])]
    return doc


def compact(document: dict) -> dict:
    """The canonical document without default values, for readable YAML export."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if v not in (None, "", [])}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    doc = strip(canonicalize(document))
    for section in doc["sections"]:
        for q in section["questions"]:
            if q.get("required") is True:
                del q["required"]
    for rule in doc["rules"]:
        if rule.get("precedence") == 0:
            del rule["precedence"]
    for o in doc["obligations"]:
        if o.get("nature") == "binding":
            del o["nature"]
        if len(o["applies_from"]) == 1 and set(o["applies_from"][0]) == {"date"}:
            o["applies_from"] = o["applies_from"][0]["date"]
    if not doc.get("crosswalk"):
        doc.pop("crosswalk", None)
    return doc


def content_hash(document: dict) -> str:
    """SHA-256 of the canonical form of one version's legal content.

    Left out: the status (publishing does not change content) and the framework's display
    metadata (name, description), which every version of a framework shares and which
    follows the newest file loaded.
    """
    doc = canonicalize(document)
    doc["version"] = {k: v for k, v in doc["version"].items() if k != "status"}
    doc["framework"] = {"code": doc["framework"]["code"]}
    payload = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# --- semantic checks and compilation ----------------------------------------------


def question_type(question: dict) -> VarType:
    kind = question["type"]
    if kind == "yes_no":
        return VarType(BOOL)
    if kind == "number":
        return VarType(NUMBER)
    if kind == "date":
        return VarType(DATE)
    if kind == "text":
        return VarType(STRING)
    choices = frozenset(c["code"] for c in question["choices"])
    return VarType(STRING if kind == "single_choice" else LIST, choices=choices)


@dataclass(frozen=True)
class CompiledException:
    code: str
    label: str
    citation: str
    condition: CompiledCondition


@dataclass(frozen=True)
class CompiledQuestion:
    code: str
    type: str
    section: str
    required: bool
    choices: frozenset[str]
    minimum: float | None
    maximum: float | None
    visible_if: CompiledCondition | None
    spec: dict = field(repr=False, compare=False)


@dataclass(frozen=True)
class CompiledRule:
    code: str
    assign_kind: str
    assign_value: str
    precedence: int
    when: CompiledCondition
    unless: tuple[CompiledException, ...]
    spec: dict = field(repr=False, compare=False)


@dataclass(frozen=True)
class DatedEntry:
    date: dt.date
    when: CompiledCondition | None
    citation: str


@dataclass(frozen=True)
class CompiledObligation:
    code: str
    roles: frozenset[str]
    tiers: frozenset[str]
    when: CompiledCondition | None
    unless: tuple[CompiledException, ...]
    applies_from: tuple[DatedEntry, ...]
    applies_until: dt.date | None
    spec: dict = field(repr=False, compare=False)


@dataclass(frozen=True)
class CompiledRuleSet:
    """Everything the engine needs for one version, with every condition compiled."""

    framework: dict
    version: dict
    content_hash: str
    questions: tuple[CompiledQuestion, ...]
    rules: tuple[CompiledRule, ...]
    obligations: tuple[CompiledObligation, ...]
    roles: dict
    tiers: dict
    crosswalk: tuple[dict, ...]
    document: dict = field(repr=False, compare=False)

    @property
    def framework_code(self) -> str:
        return self.framework["code"]

    @property
    def label(self) -> str:
        return self.version["label"]

    def assignment_label(self, kind: str, value: str) -> str:
        """What a rule's assignment reads as: a tier's or role's label, or 'In scope' / 'Out of scope'."""
        if kind == "tier":
            return self.tiers[value]["label"]
        if kind == "role":
            return self.roles[value]["label"]
        return "In scope" if value == "in" else "Out of scope"


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message))

    def unique(self, items: list[dict], location: str, what: str) -> None:
        seen: set[str] = set()
        for item in items:
            if item["code"] in seen:
                self.add(f"{location}[{item['code']}]", f"duplicate {what} code '{item['code']}'")
            seen.add(item["code"])

    def condition(self, source: str | None, env: dict, location: str) -> CompiledCondition | None:
        if source is None:
            return None
        try:
            return compile_condition(source, env)
        except ConditionError as exc:
            self.add(location, str(exc))
            return None

    def date(self, value: str | None, location: str) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.add(location, f"'{value}' is not a real date")
            return None

    def exceptions(self, items: list[dict], env: dict, location: str) -> tuple[CompiledException, ...]:
        self.unique(items, f"{location}.unless", "exception")
        out = []
        for exc in items:
            compiled = self.condition(exc["when"], env, f"{location}.unless[{exc['code']}].when")
            if compiled is not None:
                out.append(CompiledException(exc["code"], exc["label"], exc["citation"], compiled))
        return tuple(out)


def compile_document(document: dict) -> CompiledRuleSet:
    """Validate a document against the schema and the rule-set semantics, then compile it.

    Raises RuleSetInvalid listing every problem with its location.
    """
    problems = schema_problems(document)
    if problems:
        raise RuleSetInvalid(problems)
    doc = canonicalize(document)
    check = _Checker()
    version = doc["version"]
    check.date(version["in_force_from"], "version.in_force_from")
    check.date(version.get("in_force_until"), "version.in_force_until")
    if version.get("in_force_until") and version["in_force_until"] <= version["in_force_from"]:
        check.add("version.in_force_until", "must be after in_force_from")

    check.unique(doc["sections"], "sections", "section")
    check.unique(doc["roles"], "roles", "role")
    check.unique(doc["tiers"], "tiers", "tier")
    check.unique(doc["rules"], "rules", "rule")
    check.unique(doc["obligations"], "obligations", "obligation")
    roles = {r["code"]: r for r in doc["roles"]}
    tiers = {t["code"]: t for t in doc["tiers"]}

    env: dict[str, VarType] = {}
    questions: list[CompiledQuestion] = []
    for section in doc["sections"]:
        for q in section["questions"]:
            loc = f"questions[{q['code']}]"
            if q["code"] in env:
                check.add(loc, f"duplicate question code '{q['code']}'")
                continue
            if q["code"] in DERIVED_VARIABLES:
                check.add(loc, f"'{q['code']}' is reserved for the engine")
                continue
            is_choice = q["type"] in CHOICE_TYPES
            if is_choice and len(q["choices"]) < 2:
                check.add(f"{loc}.choices", "a choice question needs at least two choices")
            if not is_choice and q["choices"]:
                check.add(f"{loc}.choices", f"a {q['type']} question cannot have choices")
            check.unique(q["choices"], f"{loc}.choices", "choice")
            if q["type"] != "number" and (q["minimum"] is not None or q["maximum"] is not None or q["unit"]):
                check.add(loc, "minimum, maximum and unit are only for number questions")
            # Visibility may only look back: a question appears after the answer that reveals it.
            visible_if = check.condition(q["visible_if"], dict(env), f"{loc}.visible_if")
            env[q["code"]] = question_type(q)
            questions.append(CompiledQuestion(
                code=q["code"], type=q["type"], section=section["code"], required=q["required"],
                choices=frozenset(c["code"] for c in q["choices"]), minimum=q["minimum"],
                maximum=q["maximum"], visible_if=visible_if, spec=q,
            ))

    full_env = {**env, "tiers": VarType(LIST, choices=frozenset(tiers)), "roles": VarType(LIST, choices=frozenset(roles))}

    rules: list[CompiledRule] = []
    for rule in doc["rules"]:
        loc = f"rules[{rule['code']}]"
        kind, value = next(iter(rule["assign"].items()))
        if kind == "tier" and value not in tiers:
            check.add(f"{loc}.assign.tier", f"unknown tier '{value}'")
        if kind == "role" and value not in roles:
            check.add(f"{loc}.assign.role", f"unknown role '{value}'")
        when = check.condition(rule["when"], full_env, f"{loc}.when")
        unless = check.exceptions(rule["unless"], full_env, loc)
        if when is not None:
            rules.append(CompiledRule(rule["code"], kind, value, rule["precedence"], when, unless, rule))
    # Highest precedence first; file order breaks ties (sorted is stable).
    rules.sort(key=lambda r: -r.precedence)

    obligations: list[CompiledObligation] = []
    for o in doc["obligations"]:
        loc = f"obligations[{o['code']}]"
        for code in o["roles"]:
            if code not in roles:
                check.add(f"{loc}.roles", f"unknown role '{code}'")
        for code in o["tiers"]:
            if code not in tiers:
                check.add(f"{loc}.tiers", f"unknown tier '{code}'")
        when = check.condition(o["when"], full_env, f"{loc}.when")
        unless = check.exceptions(o["unless"], full_env, loc)
        dated: list[DatedEntry] = []
        for i, entry in enumerate(o["applies_from"]):
            eloc = f"{loc}.applies_from[{i}]"
            day = check.date(entry["date"], f"{eloc}.date")
            cond = check.condition(entry["when"], full_env, f"{eloc}.when")
            if day is not None:
                dated.append(DatedEntry(day, cond, entry["citation"]))
        if o["applies_from"] and o["applies_from"][-1]["when"] is not None:
            check.add(f"{loc}.applies_from", "the last entry must have no condition, so every case has a date")
        until = check.date(o["applies_until"], f"{loc}.applies_until")
        if until and dated and until <= min(d.date for d in dated):
            check.add(f"{loc}.applies_until", "must be after applies_from")
        obligations.append(CompiledObligation(
            code=o["code"], roles=frozenset(o["roles"]), tiers=frozenset(o["tiers"]), when=when,
            unless=unless, applies_from=tuple(dated), applies_until=until, spec=o,
        ))

    own = {o["code"] for o in doc["obligations"]}
    for i, link in enumerate(doc["crosswalk"]):
        loc = f"crosswalk[{i}]"
        if link["obligation"] not in own:
            check.add(f"{loc}.obligation", f"unknown obligation '{link['obligation']}' in this version")
        if link["framework"] == doc["framework"]["code"]:
            check.add(f"{loc}.framework", "crosswalk links join different frameworks")

    if check.problems:
        raise RuleSetInvalid(check.problems)
    return CompiledRuleSet(
        framework=doc["framework"], version=doc["version"], content_hash=content_hash(doc),
        questions=tuple(questions), rules=tuple(rules), obligations=tuple(obligations),
        roles=roles, tiers=tiers, crosswalk=tuple(doc["crosswalk"]), document=doc,
    )
