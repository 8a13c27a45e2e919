"""Results in words: explanations from the engine trace, grouped obligations, timeline, crosswalk.

Pure functions over ``selectors.AssessmentState``: results always come from the pinned
rule-set versions, recomputed on every request.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from frameworks import wording
from frameworks.document import UNKNOWN
from frameworks.engine import APPLIES_LATER, APPLIES_NOW, MOOT, NOT_APPLICABLE, FrameworkResult, ObligationResult
from frameworks.translations import TranslationNotice
from frameworks.translations import notice as translation_notice

from .questionnaire import display_value
from .selectors import AssessmentState

DERIVED_VARIABLES = ("tiers", "roles")
NATURE_LABELS = {"binding": _("binding duty"), "effort": _("duty to endeavour"), "voluntary": _("recommended practice")}
LANGUAGES = {"kr": "ko", "jp": "ja"}


def framework_language(code: str) -> str:
    """The language of a framework's local names (Korean, Japanese), for the lang attribute."""
    return LANGUAGES.get(code.split("-", 1)[0], "")


@dataclass
class AnswerRead:
    """An answer a condition read, in words."""

    code: str
    prompt: str
    value: str
    note: str


@dataclass
class ExceptionCheck:
    label: str
    citation: str
    applies: bool
    answers: list[AnswerRead]


@dataclass
class Reason:
    """One rule that decided something: 'High-risk because <explanation> (<citation>)'."""

    outcome: str
    explanation: str
    citation: str
    confidence: str
    answers: list[AnswerRead]
    exceptions: list[ExceptionCheck] = field(default_factory=list)


@dataclass
class ObligationView:
    framework_code: str
    framework_name: str
    code: str
    title: str
    local_title: str
    summary: str
    citation: str
    source_url: str
    confidence: str
    nature: str
    penalty: dict | None
    deadline: str
    evidence: list[str]
    status: str
    applies_from: dt.date | None
    applies_until: dt.date | None
    days_until: int | None
    date_citation: str
    reason: str
    roles: list[str] = field(default_factory=list)
    role_labels: list[str] = field(default_factory=list)

    @property
    def nature_label(self) -> str:
        return str(NATURE_LABELS.get(self.nature, self.nature))

    @property
    def applies(self) -> bool:
        """Applies now or later; a moot duty (the practice is prohibited) does not."""
        return self.status not in (NOT_APPLICABLE, MOOT)


@dataclass
class AssumedAnswer:
    """An "I don't know" answer the result had to assume, to be reviewed."""

    code: str
    prompt: str
    assumed: str
    reason: str


@dataclass
class FrameworkView:
    code: str
    name: str
    local_name: str
    language: str
    version_label: str
    version_title: str
    in_scope: bool
    tiers: list[dict]
    roles: list[dict]
    scope_reasons: list[Reason]
    missed_scope: list[Reason]
    tier_reasons: list[Reason]
    role_reasons: list[Reason]
    blocked: list[Reason]
    applies_now: list[ObligationView]
    applies_later: list[ObligationView]
    not_applicable: list[ObligationView]
    unanswered: list[str]
    scope_reason: str = ""
    moot: list[ObligationView] = field(default_factory=list)
    assumed: list[AssumedAnswer] = field(default_factory=list)
    prohibited_tiers: list[dict] = field(default_factory=list)
    # Said once per framework: the texts are the product's translation / some are still in English.
    translation: TranslationNotice | None = None

    @property
    def obligations(self) -> list[ObligationView]:
        return self.applies_now + self.applies_later + self.moot + self.not_applicable


