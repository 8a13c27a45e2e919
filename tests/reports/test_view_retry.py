"""POST /reports/<id>/retry/: render a failed report again."""

import pytest
from django.urls import reverse

from compliance.reports.models import Report


@pytest.fixture
def failed(assessment, owner):
    return Report.objects.create(organization=assessment.organization, assessment=assessment, state_hash="x",
                                 requested_by=owner, status=Report.Status.FAILED, error="Broken")


def url(report):
    return reverse("reports:retry", args=[report.pk])


def test_editor_retries_and_the_report_is_rendered(client_for, teammate, failed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(teammate).post(url(failed))
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[failed.pk])
    failed.refresh_from_db()
    assert failed.status == Report.Status.DONE and failed.error == ""


def test_htmx_retry_returns_the_polling_fragment(client_for, owner, failed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = client_for(owner).post(url(failed), HTTP_HX_REQUEST="true")
    assert "Queued: the report starts" in response.content.decode()


def test_retrying_a_finished_report_is_refused_with_a_message(client_for, owner, failed):
    Report.objects.filter(pk=failed.pk).update(status=Report.Status.DONE)
    response = client_for(owner).post(url(failed), HTTP_HX_REQUEST="true")
    assert "Only a failed report can be retried" in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == Report.Status.DONE


def test_viewer_gets_403(client_for, viewer, failed):
    assert client_for(viewer).post(url(failed)).status_code == 403
    failed.refresh_from_db()
    assert failed.status == Report.Status.FAILED


def test_outsider_gets_404(client_for, outsider, failed):
    assert client_for(outsider).post(url(failed)).status_code == 404


def test_get_is_not_allowed(client_for, owner, failed):
    assert client_for(owner).get(url(failed)).status_code == 405
