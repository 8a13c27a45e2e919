"""Due-date and evidence-review reminders: to the right person, once per item and period, recorded."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from compliance.gaps import reminders
from compliance.gaps.models import Action, ActionStatus, Evidence, GapStatus, ReminderKind, ReminderSent
from compliance.gaps.tasks import send_reminders as send_reminders_task
from compliance.organizations.models import Membership, UserProfile
from tests.factories import AS_OF
from tests.gaps.fixtures import set_gap

TODAY = AS_OF  # 2026-11-22, a Sunday


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REMINDER_DAYS_AHEAD = 7
    settings.REMINDER_PERIOD_DAYS = 7


def run(today=TODAY, **kwargs):
    return reminders.send_reminders(today=today, **kwargs)


def evidence_file(item=None, action=None, *, by, review_by, name="policy.pdf"):
    owner = item or action
    evidence = Evidence(organization_id=owner.organization_id, gap_item=item, action=action, name=name,
                        content_type="application/pdf", size=4, sha256="0" * 64, review_by=review_by, uploaded_by=by)
    evidence.file.save("x", ContentFile(b"%PDF"), save=False)
    evidence.save()
    return evidence


def test_assignee_gets_one_email_however_often_it_runs(assessment, teammate, owner):
    set_gap(assessment, "art4-ai-literacy", assignee=teammate, due_date=TODAY + dt.timedelta(days=3),
            status=GapStatus.IN_PROGRESS)
    first, second = run(), run()
    assert (first.emails, first.reminders, second.emails, second.already_sent) == (1, 1, 0, 1)
    [message] = mail.outbox
    assert message.to == [teammate.email]
    assert "Support AI literacy of staff" in message.body and "(Art. 4)" in message.body and "due 2026-11-25" in message.body
    assert "CV screener" in message.body
    assert f"/assessments/{assessment.pk}/gaps/eu-ai-act/art4-ai-literacy/edit/" in message.body
    row = ReminderSent.objects.get()
    assert (row.kind, row.recipient, row.subject, row.period_start) == (
        ReminderKind.DUE_DATE, teammate, f"gap:{assessment.gap_items.get().pk}", dt.date(2026, 11, 16))
    assert row.sent_at is not None


def test_next_period_reminds_again(assessment, teammate):
    set_gap(assessment, "art4-ai-literacy", assignee=teammate, due_date=TODAY - dt.timedelta(days=1))
    run()
    run(today=TODAY + dt.timedelta(days=1))  # Monday: a new weekly period
    assert len(mail.outbox) == 2
    assert "overdue since 2026-11-21" in mail.outbox[1].body


def test_only_open_assigned_items_due_within_the_window(assessment, teammate, owner, organization):
    set_gap(assessment, "art4-ai-literacy", assignee=teammate, due_date=TODAY + dt.timedelta(days=30))  # later
    set_gap(assessment, "art9-risk-management", assignee=teammate, due_date=TODAY, status=GapStatus.MET)  # done
    set_gap(assessment, "art26-7-inform-workers", owner="HR team", due_date=TODAY)  # free text: no member
    Action.objects.create(organization=organization, title="Oversight procedure v2", assignee=owner,
                          due_date=TODAY - dt.timedelta(days=2), status=ActionStatus.IN_PROGRESS)
    Action.objects.create(organization=organization, title="Finished work", assignee=owner, due_date=TODAY,
                          status=ActionStatus.DONE)
    Action.objects.create(organization=organization, title="Nobody's work", due_date=TODAY)
    summary = run()
    assert (summary.emails, summary.reminders) == (1, 1)
    [message] = mail.outbox
    assert message.to == [owner.email] and "Oversight procedure v2" in message.body
    assert "overdue since 2026-11-20" in message.body and "Finished work" not in message.body


def test_former_member_and_archived_assessment_get_nothing(assessment, teammate):
    set_gap(assessment, "art4-ai-literacy", assignee=teammate, due_date=TODAY)
    Membership.objects.filter(user=teammate).delete()
    assert run().emails == 0
    Membership.objects.create(user=teammate, organization=assessment.organization)
    assessment.archived_at = timezone.now()
    assessment.save()
    assert run().emails == 0 and not mail.outbox and not ReminderSent.objects.exists()


def test_evidence_review_goes_to_the_uploader_or_else_the_assignee(assessment, owner, teammate, viewer):
    item = set_gap(assessment, "art4-ai-literacy", assignee=teammate)
    evidence_file(item, by=viewer, review_by=TODAY - dt.timedelta(days=1), name="training-log.pdf")
    evidence_file(item, by=viewer, review_by=TODAY + dt.timedelta(days=60), name="later.pdf")
    removed = evidence_file(item, by=viewer, review_by=TODAY, name="removed.pdf")
    removed.removed_at = timezone.now()
    removed.save()
    run()
    [message] = mail.outbox
    assert message.to == [viewer.email]
    assert "Evidence to review" in message.body and "training-log.pdf" in message.body
    assert "review was due 2026-11-21" in message.body
    assert "later.pdf" not in message.body and "removed.pdf" not in message.body
    assert ReminderSent.objects.get().kind == ReminderKind.EVIDENCE_REVIEW

    Membership.objects.filter(user=viewer).delete()  # the uploader left: the item's assignee is reminded
    run(today=TODAY + dt.timedelta(days=7))
    assert mail.outbox[1].to == [teammate.email] and "training-log.pdf" in mail.outbox[1].body


def test_evidence_of_an_action_reminds_its_uploader(organization, owner):
    action = Action.objects.create(organization=organization, title="Logging policy")
    evidence_file(action=action, by=owner, review_by=TODAY, name="logging.pdf")
    run()
    [message] = mail.outbox
    assert message.to == [owner.email] and "logging.pdf — Logging policy" in message.body
    assert f"/actions/{action.pk}/evidence/" in message.body


def test_a_reminder_claimed_by_a_concurrent_run_is_not_sent_twice(assessment, teammate):
    item = set_gap(assessment, "art4-ai-literacy", assignee=teammate, due_date=TODAY)
    ReminderSent.objects.create(organization=assessment.organization, kind=ReminderKind.DUE_DATE,
                                subject=f"gap:{item.pk}", recipient=teammate, period_start=dt.date(2026, 11, 16))
    summary = run()
    assert (summary.emails, summary.already_sent) == (0, 1) and not mail.outbox


def test_failed_sending_releases_the_claim_for_the_next_run(assessment, teammate, monkeypatch):
    set_gap(assessment, "art4-ai-literacy", assignee=teammate, due_date=TODAY)

    def refuse(**kwargs):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr(reminders, "send_mail", refuse)
    assert run().failed == 1 and not ReminderSent.objects.exists()
    monkeypatch.undo()
    assert run().emails == 1 and len(mail.outbox) == 1


def test_recipient_without_an_address_is_skipped(assessment, teammate):
    teammate.email = ""
    teammate.save()
    set_gap(assessment, "art4-ai-literacy", assignee=teammate, due_date=TODAY)
    assert run().emails == 0 and not ReminderSent.objects.exists()


def test_command_and_task_send_once(assessment, teammate, frozen_today):
    set_gap(assessment, "art4-ai-literacy", assignee=teammate, due_date=TODAY)
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "Sent 1 e-mail(s) with 1 reminder(s)" in out.getvalue()
    assert send_reminders_task.delay().get() == 0
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError, match="not a date"):
        call_command("send_reminders", today="22/11/2026", stdout=io.StringIO())


def test_period_start_is_a_monday_for_weekly_periods():
    assert reminders.period_start(today=dt.date(2026, 11, 22), period_days=7) == dt.date(2026, 11, 16)
    assert reminders.period_start(today=dt.date(2026, 11, 23), period_days=7) == dt.date(2026, 11, 23)
    assert reminders.period_start(today=dt.date(2026, 11, 23), period_days=1) == dt.date(2026, 11, 23)


def test_each_recipient_gets_their_language(organization, owner, teammate):
    UserProfile.objects.create(user=teammate, language="ko")
    Action.objects.create(organization=organization, title="Logging policy", assignee=teammate, due_date=TODAY,
                          status=ActionStatus.IN_PROGRESS)
    Action.objects.create(organization=organization, title="Oversight", assignee=owner, due_date=TODAY,
                          status=ActionStatus.IN_PROGRESS)
    run()
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    assert "진행 중" in by_recipient[teammate.email] and "In progress" not in by_recipient[teammate.email]
    assert "In progress, due 2026-11-22" in by_recipient[owner.email]
    assert reminders.recipient_language(teammate) == "ko" and reminders.recipient_language(owner) == "en"
