"""GET /reports/<id>/status/: the fragment polled while a report is queued or rendering."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.reports.models import Report


@pytest.fixture
def make_report(assessment, owner):
    def make(**fields):
        return Report.objects.create(organization=assessment.organization, assessment=assessment, state_hash="x",
                                     requested_by=owner, **fields)
    return make


def get(client, report):
    return client.get(reverse("reports:status", args=[report.pk]), HTTP_HX_REQUEST="true")


def test_queued_and_running_reports_keep_polling(client_for, owner, make_report):
    client = client_for(owner)
    for status, text in [(Report.Status.QUEUED, "Queued: the report starts"), (Report.Status.RUNNING, "Rendering the PDF")]:
        body = get(client, make_report(status=status, started_at=timezone.now())).content.decode()
        assert text in body and 'hx-trigger="every 1s"' in body and 'role="progressbar"' in body


def test_a_finished_report_stops_polling_and_offers_the_download(client_for, owner, make_report):
    report = make_report(status=Report.Status.DONE, page_count=9, finished_at=timezone.now(), file="reports/1/x.pdf")
    body = get(client_for(owner), report).content.decode()
    assert "hx-trigger" not in body
    assert "9 pages" in body and reverse("reports:download", args=[report.pk]) in body


def test_a_failed_report_shows_its_reason_and_a_retry_button(client_for, owner, make_report):
    report = make_report(status=Report.Status.FAILED, error="The database <was> unavailable.")
    body = get(client_for(owner), report).content.decode()
    assert "hx-trigger" not in body
    assert "The database &lt;was&gt; unavailable." in body
    assert reverse("reports:retry", args=[report.pk]) in body


def test_viewer_sees_a_failure_without_a_retry_button(client_for, viewer, make_report):
    report = make_report(status=Report.Status.FAILED, error="Broken")
    body = get(client_for(viewer), report).content.decode()
    assert reverse("reports:retry", args=[report.pk]) not in body and "Ask an editor" in body


def test_a_stalled_report_stops_polling_and_offers_a_retry(client_for, owner, make_report):
    report = make_report(status=Report.Status.RUNNING, started_at=timezone.now() - dt.timedelta(hours=1))
    body = get(client_for(owner), report).content.decode()
    assert "did not finish" in body and "hx-trigger" not in body
    assert reverse("reports:retry", args=[report.pk]) in body


def test_outsider_gets_404(client_for, outsider, make_report):
    assert get(client_for(outsider), make_report()).status_code == 404
