"""Requesting, reusing, failing and retrying reports (the task runs in-process here)."""

import datetime as dt

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone

from compliance.gaps.models import GapStatus
from compliance.reports import documents, tasks
from compliance.reports.models import Report
from compliance.reports.selectors import is_stalled, reusable_report
from compliance.reports.services import generate_report, request_report, retry_report
from tests.gaps.fixtures import set_gap


@pytest.fixture
def request_now(owner, django_capture_on_commit_callbacks):
    def run(assessment):
        with django_capture_on_commit_callbacks(execute=True):
            report, reused = request_report(assessment=assessment, user=owner)
        report.refresh_from_db()
        return report, reused
    return run


def test_a_request_renders_and_stores_the_pdf(assessment, request_now):
    report, reused = request_now(assessment)
    assert not reused
    assert report.status == Report.Status.DONE
    assert report.file.name.startswith(f"reports/{assessment.organization_id}/") and report.file.name.endswith(".pdf")
    assert report.page_count >= 5 and report.attempts == 1
    assert report.started_at <= report.finished_at
    assert report.rule_set_versions == [{"framework": "eu-ai-act", "name": "EU Artificial Intelligence Act",
                                         "label": "sample-1", "content_hash": report.rule_set_versions[0]["content_hash"]}]
    with report.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_the_task_is_enqueued_only_after_commit(assessment, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report, _ = request_report(assessment=assessment, user=owner)
    assert len(callbacks) == 1
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED


def test_same_state_offers_the_existing_report(assessment, request_now):
    first, _ = request_now(assessment)
    second, reused = request_now(assessment)
    assert reused and second.pk == first.pk
    assert Report.objects.count() == 1


@pytest.mark.parametrize("change", ["answer note", "gap status", "system name"])
def test_any_change_to_the_state_makes_a_new_report(assessment, request_now, change):
    first, _ = request_now(assessment)
    if change == "answer note":
        assessment.answers.filter(question_code="is_ai_system").update(note="Checked by legal")
    elif change == "gap status":
        set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
    else:
        assessment.system.name = "CV screener v2"
        assessment.system.save()
    second, reused = request_now(assessment)
    assert not reused and second.pk != first.pk and second.state_hash != first.state_hash


def test_a_report_in_progress_is_offered_instead_of_a_second_one(assessment, owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first, _ = request_report(assessment=assessment, user=owner)
        second, reused = request_report(assessment=assessment, user=owner)
    assert reused and second.pk == first.pk


def test_a_rendering_error_marks_the_report_failed_with_a_reason(assessment, request_now, monkeypatch):
    def broken(**kwargs):
        raise ValueError("layout exploded")

    monkeypatch.setattr(documents, "write_report_pdf", broken)
    report, _ = request_now(assessment)
    assert report.status == Report.Status.FAILED
    assert "internal error (ValueError)" in report.error and "Try again" in report.error
    assert not report.file
    assert reusable_report(assessment=assessment, state_hash=report.state_hash) is None


def test_a_failed_report_can_be_retried(assessment, owner, request_now, monkeypatch,
                                        django_capture_on_commit_callbacks):
    original = documents.write_report_pdf
    monkeypatch.setattr(documents, "write_report_pdf", lambda **kwargs: (_ for _ in ()).throw(ValueError("boom")))
    failed, _ = request_now(assessment)
    monkeypatch.setattr(documents, "write_report_pdf", original)
    with django_capture_on_commit_callbacks(execute=True):
        retry_report(report=failed, user=owner)
    failed.refresh_from_db()
    assert failed.status == Report.Status.DONE and failed.error == "" and failed.attempts == 1  # attempts count the deliveries since the last request


def test_only_failed_or_stalled_reports_can_be_retried(assessment, owner, request_now):
    done, _ = request_now(assessment)
    with pytest.raises(ValidationError):
        retry_report(report=done, user=owner)


def test_transient_errors_are_retried(assessment, request_now, monkeypatch):
    original, calls = documents.write_report_pdf, []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return original(**kwargs)

    monkeypatch.setattr(documents, "write_report_pdf", flaky)
    report, _ = request_now(assessment)
    assert report.status == Report.Status.DONE and len(calls) == 2 and report.attempts == 2


def test_persistent_transient_errors_fail_after_the_last_retry(assessment, request_now, monkeypatch):
    calls = []

    def down(**kwargs):
        calls.append(1)
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(documents, "write_report_pdf", down)
    report, _ = request_now(assessment)
    assert len(calls) == tasks.MAX_RETRIES + 1
    assert report.status == Report.Status.FAILED
    assert "unavailable" in report.error and "OperationalError" in report.error


def test_a_soft_time_limit_fails_the_report_with_a_reason(assessment, request_now, monkeypatch):
    monkeypatch.setattr(documents, "write_report_pdf", lambda **kwargs: (_ for _ in ()).throw(SoftTimeLimitExceeded()))
    report, _ = request_now(assessment)
    assert report.status == Report.Status.FAILED and "took too long" in report.error


def test_the_task_declares_acks_late_limits_and_backoff():
    task = tasks.render_report_pdf
    assert task.acks_late is True
    assert task.soft_time_limit < task.time_limit
    assert [tasks.retry_delay(n) for n in range(3)] == [5, 10, 20]


def test_a_redelivered_message_for_a_finished_report_does_nothing(assessment, request_now):
    report, _ = request_now(assessment)
    assert generate_report(report_id=report.pk) is None
    assert generate_report(report_id=999999) is None
    report.refresh_from_db()
    assert report.attempts == 1


def test_a_report_stuck_in_running_is_stalled_and_can_be_retried(assessment, owner, django_capture_on_commit_callbacks):
    report = Report.objects.create(organization=assessment.organization, assessment=assessment, state_hash="x",
                                   status=Report.Status.RUNNING,
                                   started_at=timezone.now() - dt.timedelta(minutes=30))
    assert is_stalled(report)
    assert reusable_report(assessment=assessment, state_hash="x") is None
    with django_capture_on_commit_callbacks(execute=True):
        retry_report(report=report, user=owner)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
