"""What the PDF report shows, built from an assessment's state and gaps (pure: no queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language, gettext, gettext_lazy

from compliance.assessments.questionnaire import display_value
from compliance.assessments.results import SCOPE_OUTCOMES
from compliance.assessments.selectors import AssessmentState, merged_questionnaire
from compliance.gaps.selectors import NATURES, AssessmentGaps, FrameworkGaps, GapRow
from frameworks import wording
from frameworks.engine import ObligationResult
from frameworks.ruleset import CompiledRuleSet
from frameworks.translations import TranslationNotice, language_code
from frameworks.translations import notice as translation_notice

from . import charts

NEAREST_DEADLINES = 8


# --- answers in words ------------------------------------------------------------------


def answer_text(spec: dict, value: Any) -> str:
    """An answer as the questionnaire shows it (one formatter for the screen and the PDF)."""
    return display_value(spec, value)


# --- classification ----------------------------------------------------------------------


@dataclass
class Reason:
    """One fired rule: what it assigned, because ..., and the questions whose answers it read."""

    assigns: str
    explanation: str
    citation: str
    unverified: bool
    question_numbers: list[int]


def _assigns_text(rule_set: CompiledRuleSet, assigns: dict) -> str:
    kind, value = next(iter(assigns.items()))
    if kind == "scope":
        return str(SCOPE_OUTCOMES[value])
    label = rule_set.assignment_label(kind, value)
    return (gettext("Tier: %(label)s") if kind == "tier" else gettext("Role: %(label)s")) % {"label": label}


def classification_reasons(rule_set: CompiledRuleSet, trace: list[dict], numbers: dict[str, int], *,
                           in_scope: bool) -> list[Reason]:
    """The rules that fired; each names the appendix numbers of the answers it read (``numbers``: code -> Q number).

    Out of scope, tiers and roles are cleared, so only the scope rules explain the result.
    """
    reasons = []
    definitions = {e["code"]: e for e in trace if e["kind"] == "definition"}
    for entry in trace:
        if entry["kind"] != "rule" or not entry["fired"]:
            continue
        if not in_scope and "scope" not in entry["assigns"]:
            continue
        read = sorted(numbers[code] for code in _answers_read(entry["answers"], definitions) if code in numbers)
        reasons.append(Reason(_assigns_text(rule_set, entry["assigns"]), entry["explanation"], entry["citation"],
                              entry["confidence"] == "unverified", read))
    return reasons


def _answers_read(read: dict, definitions: dict[str, dict], seen: set[str] | None = None) -> set[str]:
    """Question codes a condition read, through the named definitions it used."""
    seen = set() if seen is None else seen
    codes: set[str] = set()
    for code in read:
        if code in seen:
            continue
        seen.add(code)
        codes |= _answers_read(definitions[code]["answers"], definitions, seen) if code in definitions else {code}
    return codes


# --- penalties and the roadmap -------------------------------------------------------------


def penalty_weight(spec: dict) -> tuple[float, int]:
    """Ordering of penalties inside one framework: turnover share first, then the amount.

    Amounts in different currencies are never compared with each other.
    """
    penalty = spec.get("penalty") or {}
    return (penalty.get("max_turnover_percent") or 0, penalty.get("max_amount") or 0) if penalty else (-1, -1)


# Amounts as people write them: 3,500만 유로 / 3,500万ユーロ (units of 10,000), EUR 35,000,000 in English.
_CURRENCY_NAMES = {"ko": {"EUR": "유로", "KRW": "원", "JPY": "엔", "USD": "달러"},
                   "ja": {"EUR": "ユーロ", "KRW": "ウォン", "JPY": "円", "USD": "ドル"}}
_TEN_THOUSAND = {"ko": "만", "ja": "万"}


def format_amount(amount: float, currency: str | None, language: str) -> str:
    names = _CURRENCY_NAMES.get(language, {})
    if currency not in names:
        return f"{currency or ''} {amount:,.0f}".strip()
    space = " " if language == "ko" else ""
    if amount >= 10_000 and amount % 10_000 == 0:
        return f"{amount / 10_000:,.0f}{_TEN_THOUSAND[language]}{space}{names[currency]}"
    return f"{amount:,.0f}{space}{names[currency]}"


def penalty_short(penalty: dict | None) -> str:
    """'up to EUR 35,000,000 or 7% of turnover' in the active language; the summary where no figures are given."""
    if not penalty:
        return ""
    language = language_code(get_language())
    amount = share = None
    if penalty.get("max_amount") is not None:
        amount = format_amount(penalty["max_amount"], penalty.get("currency"), language)
    if penalty.get("max_turnover_percent") is not None:
        share = gettext("%(percent)s%% of turnover") % {"percent": f"{penalty['max_turnover_percent']:g}"}
    if amount and share:
        return gettext("up to %(amount)s or %(share)s") % {"amount": amount, "share": share}
    if amount or share:
        return gettext("up to %(limit)s") % {"limit": amount or share}
    return penalty["summary"]


@dataclass
class PenaltyAtStake:
    framework: str
    row: GapRow
    open_count: int


def highest_penalties(frameworks: list[FrameworkGaps]) -> list[PenaltyAtStake]:
    """Per framework, the open obligation with the highest penalty, and how many open ones carry a penalty."""
    out = []
    for fw in frameworks:
        with_penalty = [r for r in fw.rows if r.is_open and r.spec.get("penalty")]
        if with_penalty:
            top = max(with_penalty, key=lambda r: penalty_weight(r.spec))
            out.append(PenaltyAtStake(fw.name, top, len(with_penalty)))
    return out


@dataclass
class LinkedRow:
    row: GapRow
    kind: str
    note: str


# Roadmap stages, in the order a person works through them.
STAGE_BINDING_NOW = "binding_now"
STAGE_BINDING_LATER = "binding_later"
STAGE_EFFORT = "effort"
STAGE_VOLUNTARY = "voluntary"
STAGES = (STAGE_BINDING_NOW, STAGE_BINDING_LATER, STAGE_EFFORT, STAGE_VOLUNTARY)
STAGE_TITLES = {
    STAGE_BINDING_NOW: gettext_lazy("Binding duties that are overdue or apply now"),
    STAGE_BINDING_LATER: gettext_lazy("Binding duties that apply from a later date"),
    STAGE_EFFORT: gettext_lazy("Duties to endeavour"),
    STAGE_VOLUNTARY: gettext_lazy("Voluntary practices (recommended, not required by law)"),
}


def row_stage(row: GapRow) -> str:
    if row.nature == "voluntary":
        return STAGE_VOLUNTARY
    if row.nature == "effort":
        return STAGE_EFFORT
    applies_now = row.legal_date is None or row.legal_date <= row.today
    return STAGE_BINDING_NOW if applies_now or row.overdue else STAGE_BINDING_LATER


def row_order_key(row: GapRow, frameworks_served: int = 1) -> tuple:
    """Roadmap order: stage; later binding duties by date; then penalty and how many frameworks one action serves."""
    pct, amount = penalty_weight(row.spec)
    stage = row_stage(row)
    date = row.legal_date or dt.date.max
    return (STAGES.index(stage), date if stage == STAGE_BINDING_LATER else dt.date.min, -pct, -frameworks_served,
            row.framework_code, -amount, date, row.code)


@dataclass
class RoadmapAction:
    number: int
    lead: GapRow
    also_closes: list[LinkedRow] = field(default_factory=list)

    @property
    def rows(self) -> list[GapRow]:
        return [self.lead, *(linked.row for linked in self.also_closes)]

    @property
    def legal_date(self) -> dt.date | None:
        return min((r.legal_date for r in self.rows if r.legal_date), default=None)

    @property
    def frameworks_served(self) -> int:
        return len({r.framework_code for r in self.rows})

    @property
    def stage(self) -> str:
        return row_stage(self.lead)

    @property
    def stage_title(self) -> str:
        return str(STAGE_TITLES[self.stage])


def _crosswalk_edges(rule_sets: list[CompiledRuleSet]) -> dict[tuple[str, str], list[tuple[tuple[str, str], str, str]]]:
    """Links that close several obligations at once (equivalent or overlapping), in both directions."""
    edges: dict[tuple[str, str], list] = {}
    for rule_set in rule_sets:
        for link in rule_set.crosswalk:
            if link["kind"] not in ("equivalent", "overlaps"):
                continue
            a = (rule_set.framework_code, link["obligation"])
            b = (link["framework"], link["target"])
            edges.setdefault(a, []).append((b, link["kind"], link["note"]))
            edges.setdefault(b, []).append((a, link["kind"], link["note"]))
    return edges


def remediation_roadmap(gaps: AssessmentGaps, rule_sets: list[CompiledRuleSet]) -> list[RoadmapAction]:
    """Open items as actions, in the order a person would work: binding duties that are overdue or apply
    now, binding duties by date, duties to endeavour, voluntary practices; within each, by penalty and by
    how many frameworks one action serves. Crosswalked open items join the most urgent one's action."""
    open_rows = sorted((r for r in gaps.rows if r.is_open), key=row_order_key)
    by_key = {(r.framework_code, r.code): r for r in open_rows}
    edges = _crosswalk_edges(rule_sets)
    placed: set[tuple[str, str]] = set()
    actions: list[RoadmapAction] = []
    for row in open_rows:
        key = (row.framework_code, row.code)
        if key in placed:
            continue
        placed.add(key)
        action = RoadmapAction(number=0, lead=row)
        frontier = [key]
        while frontier:  # everything reachable through equivalent or overlapping links
            for target, kind, note in edges.get(frontier.pop(), []):
                if target in by_key and target not in placed:
                    placed.add(target)
                    action.also_closes.append(LinkedRow(by_key[target], kind, note))
                    frontier.append(target)
        actions.append(action)
    actions.sort(key=lambda a: row_order_key(a.lead, a.frameworks_served))
    for number, action in enumerate(actions, 1):
        action.number = number
    return actions


