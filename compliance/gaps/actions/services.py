"""Writes for actions, their links to obligations and assignments. Each change is checked first, saved with
who made it (django-simple-history keeps every version) and re-derives the status of the obligations it touches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.assessments.selectors import AssessmentState
from compliance.assessments.services import check_not_archived
from compliance.concurrency import check_unchanged
from compliance.organizations.models import Membership
from compliance.organizations.services import note_portfolio_change

from ..models import Action, ActionLink, ActionStatus, GapItem, GapStatus, derived_status
from ..services import check_applicable
from . import notifications

# The fields of the action form, checked for concurrent edits (compliance.concurrency).
EDITED_FIELDS = ("title", "description", "status", "assignee", "due_date")


def edit_key(*, action: Action) -> str:
    return f"action:{action.pk}"


MAX_TITLE = 200
MAX_DESCRIPTION = 5000


def check_assignee(*, organization_id: int, assignee) -> None:
    """Only members of the organization can be assigned work (or nobody)."""
    if assignee is not None and not Membership.objects.filter(organization_id=organization_id,
                                                              user_id=assignee.pk).exists():
        raise ValidationError({"assignee": [_("Choose a member of the organization, or nobody.")]})


def _check_fields(*, title: str, description: str, status: str, due_date) -> None:
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Give the action a title, e.g. “Human oversight procedure v2”.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [_("Use at most %(count)d characters.") % {"count": MAX_TITLE}]
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = [_("Use at most %(count)d characters.") % {"count": MAX_DESCRIPTION}]
    if status not in ActionStatus.values:
        errors["status"] = [_("Choose one of the listed statuses.")]
    if due_date is not None and not isinstance(due_date, dt.date):
        errors["due_date"] = [_("Enter a date as YYYY-MM-DD.")]
    if errors:
        raise ValidationError(errors)


def create_action(*, organization_id: int, user, title: str, description: str = "",
                  status: str = ActionStatus.NOT_STARTED, assignee=None, due_date: dt.date | None = None) -> Action:
    title, description = title.strip(), description.strip()
    _check_fields(title=title, description=description, status=status, due_date=due_date)
    check_assignee(organization_id=organization_id, assignee=assignee)
    now = timezone.now()
    action = Action(organization_id=organization_id, title=title, description=description, status=status,
                    assignee=assignee, due_date=due_date, created_by=user, created_at=now, updated_by=user,
                    updated_at=now)
    action._history_user = user
    with transaction.atomic():
        action.save()
    if assignee is not None and assignee != user:
        notifications.notify_assignment_on_commit(kind="action", pk=action.pk, assigned_by=user)
    return action


def update_action(*, action: Action, user, title: str, description: str, status: str, assignee,
                  due_date: dt.date | None, version: str = "") -> Action:
    """Change an action; when its status changes, every obligation it serves follows (see derived_status).
    ``version`` is the form's compliance.concurrency token: if someone saved the action after the form was
    opened, StaleEdit is raised and nothing is saved (an empty token skips the check: the API, scripts)."""
    title, description = title.strip(), description.strip()
    _check_fields(title=title, description=description, status=status, due_date=due_date)
    check_assignee(organization_id=action.organization_id, assignee=assignee)
    values = {"title": title, "description": description, "status": status, "assignee": assignee,
              "due_date": due_date}
    with transaction.atomic():
        current = Action.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=action.pk)
        if all(getattr(current, name) == value for name, value in values.items()):
            return current  # nothing changed (a double submit, or the same change): no new history entry
        check_unchanged(instance=current, fields=EDITED_FIELDS, key=edit_key(action=current), token=version)
        newly_assigned = assignee is not None and assignee.pk != current.assignee_id
        status_changed = status != current.status
        for name, value in values.items():
            setattr(current, name, value)
        current.updated_by, current.updated_at = user, timezone.now()
        current._history_user = user
        current.save()
        if status_changed:
            refresh_derived_statuses(items=GapItem.objects.filter(action_links__action=current), user=user)
    if newly_assigned and assignee != user:
        notifications.notify_assignment_on_commit(kind="action", pk=current.pk, assigned_by=user)
    return current


def refresh_derived_statuses(*, items: Iterable[GapItem], user) -> list[GapItem]:
    """Re-derive the status of obligations from their linked actions; an obligation whose last link was removed
    reopens (not started). Saves (one history entry each) only those whose status or its source changed."""
    changed = []
    now = timezone.now()
    for item in GapItem.objects.select_for_update().filter(pk__in=[i.pk for i in items]):
        statuses = list(Action.objects.filter(links__gap_item=item).values_list("status", flat=True))
        if statuses:
            status, from_actions = derived_status(statuses), True
        elif item.status_from_actions:
            status, from_actions = GapStatus.NOT_STARTED, False  # its last action was unlinked: open again
        else:
            continue
        if (item.status, item.status_from_actions) == (status, from_actions):
            continue
        item.status, item.status_from_actions = status, from_actions
        item.justification = ""  # kept only for 'not applicable', which a derived status never is
        item.status_set_by, item.status_set_at = user, now
        item.updated_by, item.updated_at = user, now
        item._history_user = user
        item.save()
        note_portfolio_change(organization_id=item.organization_id)
        changed.append(item)
    return changed


def _gap_item(*, state: AssessmentState, framework_code: str, obligation_code: str, user) -> GapItem:
    """The gap item of an applicable obligation, created (not started) if nobody has recorded it yet."""
    check_applicable(state=state, framework_code=framework_code, obligation_code=obligation_code)
    assessment = state.assessment
    lookup = {"assessment": assessment, "framework_code": framework_code, "obligation_code": obligation_code}
    item = GapItem.objects.select_for_update().filter(**lookup).first()
    if item is not None:
        return item
    now = timezone.now()
    item = GapItem(organization_id=assessment.organization_id, updated_by=user, updated_at=now, **lookup)
    item._history_user = user
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:  # created meanwhile by a double submit
        item = GapItem.objects.select_for_update().get(**lookup)
    return item


def link_action(*, action: Action, state: AssessmentState, framework_code: str, obligation_code: str,
                user) -> ActionLink:
    """Link an action to an obligation of an assessment of the same organization (a person's decision, e.g.
    accepting a crosswalk suggestion). The obligation's status then follows its linked actions."""
    assessment = state.assessment
    if assessment.organization_id != action.organization_id:
        raise ValidationError(_("This obligation belongs to another organization."))
    check_not_archived(assessment)
    with transaction.atomic():
        item = _gap_item(state=state, framework_code=framework_code, obligation_code=obligation_code, user=user)
        if item.status == GapStatus.NOT_APPLICABLE and not item.status_from_actions:
            raise ValidationError(_("This obligation is marked not applicable to the system; change its status "
                                    "before linking an action to it."))
        existing = ActionLink.objects.filter(action=action, gap_item=item).first()
        if existing is not None:
            return existing  # a double submit: linked once
        link = ActionLink(organization_id=action.organization_id, action=action, gap_item=item, linked_by=user,
                          linked_at=timezone.now())
        link._history_user = user
        try:
            with transaction.atomic():
                link.save()
        except IntegrityError:
            return ActionLink.objects.get(action=action, gap_item=item)
        refresh_derived_statuses(items=[item], user=user)
    return link


def unlink_action(*, link: ActionLink, user) -> GapItem:
    """Remove a link; the obligation's status follows its remaining actions, or reopens if none remain."""
    check_not_archived(link.gap_item.assessment)
    with transaction.atomic():
        item = link.gap_item
        link._history_user = user
        link.delete()
        refresh_derived_statuses(items=[item], user=user)
    item.refresh_from_db()
    return item
