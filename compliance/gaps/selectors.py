"""Reads for gap tracking: rows per applicable obligation, scores, the organization dashboard."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from compliance.assessments.models import Assessment
from compliance.assessments.panels import Panel
from compliance.assessments.selectors import AssessmentState
from frameworks import wording
from frameworks.engine import MOOT, NOT_APPLICABLE, ObligationResult

from .models import OPEN_STATUSES, ActionLink, Evidence, GapItem, GapStatus

# Legal dates closer than this are highlighted.
NEAR_LEGAL_DATE = dt.timedelta(days=90)


def framework_short_name(code: str) -> str:
    """'EU', 'KR', 'US', 'JP': framework codes start with their jurisdiction (see AUTHORING.md)."""
    return code.split("-")[0].upper()


@dataclass
class Score:
    """Applicable obligations by gap status. Those marked not applicable are left out of the shares."""

    met: int = 0
    in_progress: int = 0
    not_started: int = 0
    not_applicable: int = 0

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    def __iadd__(self, other: Score) -> Score:
        for name in ("met", "in_progress", "not_started", "not_applicable"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    @property
    def applicable(self) -> int:
        return self.met + self.in_progress + self.not_started + self.not_applicable

    @property
    def counted(self) -> int:
        return self.met + self.in_progress + self.not_started

    @property
    def open(self) -> int:
        return self.in_progress + self.not_started

    def _percent(self, part: int) -> int | None:
        return round(100 * part / self.counted) if self.counted else None

    @property
    def met_percent(self) -> int | None:
        return self._percent(self.met)

    @property
    def in_progress_percent(self) -> int | None:
        return self._percent(self.in_progress)

    @property
    def not_started_percent(self) -> int | None:
        return self._percent(self.not_started)


NATURES = ("binding", "effort", "voluntary")


@dataclass
class NatureScores:
    """Scores kept apart by the nature of what is scored: binding duties, duties to endeavour
    (effort) and voluntary practices are never added up into one figure."""

    binding: Score = field(default_factory=Score)
    effort: Score = field(default_factory=Score)
    voluntary: Score = field(default_factory=Score)

    def add(self, nature: str, status: str) -> None:
        getattr(self, nature).add(status)

    def __iadd__(self, other: NatureScores) -> NatureScores:
        for nature in NATURES:
            getattr(self, nature).__iadd__(getattr(other, nature))
        return self

    @property
    def non_binding(self) -> list[tuple[str, Score]]:
        """(nature, score) for effort duties and voluntary practices that exist here."""
        return [(n, getattr(self, n)) for n in ("effort", "voluntary") if getattr(self, n).applicable]


@dataclass
class GapRow:
    """One applicable obligation with its recorded gap status (or the default, not started)."""

    framework_code: str
    framework_name: str
    obligation: ObligationResult
    item: GapItem | None
    today: dt.date
    evidence: list[Evidence] = field(default_factory=list)  # current evidence files, when the caller loaded them
    action_links: list[ActionLink] = field(default_factory=list)  # when the caller loaded them

    @property
    def evidence_to_review(self) -> list[Evidence]:
        """Evidence whose review-by date has passed."""
        return [e for e in self.evidence if e.review_overdue(self.today)]

    @property
    def code(self) -> str:
        return self.obligation.code

    @property
    def spec(self) -> dict:
        return self.obligation.spec

    @property
    def framework_short(self) -> str:
        return framework_short_name(self.framework_code)

    @property
    def anchor(self) -> str:
        return f"gap-{self.framework_code}-{self.code}"

    @property
    def status(self) -> str:
        return self.item.status if self.item else GapStatus.NOT_STARTED

    @property
    def status_label(self) -> str:
        return str(GapStatus(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_unverified(self) -> bool:
        return self.spec["confidence"] == "unverified"

    @property
    def nature(self) -> str:
        return self.spec.get("nature") or "binding"

    @property
    def is_binding(self) -> bool:
        return self.nature == "binding"

    @property
    def due_date(self) -> dt.date | None:
        return self.item.due_date if self.item else None

    @property
    def assignee(self):
        return self.item.assignee if self.item else None

    @property
    def key(self) -> str:
        """'framework:obligation', how bulk edits name a row."""
        return f"{self.framework_code}:{self.code}"

    @property
    def status_follows_actions(self) -> bool:
        return bool(self.action_links)

    @property
    def overdue(self) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < self.today

    @property
    def legal_date(self) -> dt.date | None:
        return self.obligation.applies_from

    @property
    def days_to_legal_date(self) -> int | None:
        return (self.legal_date - self.today).days if self.legal_date else None

    @property
    def legal_date_near(self) -> bool:
        days = self.days_to_legal_date
        return self.is_open and days is not None and 0 <= days <= NEAR_LEGAL_DATE.days

    @property
    def legal_date_passed(self) -> bool:
        days = self.days_to_legal_date
        return self.is_open and days is not None and days < 0

    @property
    def needs_attention(self) -> bool:
        return self.overdue or self.legal_date_near


@dataclass
class FrameworkGaps:
    code: str
    name: str
    local_name: str
    version_label: str
    in_scope: bool
    tiers: list[dict]
    roles: list[dict]
    rows: list[GapRow]
    not_applicable: list[ObligationResult]
    scores: NatureScores
    scope_reason: str = ""
    moot: list[ObligationResult] = field(default_factory=list)

    @property
    def score(self) -> Score:
        """The headline score: binding duties only (see ``scores`` for the others)."""
        return self.scores.binding

    @property
    def short_name(self) -> str:
        return framework_short_name(self.code)

    @property
    def top_tier(self) -> dict | None:
        return max(self.tiers, key=lambda t: t["rank"]) if self.tiers else None


@dataclass
class AssessmentGaps:
    frameworks: list[FrameworkGaps]
    scores: NatureScores
    today: dt.date

    @property
    def score(self) -> Score:
        """Binding duties across frameworks; effort duties and voluntary practices are in ``scores``."""
        return self.scores.binding

    @property
    def rows(self) -> list[GapRow]:
        return [row for fw in self.frameworks for row in fw.rows]

    @property
    def overdue(self) -> list[GapRow]:
        return [row for row in self.rows if row.overdue]

    @property
    def near_legal_date(self) -> list[GapRow]:
        return sorted((row for row in self.rows if row.legal_date_near), key=lambda r: r.legal_date or dt.date.max)

    @property
    def attention(self) -> list[GapRow]:
        """Overdue items first, then open items whose legal date is near, soonest first."""
        overdue = sorted(self.overdue, key=lambda r: r.due_date or dt.date.max)
        return overdue + [row for row in self.near_legal_date if not row.overdue]


def gap_items_by_key(*, assessment: Assessment) -> dict[tuple[str, str], GapItem]:
    return {(i.framework_code, i.obligation_code): i
            for i in assessment.gap_items.select_related("assignee", "status_set_by", "updated_by")}


def action_links_by_item(*, assessment: Assessment) -> dict[int, list[ActionLink]]:
    """The actions linked to each gap item of the assessment (one query)."""
    links: dict[int, list[ActionLink]] = {}
    for link in ActionLink.objects.filter(gap_item__assessment=assessment).select_related("action").order_by(
            "action__title", "pk"):
        links.setdefault(link.gap_item_id, []).append(link)
    return links


def assessment_gaps(*, state: AssessmentState, today: dt.date,
                    items: dict[tuple[str, str], GapItem] | None = None,
                    evidence: dict[tuple[str, str], list[Evidence]] | None = None,
                    links: dict[int, list[ActionLink]] | None = None) -> AssessmentGaps:
    """Gap rows for every applicable obligation of every framework, with scores (and their evidence files,
    for callers that pass ``evidence_selectors.evidence_by_item``, and the actions linked to each, for callers
    that pass ``action_links_by_item``)."""
    if items is None:
        items = gap_items_by_key(assessment=state.assessment)
    evidence = evidence or {}
    links = links or {}
    frameworks, overall = [], NatureScores()
    for code, result in state.evaluation.results.items():
        name = result.framework["name"]
        scores, rows, not_applicable, moot = NatureScores(), [], [], []
        for obligation in result.obligations:
            if obligation.status == NOT_APPLICABLE:
                not_applicable.append(obligation)
                continue
            if obligation.status == MOOT:  # the ban leads: no gap to close for a duty of a prohibited practice
                moot.append(obligation)
                continue
            item = items.get((code, obligation.code))
            row = GapRow(code, name, obligation, item, today, evidence=evidence.get((code, obligation.code), []),
                         action_links=links.get(item.pk, []) if item else [])
            scores.add(row.nature, row.status)
            rows.append(row)
        overall += scores
        tiers = [result.rule_set.tiers[t] for t in result.tiers]
        roles = [result.rule_set.roles[r] for r in result.roles]
        frameworks.append(FrameworkGaps(
            code=code, name=name, local_name=result.framework.get("local_name", ""),
            version_label=result.version["label"], in_scope=result.in_scope, tiers=tiers, roles=roles,
            rows=rows, not_applicable=not_applicable, scores=scores, scope_reason=wording.reason(result.scope_reason), moot=moot))
    return AssessmentGaps(frameworks=frameworks, scores=overall, today=today)


ROW_FILTERS = {"all": gettext_lazy("All"), "open": gettext_lazy("Open"), "attention": gettext_lazy("Overdue or due soon")}


def filtered_rows(*, rows: list[GapRow], show: str) -> list[GapRow]:
    """The rows a tracker filter shows (a key of ROW_FILTERS)."""
    if show == "open":
        return [r for r in rows if r.is_open]
    if show == "attention":
        return [r for r in rows if r.needs_attention]
    return rows


def find_row(*, gaps: AssessmentGaps, framework_code: str, obligation_code: str) -> GapRow | None:
    return next((r for r in gaps.rows if r.framework_code == framework_code and r.code == obligation_code), None)


def gap_item_history(*, item: GapItem) -> list[dict]:
    """Changes to one gap item, newest first: when, who, and each changed field (old -> new)."""
    records = list(item.history.select_related("history_user", "assignee").order_by("history_date", "history_id"))
    labels = {f.name: f.verbose_name for f in GapItem._meta.fields}
    tracked = ["status", "status_from_actions", "justification", "owner", "assignee", "due_date", "evidence_notes",
               "links"]
    entries, previous = [], None
    for record in records:
        changes: list[tuple[str, str | None, str]]
        if previous is None:
            changes = [(str(labels[name]).capitalize(), None, _shown(record, name)) for name in tracked
                       if getattr(record, name) not in ("", None, [], False)]
        else:
            delta = record.diff_against(previous, included_fields=tracked)
            changes = [(str(labels[c.field]).capitalize(), _shown(previous, c.field), _shown(record, c.field))
                       for c in delta.changes]
        entries.append({"when": record.history_date, "who": record.history_user, "changes": changes})
        previous = record
    from .actions.selectors import gap_item_link_history  # it imports this module

    entries += [{"when": e.when, "who": e.who, "changes": e.changes} for e in gap_item_link_history(item=item)]
    return sorted(entries, key=lambda e: e["when"], reverse=True)


def _shown(record, name: str) -> str:
    value = getattr(record, name)
    if name == "status":
        return str(GapStatus(value).label)
    if name == "links":
        return ", ".join(value) if value else "(none)"
    if name == "assignee":
        return (value.get_full_name() or value.get_username()) if value else gettext("nobody")
    if name == "status_from_actions":
        return gettext("from linked actions") if value else gettext("set directly")
    if value in ("", None):
        return "(empty)"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def gap_panel(request) -> Panel:
    """Gap scores on the results page (a panels.SIDE builder), from the page's own evaluated state."""
    return Panel("gaps/_assessment_panel.html", {
        "assessment": request.assessment,
        "gap_summary": assessment_gaps(state=request.state, today=timezone.localdate())})
