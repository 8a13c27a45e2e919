"""The section page: GET shows the visible questions; POST is the no-JavaScript way to save them."""

from django.urls import reverse

from compliance.assessments.models import Answer, Assessment
from compliance.assessments.questionnaire import questionnaire_fingerprint
from compliance.assessments.selectors import pinned_rule_sets

from .conftest import answer_of, give_answers


def url(assessment, code):
    return reverse("assessments:section", args=[assessment.pk, code])


def fingerprint(assessment):
    return questionnaire_fingerprint(pinned_rule_sets(assessment))


def post(client, assessment, code, data, go="next"):
    return client.post(url(assessment, code), {"questionnaire": fingerprint(assessment), "go": go, **data})


ORGANISATION = {"shown": ["org_develops_system", "org_offers_system", "org_uses_system"],
                "org_develops_system-value": "yes", "org_offers_system-value": "yes", "org_uses_system-value": "no",
                "org_uses_system-note": "Only our customers use it."}


def test_shows_visible_questions_with_help_and_citations(client_for, owner, assessment):
    give_answers(assessment, {"use_areas": ["employment"], "employment_uses": ["recruitment"]})
    body = client_for(owner).get(url(assessment, "eu_high_risk")).content.decode()
    assert "Does any of these describe the system" in body
    assert "Article 6(3) lets an Annex III system" in body
    assert "EU Artificial Intelligence Act Art. 6(3)" in body
    assert 'name="questionnaire"' in body


def test_hidden_questions_are_placeholders(client_for, owner, assessment):
    body = client_for(owner).get(url(assessment, "uses")).content.decode()
    assert 'id="q-use_areas" class="question card' in body
    assert '<div id="q-employment_uses" class="question-slot" hidden' in body
    assert "What does the system do in employment?" not in body


def test_records_the_position(client_for, teammate, assessment):
    client_for(teammate).get(url(assessment, "system"))
    assert Assessment.objects.get(pk=assessment.pk).current_section == "system"


def test_section_without_visible_questions_forwards_to_the_next(client_for, owner, assessment):
    response = client_for(owner).get(url(assessment, "eu_high_risk"))
    assert response["Location"] == reverse("assessments:review", args=[assessment.pk])


def test_unknown_section_is_404(client_for, owner, assessment):
    assert client_for(owner).get(url(assessment, "kr_scope")).status_code == 404


def test_post_saves_typed_answers_and_notes_then_goes_next(client_for, owner, assessment):
    response = post(client_for(owner), assessment, "organisation", ORGANISATION)
    assert response["Location"] == url(assessment, "system")
    assert answer_of(assessment, "org_develops_system") is True
    assert answer_of(assessment, "org_uses_system") is False
    assert Answer.objects.get(question_code="org_uses_system").note == "Only our customers use it."
    assert Answer.objects.get(question_code="org_uses_system").updated_by == owner


def test_back_saves_and_goes_to_the_previous_section(client_for, owner, assessment):
    data = {"shown": ["is_ai_system"], "is_ai_system-value": "yes"}
    response = post(client_for(owner), assessment, "system", data, go="back")
    assert response["Location"] == url(assessment, "organisation")
    assert answer_of(assessment, "is_ai_system") is True


def test_save_stays_and_confirms(client_for, owner, assessment):
    client = client_for(owner)
    response = post(client, assessment, "system", {"shown": ["is_ai_system"], "is_ai_system-value": "no"}, go="stay")
    assert response["Location"] == url(assessment, "system")
    assert "Your answers are saved." in client.get(response["Location"]).content.decode()


def test_multiple_choice_and_none_of_these(client_for, owner, assessment):
    client = client_for(owner)
    post(client, assessment, "uses", {"shown": ["use_areas"], "use_areas-value": ["employment", "education"]},
         go="stay")
    assert answer_of(assessment, "use_areas") == ["employment", "education"]
    post(client, assessment, "uses", {"shown": ["use_areas"], "use_areas-value": ["__none__"]}, go="stay")
    assert answer_of(assessment, "use_areas") == []


def test_empty_answer_clears_it(client_for, owner, assessment):
    give_answers(assessment, {"is_ai_system": True})
    post(client_for(owner), assessment, "system", {"shown": ["is_ai_system"]}, go="stay")
    assert answer_of(assessment, "is_ai_system") is None


