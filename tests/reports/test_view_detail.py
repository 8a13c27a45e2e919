"""GET /reports/<id>/: the page that shows one report's progress."""

import pytest
from django.urls import reverse

from compliance.reports.models import Report


@pytest.fixture
def queued(assessment, owner):
    return Report.objects.create(organization=assessment.organization, assessment=assessment, state_hash="x",
                                 requested_by=owner)


def url(report):
    return reverse("reports:detail", args=[report.pk])


def test_owner_sees_progress_with_polling_and_a_no_script_refresh(client_for, owner, queued):
    body = client_for(owner).get(url(queued)).content.decode()
    assert "Queued: the report starts" in body
    assert f'hx-get="{reverse("reports:status", args=[queued.pk])}"' in body
    assert '<noscript><meta http-equiv="refresh"' in body


def test_viewer_can_see_it(client_for, viewer, queued):
    assert client_for(viewer).get(url(queued)).status_code == 200


def test_outsider_gets_404(client_for, outsider, queued):
    assert client_for(outsider).get(url(queued)).status_code == 404


def test_forged_id_of_another_organizations_report_gets_404(client_for, owner, foreign_assessment):
    foreign = Report.objects.create(organization=foreign_assessment.organization, assessment=foreign_assessment,
                                    state_hash="x")
    assert client_for(owner).get(url(foreign)).status_code == 404
