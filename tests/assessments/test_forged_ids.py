"""Every URL that takes an ID answers 404 when the ID belongs to another organization."""

import pytest
from django.urls import reverse

from compliance.assessments.models import AISystem, Answer, Assessment

SYSTEM_URLS = ["assessments:system_detail", "assessments:system_edit", "assessments:start"]
ASSESSMENT_URLS = ["assessments:detail", "assessments:timeline", "assessments:crosswalk", "assessments:resume",
                   "assessments:review"]


@pytest.mark.parametrize("name", SYSTEM_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_system_urls(client_for, outsider, system, name, method):
    response = getattr(client_for(outsider), method)(reverse(name, args=[system.pk]), {"name": "Hijacked"})
    assert response.status_code == 404
    assert AISystem.objects.get(pk=system.pk).name == "CV screener"
    assert not Assessment.objects.filter(system=system).exists()


@pytest.mark.parametrize("name", ASSESSMENT_URLS)
def test_assessment_urls(client_for, outsider, high_risk_assessment, name):
    response = client_for(outsider).get(reverse(name, args=[high_risk_assessment.pk]))
    assert response.status_code == 404
    assert b"Ranks candidates" not in response.content


@pytest.mark.parametrize("name", ["assessments:section", "assessments:answer"])
def test_question_urls(client_for, outsider, high_risk_assessment, name):
    url = reverse(name, args=[high_risk_assessment.pk, "system" if name.endswith("section") else "is_ai_system"])
    client = client_for(outsider)
    assert client.post(url, {"is_ai_system-value": "no", "shown": ["is_ai_system"]}).status_code == 404
    assert client.get(url).status_code in (404, 405)
    assert Answer.objects.get(assessment=high_risk_assessment, question_code="is_ai_system").value is True


def test_ids_that_do_not_exist(client_for, owner, db):
    client = client_for(owner)
    assert client.get(reverse("assessments:system_detail", args=[999999])).status_code == 404
    assert client.get(reverse("assessments:detail", args=[999999])).status_code == 404
