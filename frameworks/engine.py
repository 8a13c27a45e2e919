"""The evaluation engine: answers and compiled rule sets in, results and a trace out.

``evaluate`` is a pure function. It never touches the database; callers load and
compile the pinned rule-set versions first (see ``selectors.compiled_ruleset``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .answers import MAX_TEXT_LENGTH, MISSING, answer_problem, market_value, neutral_value, per_market_problem
from .document import UNKNOWN
from .ruleset import CompiledCondition, CompiledException, CompiledQuestion, CompiledRuleSet

__all__ = ["MAX_TEXT_LENGTH", "answer_problem", "neutral_value", "evaluate", "visibility", "validate_answers"]

APPLIES_NOW = "applies_now"
APPLIES_LATER = "applies_later"
NOT_APPLICABLE = "not_applicable"
# A duty that would apply, but the practice it assumes lawful is prohibited (a tier with prohibits_use).
MOOT = "moot"


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


@dataclass
class PreparedAnswers:
    """One rule set's view of the answers: condition values, visible questions, assumed unknowns."""

    values: dict
    visible: set[str]
    answered: set[str]
    unknown: dict[str, Any]


def _plain_answer(q: CompiledQuestion, raw: Any, market: str | None) -> Any:
    value = market_value(q.type, raw, market)
    if value is MISSING:
        return MISSING
    return tuple(value) if q.type == "multiple_choice" and isinstance(value, list) else value


def _prepare(rule_set: CompiledRuleSet, answers: Mapping[str, Any]) -> PreparedAnswers:
    """Resolve per-market answers for the rule set's market, 'unknown' to if_unknown, and visibility."""
    values: dict[str, Any] = {q.code: neutral_value(q.type) for q in rule_set.questions}
    visible: set[str] = set()
    answered: set[str] = set()
    unknown: dict[str, Any] = {}
    for q in rule_set.questions:
        if q.visible_if is not None and not q.visible_if(values):
            continue
        visible.add(q.code)
        if q.code not in answers:
            continue
        value = _plain_answer(q, answers[q.code], rule_set.market)
        if value is MISSING:
            continue
        answered.add(q.code)
        if value == UNKNOWN and q.allow_unknown:
            value = tuple(q.if_unknown) if q.type == "multiple_choice" else q.if_unknown
            unknown[q.code] = q.if_unknown
        values[q.code] = value
    for definition in rule_set.definitions:
        values[definition.code] = definition.condition(values)
    return PreparedAnswers(values, visible, answered, unknown)


def _question_values(rule_set: CompiledRuleSet, answers: Mapping[str, Any]) -> tuple[dict, set[str]]:
    """Condition values for one rule set, and the codes of its visible questions."""
    prepared = _prepare(rule_set, answers)
    return prepared.values, prepared.visible


def _merge_shown(rule_sets: Sequence[CompiledRuleSet], visible_sets: Sequence[set[str]]) -> dict[str, bool]:
    shown: dict[str, bool] = {}
    for rule_set, visible in zip(rule_sets, visible_sets, strict=True):
        for q in rule_set.questions:
            shown[q.code] = shown.get(q.code, False) or q.code in visible
    return shown


def visibility(rule_sets: Sequence[CompiledRuleSet], answers: Mapping[str, Any]) -> dict[str, bool]:
    """Whether each question is shown: visible if any selected rule set shows it."""
    return _merge_shown(rule_sets, [_prepare(rs, answers).visible for rs in rule_sets])


def question_definitions(rule_sets: Sequence[CompiledRuleSet]) -> dict[str, list[CompiledQuestion]]:
    definitions: dict[str, list[CompiledQuestion]] = {}
    for rule_set in rule_sets:
        for q in rule_set.questions:
            definitions.setdefault(q.code, []).append(q)
    return definitions


