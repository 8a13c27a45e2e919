"""What a new rule-set version changes for one assessment's answers (pure, no database).

The same functions serve the publish preview, the "rules updated" notices, the batch
re-evaluation and the upgrade itself, so all of them agree on what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .diff import RuleSetDiff, diff_documents
from .document import mapping_key
from .engine import (
    MOOT,
    NOT_APPLICABLE,
    Evaluation,
    FrameworkResult,
    answer_problem,
    evaluate,
    question_definitions,
    value_problem,
    visibility,
)
from .ruleset import CompiledQuestion, CompiledRuleSet

NEW = "new"
DROPPED = "dropped"
DATE = "date"


@dataclass(frozen=True)
class ObligationChange:
    code: str
    title: str
    kind: str  # NEW, DROPPED or DATE
    citation: str
    confidence: str
    old_status: str | None
    new_status: str | None
    old_date: str | None
    new_date: str | None
    reason: str = ""

    @property
    def unverified(self) -> bool:
        return self.confidence == "unverified"


@dataclass(frozen=True)
class ResultChange:
    """How one framework's result differs between two versions, for the same answers."""

    framework: str
    framework_name: str
    old_label: str
    new_label: str
    old_in_scope: bool
    new_in_scope: bool
    tiers_added: tuple[dict, ...] = ()
    tiers_removed: tuple[dict, ...] = ()
    roles_added: tuple[dict, ...] = ()
    roles_removed: tuple[dict, ...] = ()
    obligations: tuple[ObligationChange, ...] = ()

    @property
    def changed(self) -> bool:
        return (self.old_in_scope != self.new_in_scope or bool(self.tiers_added or self.tiers_removed
                or self.roles_added or self.roles_removed or self.obligations))

    def of_kind(self, kind: str) -> list[ObligationChange]:
        return [o for o in self.obligations if o.kind == kind]

    @property
    def new_obligations(self) -> list[ObligationChange]:
        return self.of_kind(NEW)

    @property
    def dropped_obligations(self) -> list[ObligationChange]:
        return self.of_kind(DROPPED)

    @property
    def date_changes(self) -> list[ObligationChange]:
        return self.of_kind(DATE)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ResultChange:
        values = dict(data)
        for name in ("tiers_added", "tiers_removed", "roles_added", "roles_removed"):
            values[name] = tuple(values.get(name, ()))
        values["obligations"] = tuple(ObligationChange(**o) for o in values.get("obligations", ()))
        return cls(**values)


def _named(items: dict, codes: Sequence[str]) -> tuple[dict, ...]:
    return tuple({"code": c, "label": items[c]["label"], "local_label": items[c].get("local_label", "")} for c in codes)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def compare_results(old: FrameworkResult, new: FrameworkResult) -> ResultChange:
    """Tiers, roles, scope and obligations that differ between two results of one framework."""
    old_obligations = {o.code: o for o in old.obligations}
    new_obligations = {o.code: o for o in new.obligations}
    changes: list[ObligationChange] = []

    def change(kind: str, spec: dict, before, after, reason: str = "") -> ObligationChange:
        return ObligationChange(
            code=spec["code"], title=spec["title"], kind=kind, citation=spec["citation"],
            confidence=spec["confidence"], old_status=before.status if before else None,
            new_status=after.status if after else None, old_date=_iso(before.applies_from) if before else None,
            new_date=_iso(after.applies_from) if after else None, reason=reason)

    for code, after in new_obligations.items():
        before = old_obligations.get(code)
        was, now = _applies(before), _applies(after)
        if now and not was:
            changes.append(change(NEW, after.spec, before, after,
                                  "added to the rules" if before is None else "now applies to your answers"))
        elif now and was and before is not None and (before.applies_from != after.applies_from or before.applies_until != after.applies_until):
            changes.append(change(DATE, after.spec, before, after, after.date_citation))
        elif was and not now:
            changes.append(change(DROPPED, after.spec, before, after, after.reason))
    for code, before in old_obligations.items():
        if code not in new_obligations and _applies(before):
            changes.append(change(DROPPED, before.spec, before, None, "removed from the rules"))

    return ResultChange(
        framework=new.framework["code"], framework_name=new.framework["name"],
        old_label=old.version["label"], new_label=new.version["label"],
        old_in_scope=old.in_scope, new_in_scope=new.in_scope,
        tiers_added=_named(new.rule_set.tiers, [t for t in new.tiers if t not in old.tiers]),
        tiers_removed=_named(old.rule_set.tiers, [t for t in old.tiers if t not in new.tiers]),
        roles_added=_named(new.rule_set.roles, [r for r in new.roles if r not in old.roles]),
        roles_removed=_named(old.rule_set.roles, [r for r in old.roles if r not in new.roles]),
        obligations=tuple(changes),
    )


