"""Writes for gap tracking. Each change is checked first and saved with who made it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.assessments.selectors import AssessmentState
from compliance.assessments.services import check_not_archived
from compliance.concurrency import check_unchanged
from compliance.organizations.services import note_portfolio_change
from frameworks.engine import MOOT, NOT_APPLICABLE

from .models import GapItem, GapStatus

MAX_TEXT = 5000
MAX_OWNER = 200
MAX_LINKS = 20
MAX_LINK_LENGTH = 500
_url_validator = URLValidator(schemes=["http", "https"])

# The fields of the gap item form, checked for concurrent edits (compliance.concurrency).
EDITED_FIELDS = ("status", "justification", "assignee", "due_date", "evidence_notes", "links")


def edited_fields(*, status_follows_actions: bool) -> tuple[str, ...]:
    """The fields the form edits: without the status where linked actions set it."""
    if status_follows_actions:
        return tuple(f for f in EDITED_FIELDS if f not in ("status", "justification"))
    return EDITED_FIELDS


def edit_key(*, assessment_id: int, framework_code: str, obligation_code: str) -> str:
    """What a gap item form's version names: the item may not exist yet when the form is opened."""
    return f"gap:{assessment_id}:{framework_code}:{obligation_code}"


def clean_links(links: Sequence[str]) -> list[str]:
    """Evidence links: http(s) URLs only, each once, at most MAX_LINKS. Raises ValidationError."""
    cleaned: list[str] = []
    for link in links:
        link = link.strip()
        if not link or link in cleaned:
            continue
        if len(link) > MAX_LINK_LENGTH:
            raise ValidationError(f"A link is longer than {MAX_LINK_LENGTH} characters.")
        try:
            _url_validator(link)
        except ValidationError:
            raise ValidationError(f"“{link}” is not a web address starting with http:// or https://.") from None
        cleaned.append(link)
    if len(cleaned) > MAX_LINKS:
        raise ValidationError(f"Give at most {MAX_LINKS} links.")
    return cleaned


def check_applicable(*, state: AssessmentState, framework_code: str, obligation_code: str) -> None:
    """Only obligations that apply (not 'not applicable', not moot under a ban) have a gap to track."""
    result = state.evaluation.results.get(framework_code)
    obligation = next((o for o in result.obligations if o.code == obligation_code), None) if result else None
    if obligation is None:
        raise ValidationError("This obligation is not part of the assessment's rule sets; reload the page.")
    if obligation.status == NOT_APPLICABLE:
        raise ValidationError("This obligation does not apply to the system given its answers, so it has no gap to track.")
    if obligation.status == MOOT:
        raise ValidationError("This duty is moot: the practice is prohibited, so there is no gap to track. Stop or "
                              "change the practice first.")


def _check(*, state: AssessmentState, framework_code: str, obligation_code: str, status: str, justification: str,
           owner: str, evidence_notes: str, due_date) -> None:
    check_applicable(state=state, framework_code=framework_code, obligation_code=obligation_code)
    errors: dict[str, list[str]] = {}
    if status not in GapStatus.values:
        errors["status"] = [_("Choose one of the listed statuses.")]
    elif status == GapStatus.NOT_APPLICABLE and not justification.strip():
        errors["justification"] = [_("Explain why the obligation does not apply to this system.")]
    if len(owner) > MAX_OWNER:
        errors["owner"] = [_("Use at most %(count)d characters.") % {"count": MAX_OWNER}]
    for name, text in (("justification", justification), ("evidence_notes", evidence_notes)):
        if len(text) > MAX_TEXT:
            errors.setdefault(name, []).append(_("Use at most %(count)d characters.") % {"count": MAX_TEXT})
    if due_date is not None and not isinstance(due_date, dt.date):
        errors["due_date"] = [_("Enter a date as YYYY-MM-DD.")]
    if errors:
        raise ValidationError(errors)


# ``record_gap(assignee=KEEP)`` leaves the assignee as it is (callers that do not offer the field).
KEEP: Any = object()


