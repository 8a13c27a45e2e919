from django.urls import reverse

from compliance.assessments.models import Assessment

from .conftest import give_answers


def url(assessment):
    return reverse("assessments:review", args=[assessment.pk])


def test_lists_answers_with_choice_labels_notes_and_links_back(client_for, owner, high_risk_assessment):
    body = client_for(owner).get(url(high_risk_assessment)).content.decode()
    assert "Recruits or selects people" in body
    assert "Employment, hiring and management of workers" in body
    assert "Note: Ranks candidates by predicted fit." in body
    assert reverse("assessments:section", args=[high_risk_assessment.pk, "uses"]) + "#q-employment_uses" in body
    assert reverse("assessments:detail", args=[high_risk_assessment.pk]) in body


def test_marks_unanswered_required_questions(client_for, owner, assessment):
    give_answers(assessment, {"is_ai_system": True})
    body = client_for(owner).get(url(assessment)).content.decode()
    assert "Not answered (required)" in body
    assert "5 required questions still unanswered" in body


def test_hidden_answer_is_shown_as_not_used(client_for, owner, assessment):
    give_answers(assessment, {"use_areas": ["education"], "employment_uses": ["recruitment"]})
    body = client_for(owner).get(url(assessment)).content.decode()
    assert "What does the system do in employment?" in body
    assert "not used" in body
    assert "no longer applies given your other answers" in body


def test_answer_to_a_question_no_longer_asked_is_listed(client_for, owner, assessment):
    give_answers(assessment, {"kr_decree_designated_area": True})
    body = client_for(owner).get(url(assessment)).content.decode()
    assert "Answers to questions no longer asked" in body
    assert "kr_decree_designated_area" in body


def test_user_notes_are_escaped(client_for, owner, assessment):
    give_answers(assessment, {"is_ai_system": True}, notes={"is_ai_system": "<img src=x onerror=alert(1)>"})
    body = client_for(owner).get(url(assessment)).content.decode()
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body


def test_teammate_sees_it_and_the_position_is_recorded(client_for, teammate, assessment):
    assert client_for(teammate).get(url(assessment)).status_code == 200
    assert Assessment.objects.get(pk=assessment.pk).current_section == "review"


def test_viewer_reads_without_change_links(client_for, viewer, high_risk_assessment):
    response = client_for(viewer).get(url(high_risk_assessment))
    assert response.status_code == 200
    assert reverse("assessments:section", args=[high_risk_assessment.pk, "uses"]) not in response.content.decode()
    assert Assessment.objects.get(pk=high_risk_assessment.pk).current_section == ""


def test_outsider_gets_404(client_for, outsider, assessment):
    assert client_for(outsider).get(url(assessment)).status_code == 404


def test_query_count(client_for, owner, high_risk_assessment, django_assert_max_num_queries):
    client = client_for(owner)
    client.get(url(high_risk_assessment))
    with django_assert_max_num_queries(9):
        client.get(url(high_risk_assessment))
