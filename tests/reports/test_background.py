"""Without a broker, a queued report renders on a background thread: the request returns at once."""

import threading

import pytest

from compliance import background
from compliance.reports.models import Report
from compliance.reports.services import request_report


@pytest.mark.django_db(transaction=True)
def test_the_request_returns_before_the_render_and_the_thread_finishes_it(assessment, owner, settings):
    settings.TASKS_IN_BACKGROUND = True
    gate = threading.Event()
    original = background._run

    def held_run(*args):
        gate.wait(10)  # the render may not start before the request has returned
        original(*args)

    background._run = held_run
    try:
        report, reused = request_report(assessment=assessment, user=owner)
        assert not reused
        assert report.status == Report.Status.QUEUED  # the page shows the real state: nothing rendered yet
        gate.set()
        background.wait_for_idle(timeout=120)
    finally:
        background._run = original
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    assert report.page_count >= 5


@pytest.mark.django_db(transaction=True)
def test_with_background_off_the_caller_sees_the_finished_report(assessment, owner):
    report, _ = request_report(assessment=assessment, user=owner)  # renders on commit, inside the call
    assert report.status == Report.Status.DONE  # refreshed: no stale "queued" shown for a finished report
