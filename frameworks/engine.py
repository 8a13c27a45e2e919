"""The evaluation engine: answers and compiled rule sets in, results and a trace out.

``evaluate`` is a pure function. It never touches the database; callers load and
compile the pinned rule-set versions first (see ``selectors.compiled_ruleset``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .ruleset import CompiledCondition, CompiledException, CompiledQuestion, CompiledRuleSet

APPLIES_NOW = "applies_now"
APPLIES_LATER = "applies_later"
NOT_APPLICABLE = "not_applicable"
MAX_TEXT_LENGTH = 5000


@dataclass(frozen=True)
class AnswerProblem:
    question: str
    message: str

    def __str__(self) -> str:
        return f"{self.question}: {self.message}"


class InvalidAnswers(ValueError):
    def __init__(self, problems: Iterable[AnswerProblem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def neutral_value(question_type: str) -> Any:
    """What an unanswered or hidden question counts as inside conditions."""
    if question_type == "yes_no":
        return False
    if question_type == "multiple_choice":
        return ()
    if question_type in ("single_choice", "text"):
        return ""
    return None


def answer_problem(question: CompiledQuestion, value: Any) -> str | None:
    """Why ``value`` is not a valid answer to ``question``, or None if it is."""
    kind = question.type
    if kind == "yes_no":
        return None if isinstance(value, bool) else "expected yes or no (true or false)"
    if kind == "single_choice":
        if not isinstance(value, str):
            return "expected one choice code"
        if value not in question.choices:
            return f"'{value}' is not one of the choices: {', '.join(sorted(question.choices))}"
        return None
    if kind == "multiple_choice":
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            return "expected a list of choice codes"
        unknown = [v for v in value if v not in question.choices]
        if unknown:
            return f"{', '.join(repr(v) for v in unknown)} not among the choices: {', '.join(sorted(question.choices))}"
        if len(set(value)) != len(value):
            return "a choice is listed twice"
        return None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return "expected a number"
        unit = f" {question.spec['unit']}" if question.spec.get("unit") else ""
        if question.minimum is not None and value < question.minimum:
            return f"must be at least {question.minimum:g}{unit}"
        if question.maximum is not None and value > question.maximum:
            return f"must be at most {question.maximum:g}{unit}"
        return None
    if kind == "date":
        try:
            if isinstance(value, str) and len(value) == 10:
                dt.date.fromisoformat(value)
                return None
        except ValueError:
            pass
        return "expected a date as YYYY-MM-DD"
    if not isinstance(value, str):
        return "expected text"
    if len(value) > MAX_TEXT_LENGTH:
        return f"text is longer than {MAX_TEXT_LENGTH} characters"
    return None


def _question_values(rule_set: CompiledRuleSet, answers: Mapping[str, Any]) -> tuple[dict, set[str]]:
    """Condition values for one rule set, and the codes of its visible questions."""
    values: dict[str, Any] = {}
    visible: set[str] = set()
    for q in rule_set.questions:
        values[q.code] = neutral_value(q.type)
    for q in rule_set.questions:
        if q.visible_if is None or q.visible_if(values):
            visible.add(q.code)
            if q.code in answers:
                value = answers[q.code]
                values[q.code] = tuple(value) if q.type == "multiple_choice" else value
    return values, visible


def _merge_shown(rule_sets: Sequence[CompiledRuleSet], visible_sets: Sequence[set[str]]) -> dict[str, bool]:
    shown: dict[str, bool] = {}
    for rule_set, visible in zip(rule_sets, visible_sets, strict=True):
        for q in rule_set.questions:
            shown[q.code] = shown.get(q.code, False) or q.code in visible
    return shown


def visibility(rule_sets: Sequence[CompiledRuleSet], answers: Mapping[str, Any]) -> dict[str, bool]:
    """Whether each question is shown: visible if any selected rule set shows it."""
    return _merge_shown(rule_sets, [_question_values(rs, answers)[1] for rs in rule_sets])


def _type_problems(rule_sets: Sequence[CompiledRuleSet], answers: Mapping[str, Any]) -> list[AnswerProblem]:
    definitions: dict[str, list[CompiledQuestion]] = {}
    for rule_set in rule_sets:
        for q in rule_set.questions:
            definitions.setdefault(q.code, []).append(q)
    problems = []
    for code, value in answers.items():
        if code not in definitions:
            problems.append(AnswerProblem(code, "no such question in the selected rule sets"))
            continue
        message = next((m for m in (answer_problem(q, value) for q in definitions[code]) if m), None)
        if message:
            problems.append(AnswerProblem(code, message))
    return problems


def _hidden_problems(answers: Mapping[str, Any], shown: Mapping[str, bool]) -> list[AnswerProblem]:
    return [AnswerProblem(code, "this question is not asked given the other answers, so it cannot be answered")
            for code in answers if not shown.get(code, False)]


def validate_answers(rule_sets: Sequence[CompiledRuleSet], answers: Mapping[str, Any]) -> None:
    """Reject unknown questions, wrong types, unknown choices and answers to hidden questions."""
    problems = _type_problems(rule_sets, answers) or _hidden_problems(answers, visibility(rule_sets, answers))
    if problems:
        raise InvalidAnswers(problems)


@dataclass
class ObligationResult:
    code: str
    status: str
    applies_from: dt.date | None
    applies_until: dt.date | None
    reason: str
    date_citation: str
    spec: dict = field(repr=False)


@dataclass
class FrameworkResult:
    framework: dict
    version: dict
    content_hash: str
    in_scope: bool
    tiers: list[str]
    roles: list[str]
    obligations: list[ObligationResult]
    trace: list[dict]
    unanswered: list[str]
    rule_set: CompiledRuleSet = field(repr=False)


@dataclass
class Evaluation:
    as_of: dt.date
    results: dict[str, FrameworkResult]

    def to_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "frameworks": {code: _result_dict(r, self.as_of) for code, r in self.results.items()}}


def _trace_answers(condition: CompiledCondition, values: Mapping[str, Any]) -> dict:
    out = {}
    for name in condition.variables:
        value = values[name]
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def _first_exception(exceptions: tuple[CompiledException, ...], values: Mapping[str, Any]) -> tuple[CompiledException | None, list[dict]]:
    fired, entries = None, []
    for exc in exceptions:
        holds = exc.condition(values)
        entries.append({"code": exc.code, "label": exc.label, "citation": exc.citation, "applies": holds,
                        "condition": exc.condition.source, "answers": _trace_answers(exc.condition, values)})
        if holds and fired is None:
            fired = exc
    return fired, entries


def _evaluate_one(rule_set: CompiledRuleSet, answers: Mapping[str, Any], values: dict, visible: set[str],
                  as_of: dt.date) -> FrameworkResult:
    unanswered = [q.code for q in rule_set.questions if q.required and q.code in visible and q.code not in answers]
    tiers: list[str] = []
    roles: list[str] = []
    values["tiers"], values["roles"] = tiers, roles
    trace: list[dict] = []
    scope_in = scope_out = False
    has_scope_rules = False

    for rule in rule_set.rules:
        holds = rule.when(values)
        exception, exception_trace = _first_exception(rule.unless, values) if holds else (None, [])
        fired = holds and exception is None
        spec = rule.spec
        trace.append({
            "kind": "rule", "code": rule.code, "assigns": {rule.assign_kind: rule.assign_value}, "fired": fired,
            "condition": rule.when.source, "answers": _trace_answers(rule.when, values),
            "explanation": spec["explanation"], "citation": spec["citation"], "confidence": spec["confidence"],
            "exceptions": exception_trace,
        })
        if rule.assign_kind == "scope":
            has_scope_rules = True
        if not fired:
            continue
        if rule.assign_kind == "tier" and rule.assign_value not in tiers:
            tiers.append(rule.assign_value)
        elif rule.assign_kind == "role" and rule.assign_value not in roles:
            roles.append(rule.assign_value)
        elif rule.assign_kind == "scope":
            scope_in |= rule.assign_value == "in"
            scope_out |= rule.assign_value == "out"
    in_scope = (scope_in or not has_scope_rules) and not scope_out
    if not in_scope:
        tiers, roles = [], []
        values["tiers"], values["roles"] = tiers, roles

    obligations = [_evaluate_obligation(rule_set, o, values, tiers, roles, in_scope, as_of, trace) for o in rule_set.obligations]
    return FrameworkResult(
        framework=rule_set.framework, version=rule_set.version, content_hash=rule_set.content_hash,
        in_scope=in_scope, tiers=tiers, roles=roles, obligations=obligations, trace=trace,
        unanswered=unanswered, rule_set=rule_set,
    )


def _evaluate_obligation(rule_set, o, values, tiers, roles, in_scope, as_of, trace) -> ObligationResult:
    def not_applicable(reason: str, entry: dict | None = None) -> ObligationResult:
        trace.append({"kind": "obligation", "code": o.code, "applies": False, "reason": reason, **(entry or {})})
        return ObligationResult(o.code, NOT_APPLICABLE, None, o.applies_until, reason, "", o.spec)

    if not in_scope:
        return not_applicable("The framework does not apply to this system.")
    if o.roles and not o.roles.intersection(roles):
        labels = ", ".join(rule_set.roles[r]["label"] for r in o.spec["roles"])
        return not_applicable(f"Binds only: {labels}.")
    if o.tiers and not o.tiers.intersection(tiers):
        labels = ", ".join(rule_set.tiers[t]["label"] for t in o.spec["tiers"])
        return not_applicable(f"Applies only to: {labels}.")
    condition = {}
    if o.when is not None:
        condition = {"condition": o.when.source, "answers": _trace_answers(o.when, values)}
        if not o.when(values):
            return not_applicable("Its condition is not met by your answers.", condition)
    exception, exception_trace = _first_exception(o.unless, values)
    if exception is not None:
        return not_applicable(f"Exception applies: {exception.label} ({exception.citation}).",
                              {**condition, "exceptions": exception_trace})
    entry = next(e for e in o.applies_from if e.when is None or e.when(values))
    if o.applies_until is not None and as_of >= o.applies_until:
        return not_applicable(f"Applied only until {o.applies_until.isoformat()}.", condition)
    status = APPLIES_NOW if entry.date <= as_of else APPLIES_LATER
    trace.append({"kind": "obligation", "code": o.code, "applies": True, "status": status,
                  "applies_from": entry.date.isoformat(), "date_citation": entry.citation, **condition,
                  "exceptions": exception_trace})
    return ObligationResult(o.code, status, entry.date, o.applies_until, "", entry.citation, o.spec)


def evaluate(rule_sets: Sequence[CompiledRuleSet], answers: Mapping[str, Any], as_of: dt.date) -> Evaluation:
    """Classify one AI system under each rule set. Raises InvalidAnswers for bad answers."""
    problems = _type_problems(rule_sets, answers)
    if problems:
        raise InvalidAnswers(problems)
    # Visibility is worked out once per rule set and reused for the hidden-answer check and the evaluation.
    prepared = [_question_values(rs, answers) for rs in rule_sets]
    problems = _hidden_problems(answers, _merge_shown(rule_sets, [visible for _, visible in prepared]))
    if problems:
        raise InvalidAnswers(problems)
    return Evaluation(as_of=as_of, results={
        rs.framework_code: _evaluate_one(rs, answers, values, visible, as_of)
        for rs, (values, visible) in zip(rule_sets, prepared, strict=True)})


# --- JSON output (the stable machine interface of `manage.py classify`) -----------------


def _named(items: dict, codes: list[str]) -> list[dict]:
    keys = ("code", "label", "local_label", "rank", "description", "citation")
    return [{k: items[c][k] for k in keys if k in items[c]} for c in codes]


def _result_dict(result: FrameworkResult, as_of: dt.date) -> dict:
    obligations = []
    for o in result.obligations:
        spec = o.spec
        obligations.append({
            "code": o.code, "title": spec["title"], "local_title": spec["local_title"], "status": o.status,
            "applies_from": o.applies_from.isoformat() if o.applies_from else None,
            "applies_until": o.applies_until.isoformat() if o.applies_until else None,
            "days_until_applies": (o.applies_from - as_of).days if o.status == APPLIES_LATER else None,
            "reason": o.reason, "citation": spec["citation"], "date_citation": o.date_citation,
            "source_url": spec["source_url"], "confidence": spec["confidence"], "nature": spec["nature"],
            "roles": spec["roles"], "penalty": spec["penalty"],
        })
    return {
        "framework": result.framework["code"], "name": result.framework["name"],
        "version": result.version["label"], "version_title": result.version["title"],
        "content_hash": result.content_hash, "in_scope": result.in_scope,
        "tiers": _named(result.rule_set.tiers, result.tiers), "roles": _named(result.rule_set.roles, result.roles),
        "obligations": obligations, "unanswered": result.unanswered, "trace": result.trace,
    }
