"""Integration: a real Redis and a real `celery -A compliance worker` process render a report
requested through the web view; the test waits for it and downloads it.

Needs REDIS_URL and PostgreSQL (the worker must share the test database). Skipped otherwise,
unless REQUIRE_SERVICES=1, which turns the skip into a failure (CI sets it).
"""

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from compliance.celery import app as celery_app
from compliance.reports.models import Report
from tests.gaps.fixtures import load_sample, make_assessment

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.worker]


def _missing_services() -> str | None:
    if not os.environ.get("REDIS_URL"):
        return "REDIS_URL is not set (a real Redis is needed)"
    if connection.vendor == "sqlite":
        return "the database is SQLite; the worker process cannot share an in-memory test database (use PostgreSQL)"
    return None


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A `celery worker` subprocess on its own queue, so no other worker takes our task."""

    def __init__(self, queue: str):
        env = {**os.environ, "DATABASE_URL": _database_url(), "MEDIA_ROOT": str(settings.MEDIA_ROOT),
               "SECRET_KEY": "worker-test", "HTTPS": "0", "DEBUG": "0", "PYTHONUNBUFFERED": "1"}
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "compliance", "worker", "-Q", queue, "--concurrency=1",
             "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
             f"--hostname=test-{queue}@%h"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(" ready." in line for line in self.lines):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError("the worker did not start:\n" + "\n".join(self.lines[-40:]))

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the worker and its pool children, which we started
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@pytest.fixture
def worker_queue(transactional_db):
    """A queue of its own for tasks queued in this test (real Redis, real PostgreSQL)."""
    problem = _missing_services()
    if problem:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {problem}")
        pytest.skip(problem)
    queue = f"reports-test-{uuid.uuid4().hex[:12]}"
    saved = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield queue
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = saved


@pytest.fixture
def worker(worker_queue):
    process = Worker(worker_queue)
    try:
        process.wait_until_ready()
        yield process
    finally:
        process.stop()


def test_a_real_worker_renders_a_report_requested_through_the_web(worker, client_for, owner, organization):
    assessment = make_assessment(organization, [load_sample()], name="CV screener")
    client = client_for(owner)

    response = client.post(reverse("reports:assessment", args=[assessment.pk]))
    report = Report.objects.get(assessment=assessment)
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[report.pk])

    status_url = reverse("reports:status", args=[report.pk])
    deadline = time.monotonic() + 90
    body = ""
    while time.monotonic() < deadline:
        body = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
        if "Download PDF" in body or "The report failed" in body:
            break
        time.sleep(0.5)
    assert "Download PDF" in body, body + "\n--- worker log ---\n" + "\n".join(worker.lines[-40:])

    download = client.get(reverse("reports:download", args=[report.pk]))
    assert download.status_code == 200
    pdf = b"".join(download.streaming_content)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000
    assert "cv-screener-gap-report-" in download["Content-Disposition"]
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.attempts == 1
    assert any("render_report_pdf" in line and "succeeded" in line for line in worker.lines)
