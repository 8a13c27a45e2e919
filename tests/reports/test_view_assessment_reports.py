"""GET/POST /assessments/<id>/reports/: the reports of an assessment, and "Generate PDF"."""

from django.test import Client
from django.urls import reverse

from compliance.reports.models import Report


def url(assessment):
    return reverse("reports:assessment", args=[assessment.pk])


def test_owner_sees_the_page_with_the_generate_button(client_for, owner, assessment):
    response = client_for(owner).get(url(assessment))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Generate PDF" in body and "No report yet" in body
    assert "Earlier reports" not in body


def test_viewer_sees_reports_but_cannot_generate(client_for, viewer, assessment):
    client = client_for(viewer)
    response = client.get(url(assessment))
    assert response.status_code == 200 and "Generate PDF" not in response.content.decode()
    assert client.post(url(assessment)).status_code == 403
    assert not Report.objects.exists()


def test_outsider_gets_404(client_for, outsider, assessment):
    client = client_for(outsider)
    assert client.get(url(assessment)).status_code == 404
    assert client.post(url(assessment)).status_code == 404
    assert not Report.objects.exists()


def test_post_generates_in_process_and_redirects_to_the_report(client_for, teammate, assessment,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(teammate).post(url(assessment))
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:detail", args=[report.pk])
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.requested_by == teammate


def test_htmx_post_returns_the_region_that_polls_with_generate_disabled(client_for, owner, assessment,
                                                                        django_capture_on_commit_callbacks):
    client = client_for(owner)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(url(assessment), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    Report.objects.get()
    assert response.status_code == 200 and "<html" not in body
    assert f'hx-get="{reverse("reports:region", args=[assessment.pk])}"' in body and "Queued" in body
    assert "disabled aria-describedby" in body and "A report is being made" in body
    # The page polls the region, which shows the same real state and keeps the button disabled.
    polled = client.get(reverse("reports:region", args=[assessment.pk])).content.decode()
    assert "Queued" in polled and "disabled aria-describedby" in polled


def test_the_region_shows_a_finished_report_and_enables_generate(client_for, owner, assessment,
                                                                 django_capture_on_commit_callbacks):
    client = client_for(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(assessment))
    body = client.get(reverse("reports:region", args=[assessment.pk])).content.decode()
    assert "Download PDF" in body and "A report is being made" not in body and "hx-trigger" not in body


def test_the_region_is_for_members_only(client_for, outsider, assessment):
    assert client_for(outsider).get(reverse("reports:region", args=[assessment.pk])).status_code == 404


def test_second_post_without_changes_offers_the_same_pdf_at_once(client_for, owner, assessment,
                                                                 django_capture_on_commit_callbacks):
    client = client_for(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(assessment))
    response = client.post(url(assessment), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert Report.objects.count() == 1
    assert "Nothing has changed" in body and "Download PDF" in body


def test_list_shows_earlier_reports_with_bounded_queries(client_for, owner, assessment,
                                                         django_assert_max_num_queries):
    for index in range(5):
        Report.objects.create(organization=assessment.organization, assessment=assessment, state_hash=str(index),
                              status=Report.Status.FAILED, error=f"Reason {index}", requested_by=owner)
    client = client_for(owner)
    with django_assert_max_num_queries(8):
        body = client.get(url(assessment)).content.decode()
    assert body.count("Reason ") == 5  # the latest as the current report, four as earlier ones
    assert "Earlier reports" in body


def test_post_without_csrf_token_is_refused(owner, assessment):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(url(assessment)).status_code == 403
    assert not Report.objects.exists()
