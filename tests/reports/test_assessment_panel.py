"""The PDF panel on the assessment results page (templates/reports/_assessment_panel.html)."""

from django.urls import reverse

from compliance.gaps.models import GapStatus
from compliance.reports.services import request_report
from tests.gaps.fixtures import set_gap


def results(client, assessment):
    return client.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()


def test_editor_gets_the_generate_button(client_for, teammate, assessment):
    body = results(client_for(teammate), assessment)
    assert "Generate PDF" in body and "No report yet" in body
    assert f'hx-post="{reverse("reports:assessment", args=[assessment.pk])}"' in body


def test_viewer_gets_no_generate_button(client_for, viewer, assessment):
    assert "Generate PDF" not in results(client_for(viewer), assessment)


def test_the_latest_report_is_offered_and_flagged_when_the_assessment_changed(
        client_for, owner, assessment, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = request_report(assessment=assessment, user=owner)
    client = client_for(owner)
    body = results(client, assessment)
    assert reverse("reports:download", args=[report.pk]) in body and "the assessment has changed since" not in body
    assert "Nothing has changed since the latest report" in body
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
    assert "the assessment has changed since" in results(client, assessment)
