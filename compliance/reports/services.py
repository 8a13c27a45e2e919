"""Writes for reports: request (or reuse) a PDF, render it, record failures, retry."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from compliance.assessments.models import Assessment
from compliance.assessments.selectors import assessment_state
from compliance.gaps.evidence_selectors import evidence_by_item, linked_action_evidence
from compliance.gaps.selectors import assessment_gaps, gap_items_by_key

from .content import report_content
from .models import Report
from .selectors import is_stalled, pinned_versions, reusable_report, state_hash

logger = logging.getLogger(__name__)

# Errors worth retrying: the database or a networked storage was briefly unreachable.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


# Deliveries of one render (first try, transient-error retries, redeliveries after a worker died). A report
# whose worker keeps dying (e.g. killed for memory) ends failed instead of being delivered for ever.
MAX_ATTEMPTS = 5
# Stored reasons are written in the report's language (when queuing: the requester's).
QUEUE_UNAVAILABLE = gettext_lazy("The report could not be queued because the task queue (Redis) was unreachable. "
                                 "Nothing was rendered; try again in a moment.")
WORKER_LOST = gettext_lazy("The worker rendering this report stopped %(attempts)s times before finishing (for "
                           "example, it ran out of memory or was restarted). Try again; if it happens again, "
                           "contact your administrator.")


def _enqueue(report_id: int) -> None:
    """Queue the render; if the broker cannot take it, the report fails now with a reason (and can be retried),
    rather than staying queued with no task behind it."""
    from .tasks import render_report_pdf  # tasks import this module

    try:
        render_report_pdf.delay(report_id)
    except Exception:  # any failure to queue: the broker is down, refused the message, or timed out
        logger.exception("Could not queue report %s", report_id)
        fail_report(report_id=report_id, reason=str(QUEUE_UNAVAILABLE))


def request_report(*, assessment: Assessment, user, language: str | None = None) -> tuple[Report, bool]:
    """The report of the assessment's current state in ``language`` (default: the active language, i.e. the
    requester's): an existing one (True) or a newly queued one (False).

    The render task is enqueued only once the new record is committed.
    """
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language() if translation.get_language() in dict(settings.LANGUAGES) \
            else settings.LANGUAGE_CODE
    state = assessment_state(assessment)
    digest = state_hash(state=state, items=gap_items_by_key(assessment=assessment), report_date=timezone.localdate())
    with transaction.atomic():
        # One request at a time per assessment, so a double click queues one render.
        Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
        existing = reusable_report(assessment=assessment, state_hash=digest, language=language)
        if existing is not None:
            return existing, True
        report = Report.objects.create(organization_id=assessment.organization_id, assessment=assessment,
                                       requested_by=user, state_hash=digest, language=language,
                                       rule_set_versions=pinned_versions(state=state))
        transaction.on_commit(lambda: _enqueue(report.pk))
    report.refresh_from_db()  # a render that ran on commit has moved it on, or queuing failed it
    return report, False


def retry_report(*, report: Report, user) -> Report:
    """Queue a failed (or stalled) report again under the same record."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.status != Report.Status.FAILED and not is_stalled(report):
            raise ValidationError(gettext("Only a failed report can be retried; this one is %(status)s.")
                                  % {"status": report.get_status_display().lower()})
        report.status = Report.Status.QUEUED
        report.error = ""
        report.requested_by = user
        report.created_at = timezone.now()  # a stalled render is measured from here again
        report.started_at = report.finished_at = None
        report.attempts = 0
        report.save()
        transaction.on_commit(lambda: _enqueue(report.pk))
    report.refresh_from_db()
    return report


def failure_reason(exc: BaseException) -> str:
    if isinstance(exc, SoftTimeLimitExceeded):
        return gettext("Rendering took too long and was stopped. Try again; if it happens again, contact your "
                       "administrator.")
    if isinstance(exc, TRANSIENT_ERRORS):
        return gettext("The database or file storage was unavailable and retrying did not help (%(error)s). "
                       "Try again in a few minutes.") % {"error": type(exc).__name__}
    return gettext("The PDF could not be rendered because of an internal error (%(error)s). Try again; if it "
                   "fails again, contact your administrator.") % {"error": type(exc).__name__}


def fail_report(*, report_id: int, reason: str) -> None:
    Report.objects.filter(pk=report_id).exclude(status=Report.Status.DONE).update(
        status=Report.Status.FAILED, error=str(reason), finished_at=timezone.now())


class _MovablePdf(File):
    """A finished temporary PDF: file-system storage moves it instead of copying."""

    def temporary_file_path(self) -> str:
        assert self.name is not None  # always opened from a path
        return self.name


def generate_report(*, report_id: int) -> Report | None:
    """Render a queued report and store its PDF. Transient errors propagate (the task retries them);
    any other error marks the report failed with a reason the user can read. Returns None when there
    was nothing to do (the report is finished already, or gone)."""
    pending = Report.objects.filter(pk=report_id, status__in=[Report.Status.QUEUED, Report.Status.RUNNING])
    claimed = pending.filter(attempts__lt=MAX_ATTEMPTS).update(
        status=Report.Status.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, error="")
    if not claimed:
        # Delivered again after its workers died MAX_ATTEMPTS times: give up with the reason.
        language = pending.values_list("language", flat=True).first() or settings.LANGUAGE_CODE
        with translation.override(language):
            reason = str(WORKER_LOST) % {"attempts": MAX_ATTEMPTS}
        pending.update(status=Report.Status.FAILED, error=reason, finished_at=timezone.now())
        return None
    report = Report.objects.select_related("assessment__system", "assessment__organization").get(pk=report_id)
    try:
        _render(report)
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        with translation.override(report.language):
            fail_report(report_id=report_id, reason=failure_reason(exc))
    report.refresh_from_db()
    return report


def _render(report: Report) -> None:
    with translation.override(report.language):
        _render_in_language(report)


def _render_in_language(report: Report) -> None:
    from .documents import write_report_pdf  # imports WeasyPrint: only where reports are rendered

    assessment = report.assessment
    today = timezone.localdate()
    state = assessment_state(assessment)
    items = gap_items_by_key(assessment=assessment)
    gaps = assessment_gaps(state=state, today=today, items=items, evidence=evidence_by_item(assessment=assessment))
    content = report_content(state=state, gaps=gaps, report_date=today,
                             action_evidence=linked_action_evidence(assessment=assessment))
    with tempfile.TemporaryDirectory(prefix="report-") as directory:
        rendered = write_report_pdf(content=content, target=Path(directory) / "report.pdf")
        with open(rendered.path, "rb") as handle:
            report.file.save("report.pdf", _MovablePdf(handle, name=str(rendered.path)), save=False)
    # The state may have changed since the request: record the one this PDF shows.
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.DONE, file=report.file.name, page_count=rendered.page_count,
        state_hash=state_hash(state=state, items=items, report_date=today),
        rule_set_versions=pinned_versions(state=state), finished_at=timezone.now(), error="")
