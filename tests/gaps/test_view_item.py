"""GET /assessments/<id>/gaps/<framework>/<obligation>/: one tracker row (htmx fragment)."""

from django.urls import reverse

from tests.gaps.fixtures import EU, NOT_APPLICABLE


def url(assessment, obligation="art4-ai-literacy", framework=EU):
    return reverse("gaps:item", args=[assessment.pk, framework, obligation])


def test_owner_gets_the_row(client_for, owner, assessment):
    response = client_for(owner).get(url(assessment), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"Support AI literacy of staff" in response.content
    assert b"<html" not in response.content


def test_viewer_gets_the_row_without_update_link(client_for, viewer, assessment):
    response = client_for(viewer).get(url(assessment))
    assert response.status_code == 200 and b"Update" not in response.content


def test_outsider_gets_404(client_for, outsider, assessment):
    assert client_for(outsider).get(url(assessment)).status_code == 404


def test_obligation_that_does_not_apply_or_does_not_exist_gets_404(client_for, owner, assessment):
    client = client_for(owner)
    assert client.get(url(assessment, NOT_APPLICABLE)).status_code == 404
    assert client.get(url(assessment, "made-up")).status_code == 404
    assert client.get(url(assessment, framework="kr-ai-basic-act")).status_code == 404


def test_forged_assessment_id_gets_404(client_for, owner, foreign_assessment):
    assert client_for(owner).get(url(foreign_assessment)).status_code == 404