def value_problem(definitions: Sequence[CompiledQuestion], value: Any) -> str | None:
    """Why ``value`` is not valid for a code asked by these questions (one per rule set), or None."""
    if isinstance(value, Mapping):
        if not any(q.per_market for q in definitions):
            return "this question takes one answer for every market, not an answer per market"
        # Plain (older) definitions of the code read the mapping as a union, so check entries against all.
        checks = (per_market_problem(q, value) if q.per_market else
                  next((f"{m}: {p}" for m, v in value.items() if (p := answer_problem(q, v))), None)
                  for q in definitions)
    else:
        checks = (answer_problem(q, value) for q in definitions)
    return next((m for m in checks if m), None)


def _type_problems(rule_sets: Sequence[CompiledRuleSet], answers: Mapping[str, Any]) -> list[AnswerProblem]:
    definitions = question_definitions(rule_sets)
    problems = []
    for code, value in answers.items():
        if code not in definitions:
            problems.append(AnswerProblem(code, "no such question in the selected rule sets"))
            continue
        message = value_problem(definitions[code], value)
        if message:
            problems.append(AnswerProblem(code, message))
    return problems


def _hidden_problems(answers: Mapping[str, Any], shown: Mapping[str, bool]) -> list[AnswerProblem]:
    """Answers to questions no selected framework asks are refused.

    A per-market answer ({market: value}) is not: its entries for markets no selected framework
    reads are simply not read (the user may describe markets beyond the selected frameworks).
    """
    return [AnswerProblem(code, "this question is not asked given the other answers, so it cannot be answered")
            for code, value in answers.items() if not shown.get(code, False) and not isinstance(value, Mapping)]


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
    scope_reason: str = ""
    scope_rules: list[dict] = field(default_factory=list)
    assumed: list[dict] = field(default_factory=list)
    market: str | None = None


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


def _definition_trace(rule_set: CompiledRuleSet, values: Mapping[str, Any]) -> list[dict]:
    return [{"kind": "definition", "code": d.code, "value": values[d.code], "condition": d.condition.source,
             "answers": _trace_answers(d.condition, values), "description": d.description, "citation": d.citation}
            for d in rule_set.definitions]


@dataclass
class _Classification:
    tiers: list[str]
    roles: list[str]
    fired_scope: list[tuple[str, dict]]
    has_scope_rules: bool


def _run_rules(rule_set: CompiledRuleSet, values: dict, trace: list[dict]) -> _Classification:
    tiers: list[str] = []
    roles: list[str] = []
    values["tiers"], values["roles"] = tiers, roles
    result = _Classification(tiers, roles, [], False)
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
            result.has_scope_rules = True
        if not fired:
            continue
        if rule.assign_kind == "tier" and rule.assign_value not in tiers:
            tiers.append(rule.assign_value)
        elif rule.assign_kind == "role" and rule.assign_value not in roles:
            roles.append(rule.assign_value)
        elif rule.assign_kind == "scope":
            result.fired_scope.append((rule.assign_value, spec))
    return result


def _scope_entry(value: str, spec: dict) -> dict:
    return {"code": spec["code"], "scope": value, "explanation": spec["explanation"], "citation": spec["citation"]}


def _decide_scope(rule_set: CompiledRuleSet, found: _Classification) -> tuple[bool, str, list[dict]]:
    """In scope when a scope-in rule fired and no scope-out rule did; with the deciding rules' reasons.

    A format-1 rule set without scope rules applies to every system (as it always did).
    """
    fired_in = [_scope_entry(v, s) for v, s in found.fired_scope if v == "in"]
    fired_out = [_scope_entry(v, s) for v, s in found.fired_scope if v == "out"]
    if fired_out:
        return False, scope_reason_text(rule_set, in_scope=False, deciding=fired_out), fired_out
    if fired_in:
        return True, scope_reason_text(rule_set, in_scope=True, deciding=fired_in), fired_in
    if rule_set.format < 2 and not found.has_scope_rules:
        return True, scope_reason_text(rule_set, in_scope=True, deciding=[]), []
    return False, scope_reason_text(rule_set, in_scope=False, deciding=[]), []


