"""The results page as a person scans it: a summary per framework, then obligations grouped and filtered.

Pure functions over ``results.FrameworkView``. Filters come from plain GET parameters, so they work
without JavaScript; the page's script only toggles the same ``hidden`` flags in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from frameworks.engine import APPLIES_LATER, APPLIES_NOW, MOOT, NOT_APPLICABLE

from .results import FrameworkView, ObligationView

NATURES = ("binding", "effort", "voluntary")
NATURE_GROUPS = {"binding": _("Binding duties"), "effort": _("Duties to endeavour"),
                 "voluntary": _("Voluntary practices")}
STATUSES = (APPLIES_NOW, APPLIES_LATER, MOOT, NOT_APPLICABLE)
STATUS_LABELS = {APPLIES_NOW: _("Applies now"), APPLIES_LATER: _("Applies from a later date"),
                 MOOT: _("Moot under the ban"), NOT_APPLICABLE: _("Not applicable")}
ANY_ROLE = "*"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Filters:
    """What the reader asked to see; an empty value means everything. Unknown values are ignored."""

    framework: str = ""
    status: str = ""
    nature: str = ""
    role: str = ""

    @property
    def active(self) -> bool:
        return bool(self.framework or self.status or self.nature or self.role)

    def matches(self, o: ObligationView) -> bool:
        if self.framework and o.framework_code != self.framework:
            return False
        if self.status and o.status != self.status:
            return False
        if self.nature and o.nature != self.nature:
            return False
        if self.role:
            framework, _sep, role = self.role.partition(":")
            # A duty that names no role binds whoever the framework reaches.
            if o.framework_code != framework or (o.roles and role not in o.roles):
                return False
        return True


def role_tokens(o: ObligationView) -> str:
    """The roles a duty binds, as the filter script reads them ("eu-ai-act:provider", or "eu-ai-act:*")."""
    return " ".join(f"{o.framework_code}:{role}" for role in (o.roles or [ANY_ROLE]))


@dataclass
class FilterOptions:
    frameworks: list[Choice]
    statuses: list[Choice]
    natures: list[Choice]
    roles: list[Choice]

    def clean(self, query: Mapping[str, str]) -> Filters:
        def pick(name: str, choices: list[Choice]) -> str:
            value = query.get(name, "")
            return value if any(c.value == value for c in choices) else ""

        return Filters(framework=pick("framework", self.frameworks), status=pick("status", self.statuses),
                       nature=pick("nature", self.natures), role=pick("role", self.roles))


def filter_options(views: list[FrameworkView]) -> FilterOptions:
    present = {o.status for v in views for o in v.obligations}
    natures = {o.nature for v in views for o in v.obligations}
    return FilterOptions(
        frameworks=[Choice(v.code, v.name) for v in views],
        statuses=[Choice(s, str(STATUS_LABELS[s])) for s in STATUSES if s in present],
        natures=[Choice(n, str(NATURE_GROUPS[n])) for n in NATURES if n in natures],
        # The roles the answers gave, per framework: the duties of other roles do not apply anyway.
        roles=[Choice(f"{v.code}:{role['code']}", f"{v.name}: {role['label']}") for v in views for role in v.roles],
    )


@dataclass
class NatureCount:
    nature: str
    label: str
    now: int
    later: int
    moot: int
    unverified: int


@dataclass
class Penalty:
    number: int
    summary: str
    citation: str
    duties: int = 0


@dataclass
class Row:
    obligation: ObligationView
    hidden: bool
    roles: str
    penalty: Penalty | None = None


@dataclass
class StatusGroup:
    """Obligations of one status; voluntary practices folded apart from the duties (soft law is not mixed in)."""

    status: str
    label: str
    rows: list[Row]
    voluntary: list[Row]
    open: bool
    voluntary_open: bool

    @property
    def shown(self) -> int:
        return sum(not row.hidden for row in self.rows + self.voluntary)

    @property
    def voluntary_shown(self) -> int:
        return sum(not row.hidden for row in self.voluntary)

    @property
    def total(self) -> int:
        return len(self.rows) + len(self.voluntary)


@dataclass
class NextDate:
    date: dt.date
    days: int
    duties: int
    citation: str


@dataclass
class FrameworkPanel:
    view: FrameworkView
    counts: list[NatureCount]
    next_date: NextDate | None
    penalties: list[Penalty]
    groups: list[StatusGroup]
    unverified_applying: int

    @property
    def shown(self) -> int:
        return sum(group.shown for group in self.groups)

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)

    @property
    def applying(self) -> int:
        return sum(c.now + c.later for c in self.counts)


@dataclass
class ResultsPage:
    panels: list[FrameworkPanel]
    filters: Filters
    options: FilterOptions

    @property
    def shown(self) -> int:
        return sum(panel.shown for panel in self.panels)

    @property
    def total(self) -> int:
        return sum(panel.total for panel in self.panels)


def _counts(view: FrameworkView) -> list[NatureCount]:
    counts = []
    for nature in NATURES:
        of_nature = [o for o in view.obligations if o.nature == nature and o.status != NOT_APPLICABLE]
        if of_nature:
            counts.append(NatureCount(
                nature=nature, label=str(NATURE_GROUPS[nature]),
                now=sum(o.status == APPLIES_NOW for o in of_nature),
                later=sum(o.status == APPLIES_LATER for o in of_nature),
                moot=sum(o.status == MOOT for o in of_nature),
                unverified=sum(o.confidence == "unverified" for o in of_nature if o.status != MOOT)))
    return counts


def _next_date(view: FrameworkView, as_of: dt.date) -> NextDate | None:
    later = [o for o in view.applies_later if o.applies_from]
    if not later:
        return None
    first = min(o.applies_from for o in later if o.applies_from)
    starting = [o for o in later if o.applies_from == first]
    citations = sorted({o.date_citation for o in starting if o.date_citation})
    return NextDate(date=first, days=(first - as_of).days, duties=len(starting), citation="; ".join(citations))


def _penalties(view: FrameworkView) -> tuple[list[Penalty], dict[str, Penalty]]:
    """Each distinct penalty of the duties that apply, numbered once; the rows point to their number."""
    found: dict[tuple[str, str], Penalty] = {}
    by_obligation: dict[str, Penalty] = {}
    for o in view.applies_now + view.applies_later:
        if not o.penalty or not o.penalty.get("summary"):
            continue
        key = (o.penalty["summary"], o.penalty.get("citation", ""))
        penalty = found.setdefault(key, Penalty(number=len(found) + 1, summary=key[0], citation=key[1]))
        penalty.duties += 1
        by_obligation[o.code] = penalty
    return list(found.values()), by_obligation


def _order(o: ObligationView) -> tuple:
    return (NATURES.index(o.nature) if o.nature in NATURES else len(NATURES), o.applies_from or dt.date.max, o.title)


def framework_panel(view: FrameworkView, *, filters: Filters, as_of: dt.date) -> FrameworkPanel:
    penalties, penalty_of = _penalties(view)
    by_status = {APPLIES_NOW: view.applies_now, APPLIES_LATER: view.applies_later, MOOT: view.moot,
                 NOT_APPLICABLE: view.not_applicable}
    groups = []
    for status in STATUSES:
        obligations = by_status[status]
        if not obligations:
            continue
        rows = [Row(o, hidden=not filters.matches(o), roles=role_tokens(o), penalty=penalty_of.get(o.code))
                for o in sorted(obligations, key=_order)]
        # Duties that do not apply, and voluntary practices, stay folded unless the reader asked for them.
        groups.append(StatusGroup(
            status, str(STATUS_LABELS[status]), [row for row in rows if row.obligation.nature != "voluntary"],
            [row for row in rows if row.obligation.nature == "voluntary"],
            open=status != NOT_APPLICABLE or filters.status == NOT_APPLICABLE, voluntary_open=filters.nature == "voluntary"))
    return FrameworkPanel(view=view, counts=_counts(view), next_date=_next_date(view, as_of), penalties=penalties,
                          groups=groups,
                          unverified_applying=sum(o.confidence == "unverified" for o in view.applies_now + view.applies_later))


def results_page(views: list[FrameworkView], *, query: Mapping[str, str], as_of: dt.date) -> ResultsPage:
    options = filter_options(views)
    filters = options.clean(query)
    return ResultsPage(panels=[framework_panel(v, filters=filters, as_of=as_of) for v in views], filters=filters,
                       options=options)
