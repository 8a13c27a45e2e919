"""Finding 1: with Redis unreachable, requesting a report answered 500 after up to 19 s and left a `queued`
row with no task behind it. Now the request answers within seconds, the report is failed with a reason, and
a retry queues it once Redis is back.

The broker here is a real Redis URL on a port nothing listens on (connections are refused)."""

import contextlib
import os
import time

import pytest
import redis
from django.urls import reverse

from compliance.celery import app as celery_app
from compliance.reports.models import Report
from compliance.reports.services import QUEUE_UNAVAILABLE
from tests.gaps.fixtures import assessment, frozen_today, sample_version  # noqa: F401

UNREACHABLE = "redis://127.0.0.1:1/0"


@contextlib.contextmanager
def broker(url: str, queue: str = "faults-test"):
    """Point the Celery app at ``url`` (dropping its cached connection pools) and queue for real."""
    conf = celery_app.conf
    saved = (conf.broker_url, conf.task_always_eager, conf.task_default_queue)
    conf.broker_url, conf.task_always_eager, conf.task_default_queue = url, False, queue
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager, conf.task_default_queue = saved
        celery_app._pool = None
        celery_app.amqp._producer_pool = None


@pytest.fixture
def posted(client_for, owner, assessment, django_capture_on_commit_callbacks):  # noqa: F811
    client = client_for(owner)

    def post(url: str):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url)
    return client, post


def test_redis_down_fails_the_report_quickly_with_a_reason(posted, assessment):  # noqa: F811
    client, post = posted
    with broker(UNREACHABLE):
        started = time.monotonic()
        response = post(reverse("reports:assessment", args=[assessment.pk]))
        elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert elapsed < 10, f"the request took {elapsed:.1f} s"
    report = Report.objects.get(assessment=assessment)
    assert report.status == Report.Status.FAILED and report.error == QUEUE_UNAVAILABLE
    page = client.get(response["Location"]).content.decode()
    assert "task queue (Redis) was unreachable" in page and "Try again" in page


def test_generate_again_after_redis_is_back_does_not_return_the_orphan(posted, assessment):  # noqa: F811
    _, post = posted
    with broker(UNREACHABLE):
        post(reverse("reports:assessment", args=[assessment.pk]))
    failed = Report.objects.get()
    celery_app.conf.task_always_eager = True  # Redis is back (here: tasks run in-process)
    response = post(reverse("reports:assessment", args=[assessment.pk]))
    newest = Report.objects.exclude(pk=failed.pk).get()
    assert response["Location"] == reverse("reports:detail", args=[newest.pk])
    assert newest.status == Report.Status.DONE


@pytest.mark.worker
def test_retry_queues_the_report_in_redis_once_it_is_back(posted, assessment):  # noqa: F811
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 but REDIS_URL is not set")
        pytest.skip("REDIS_URL is not set (a real Redis is needed)")
    _, post = posted
    with broker(UNREACHABLE):
        post(reverse("reports:assessment", args=[assessment.pk]))
    report = Report.objects.get()
    assert report.status == Report.Status.FAILED
    queue = f"faults-retry-{report.pk}-{os.getpid()}"
    client = redis.Redis.from_url(url)
    client.delete(queue)
    try:
        with broker(url, queue=queue):
            response = post(reverse("reports:retry", args=[report.pk]))
        assert response.status_code == 302
        report.refresh_from_db()
        assert report.status == Report.Status.QUEUED and report.error == ""
        assert client.llen(queue) == 1  # the render task is in Redis, waiting for a worker
    finally:
        client.delete(queue)