class _Describer:
    """Turns trace answers into words, using the questions' prompts and choice labels."""

    def __init__(self, state: AssessmentState):
        self.specs: dict[str, dict] = {}
        for rule_set in state.rule_sets:
            for q in rule_set.questions:
                self.specs.setdefault(q.code, q.spec)
        self.used = {code: a.value for code, a in state.answers.items()
                     if a.value is not None and state.visible.get(code, False) and code not in state.invalid_codes}
        self.notes = {code: a.note for code, a in state.answers.items() if a.note}

        self.definitions: dict[str, dict] = {}

    def for_result(self, result: FrameworkResult) -> _Describer:
        """The named definitions of one framework's trace, so answers read through them are shown."""
        self.definitions = {e["code"]: e for e in result.trace if e["kind"] == "definition"}
        return self

    def answers(self, read: dict[str, Any], condition: str, seen: set[str] | None = None) -> list[AnswerRead]:
        """The given answers a condition read, through named definitions; unanswered ones add nothing."""
        out: list[AnswerRead] = []
        seen = set() if seen is None else seen
        for code, read_value in read.items():
            if code in seen:
                continue
            seen.add(code)
            if code in self.definitions:
                entry = self.definitions[code]
                out += self.answers(entry["answers"], entry["condition"], seen)
                continue
            if code in DERIVED_VARIABLES or code not in self.used or code not in self.specs:
                continue
            out.append(self._answer(code, read_value, condition))
        return out

    def _answer(self, code: str, read_value: Any, condition: str) -> AnswerRead:
        spec, stored = self.specs[code], self.used[code]
        # A per-market answer is shown as the framework read it: its own market's value.
        value = read_value if isinstance(stored, dict) else stored
        if stored == UNKNOWN:
            text = str(_("I don't know (assumed: %(value)s)") % {"value": display_value(spec, read_value)})
            return AnswerRead(code, spec["prompt"], text, self.notes.get(code, ""))
        if spec["type"] == "multiple_choice" and value:
            # Name the choices the condition tests, when it names any.
            tested = [v for v in value if f"'{v}'" in condition]
            value = tested or value
        return AnswerRead(code, spec["prompt"], display_value(spec, value), self.notes.get(code, ""))

    def exceptions(self, entries: list[dict]) -> list[ExceptionCheck]:
        return [ExceptionCheck(e["label"], e["citation"], e["applies"], self.answers(e["answers"], e["condition"]))
                for e in entries]

    def assumed(self, result: FrameworkResult) -> list[AssumedAnswer]:
        return [AssumedAnswer(a["question"], self.specs[a["question"]]["prompt"],
                              display_value(self.specs[a["question"]], a["value"]), wording.reason(a["reason"]))
                for a in result.assumed if a["question"] in self.specs]


SCOPE_OUTCOMES = {"in": _("In scope"), "out": _("Out of scope")}


def _reason(result: FrameworkResult, entry: dict, describer: _Describer) -> Reason:
    kind, value = next(iter(entry["assigns"].items()))
    return Reason(
        outcome=(str(SCOPE_OUTCOMES[value]) if kind == "scope" else result.rule_set.assignment_label(kind, value)),
        explanation=entry["explanation"], citation=entry["citation"],
        confidence=entry["confidence"], answers=describer.answers(entry["answers"], entry["condition"]),
        exceptions=describer.exceptions(entry["exceptions"]))


def _obligation_view(result: FrameworkResult, o: ObligationResult, as_of: dt.date) -> ObligationView:
    spec = o.spec
    return ObligationView(
        framework_code=result.rule_set.framework_code, framework_name=result.framework["name"], code=o.code,
        title=spec["title"], local_title=spec["local_title"], summary=spec["summary"], citation=spec["citation"],
        source_url=spec["source_url"], confidence=spec["confidence"], nature=spec["nature"], penalty=spec["penalty"],
        deadline=spec["deadline"], evidence=spec["evidence"], status=o.status, applies_from=o.applies_from,
        applies_until=o.applies_until,
        days_until=(o.applies_from - as_of).days if o.status == APPLIES_LATER and o.applies_from else None,
        date_citation=o.date_citation, reason=wording.reason(o.reason), roles=list(spec.get("roles") or []),
        role_labels=[result.rule_set.roles[r]["label"] for r in spec.get("roles") or [] if r in result.rule_set.roles])


def framework_view(result: FrameworkResult, describer: _Describer, as_of: dt.date) -> FrameworkView:
    describer = describer.for_result(result)
    rules = [e for e in result.trace if e["kind"] == "rule"]
    kind_of = {e["code"]: next(iter(e["assigns"])) for e in rules}
    fired = [e for e in rules if e["fired"]]

    def reasons(kind: str, entries: list[dict]) -> list[Reason]:
        return [_reason(result, e, describer) for e in entries if kind_of[e["code"]] == kind]

    scope_fired = [e for e in fired if e["assigns"].get("scope") == ("in" if result.in_scope else "out")]
    has_scope_rules = any(k == "scope" for k in kind_of.values())
    missed = [e for e in rules if e["assigns"].get("scope") == "in" and not e["fired"]]
    # A rule whose condition held but an exception stopped it: worth saying why it did not apply.
    blocked = [e for e in rules if not e["fired"] and any(x["applies"] for x in e["exceptions"])]
    obligations = [_obligation_view(result, o, as_of) for o in result.obligations]
    prompts = {q.code: q.spec["prompt"] for q in result.rule_set.questions}
    return FrameworkView(
        code=result.rule_set.framework_code, name=result.framework["name"],
        local_name=result.framework.get("local_name", ""), language=framework_language(result.rule_set.framework_code),
        version_label=result.version["label"], version_title=result.version["title"], in_scope=result.in_scope,
        tiers=[result.rule_set.tiers[t] for t in result.tiers], roles=[result.rule_set.roles[r] for r in result.roles],
        scope_reasons=reasons("scope", scope_fired),
        missed_scope=reasons("scope", missed) if not result.in_scope and has_scope_rules and not scope_fired else [],
        tier_reasons=reasons("tier", fired) if result.in_scope else [],
        role_reasons=reasons("role", fired) if result.in_scope else [],
        blocked=[_reason(result, e, describer) for e in blocked] if result.in_scope else [],
        applies_now=[o for o in obligations if o.status == APPLIES_NOW],
        applies_later=sorted((o for o in obligations if o.status == APPLIES_LATER), key=lambda o: o.applies_from or dt.date.max),
        not_applicable=[o for o in obligations if o.status == NOT_APPLICABLE],
        unanswered=[prompts[c] for c in result.unanswered if c in prompts],
        scope_reason=wording.reason(result.scope_reason),
        moot=[o for o in obligations if o.status == MOOT],
        assumed=describer.assumed(result),
        prohibited_tiers=[result.rule_set.tiers[t] for t in result.tiers if t in result.rule_set.prohibiting_tiers],
        translation=translation_notice(result.rule_set),
    )


