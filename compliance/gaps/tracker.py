"""Working the tracker's list: filters, sort order and pages over an assessment's gap rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import GapStatus
from .selectors import NATURES, AssessmentGaps, GapRow

PAGE_SIZE = 25

SORTS = {
    "framework": _("Framework and article"),
    "due": _("Due date, soonest first"),
    "legal": _("Legal date, soonest first"),
    "status": _("Status, open first"),
    "title": _("Title"),
}
DUE_WINDOWS = {
    "overdue": _("Overdue"),
    "7": _("Due within 7 days"),
    "30": _("Due within 30 days"),
    "90": _("Due within 90 days"),
    "none": _("No due date"),
}
STATUS_FILTERS = {"open": _("Open (not started or in progress)"), **{s.value: s.label for s in GapStatus}}
NATURE_LABELS = {"binding": _("Binding duties"), "effort": _("Duties to endeavour"),
                 "voluntary": _("Voluntary practices")}
_STATUS_ORDER = {GapStatus.NOT_STARTED: 0, GapStatus.IN_PROGRESS: 1, GapStatus.MET: 2, GapStatus.NOT_APPLICABLE: 3}


@dataclass(frozen=True)
class TrackerFilters:
    framework: str = ""
    status: str = ""
    nature: str = ""
    assignee: str = ""  # "", "me", "none" or a member's id
    due: str = ""
    show: str = "all"  # the quick filters: all, open, attention
    sort: str = "framework"

    @property
    def active(self) -> bool:
        return any((self.framework, self.status, self.nature, self.assignee, self.due)) or self.show != "all"


def _matches(row: GapRow, f: TrackerFilters, *, user_id: int, today: dt.date) -> bool:
    if f.framework and row.framework_code != f.framework:
        return False
    if f.status == "open" and not row.is_open or f.status not in ("", "open") and row.status != f.status:
        return False
    if f.nature and row.nature != f.nature:
        return False
    assignee_id = row.item.assignee_id if row.item else None
    if f.assignee == "me" and assignee_id != user_id or f.assignee == "none" and assignee_id is not None:
        return False
    if f.assignee.isdigit() and assignee_id != int(f.assignee):
        return False
    if f.due == "overdue" and not row.overdue or f.due == "none" and row.due_date is not None:
        return False
    if f.due.isdigit() and not (row.is_open and row.due_date is not None
                                and today <= row.due_date <= today + dt.timedelta(days=int(f.due))):
        return False
    if f.show == "open" and not row.is_open or f.show == "attention" and not row.needs_attention:
        return False
    return True


def _sort_key(sort: str):
    far = dt.date.max
    if sort == "due":
        return lambda r: (r.due_date or far, r.framework_code, r.spec.get("citation", ""))
    if sort == "legal":
        return lambda r: (r.legal_date or far, r.framework_code, r.spec.get("citation", ""))
    if sort == "status":
        return lambda r: (_STATUS_ORDER[GapStatus(r.status)], r.due_date or far, r.framework_code)
    if sort == "title":
        return lambda r: (r.spec["title"].casefold(), r.framework_code)
    return None  # the rule sets' own order, framework by framework


def tracker_rows(*, gaps: AssessmentGaps, filters: TrackerFilters, user_id: int, today: dt.date) -> list[GapRow]:
    rows = [r for r in gaps.rows if _matches(r, filters, user_id=user_id, today=today)]
    key = _sort_key(filters.sort)
    return sorted(rows, key=key) if key else rows


def framework_choices(gaps: AssessmentGaps) -> list[tuple[str, str]]:
    return [(fw.code, fw.name) for fw in gaps.frameworks if fw.rows]


def nature_choices(gaps: AssessmentGaps) -> list[tuple[str, object]]:
    present = {r.nature for r in gaps.rows}
    return [(n, NATURE_LABELS[n]) for n in NATURES if n in present]