# --- the appendix --------------------------------------------------------------------------


@dataclass
class AnswerLine:
    number: int
    code: str
    prompt: str
    answer: str
    note: str
    used: bool
    answered: bool


@dataclass
class AnswerSection:
    title: str
    lines: list[AnswerLine]


def answer_appendix(state: AssessmentState) -> list[AnswerSection]:
    """Every question shown or answered, in questionnaire order and numbered, with its answer and note."""
    sections, seen, number = [], set(), 0
    for section in merged_questionnaire(state.rule_sets):
        lines = []
        for question in section.questions:
            seen.add(question.code)
            stored = state.answers.get(question.code)
            shown = state.visible.get(question.code, False)
            if not shown and stored is None:
                continue
            value = stored.value if stored else None
            number += 1
            lines.append(AnswerLine(number, question.code, question.spec["prompt"], answer_text(question.spec, value),
                                    stored.note if stored else "", shown, value is not None))
        if lines:
            sections.append(AnswerSection(section.title, lines))
    others = [AnswerLine(number + i, code, code, "" if a.value is None else str(a.value), a.note, False,
                         a.value is not None)
              for i, (code, a) in enumerate(sorted((c, a) for c, a in state.answers.items() if c not in seen), 1)]
    if others:
        sections.append(AnswerSection(gettext("Stored answers to questions no longer asked"), others))
    return sections