def framework_views(state: AssessmentState) -> list[FrameworkView]:
    describer = _Describer(state)
    as_of = state.evaluation.as_of
    return [framework_view(result, describer, as_of) for result in state.evaluation.results.values()]


# --- timeline --------------------------------------------------------------------------


@dataclass
class TimelineEntry:
    obligation: ObligationView
    event: str  # "applies" or "ends"


@dataclass
class TimelineDate:
    date: dt.date
    entries: list[TimelineEntry]
    past: bool
    first_upcoming: bool = False

    @property
    def frameworks(self) -> list[str]:
        return sorted({e.obligation.framework_name for e in self.entries})


def timeline(views: list[FrameworkView], *, as_of: dt.date) -> list[TimelineDate]:
    """The dates that matter across frameworks: when applicable obligations start (and end)."""
    by_date: dict[dt.date, list[TimelineEntry]] = defaultdict(list)
    for view in views:
        for o in view.applies_now + view.applies_later:
            if o.applies_from:
                by_date[o.applies_from].append(TimelineEntry(o, "applies"))
            if o.applies_until:
                by_date[o.applies_until].append(TimelineEntry(o, "ends"))
    dates = [TimelineDate(day, by_date[day], day <= as_of) for day in sorted(by_date)]
    upcoming = next((d for d in dates if not d.past), None)
    if upcoming is not None:
        upcoming.first_upcoming = True
    return dates


# --- crosswalk -------------------------------------------------------------------------


@dataclass
class CrosswalkLink:
    source: ObligationView
    target: ObligationView
    kind: str
    note: str


@dataclass
class SharedAction:
    """Obligations in several frameworks that one piece of work can satisfy."""

    obligations: list[ObligationView]
    links: list[CrosswalkLink]

    @property
    def frameworks(self) -> list[str]:
        return sorted({o.framework_name for o in self.obligations})

    @property
    def earliest(self) -> dt.date | None:
        dates = [o.applies_from for o in self.obligations if o.applies_from]
        return min(dates) if dates else None


def crosswalk(state: AssessmentState, views: list[FrameworkView]) -> list[SharedAction]:
    """Groups of applicable obligations joined by crosswalk links whose both ends apply."""
    applicable = {(o.framework_code, o.code): o for v in views for o in v.obligations if o.applies}
    links: dict[frozenset, CrosswalkLink] = {}
    for rule_set in state.rule_sets:
        for spec in rule_set.crosswalk:
            source = applicable.get((rule_set.framework_code, spec["obligation"]))
            target = applicable.get((spec["framework"], spec["target"]))
            if source and target:
                key = frozenset({(source.framework_code, source.code), (target.framework_code, target.code)})
                links.setdefault(key, CrosswalkLink(source, target, spec["kind"], spec["note"]))

    parent: dict[tuple, tuple] = {}

    def root(key: tuple) -> tuple:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for key in links:
        a, b = sorted(key)
        parent[root(a)] = root(b)
    groups: dict[tuple, SharedAction] = {}
    for link in links.values():
        group = groups.setdefault(root((link.source.framework_code, link.source.code)), SharedAction([], []))
        group.links.append(link)
        for o in (link.source, link.target):
            if o not in group.obligations:
                group.obligations.append(o)
    actions = list(groups.values())
    for action in actions:
        action.obligations.sort(key=lambda o: (o.framework_name, o.citation))
    return sorted(actions, key=lambda a: (-len(a.frameworks), a.earliest or dt.date.max))
