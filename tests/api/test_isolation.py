"""Tenant isolation through the API, as through the pages: another organization's ids answer 404, and a
viewer's token cannot write."""

import pytest

from compliance.assessments.models import AISystem, Answer
from compliance.gaps.models import GapItem
from compliance.reports.models import Report
from tests.gaps.fixtures import EU

# (method, path, body); {a} is an assessment id, {s} a system id, {r} a report id.
READS = [
    ("get", "/api/v1/systems/{s}/", None),
    ("get", "/api/v1/assessments/{a}/", None),
    ("get", "/api/v1/assessments/{a}/answers/", None),
    ("get", "/api/v1/assessments/{a}/results/", None),
    ("get", "/api/v1/assessments/{a}/gaps/", None),
    ("get", "/api/v1/assessments/{a}/gaps/eu-ai-act/art9-risk-management/", None),
    ("get", "/api/v1/assessments/{a}/reports/", None),
    ("get", "/api/v1/reports/{r}/", None),
    ("get", "/api/v1/reports/{r}/download/", None),
]
WRITES = [
    ("post", "/api/v1/systems/", {"name": "New"}),
    ("patch", "/api/v1/systems/{s}/", {"name": "Renamed"}),
    ("post", "/api/v1/assessments/", {"system": "{s}", "frameworks": [EU], "as_of": "2026-11-22"}),
    ("post", "/api/v1/assessments/{a}/answers/", {"answers": {"org_develops_system": False}}),
    ("patch", "/api/v1/assessments/{a}/gaps/eu-ai-act/art9-risk-management/", {"status": "met"}),
    ("post", "/api/v1/assessments/{a}/reports/", None),
]


def _fill(value, ids):
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: (int(_fill(v, ids)) if v == "{s}" else _fill(v, ids)) for k, v in value.items()}
    return value


def _call(api, method, path, body, ids):
    return getattr(api, method)(_fill(path, ids), _fill(body, ids), format="json")


@pytest.fixture
def foreign_ids(foreign_assessment, tmp_path, settings):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    report = Report.objects.create(organization=foreign_assessment.organization, assessment=foreign_assessment,
                                   state_hash="z" * 64, status=Report.Status.DONE, page_count=1)
    report.file.save("r.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    return {"a": foreign_assessment.pk, "s": foreign_assessment.system_id, "r": report.pk}


@pytest.mark.parametrize(("method", "path", "body"), [w for w in READS + WRITES if "{" in w[1]])
def test_another_organizations_ids_answer_404(api_for, owner, foreign_ids, foreign_assessment, method, path, body):
    before = (list(Answer.objects.values_list("value", flat=True)), GapItem.objects.count(), Report.objects.count(),
              list(AISystem.objects.values_list("name", flat=True)))
    response = _call(api_for(owner), method, path, body, foreign_ids)
    assert response.status_code == 404, (path, response.content[:300])
    assert response.json()["error"]["status"] == 404
    assert b"Globex" not in response.content
    after = (list(Answer.objects.values_list("value", flat=True)), GapItem.objects.count(), Report.objects.count(),
             list(AISystem.objects.values_list("name", flat=True)))
    assert after == before


def test_starting_an_assessment_of_another_organizations_system_answers_404(api_for, owner, foreign_ids):
    method, path, body = WRITES[2]
    response = _call(api_for(owner), method, path, body, foreign_ids)
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
def test_a_viewers_token_cannot_write(api_for, viewer, assessment, method, path, body):
    ids = {"a": assessment.pk, "s": assessment.system_id, "r": 0}
    names = list(AISystem.objects.values_list("name", flat=True))
    answers = list(Answer.objects.values_list("question_code", "value"))
    response = _call(api_for(viewer), method, path, body, ids)
    assert response.status_code == 403, (path, response.content[:300])
    assert "needs the editor role" in response.json()["error"]["message"]
    assert list(AISystem.objects.values_list("name", flat=True)) == names
    assert list(Answer.objects.values_list("question_code", "value")) == answers
    assert not GapItem.objects.exists() and not Report.objects.exists()


@pytest.mark.parametrize(("method", "path", "body"), READS[:-2])
def test_a_viewers_token_can_read(api_for, viewer, assessment, method, path, body):
    ids = {"a": assessment.pk, "s": assessment.system_id, "r": 0}
    assert _call(api_for(viewer), method, path, body, ids).status_code == 200


def test_lists_show_only_the_tokens_organization(api_for, owner, assessment, foreign_assessment):
    api = api_for(owner)
    assert [s["id"] for s in api.get("/api/v1/systems/").json()["results"]] == [assessment.system_id]
    assert [a["id"] for a in api.get("/api/v1/assessments/").json()["results"]] == [assessment.pk]
    assert api.get(f"/api/v1/assessments/?system={foreign_assessment.system_id}").json()["count"] == 0


def test_ids_no_database_can_hold_answer_404(api_for, owner, assessment):
    api = api_for(owner)
    huge = 10**30
    assert api.get(f"/api/v1/assessments/{huge}/").status_code == 404
    assert api.get(f"/api/v1/systems/{huge}/").status_code == 404
    assert api.get(f"/api/v1/assessments/?system={huge}").json()["count"] == 0
    response = api.get("/api/v1/no/such/endpoint/")
    assert response.status_code == 404 and response.json()["error"]["message"] == "No such API endpoint."