def record_gap(*, state: AssessmentState, user, framework_code: str, obligation_code: str,
               status: str | None = None, justification: str = "", owner: str | None = None, assignee=KEEP,
               due_date: dt.date | None = None, evidence_notes: str = "", links: Sequence[str] = (),
               version: str = "") -> GapItem:
    """Create or update the gap item of one applicable obligation; raises ValidationError and saves nothing if
    anything is wrong. A justification is kept only for 'not applicable'.

    The status is set directly only while no action is linked; with linked actions it follows them, and a
    different ``status`` is refused (``None`` keeps it). ``owner`` is the free text of earlier data: ``None``
    keeps it, and assigning a member replaces it. The newly assigned member is e-mailed. ``version`` is the
    form's compliance.concurrency token: if someone saved the item after it, StaleEdit is raised and nothing saved.
    """
    from .actions import notifications  # actions import this module
    from .actions.services import check_assignee

    check_not_archived(state.assessment)
    assessment = state.assessment
    lookup = {"assessment": assessment, "framework_code": framework_code, "obligation_code": obligation_code}
    evidence_notes = evidence_notes.strip()
    key = edit_key(assessment_id=assessment.pk, framework_code=framework_code, obligation_code=obligation_code)
    with transaction.atomic():
        item = GapItem.objects.select_for_update().filter(**lookup).first()
        linked = item is not None and item.action_links.exists()
        current_status = item.status if item is not None else GapStatus.NOT_STARTED
        if status is None:
            status = current_status
        elif linked and status != current_status:
            raise ValidationError({"status": [_("The status of this obligation follows its linked actions; change "
                                                "the actions, or unlink them to set the status directly.")]})
        if assignee is KEEP:
            assignee = item.assignee if item is not None else None
        if owner is None:
            owner = item.owner if item is not None else ""
        if assignee is not None:
            owner = ""  # a member now holds what the free text named
        owner = owner.strip()
        justification = justification.strip() if status == GapStatus.NOT_APPLICABLE else ""
        _check(state=state, framework_code=framework_code, obligation_code=obligation_code, status=status,
               justification=justification, owner=owner, evidence_notes=evidence_notes, due_date=due_date)
        check_assignee(organization_id=assessment.organization_id, assignee=assignee)
        try:
            links = clean_links(links)
        except ValidationError as exc:
            raise ValidationError({"links": exc.messages}) from None
        values = {"status": status, "justification": justification, "owner": owner, "assignee": assignee,
                  "due_date": due_date, "evidence_notes": evidence_notes, "links": links}
        previous_assignee = item.assignee_id if item is not None else None
        if item is None:
            item = GapItem(organization_id=assessment.organization_id, **lookup)
        elif all(getattr(item, name) == value for name, value in values.items()):
            return item  # nothing changed (a double submit, or the same change): no new history entry
        check_unchanged(instance=item, fields=EDITED_FIELDS, key=key, token=version)
        _apply(item, values, user=user, status_changed=item.pk is None or status != current_status)
        try:
            with transaction.atomic():  # a savepoint: a double submit may have created the row meanwhile
                item.save()
        except IntegrityError:
            item = GapItem.objects.select_for_update().get(**lookup)
            if all(getattr(item, name) == value for name, value in values.items()):
                return item
            check_unchanged(instance=item, fields=EDITED_FIELDS, key=key, token=version)
            _apply(item, values, user=user, status_changed=status != item.status)
            item.save()
    if assignee is not None and assignee.pk != previous_assignee and assignee != user:
        notifications.notify_assignment_on_commit(kind="gap_item", pk=item.pk, assigned_by=user)
    return item


def _apply(item: GapItem, values: dict, *, user, status_changed: bool) -> None:
    now = timezone.now()
    for name, value in values.items():
        setattr(item, name, value)
    if status_changed:
        item.status_set_by, item.status_set_at = user, now
    item.updated_by, item.updated_at = user, now
    item._history_user = user  # also outside a request (the middleware covers requests)
    note_portfolio_change(organization_id=item.organization_id)


MAX_BULK = 200


def bulk_update_gaps(*, state: AssessmentState, user, keys: Sequence[tuple[str, str]], status: str | None = None,
                     assignee=KEEP, due_date: dt.date | None | Any = KEEP) -> tuple[list[GapItem], list[str]]:
    """Set the status, assignee or due date of many obligations at once: one history entry per changed item.
    Items whose status follows linked actions keep it (reported back as skipped); a status of 'not applicable'
    needs a justification per item, so it cannot be set in bulk. All or nothing for the other problems."""
    if not keys:
        raise ValidationError(_("Select at least one obligation."))
    if len(keys) > MAX_BULK:
        raise ValidationError(_("Select at most %(count)d obligations at once.") % {"count": MAX_BULK})
    if status is None and assignee is KEEP and due_date is KEEP:
        raise ValidationError(_("Choose what to change: a status, an assignee or a due date."))
    if status is not None and status not in (GapStatus.NOT_STARTED, GapStatus.IN_PROGRESS, GapStatus.MET):
        raise ValidationError({"status": [_("“Not applicable” needs a reason for each obligation; set it on "
                                            "each one.")]})
    changed: list[GapItem] = []
    skipped: list[str] = []
    with transaction.atomic():
        items = {(i.framework_code, i.obligation_code): i for i in GapItem.objects.select_for_update().filter(
            assessment=state.assessment).prefetch_related("action_links")}
        for framework_code, obligation_code in dict.fromkeys(keys):
            item = items.get((framework_code, obligation_code))
            new_status = status
            if status is not None and item is not None and item.action_links.all():
                new_status = None  # follows its linked actions
                skipped.append(obligation_code)
            before = (item.status, item.assignee_id, item.due_date) if item else None
            saved = record_gap(
                state=state, user=user, framework_code=framework_code, obligation_code=obligation_code,
                status=new_status, assignee=assignee,
                due_date=(item.due_date if item else None) if due_date is KEEP else due_date,
                justification=item.justification if item else "",
                evidence_notes=item.evidence_notes if item else "", links=item.links if item else ())
            if before != (saved.status, saved.assignee_id, saved.due_date):
                changed.append(saved)
    return changed, skipped