@dataclass
class EvidenceGroup:
    """The evidence files of one obligation or action, listed by name (never embedded)."""

    label: str
    citation: str
    files: list[Any]


def evidence_appendix(rows: list[GapRow], action_evidence: Sequence[Any]) -> list[EvidenceGroup]:
    groups = [EvidenceGroup(f"{row.framework_short} · {row.spec['title']}", row.spec["citation"], row.evidence)
              for row in sorted(rows, key=row_order_key) if row.evidence]
    by_action: dict[int, EvidenceGroup] = {}
    for evidence in action_evidence:
        group = by_action.get(evidence.action_id)
        if group is None:
            group = by_action[evidence.action_id] = EvidenceGroup(evidence.action.title, "", [])
            groups.append(group)
        group.files.append(evidence)
    return groups


# --- the whole report ----------------------------------------------------------------------


@dataclass
class VersionInfo:
    framework: str
    local_name: str
    label: str
    title: str
    in_force_from: str
    last_reviewed: str | None
    sources: list[dict]
    content_hash: str


@dataclass
class ObligationLine:
    row: GapRow
    source_number: int


@dataclass
class FrameworkSection:
    gaps: FrameworkGaps
    description: str
    jurisdiction: str
    reasons: list[Reason]
    unanswered: list[str]
    lines: list[ObligationLine]
    sources: list[str]
    not_applicable: list[tuple[str, list[ObligationResult]]]
    translation: TranslationNotice | None = None


def grouped_by_reason(obligations: list[ObligationResult]) -> list[tuple[str, list[ObligationResult]]]:
    """Obligations that do not apply, grouped by why (many share a reason), in rule-set order."""
    groups: dict[str, list[ObligationResult]] = {}
    for obligation in obligations:
        groups.setdefault(wording.reason(obligation.reason), []).append(obligation)
    return list(groups.items())