def _applies(result) -> bool:
    return result is not None and result.status not in (NOT_APPLICABLE, MOOT)


# --- carrying answers over to other versions ------------------------------------------


@dataclass(frozen=True)
class CarriedAnswers:
    """Stored answers sorted by what they mean under a set of rule-set versions.

    ``usable`` are valid answers (some multiple-choice answers with withdrawn choices
    removed, listed in ``adapted``); ``invalid`` no longer fit their question (the
    reason is given); ``unused`` answer questions none of the versions asks.
    """

    usable: dict[str, Any]
    adapted: dict[str, Any]
    invalid: dict[str, str]
    unused: tuple[str, ...]


def _definitions(rule_sets: Sequence[CompiledRuleSet]) -> dict[str, list[CompiledQuestion]]:
    return question_definitions(rule_sets)


def carry_answers(rule_sets: Sequence[CompiledRuleSet], values: Mapping[str, Any]) -> CarriedAnswers:
    definitions = _definitions(rule_sets)
    usable, adapted, invalid, unused = {}, {}, {}, []
    for code, value in values.items():
        questions = definitions.get(code)
        if not questions:
            unused.append(code)
            continue
        problem = value_problem(questions, value)
        if problem is None:
            usable[code] = value
            continue
        kept = _without_withdrawn_choices(questions, value)
        if kept is not None:
            usable[code] = adapted[code] = kept
        else:
            invalid[code] = problem
    return CarriedAnswers(usable, adapted, invalid, tuple(sorted(unused)))


def _without_withdrawn_choices(questions: list[CompiledQuestion], value: Any) -> list[str] | None:
    """A multiple-choice answer minus choices that no longer exist, if that makes it valid."""
    if not all(q.type == "multiple_choice" for q in questions) or not isinstance(value, list):
        return None
    kept = [v for v in value if all(v in q.choices for q in questions)]
    return kept if all(answer_problem(q, kept) is None for q in questions) else None


def shown_answers(rule_sets: Sequence[CompiledRuleSet], usable: Mapping[str, Any]) -> dict[str, Any]:
    """The answers the engine sees: those to questions the other answers show."""
    shown = visibility(rule_sets, usable)
    return {code: value for code, value in usable.items() if shown.get(code, False)}


def evaluate_stored(rule_sets: Sequence[CompiledRuleSet], values: Mapping[str, Any], as_of: dt.date) -> Evaluation:
    """Evaluate stored answers against any versions, leaving out what those versions cannot use."""
    usable = carry_answers(rule_sets, values).usable
    return evaluate(rule_sets, shown_answers(rule_sets, usable), as_of)


# --- answer mappings: old question codes to new ones (rule data) ------------------------


@dataclass(frozen=True)
class MappedAnswer:
    """An answer to an older question code carried to a newer one by a version's answer_mappings.

    ``new_value`` is None when the mapping does not carry it (the new question is flagged for review).
    """

    to: str
    source: str
    old_value: Any
    new_value: Any
    note: str


def _map_value(table: dict | None, old: Any) -> Any:
    if isinstance(old, dict):  # a per-market answer maps market by market
        mapped = {market: _map_value(table, v) for market, v in old.items()}
        return {m: v for m, v in mapped.items() if v is not None} or None
    if table is None:
        return None
    if isinstance(old, list):
        return [v for v in (table.get(mapping_key(item), item) for item in old) if v is not None]
    return table.get(mapping_key(old), old)


