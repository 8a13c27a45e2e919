"""Finding 2: a worker killed (kill -9) mid-render left the report `running` for the broker's default
visibility timeout (an hour), and redeliveries had no cap. Now the visibility timeout is configured
(settings.TASK_REDELIVERY_AFTER, above every task's hard time limit), so another
worker picks the render up within a bounded time, and after MAX_ATTEMPTS deliveries the report fails
with its reason.

Real parts: Redis, PostgreSQL and `celery worker` processes; the first worker and its pool are killed with
SIGKILL while the report is rendering."""

import os
import signal
import time

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from compliance.reports import tasks
from compliance.reports.models import Report
from compliance.reports.services import MAX_ATTEMPTS, generate_report
from tests.gaps.fixtures import load_sample, make_assessment

from .test_worker import Worker, worker_queue  # noqa: F401

REDELIVER_AFTER = 8  # seconds, for the workers this test starts


def _wait_for(predicate, timeout: float, step: float = 0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return None


@pytest.mark.worker
def test_a_render_whose_worker_was_killed_is_picked_up_again(worker_queue, monkeypatch, client_for, owner,  # noqa: F811
                                                             organization):
    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", str(REDELIVER_AFTER))
    first = Worker(worker_queue)
    first.wait_until_ready()
    assessment = make_assessment(organization, [load_sample()], name="Killed mid-render")
    client = client_for(owner)
    client.post(reverse("reports:assessment", args=[assessment.pk]))
    report = Report.objects.get(assessment=assessment)

    running = _wait_for(lambda: Report.objects.filter(pk=report.pk, status=Report.Status.RUNNING).exists(), 60)
    assert running, "\n".join(first.lines[-40:])
    os.killpg(first.process.pid, signal.SIGKILL)  # the worker and its pool process, mid-render
    first.process.wait(timeout=10)
    killed_at = time.monotonic()
    report.refresh_from_db()
    assert report.status == Report.Status.RUNNING and report.attempts == 1

    second = Worker(worker_queue)
    try:
        second.wait_until_ready()
        done = _wait_for(lambda: Report.objects.filter(pk=report.pk).exclude(
            status__in=[Report.Status.QUEUED, Report.Status.RUNNING]).first(), 120, step=0.5)
        waited = time.monotonic() - killed_at
    finally:
        second.stop()
    assert done is not None, "\n".join(second.lines[-40:])
    assert done.status == Report.Status.DONE and done.attempts == 2, done.error
    # Redelivered after the visibility timeout plus the worker's restore interval, not after an hour.
    assert waited < REDELIVER_AFTER + 40


def test_a_report_delivered_again_after_too_many_lost_workers_fails_with_its_reason(assessment, owner):
    report = Report.objects.create(organization=assessment.organization, assessment=assessment, requested_by=owner,
                                   state_hash="x", status=Report.Status.RUNNING, attempts=MAX_ATTEMPTS,
                                   started_at=timezone.now())
    assert generate_report(report_id=report.pk) is None
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert f"stopped {MAX_ATTEMPTS} times" in report.error and report.finished_at is not None


def test_tasks_are_redelivered_only_after_their_hard_time_limit():
    """A visibility timeout below a task's time limit would run a slow render twice at once."""
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > tasks.TIME_LIMIT
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
