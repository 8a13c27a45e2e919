from django.urls import reverse

from .conftest import give_answers


def url(assessment):
    return reverse("assessments:resume", args=[assessment.pk])


def section_url(assessment, code):
    return reverse("assessments:section", args=[assessment.pk, code])


def test_new_assessment_starts_at_the_first_section(client_for, owner, assessment):
    response = client_for(owner).get(url(assessment))
    assert response["Location"] == section_url(assessment, "organisation")


def test_resumes_where_the_user_left_off(client_for, owner, assessment):
    client = client_for(owner)
    client.get(section_url(assessment, "system"))
    assert client.get(url(assessment))["Location"] == section_url(assessment, "system")


def test_without_a_position_goes_to_the_first_unfinished_section(client_for, teammate, assessment):
    give_answers(assessment, {"org_develops_system": True, "org_offers_system": True, "org_uses_system": False})
    assert client_for(teammate).get(url(assessment))["Location"] == section_url(assessment, "system")


def test_viewer_is_sent_to_the_answers(client_for, viewer, assessment):
    response = client_for(viewer).get(url(assessment))
    assert response["Location"] == reverse("assessments:review", args=[assessment.pk])


def test_outsider_gets_404(client_for, outsider, assessment):
    assert client_for(outsider).get(url(assessment)).status_code == 404