def map_answers(rule_sets: Sequence[CompiledRuleSet], values: Mapping[str, Any]) -> list[MappedAnswer]:
    """Answers the rule sets' answer_mappings carry from old codes to new codes not answered yet.

    A carried value the new question would refuse is not carried (new_value None).
    """
    definitions = question_definitions(rule_sets)
    out: list[MappedAnswer] = []
    seen: set[str] = set()
    for rule_set in rule_sets:
        for mapping in rule_set.answer_mappings:
            source, target = mapping["from"], mapping["to"]
            if source not in values or values[source] is None or target in values or target in seen:
                continue
            if target not in definitions:
                continue
            seen.add(target)
            new = _map_value(mapping["values"], values[source]) if "values" in mapping else values[source]
            if new is not None and value_problem(definitions[target], new):
                new = None
            out.append(MappedAnswer(target, source, values[source], new, mapping.get("note", "")))
    return out


def with_mapped(values: Mapping[str, Any], mapped: Sequence[MappedAnswer]) -> dict[str, Any]:
    return {**values, **{m.to: m.new_value for m in mapped if m.new_value is not None}}


# --- upgrading an assessment ---------------------------------------------------------

REVIEW_NEW = "new"
REVIEW_CHOICES_CHANGED = "choices_changed"
REVIEW_ANSWER_CLEARED = "answer_cleared"
REVIEW_ANSWER_ADAPTED = "answer_adapted"
REVIEW_MAPPED = "mapped"
REVIEW_NOT_CARRIED = "not_carried"


@dataclass(frozen=True)
class ReviewNeed:
    question: str
    prompt: str
    reason: str
    detail: str
    framework: str
    previous_value: Any = None


@dataclass
class UpgradePlan:
    """What moving some of an assessment's frameworks to newer versions does, before it is done."""

    as_of: dt.date
    changes: dict[str, ResultChange]
    reviews: list[ReviewNeed]
    unused: tuple[str, ...]
    rewritten: dict[str, Any]  # question code -> new stored value (None clears it)
    prompts: dict[str, str] = field(default_factory=dict)
    mapped: list[MappedAnswer] = field(default_factory=list)
    mapping_lines: list = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.changed for c in self.changes.values())

    @property
    def unused_questions(self) -> list[tuple[str, str]]:
        """(code, prompt) of answered questions the new versions no longer ask."""
        return [(code, self.prompts.get(code, code)) for code in self.unused]


def compare_versions(pinned: Sequence[CompiledRuleSet], replacements: Mapping[str, CompiledRuleSet],
                     values: Mapping[str, Any], as_of: dt.date) -> dict[str, ResultChange]:
    """Each replaced framework's result change, for the same stored answers.

    ``pinned`` are the versions in use, ``replacements`` the newer versions by framework code.
    """
    upgraded = [replacements.get(rs.framework_code, rs) for rs in pinned]
    before = evaluate_stored(pinned, values, as_of)
    # The newer versions see the answers as an upgrade would leave them: mapped to their new codes.
    after = evaluate_stored(upgraded, with_mapped(values, map_answers(upgraded, values)), as_of)
    return {code: compare_results(before.results[code], after.results[code]) for code in replacements}