def numbered_sources(rows: list[GapRow]) -> tuple[list[ObligationLine], list[str]]:
    """Obligations cite their source as a number; the URLs are listed once under the table."""
    sources: list[str] = []
    lines = []
    for row in rows:
        url = row.spec["source_url"]
        if url not in sources:
            sources.append(url)
        lines.append(ObligationLine(row, sources.index(url) + 1))
    return lines, sources


@dataclass
class NatureCount:
    """Applicable obligations of one nature: how many apply now or later, are open, or rest on unverified sources."""

    nature: str
    applies_now: int = 0
    applies_later: int = 0
    open: int = 0
    unverified: int = 0

    @property
    def total(self) -> int:
        return self.applies_now + self.applies_later


def nature_counts(rows: list[GapRow], *, today: dt.date) -> list[NatureCount]:
    """Counts per nature (binding, effort, voluntary), never added together; natures with nothing are left out."""
    counts = {nature: NatureCount(nature) for nature in NATURES}
    for row in rows:
        count = counts[row.nature]
        if row.legal_date is None or row.legal_date <= today:
            count.applies_now += 1
        else:
            count.applies_later += 1
        count.open += row.is_open
        count.unverified += row.is_unverified
    return [c for c in counts.values() if c.total]


@dataclass
class ReportContent:
    report_date: dt.date
    as_of: dt.date
    organization: str
    system: Any
    versions: list[VersionInfo]
    gaps: AssessmentGaps
    sections: list[FrameworkSection]
    deadlines: list[GapRow]
    overdue: list[GapRow]
    open_in_force: int
    natures: list[NatureCount]
    penalties: list[PenaltyAtStake]
    roadmap: list[RoadmapAction]
    appendix: list[AnswerSection]
    compliance_chart: charts.BarChart
    timeline: charts.Timeline
    has_unverified: bool
    evidence: list[EvidenceGroup] = field(default_factory=list)


def report_content(*, state: AssessmentState, gaps: AssessmentGaps, report_date: dt.date,
                   action_evidence: Sequence[Any] = ()) -> ReportContent:
    assessment = state.assessment
    rule_sets = {rs.framework_code: rs for rs in state.rule_sets}
    versions = [VersionInfo(rs.framework["name"], rs.framework.get("local_name", ""), rs.label, rs.version["title"],
                            rs.version["in_force_from"], rs.version.get("last_reviewed"), rs.version["sources"],
                            rs.content_hash) for rs in state.rule_sets]
    appendix = answer_appendix(state)
    numbers = {line.code: line.number for section in appendix for line in section.lines}
    sections = []
    for fw in gaps.frameworks:
        rule_set, result = rule_sets[fw.code], state.evaluation.results[fw.code]
        questions = {q.code: q.spec["prompt"] for q in rule_set.questions}
        lines, sources = numbered_sources(sorted(fw.rows, key=row_order_key))
        sections.append(FrameworkSection(
            gaps=fw, description=rule_set.framework["description"], jurisdiction=rule_set.framework["jurisdiction"],
            reasons=classification_reasons(rule_set, result.trace, numbers, in_scope=result.in_scope),
            unanswered=[questions.get(code, code) for code in result.unanswered], lines=lines, sources=sources,
            not_applicable=grouped_by_reason(fw.not_applicable), translation=translation_notice(rule_set)))
    open_rows = [r for r in gaps.rows if r.is_open]
    upcoming = sorted((r for r in open_rows if r.legal_date and r.legal_date >= report_date), key=lambda r: (r.legal_date, *row_order_key(r)))
    has_unverified = any(r.is_unverified for r in gaps.rows) or any(
        reason.unverified for section in sections for reason in section.reasons)
    return ReportContent(
        report_date=report_date, as_of=assessment.as_of, organization=assessment.organization.name,
        system=assessment.system, versions=versions, gaps=gaps, sections=sections,
        deadlines=upcoming[:NEAREST_DEADLINES], overdue=sorted(gaps.overdue, key=lambda r: r.due_date or dt.date.max),
        open_in_force=sum(1 for r in open_rows if r.is_binding and r.legal_date and r.legal_date <= report_date),
        natures=nature_counts(gaps.rows, today=report_date),
        penalties=highest_penalties(gaps.frameworks),
        roadmap=remediation_roadmap(gaps, state.rule_sets),
        appendix=appendix,
        compliance_chart=charts.compliance_chart(frameworks=gaps.frameworks, overall=gaps.score),
        timeline=charts.timeline_chart(frameworks=gaps.frameworks, today=report_date),
        has_unverified=has_unverified,
        evidence=evidence_appendix(gaps.rows, action_evidence),
    )