def scope_reason_text(rule_set: CompiledRuleSet, *, in_scope: bool, deciding: list[dict]) -> str:
    """The scope sentence from the deciding rules' entries ({explanation, citation}); also used to say a
    stored result again in another language, with the entries' explanations taken from a localized rule set."""
    if deciding:
        reasons = "; and ".join(f"{e['explanation']} ({e['citation']})" for e in deciding)
        return f"{'In scope' if in_scope else 'Out of scope'} because {reasons}."
    if in_scope:
        return "This rule set has no scope rules: it applies to every AI system."
    return rule_set.framework.get("out_of_scope_reason") or "No scope rule of this framework reaches the system."


def _evaluate_one(rule_set: CompiledRuleSet, prepared: PreparedAnswers, answers: Mapping[str, Any],
                  as_of: dt.date) -> FrameworkResult:
    values, visible = prepared.values, prepared.visible
    unanswered = [q.code for q in rule_set.questions
                  if q.required and q.code in visible and q.code not in prepared.answered]
    trace: list[dict] = _definition_trace(rule_set, values)
    found = _run_rules(rule_set, values, trace)
    in_scope, scope_reason, scope_rules = _decide_scope(rule_set, found)
    tiers, roles = (found.tiers, found.roles) if in_scope else ([], [])
    values["tiers"], values["roles"] = tiers, roles
    obligations = [_evaluate_obligation(rule_set, o, values, tiers, roles, in_scope, as_of, trace)
                   for o in rule_set.obligations]
    _apply_ban(rule_set, tiers, obligations, trace)
    return FrameworkResult(
        framework=rule_set.framework, version=rule_set.version, content_hash=rule_set.content_hash,
        in_scope=in_scope, tiers=tiers, roles=roles, obligations=obligations, trace=trace,
        unanswered=unanswered, rule_set=rule_set, scope_reason=scope_reason, scope_rules=scope_rules,
        assumed=_assumed(rule_set, prepared, trace), market=rule_set.market,
    )


def _read_variables(rule_set: CompiledRuleSet, trace: list[dict]) -> set[str]:
    """Every name a rule, exception, obligation or date entry actually read, through definitions too."""
    read: set[str] = set()
    for entry in trace:
        if entry["kind"] == "definition":
            continue
        read.update(entry.get("answers", {}))
        read.update(entry.get("date_answers", {}))
        for exc in entry.get("exceptions", []):
            read.update(exc["answers"])
    for definition in reversed(rule_set.definitions):  # later definitions may use earlier ones
        if definition.code in read:
            read.update(definition.condition.variables)
    return read


def _assumed(rule_set: CompiledRuleSet, prepared: PreparedAnswers, trace: list[dict]) -> list[dict]:
    if not prepared.unknown:
        return []
    read = _read_variables(rule_set, trace)
    return [{"question": code, "value": value,
             "reason": "You answered \"I don't know\"; the result assumes the more demanding answer. Review it."}
            for code, value in prepared.unknown.items() if code in read]


