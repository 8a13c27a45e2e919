import datetime as dt
import re

from django.urls import reverse

from compliance.assessments.models import Assessment
from tests.factories import AS_OF


def url(system):
    return reverse("assessments:start", args=[system.pk])


def test_frameworks_are_preselected_from_markets(client_for, owner, system, sample_version):
    body = client_for(owner).get(url(system)).content.decode()
    checkbox = re.search(r'<input[^>]*value="eu-ai-act"[^>]*>', body).group(0)
    assert "checked" in checkbox
    assert f'value="{dt.date.today().isoformat()}"' in body


def test_owner_starts_an_assessment_pinned_to_the_version_in_force(client_for, owner, system, sample_version):
    response = client_for(owner).post(url(system), {"frameworks": ["eu-ai-act"], "as_of": AS_OF.isoformat()})
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:resume", args=[assessment.pk])
    assert assessment.system == system and assessment.as_of == AS_OF
    assert [p.framework.code for p in assessment.pinned_versions.all()] == ["eu-ai-act"]


def test_teammate_starts_an_assessment(client_for, teammate, system, sample_version):
    client_for(teammate).post(url(system), {"frameworks": ["eu-ai-act"], "as_of": AS_OF.isoformat()})
    assert Assessment.objects.filter(system=system).count() == 1


def test_viewer_gets_403(client_for, viewer, system, sample_version):
    client = client_for(viewer)
    assert client.get(url(system)).status_code == 403
    assert client.post(url(system), {"frameworks": ["eu-ai-act"], "as_of": AS_OF.isoformat()}).status_code == 403
    assert not Assessment.objects.exists()


def test_outsider_gets_404(client_for, outsider, system, sample_version):
    client = client_for(outsider)
    assert client.get(url(system)).status_code == 404
    assert client.post(url(system), {"frameworks": ["eu-ai-act"], "as_of": AS_OF.isoformat()}).status_code == 404
    assert not Assessment.objects.exists()


def test_unknown_framework_is_refused(client_for, owner, system, sample_version):
    response = client_for(owner).post(url(system), {"frameworks": ["mars-ai-act"], "as_of": AS_OF.isoformat()})
    assert response.status_code == 422
    assert "“mars-ai-act” is not one of the available frameworks." in response.content.decode()
    assert not Assessment.objects.exists()


def test_date_without_a_version_in_force_is_explained(client_for, owner, system, sample_version):
    response = client_for(owner).post(url(system), {"frameworks": ["eu-ai-act"], "as_of": "2001-01-01"})
    assert response.status_code == 422
    assert "No published rule set is in force on 2001-01-01" in response.content.decode()
    assert not Assessment.objects.exists()


def test_no_framework_chosen(client_for, owner, system, sample_version):
    response = client_for(owner).post(url(system), {"as_of": dt.date.today().isoformat()})
    assert response.status_code == 422
    assert "Choose at least one framework." in response.content.decode()