def test_new_follow_up_questions_keep_the_user_on_the_section(client_for, owner, assessment):
    client = client_for(owner)
    response = post(client, assessment, "uses", {"shown": ["use_areas"], "use_areas-value": ["employment"]})
    assert response["Location"] == url(assessment, "uses") + "?new=employment_uses"
    page = client.get(response["Location"]).content.decode()
    assert "What does the system do in employment?" in page
    assert "question-new" in page
    assert "1 follow-up question" in page


def test_answer_hidden_by_the_same_post_is_kept_unchanged(client_for, owner, assessment):
    give_answers(assessment, {"use_areas": ["employment"], "employment_uses": ["recruitment"]})
    data = {"shown": ["use_areas", "employment_uses"], "use_areas-value": ["education"],
            "employment_uses-value": ["other"]}
    post(client_for(owner), assessment, "uses", data, go="stay")
    assert answer_of(assessment, "use_areas") == ["education"]
    assert answer_of(assessment, "employment_uses") == ["recruitment"]


def test_tampered_choice_is_refused_and_nothing_saved(client_for, owner, assessment):
    data = {**ORGANISATION, "org_develops_system-value": "maybe"}
    response = post(client_for(owner), assessment, "organisation", data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Answer yes or no." in body
    # Says by question what was refused and what the refusal held back with it.
    assert "Not saved: “Does your organisation develop this AI system or its model, or have it developed for you?” — see the message " \
           "under each." in body
    assert "Also not saved, because this page is saved as a whole: “Does your organisation make the system available" in body
    assert "Already saved" not in body
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_a_refused_page_names_the_answers_already_saved_one_by_one(client_for, owner, assessment):
    """With JavaScript each answer saves as it is given; a refused page must not claim nothing was saved."""
    give_answers(assessment, {"org_offers_system": True, "org_uses_system": False})
    data = {**ORGANISATION, "org_develops_system-value": "maybe"}
    body = post(client_for(owner), assessment, "organisation", data).content.decode()
    assert "nothing was saved" not in body.lower()
    assert "Already saved as you answered them, and unchanged: “Does your organisation make the system available" in body
    # The answer to org_uses_system is stored, but the note sent with it is new: held back with the refusal.
    assert "Also not saved, because this page is saved as a whole: “Does your organisation itself use" in body
    assert answer_of(assessment, "org_develops_system") is None


def test_progress_and_length_are_honest_about_follow_ups(client_for, owner, assessment):
    body = client_for(owner).get(url(assessment, "organisation")).content.decode()
    # Seven questions (six required) are asked up front; five follow-ups only after some answers.
    assert "about 7 questions under your answers so far, roughly 4 minutes." in body
    assert "Up to 5 follow-up questions may appear, depending on your answers." in body
    assert "<strong>0 of about 6</strong> required questions answered so far; follow-up questions appear " \
           "based on your answers." in body


def test_stale_form_is_refused_and_nothing_saved(client_for, owner, assessment):
    data = {**ORGANISATION, "questionnaire": "an-older-version", "go": "next"}
    response = client_for(owner).post(url(assessment, "organisation"), data)
    assert response.status_code == 409
    assert "different version of the questionnaire" in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_question_of_another_section_is_refused(client_for, owner, assessment):
    data = {**ORGANISATION, "shown": [*ORGANISATION["shown"], "is_ai_system"], "is_ai_system-value": "yes"}
    response = post(client_for(owner), assessment, "organisation", data)
    assert response.status_code == 400
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_viewer_gets_403_and_nothing_saved(client_for, viewer, assessment):
    client = client_for(viewer)
    assert client.get(url(assessment, "organisation")).status_code == 403
    assert post(client, assessment, "organisation", ORGANISATION).status_code == 403
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_outsider_gets_404_and_nothing_saved(client_for, outsider, assessment):
    client = client_for(outsider)
    assert client.get(url(assessment, "organisation")).status_code == 404
    assert post(client, assessment, "organisation", ORGANISATION).status_code == 404
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_query_count_does_not_depend_on_the_number_of_questions(client_for, owner, high_risk_assessment,
                                                                django_assert_max_num_queries):
    client = client_for(owner)
    client.get(url(high_risk_assessment, "uses"))
    with django_assert_max_num_queries(9):
        client.get(url(high_risk_assessment, "uses"))
