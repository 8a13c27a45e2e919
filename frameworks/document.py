"""Rule-set documents: schema check, canonical form and content hash (pure).

A rule-set document is the parsed YAML of one version (see schema/ruleset.schema.json).
The loader, the exporter, the admin and the engine all meet at the canonical form, so a
version hashes the same whichever way it travelled. Format 2 adds keys (market, named
definitions and exceptions, shared questions by reference, ...); a format-1 document's
canonical form never gains them, so format-1 versions keep their hashes.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_PATH = Path(__file__).parent / "schema" / "ruleset.schema.json"
MARKETS = ("eu", "kr", "us", "jp", "other")
UNKNOWN = "unknown"


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


def document_format(document: dict) -> int:
    return document.get("format", 1)


# --- canonical form -------------------------------------------------------------------

QUESTION_DEFAULTS = {"help": "", "help_by_framework": {}, "choices": [], "required": True, "unit": "", "minimum": None,
                     "maximum": None, "visible_if": None, "citations": []}
QUESTION_DEFAULTS_2 = {"per_market": False, "allow_unknown": False, "if_unknown": None}
CHOICE_DEFAULTS = {"help": ""}
RULE_DEFAULTS = {"precedence": 0, "unless": [], "source_url": None}
OBLIGATION_DEFAULTS: dict = {"local_title": "", "nature": "binding", "roles": [], "tiers": [], "when": None,
                       "unless": [], "applies_until": None, "deadline": "", "penalty": None, "evidence": []}
VERSION_DEFAULTS = {"in_force_until": None, "last_reviewed": None, "notes": ""}
NAMED_DEFAULTS = {"local_label": "", "citation": ""}
FRAMEWORK_DEFAULTS: dict = {"local_name": "", "official_languages": []}
# Keys format 2 adds; a format-1 canonical form has none of them (its hash must not move).
FORMAT_2_DEFAULTS: dict[str, dict] = {
    "framework": {"market": None, "out_of_scope_reason": ""},
    "version": {"supersedes": None},
    "tier": {"prohibits_use": False},
    "obligation": {"applies_despite_ban": False},
}
DEFINITION_DEFAULTS = {"citation": ""}
EXCEPTION_DEFAULTS = {"confidence": None}
MAPPING_DEFAULTS = {"note": ""}


def _with_defaults(item: dict, defaults: dict) -> dict:
    return {**copy.deepcopy(defaults), **item}


def _number(value: Any) -> Any:
    """0.0 and 0 are one value: the database returns floats where YAML had integers."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def mapping_key(value: Any) -> str:
    """Answer-mapping keys are text: YAML reads `true:` as a boolean, JSON stores it as 'true'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _canonical_question(question: dict, version2: bool) -> dict:
    q = _with_defaults(question, {**QUESTION_DEFAULTS, **(QUESTION_DEFAULTS_2 if version2 else {})})
    q["minimum"], q["maximum"] = _number(q["minimum"]), _number(q["maximum"])
    q["choices"] = [_with_defaults(c, CHOICE_DEFAULTS) for c in q["choices"]]
    if version2:
        q["if_unknown"] = _number(q["if_unknown"])
    return q


def _canonical_sections(sections: list[dict], version2: bool) -> list[dict]:
    out = []
    for section in sections:
        section = {"description": "", **section}
        section["questions"] = [_canonical_question(q, version2) for q in section["questions"]]
        out.append(section)
    return out


def _canonical_obligation(obligation: dict, version2: bool) -> dict:
    o = _with_defaults(obligation, {**OBLIGATION_DEFAULTS, **(FORMAT_2_DEFAULTS["obligation"] if version2 else {})})
    if isinstance(o["applies_from"], str):
        o["applies_from"] = [{"date": o["applies_from"]}]
    o["applies_from"] = [{"when": None, "citation": "", **entry} for entry in o["applies_from"]]
    if o["penalty"] is not None:
        o["penalty"] = {"citation": "", "max_amount": None, "currency": None,
                        "max_turnover_percent": None, **o["penalty"]}
        for key in ("max_amount", "max_turnover_percent"):
            o["penalty"][key] = _number(o["penalty"][key])
    return o


def _canonical_mapping(mapping: dict) -> dict:
    m = _with_defaults(mapping, MAPPING_DEFAULTS)
    if isinstance(m.get("values"), dict):
        m["values"] = {mapping_key(k): v for k, v in m["values"].items()}
    return m


def _canonical_format_2(doc: dict) -> None:
    doc["framework"] = _with_defaults(doc["framework"], FORMAT_2_DEFAULTS["framework"])
    doc["version"] = _with_defaults(doc["version"], FORMAT_2_DEFAULTS["version"])
    doc["shared_questions"] = list(doc.get("shared_questions", []))
    doc["definitions"] = [_with_defaults(d, DEFINITION_DEFAULTS) for d in doc.get("definitions", [])]
    doc["exceptions"] = [_with_defaults(e, EXCEPTION_DEFAULTS) for e in doc.get("exceptions", [])]
    doc["answer_mappings"] = [_canonical_mapping(m) for m in doc.get("answer_mappings", [])]
    doc["tiers"] = [_with_defaults(t, FORMAT_2_DEFAULTS["tier"]) for t in doc["tiers"]]


def canonicalize(document: dict) -> dict:
    """Fill defaults and normalise shorthands; assumes the document passed the schema."""
    doc = copy.deepcopy(document)
    version2 = document_format(doc) >= 2
    doc["framework"] = _with_defaults(doc["framework"], FRAMEWORK_DEFAULTS)
    doc["version"] = _with_defaults(doc["version"], VERSION_DEFAULTS)
    doc["sections"] = _canonical_sections(doc.get("sections", []), version2)
    doc["roles"] = [_with_defaults(r, NAMED_DEFAULTS) for r in doc["roles"]]
    doc["tiers"] = [_with_defaults(t, NAMED_DEFAULTS) for t in doc["tiers"]]
    doc["rules"] = [_with_defaults(r, RULE_DEFAULTS) for r in doc["rules"]]
    doc["obligations"] = [_canonical_obligation(o, version2) for o in doc["obligations"]]
    doc["crosswalk"] = [{"note": "", **link} for link in doc.get("crosswalk", [])]
    if version2:
        _canonical_format_2(doc)
    return doc


# Booleans that are dropped from exports when false (their default).
FALSE_DEFAULTS = frozenset({"per_market", "allow_unknown", "prohibits_use", "applies_despite_ban"})
# Values kept verbatim: null and false mean something there.
VERBATIM_KEYS = frozenset({"values", "if_unknown"})


def _is_default(key: str, value: Any) -> bool:
    if key == "values":
        return False
    if key in FALSE_DEFAULTS and value is False:
        return True
    return value is None or value == "" or value == [] or (key == "help_by_framework" and value == {})


def _strip_defaults(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (v if k in VERBATIM_KEYS else _strip_defaults(v)) for k, v in value.items() if not _is_default(k, v)}
    if isinstance(value, list):
        return [_strip_defaults(v) for v in value]
    return value


def compact(document: dict) -> dict:
    """The canonical document without default values, for readable YAML export."""
    doc = _strip_defaults(canonicalize(document))
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


# Question fields that explain, not define, a question: outside the content hash.
EXPLANATORY_QUESTION_FIELDS = ("help", "help_by_framework")


def explanatory_texts(document: dict) -> dict[str, dict]:
    """Per question code: its help, its help by framework and its choices' help (canonical form)."""
    out = {}
    for section in canonicalize(document)["sections"]:
        for q in section["questions"]:
            out[q["code"]] = {"help": q["help"], "help_by_framework": dict(q["help_by_framework"]),
                              "choices": {c["code"]: c["help"] for c in q["choices"]}}
    return out


