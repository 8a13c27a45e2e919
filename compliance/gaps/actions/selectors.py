"""Reads for actions: the organization's actions, what each serves, crosswalk suggestions, history, the work
assigned to a person, and the work due by a date (for reminders)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet
from django.utils.translation import gettext as _

from compliance.assessments.models import Assessment, PinnedVersion
from compliance.assessments.selectors import AssessmentState, assessment_state
from compliance.organizations.models import Membership
from frameworks.engine import APPLIES_LATER, APPLIES_NOW
from frameworks.selectors import localized_ruleset

from ..models import OPEN_STATUSES, Action, ActionLink, ActionStatus, GapItem, GapStatus
from ..selectors import framework_short_name
from .notifications import person_name

# Crosswalk kinds under which one piece of work serves both obligations; 'related' links only point the way.
SERVES_BOTH = ("equivalent", "overlaps")


@dataclass
class ObligationText:
    title: str
    citation: str
    nature: str
    confidence: str
    framework_name: str


def obligation_texts(keys: set[tuple[int, str, str]]) -> dict[tuple[int, str, str], ObligationText]:
    """Titles and citations of (assessment id, framework code, obligation code) from the pinned versions
    (immutable and compiled once per process): one query whatever the number of keys."""
    if not keys:
        return {}
    pins = PinnedVersion.objects.filter(assessment_id__in={k[0] for k in keys}).select_related(
        "version__framework")
    by_pin: dict[tuple[int, str], dict[str, ObligationText]] = {}
    for pin in pins:
        rule_set = localized_ruleset(pin.version)  # titles and names in the reader's language
        name = rule_set.framework["name"]
        by_pin[(pin.assessment_id, rule_set.framework_code)] = {
            o.code: ObligationText(o.spec["title"], o.spec["citation"], o.spec.get("nature") or "binding",
                                   o.spec["confidence"], name) for o in rule_set.obligations}
    texts = {}
    for key in keys:
        text = by_pin.get((key[0], key[1]), {}).get(key[2])
        texts[key] = text or ObligationText(key[2], "", "binding", "unverified", key[1])
    return texts


def actions_for(*, organization_id: int, status: str = "", assignee_id: int | None = None,
                unassigned: bool = False) -> QuerySet[Action]:
    actions = (Action.objects.filter(organization_id=organization_id).select_related("assignee")
               .annotate(link_count=Count("links")))
    if status:
        actions = actions.filter(status=status)
    if unassigned:
        actions = actions.filter(assignee__isnull=True)
    elif assignee_id:
        actions = actions.filter(assignee_id=assignee_id)
    return actions.order_by("due_date", "title", "pk")


def members_of(*, organization_id: int) -> list:
    """The people work can be assigned to, by name."""
    memberships = Membership.objects.filter(organization_id=organization_id).select_related("user")
    return sorted((m.user for m in memberships), key=lambda u: person_name(u).lower())


@dataclass
class LinkedObligation:
    link: ActionLink
    text: ObligationText
    assessment: Assessment

    @property
    def item(self) -> GapItem:
        return self.link.gap_item

    @property
    def framework_short(self) -> str:
        return framework_short_name(self.item.framework_code)


def linked_obligations(*, action: Action) -> list[LinkedObligation]:
    links = list(action.links.select_related("gap_item__assessment__system", "linked_by")
                 .order_by("gap_item__assessment_id", "gap_item__framework_code", "gap_item__obligation_code"))
    texts = obligation_texts({(lk.gap_item.assessment_id, lk.gap_item.framework_code, lk.gap_item.obligation_code)
                              for lk in links})
    return [LinkedObligation(lk, texts[(lk.gap_item.assessment_id, lk.gap_item.framework_code,
                                        lk.gap_item.obligation_code)], lk.gap_item.assessment) for lk in links]


@dataclass
class Suggestion:
    """An obligation the crosswalk says the same work serves; linked only when a person accepts it."""

    assessment: Assessment
    framework_code: str
    obligation_code: str
    text: ObligationText
    kind: str
    note: str
    via: list[str] = field(default_factory=list)  # citations of the linked obligations that lead here

    @property
    def framework_short(self) -> str:
        return framework_short_name(self.framework_code)

    @property
    def kind_label(self) -> str:
        return _("equivalent") if self.kind == "equivalent" else _("overlapping")


def _applying(state: AssessmentState) -> set[tuple[str, str]]:
    return {(code, o.code) for code, result in state.evaluation.results.items() for o in result.obligations
            if o.status in (APPLIES_NOW, APPLIES_LATER)}


def crosswalk_suggestions(*, action: Action, linked: list[LinkedObligation]) -> list[Suggestion]:
    """For each assessment the action serves, the obligations that the rule sets' crosswalk joins (as equivalent
    or overlapping) to a linked one, that apply to the system and that the action does not serve yet."""
    suggestions: dict[tuple[int, str, str], Suggestion] = {}
    by_assessment: dict[int, list[LinkedObligation]] = {}
    for entry in linked:
        if entry.assessment.archived_at is None:
            by_assessment.setdefault(entry.assessment.pk, []).append(entry)
    for entries in by_assessment.values():
        assessment = entries[0].assessment
        state = assessment_state(assessment)
        applying = _applying(state)
        marked_not_applicable = set(GapItem.objects.filter(
            assessment=assessment, status=GapStatus.NOT_APPLICABLE, status_from_actions=False)
            .values_list("framework_code", "obligation_code"))
        own = {(e.item.framework_code, e.item.obligation_code): e for e in entries}
        for rule_set in state.rule_sets:
            for spec in rule_set.crosswalk:
                if spec["kind"] not in SERVES_BOTH:
                    continue
                ends = [(rule_set.framework_code, spec["obligation"]), (spec["framework"], spec["target"])]
                for source, target in (ends, ends[::-1]):
                    if source not in own or target in own or target not in applying:
                        continue
                    if target in marked_not_applicable:
                        continue
                    key = (assessment.pk, *target)
                    suggestion = suggestions.get(key)
                    if suggestion is None:
                        suggestion = suggestions[key] = Suggestion(assessment, target[0], target[1], None,  # type: ignore[arg-type]
                                                                   spec["kind"], spec.get("note", ""))
                    citation = own[source].text.citation
                    if citation not in suggestion.via:
                        suggestion.via.append(citation)
    texts = obligation_texts(set(suggestions))
    for key, suggestion in suggestions.items():
        suggestion.text = texts[key]
    return sorted(suggestions.values(), key=lambda s: (s.assessment.pk, s.framework_code, s.text.citation))


def suggestion_for(*, action: Action, assessment_id: int, framework_code: str,
                   obligation_code: str) -> Suggestion | None:
    linked = linked_obligations(action=action)
    return next((s for s in crosswalk_suggestions(action=action, linked=linked)
                 if (s.assessment.pk, s.framework_code, s.obligation_code)
                 == (assessment_id, framework_code, obligation_code)), None)


# --- history -------------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: object
    changes: list[tuple[str, str | None, str]]

    @property
    def who_name(self) -> str:
        return person_name(self.who) if self.who else _("unknown user")


def _action_value(record, name: str) -> str:
    value = getattr(record, name)
    if name == "status":
        return str(ActionStatus(value).label)
    if name == "assignee":
        return person_name(value) if value else _("nobody")
    if value in ("", None):
        return _("(empty)")
    return value.isoformat() if isinstance(value, dt.date) else str(value)


ACTION_FIELDS = {"title": _("title"), "description": _("description"), "status": _("status"),
                 "assignee": _("assigned to"), "due_date": _("due date")}


def action_history(*, action: Action) -> list[HistoryEntry]:
    """Every change to the action and to its links (linked or unlinked, by whom), newest first."""
    entries: list[HistoryEntry] = []
    previous = None
    for record in action.history.select_related("history_user", "assignee").order_by("history_date", "history_id"):
        changes: list[tuple[str, str | None, str]]
        if previous is None:
            changes = [(str(ACTION_FIELDS[n]).capitalize(), None, _action_value(record, n)) for n in ACTION_FIELDS
                       if getattr(record, n) not in ("", None)]
        else:
            delta = record.diff_against(previous, included_fields=list(ACTION_FIELDS))
            changes = [(str(ACTION_FIELDS[c.field]).capitalize(), _action_value(previous, c.field),
                        _action_value(record, c.field)) for c in delta.changes]
        entries.append(HistoryEntry(record.history_date, record.history_user, changes))
        previous = record
    link_records = list(ActionLink.history.filter(action_id=action.pk).exclude(history_type="~")
                        .select_related("history_user", "gap_item"))
    texts = obligation_texts({(r.gap_item.assessment_id, r.gap_item.framework_code, r.gap_item.obligation_code)
                              for r in link_records if r.gap_item})
    for r in link_records:
        if r.gap_item is None:
            continue
        text = texts[(r.gap_item.assessment_id, r.gap_item.framework_code, r.gap_item.obligation_code)]
        label = _("Linked to") if r.history_type == "+" else _("Unlinked from")
        entries.append(HistoryEntry(r.history_date, r.history_user,
                                    [(str(label), None, f"{text.framework_name}: {text.title} ({text.citation})")]))
    return sorted(entries, key=lambda e: e.when, reverse=True)


def gap_item_link_history(*, item: GapItem) -> list[HistoryEntry]:
    """Actions linked to and unlinked from one obligation, with who and when."""
    records = ActionLink.history.filter(gap_item_id=item.pk).exclude(history_type="~").select_related(
        "history_user", "action")
    entries = []
    for r in records:
        title = r.action.title if r.action else _("(a deleted action)")
        label = _("Action linked") if r.history_type == "+" else _("Action unlinked")
        entries.append(HistoryEntry(r.history_date, r.history_user, [(str(label), None, title)]))
    return entries


# --- assigned work and work due ---------------------------------------------------------------------


@dataclass
class AssignedItem:
    item: GapItem
    text: ObligationText


def assigned_actions(*, user) -> QuerySet[Action]:
    """Open actions assigned to ``user`` in organizations they are a member of."""
    return (Action.objects.filter(assignee_id=user.pk, organization__memberships__user_id=user.pk)
            .exclude(status=ActionStatus.DONE).select_related("organization").annotate(link_count=Count("links"))
            .order_by(F("due_date").asc(nulls_last=True), "title", "pk"))


def assigned_gap_items(*, user) -> list[AssignedItem]:
    """Open obligations assigned to ``user`` across the assessments (not archived) of their organizations."""
    items = list(GapItem.objects.filter(assignee_id=user.pk, organization__memberships__user_id=user.pk,
                                        status__in=OPEN_STATUSES, assessment__archived_at__isnull=True)
                 .select_related("assessment__system", "organization")
                 .order_by(F("due_date").asc(nulls_last=True), "assessment_id", "framework_code",
                           "obligation_code"))
    texts = obligation_texts({(i.assessment_id, i.framework_code, i.obligation_code) for i in items})
    return [AssignedItem(i, texts[(i.assessment_id, i.framework_code, i.obligation_code)]) for i in items]


def actions_due(*, due_by: dt.date) -> QuerySet[Action]:
    """Open actions with an assignee and a due date on or before ``due_by`` (overdue ones included), for
    reminders: each with its assignee and organization."""
    return (Action.objects.exclude(status=ActionStatus.DONE)
            .filter(assignee__isnull=False, due_date__isnull=False, due_date__lte=due_by,
                    organization__memberships__user_id=F("assignee_id"))
            .select_related("assignee", "organization").order_by("due_date", "pk"))


def gap_items_due(*, due_by: dt.date) -> QuerySet[GapItem]:
    """Open obligations (of assessments that are not archived) with an assignee and a due date on or before
    ``due_by``, for reminders; still-member assignees only."""
    return (GapItem.objects.filter(status__in=OPEN_STATUSES, assignee__isnull=False, due_date__isnull=False,
                                   due_date__lte=due_by, assessment__archived_at__isnull=True,
                                   organization__memberships__user_id=F("assignee_id"))
            .select_related("assignee", "organization", "assessment__system").order_by("due_date", "pk"))
