"""The Celery task that renders a report. Thin: the work is in services.generate_report."""

from __future__ import annotations

from celery import shared_task

from . import services

SOFT_TIME_LIMIT = 120  # seconds; the full four-framework report takes a few
TIME_LIMIT = 150
MAX_RETRIES = 3


def retry_delay(retries: int) -> int:
    """Exponential backoff: 5, 10, 20 seconds."""
    return 5 * 2**retries


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, soft_time_limit=SOFT_TIME_LIMIT,
             time_limit=TIME_LIMIT)
def render_report_pdf(self, report_id: int) -> None:
    try:
        services.generate_report(report_id=report_id)
    except services.TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            services.fail_report(report_id=report_id, reason=services.failure_reason(exc))
            return
        raise self.retry(exc=exc, countdown=retry_delay(self.request.retries)) from exc