# Version fields that follow its life (publish, retire), not its legal content.
LIFECYCLE_FIELDS = ("status", "in_force_until")


def content_hash(document: dict) -> str:
    """SHA-256 of the canonical form of one version's legal content.

    Left out: the status and the end date (``in_force_until``), which change when a newer
    version is published and retires this one without changing what it says, so a page open
    on a version keeps working through a publish; and the framework's display metadata (name,
    description), which every version of a framework shares and which follows the newest file
    loaded. A format-2 version's market and out-of-scope reason are content. Help texts are left out
    too: they explain a question and change no answer and no result, so they are corrected in place
    like translations; a change of what a question asks is a new question code.
    """
    doc = canonicalize(document)
    for section in doc["sections"]:
        for question in section["questions"]:
            for field in EXPLANATORY_QUESTION_FIELDS:
                question.pop(field, None)
            for choice in question["choices"]:
                choice.pop("help", None)
    doc["version"] = {k: v for k, v in doc["version"].items() if k not in LIFECYCLE_FIELDS}
    framework = {"code": doc["framework"]["code"]}
    if document_format(doc) >= 2:
        framework.update(market=doc["framework"]["market"], out_of_scope_reason=doc["framework"]["out_of_scope_reason"])
    doc["framework"] = framework
    payload = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
