"""Due-date and evidence-review reminders, e-mailed at most once per item, recipient and period.

Each run finds what is due within ``days_ahead`` days or overdue: open obligations and actions with an
assignee and a due date, and evidence files with a review-by date (to their uploader, or to the assignee of
what they support when the uploader is no longer a member). Every reminder is claimed first as a
ReminderSent row; the unique constraint on (kind, subject, recipient, period) lets concurrent runs claim it
once. A recipient gets one e-mail listing their claimed reminders, in their language; if sending fails the
claims are deleted, so the next run tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from compliance.organizations.models import Membership

from .actions.notifications import recipient_language
from .models import OPEN_STATUSES, Action, ActionStatus, Evidence, GapItem, GapStatus, ReminderKind, ReminderSent
from .titles import ObligationTitles

logger = logging.getLogger(__name__)
# Periods are counted from a Monday, so weekly periods run Monday to Sunday.
PERIOD_EPOCH = dt.date(2024, 1, 1)


@dataclass
class Reminder:
    kind: str
    subject: str  # "gap:<id>", "action:<id>" or "evidence:<id>"
    organization_id: int
    recipient: Any  # a user
    title: str
    date: dt.date
    path: str
    status: Any = None  # the status choice (GapStatus or ActionStatus member) of due work


@dataclass
class RunSummary:
    emails: int = 0
    reminders: int = 0
    already_sent: int = 0
    failed: int = 0
    recipients: list[str] = field(default_factory=list)


def period_start(*, today: dt.date, period_days: int) -> dt.date:
    """The first day of the reminder period ``today`` falls in."""
    days = (today - PERIOD_EPOCH).days
    return PERIOD_EPOCH + dt.timedelta(days=days - days % max(period_days, 1))


def _is_member(user_field: str):
    return Exists(Membership.objects.filter(user_id=OuterRef(user_field), organization_id=OuterRef("organization_id")))


def _gap_path(item: GapItem) -> str:
    return reverse("gaps:edit", args=[item.assessment_id, item.framework_code, item.obligation_code])


def _action_path(action: Action) -> str:
    return reverse("gaps:action", args=[action.pk])


def due_reminders(*, today: dt.date, days_ahead: int) -> list[Reminder]:
    """Everything that needs a reminder today, to whom."""
    horizon = today + dt.timedelta(days=days_ahead)
    titles = ObligationTitles()
    found: list[Reminder] = []
    items = (GapItem.objects.filter(assignee__isnull=False, status__in=OPEN_STATUSES, due_date__lte=horizon,
                                    assessment__archived_at=None)
             .filter(_is_member("assignee_id")).select_related("assignee", "assessment__system")
             .order_by("due_date", "pk"))
    for item in items:
        assert item.due_date is not None
        found.append(Reminder(ReminderKind.DUE_DATE, f"gap:{item.pk}", item.organization_id, item.assignee,
                              titles(item), item.due_date, _gap_path(item), GapStatus(item.status)))
    actions = (Action.objects.filter(assignee__isnull=False, due_date__lte=horizon)
               .exclude(status=ActionStatus.DONE).filter(_is_member("assignee_id")).select_related("assignee")
               .order_by("due_date", "pk"))
    for action in actions:
        assert action.due_date is not None
        found.append(Reminder(ReminderKind.DUE_DATE, f"action:{action.pk}", action.organization_id,
                              action.assignee, action.title, action.due_date, _action_path(action),
                              ActionStatus(action.status)))
    evidence = (Evidence.objects.filter(removed_at=None, review_by__lte=horizon)
                .exclude(gap_item__assessment__archived_at__isnull=False)
                .annotate(uploader_is_member=_is_member("uploaded_by_id"))
                .select_related("uploaded_by", "gap_item__assignee", "gap_item__assessment__system",
                                "action__assignee")
                .order_by("review_by", "pk"))
    for file in evidence:
        assert file.review_by is not None
        recipient = file.uploaded_by if file.uploader_is_member else None
        if recipient is None:
            owner_of = file.gap_item or file.action
            recipient = getattr(owner_of, "assignee", None)
            if recipient is None or not Membership.objects.filter(
                    user=recipient, organization_id=file.organization_id).exists():
                continue
        if file.gap_item is not None:
            about, path = titles(file.gap_item), reverse("gaps:evidence", args=[
                file.gap_item.assessment_id, file.gap_item.framework_code, file.gap_item.obligation_code])
        else:
            assert file.action is not None
            about, path = file.action.title, reverse("gaps:action_evidence", args=[file.action_id])
        found.append(Reminder(ReminderKind.EVIDENCE_REVIEW, f"evidence:{file.pk}", file.organization_id, recipient,
                              f"{file.name} — {about}", file.review_by, path))
    return found


def _claim(reminder: Reminder, period: dt.date) -> ReminderSent | None:
    try:
        with transaction.atomic():
            return ReminderSent.objects.create(organization_id=reminder.organization_id, kind=reminder.kind,
                                               subject=reminder.subject, recipient=reminder.recipient,
                                               period_start=period)
    except IntegrityError:
        return None  # sent in this period already, or another run is sending it now


def _email(recipient, reminders: list[Reminder], *, today: dt.date) -> tuple[str, str]:
    site = settings.SITE_URL.rstrip("/")
    with translation.override(recipient_language(recipient)):
        lines = []
        for r in reminders:
            if r.kind == ReminderKind.EVIDENCE_REVIEW:
                when = (_("review was due %(date)s") if r.date < today else _("review by %(date)s"))
            else:
                when = (_("%(status)s, overdue since %(date)s") if r.date < today else _("%(status)s, due %(date)s"))
            lines.append({"kind": r.kind, "title": r.title, "url": site + r.path,
                          "when": when % {"date": r.date.isoformat(), "status": r.status.label if r.status else ""}})
        subject = ngettext("%(count)d reminder: work due or evidence to review",
                           "%(count)d reminders: work due or evidence to review", len(reminders)) % {
            "count": len(reminders)}
        body = render_to_string("gaps/email/reminders.txt", {
            "name": recipient.get_full_name() or recipient.get_username(), "lines": lines,
            "due": [line for line in lines if line["kind"] == ReminderKind.DUE_DATE],
            "review": [line for line in lines if line["kind"] == ReminderKind.EVIDENCE_REVIEW]})
    return subject, body


def send_reminders(*, today: dt.date | None = None, days_ahead: int | None = None,
                   period_days: int | None = None) -> RunSummary:
    """Send today's reminders that were not sent in this period yet; safe to run often and concurrently."""
    today = today or timezone.localdate()
    days_ahead = settings.REMINDER_DAYS_AHEAD if days_ahead is None else days_ahead
    period = period_start(today=today, period_days=period_days or settings.REMINDER_PERIOD_DAYS)
    summary = RunSummary()
    by_recipient: dict[int, list[Reminder]] = {}
    for reminder in due_reminders(today=today, days_ahead=days_ahead):
        if getattr(reminder.recipient, "email", ""):
            by_recipient.setdefault(reminder.recipient.pk, []).append(reminder)
    for reminders in by_recipient.values():
        recipient = reminders[0].recipient
        claimed = [(r, c) for r in reminders if (c := _claim(r, period)) is not None]
        summary.already_sent += len(reminders) - len(claimed)
        if not claimed:
            continue
        subject, body = _email(recipient, [r for r, _c in claimed], today=today)
        try:
            send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL,
                      recipient_list=[recipient.email])
        except Exception:
            logger.exception("Could not send %d reminders to user %s; the next run tries again",
                             len(claimed), recipient.pk)
            ReminderSent.objects.filter(pk__in=[c.pk for _r, c in claimed]).delete()
            summary.failed += len(claimed)
            continue
        ReminderSent.objects.filter(pk__in=[c.pk for _r, c in claimed]).update(sent_at=timezone.now())
        summary.emails += 1
        summary.reminders += len(claimed)
        summary.recipients.append(recipient.get_username())
    return summary