def _apply_ban(rule_set: CompiledRuleSet, tiers: list[str], obligations: list[ObligationResult],
               trace: list[dict]) -> None:
    """Bans lead: duties that assume lawful use become moot when a prohibiting tier is assigned.

    The ban's own duties (obligations that need the prohibiting tier) and those marked
    applies_despite_ban keep their status.
    """
    banned = [t for t in tiers if t in rule_set.prohibiting_tiers]
    if not banned:
        return
    tier = rule_set.tiers[banned[0]]
    reason = f"Moot: the practice is prohibited ({tier['label']}, {tier['citation'] or tier['label']})."
    compiled = {o.code: o for o in rule_set.obligations}
    entries = {e["code"]: e for e in trace if e["kind"] == "obligation"}
    for result in obligations:
        o = compiled[result.code]
        if result.status not in (APPLIES_NOW, APPLIES_LATER) or o.applies_despite_ban or o.tiers & set(banned):
            continue
        result.status, result.reason = MOOT, reason
        entries[result.code].update(status=MOOT, reason=reason)


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
    date_answers: dict = {}
    entry = None
    for candidate in o.applies_from:
        if candidate.when is not None:
            date_answers.update(_trace_answers(candidate.when, values))
        if candidate.when is None or candidate.when(values):
            entry = candidate
            break
    if date_answers:
        condition["date_answers"] = date_answers
    if o.applies_until is not None and as_of >= o.applies_until:
        return not_applicable(f"Applied only until {o.applies_until.isoformat()}.", condition)
    assert entry is not None, "the loader requires the last applies_from date to have no condition"
    status = APPLIES_NOW if entry.date <= as_of else APPLIES_LATER
    trace.append({"kind": "obligation", "code": o.code, "applies": True, "status": status,
                  "applies_from": entry.date.isoformat(), "date_citation": entry.citation, **condition,
                  "exceptions": exception_trace})
    return ObligationResult(o.code, status, entry.date, o.applies_until, "", entry.citation, o.spec)


def evaluate(rule_sets: Sequence[CompiledRuleSet], answers: Mapping[str, Any], as_of: dt.date) -> Evaluation:
    """Classify one AI system under each rule set. Raises InvalidAnswers for bad answers.

    Each rule set reads per-market answers for its own market only, so an answer about one
    market never changes another market's result.
    """
    problems = _type_problems(rule_sets, answers)
    if problems:
        raise InvalidAnswers(problems)
    # Visibility is worked out once per rule set and reused for the hidden-answer check and the evaluation.
    prepared = [_prepare(rs, answers) for rs in rule_sets]
    problems = _hidden_problems(answers, _merge_shown(rule_sets, [p.visible for p in prepared]))
    if problems:
        raise InvalidAnswers(problems)
    return Evaluation(as_of=as_of, results={
        rs.framework_code: _evaluate_one(rs, p, answers, as_of) for rs, p in zip(rule_sets, prepared, strict=True)})


# --- JSON output (the stable machine interface of `manage.py classify`) -----------------


def _named(items: dict, codes: list[str]) -> list[dict]:
    keys = ("code", "label", "local_label", "rank", "description", "citation", "prohibits_use")
    return [{k: items[c][k] for k in keys if k in items[c]} for c in codes]


def _obligation_dict(o: ObligationResult, as_of: dt.date) -> dict:
    spec = o.spec
    return {
        "code": o.code, "title": spec["title"], "local_title": spec["local_title"], "status": o.status,
        "applies_from": o.applies_from.isoformat() if o.applies_from else None,
        "applies_until": o.applies_until.isoformat() if o.applies_until else None,
        "days_until_applies": (o.applies_from - as_of).days if o.status == APPLIES_LATER and o.applies_from
        else None,
        "reason": o.reason, "citation": spec["citation"], "date_citation": o.date_citation,
        "source_url": spec["source_url"], "confidence": spec["confidence"], "nature": spec["nature"],
        "roles": spec["roles"], "penalty": spec["penalty"],
    }


def _result_dict(result: FrameworkResult, as_of: dt.date) -> dict:
    return {
        "framework": result.framework["code"], "name": result.framework["name"],
        "version": result.version["label"], "version_title": result.version["title"],
        "content_hash": result.content_hash, "in_scope": result.in_scope,
        "scope_reason": result.scope_reason, "scope_rules": result.scope_rules, "market": result.market,
        "tiers": _named(result.rule_set.tiers, result.tiers), "roles": _named(result.rule_set.roles, result.roles),
        "obligations": [_obligation_dict(o, as_of) for o in result.obligations],
        "unanswered": result.unanswered, "assumed": result.assumed, "trace": result.trace,
    }