def plan_upgrade(pinned: Sequence[CompiledRuleSet], replacements: Mapping[str, CompiledRuleSet],
                 values: Mapping[str, Any], as_of: dt.date) -> UpgradePlan:
    """The result changes of an upgrade, the questions to review, and the answers to rewrite."""
    upgraded = [replacements.get(rs.framework_code, rs) for rs in pinned]
    mapped = map_answers(upgraded, values)
    carried = carry_answers(upgraded, with_mapped(values, mapped))
    shown = visibility(upgraded, carried.usable)
    mapped = [m for m in mapped if shown.get(m.to, False)]
    old_questions = _definitions(pinned)
    reviews: list[ReviewNeed] = []
    flagged: set[str] = set()
    # The newer wording wins; removed questions keep their old one.
    prompts = {q.code: q.spec["prompt"] for rs in [*pinned, *upgraded] for q in rs.questions}
    specs = {q.code: q.spec for rs in [*pinned, *upgraded] for q in rs.questions}

    def owner(code: str) -> str:
        return next(rs.framework_code for rs in upgraded if any(q.code == code for q in rs.questions))

    def flag(code: str, reason: str, detail: str, framework: str, previous: Any = None) -> None:
        if code not in flagged:
            flagged.add(code)
            reviews.append(ReviewNeed(code, prompts[code], reason, detail, framework, previous))

    for m in mapped:
        flag(m.to, *_mapping_review(m, prompts, specs), owner(m.to), m.old_value)
    for code, problem in carried.invalid.items():
        flag(code, REVIEW_ANSWER_CLEARED, f"Your earlier answer no longer fits this question: {problem}.",
             owner(code), values[code])
    for code, kept in carried.adapted.items():
        withdrawn = ", ".join(v for v in values[code] if v not in kept)
        flag(code, REVIEW_ANSWER_ADAPTED, f"Choices you had selected were withdrawn: {withdrawn}.", owner(code),
             values[code])
    for framework, new in replacements.items():
        old = next(rs for rs in pinned if rs.framework_code == framework)
        diff = version_diff(old, new)
        for q in new.questions:
            if not shown.get(q.code, False):
                continue
            if q.code not in old_questions:
                flag(q.code, REVIEW_NEW, "A new question in this version.", framework)
            elif q.code in diff.changed_choice_questions or _type_changed(diff, q.code):
                flag(q.code, REVIEW_CHOICES_CHANGED, "The question's choices changed; check your answer still holds.",
                     framework, values.get(q.code))

    return UpgradePlan(
        as_of=as_of, changes=compare_versions(pinned, replacements, values, as_of), reviews=reviews,
        unused=tuple(code for code in carried.unused if code in old_questions),
        rewritten={**{m.to: m.new_value for m in mapped if m.new_value is not None},
                   **carried.adapted, **dict.fromkeys(carried.invalid)},
        prompts=prompts, mapped=mapped, mapping_lines=describe_mappings(mapped, [*pinned, *upgraded]))


def _words(spec: dict | None, value: Any) -> str:
    """A value in words with the question's choice labels (kept simple: the frameworks layer has no templates)."""
    if spec is None:
        return str(value)
    if isinstance(value, dict):
        return "; ".join(f"{market.upper()}: {_words(spec, v)}" for market, v in value.items())
    if isinstance(value, bool):
        return "Yes" if value else "No"
    labels = {c["code"]: c["label"] for c in spec.get("choices", [])}
    if isinstance(value, list):
        return "; ".join(labels.get(v, str(v)) for v in value) or "None of these"
    if value == "unknown":
        return "I don't know"
    return labels.get(value, str(value))


@dataclass(frozen=True)
class MappingLine:
    """A mapped answer in words, for the "rules updated" banner and the upgrade page."""

    old_prompt: str
    old_answer: str
    new_prompt: str
    new_answer: str  # '' when not carried
    note: str


def describe_mappings(mapped: Sequence[MappedAnswer], rule_sets: Sequence[CompiledRuleSet]) -> list[MappingLine]:
    specs = {q.code: q.spec for rs in rule_sets for q in rs.questions}
    return [MappingLine(specs.get(m.source, {}).get("prompt", m.source), _words(specs.get(m.source), m.old_value),
                        specs.get(m.to, {}).get("prompt", m.to),
                        "" if m.new_value is None else _words(specs.get(m.to), m.new_value), m.note)
            for m in mapped]


def _mapping_review(m: MappedAnswer, prompts: dict[str, str], specs: dict[str, dict]) -> tuple[str, str]:
    before = f"Your answer to “{prompts.get(m.source, m.source)}” was: {_words(specs.get(m.source), m.old_value)}."
    note = f" {m.note}" if m.note else ""
    if m.new_value is None:
        return REVIEW_NOT_CARRIED, f"{before} It is not carried to this new question; please answer it.{note}"
    return REVIEW_MAPPED, (f"{before} Carried over as: {_words(specs.get(m.to), m.new_value)}. "
                           f"Check it still holds.{note}")


_diffs: dict[tuple[str, str], RuleSetDiff] = {}


def version_diff(old: CompiledRuleSet, new: CompiledRuleSet) -> RuleSetDiff:
    """The diff of two compiled versions, remembered by content hash (both are immutable content)."""
    key = (old.content_hash, new.content_hash)
    if key not in _diffs:
        if len(_diffs) > 64:
            _diffs.clear()
        _diffs[key] = diff_documents(old.document, new.document)
    return _diffs[key]


def _type_changed(diff: RuleSetDiff, code: str) -> bool:
    item = diff.find("question", code)
    return item is not None and any(f.path == "type" for f in item.fields)
