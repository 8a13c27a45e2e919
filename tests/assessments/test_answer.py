"""Saving one answer as it is given (htmx), with out-of-band updates of what it changed."""

import pytest
from django.urls import reverse

from compliance.assessments.models import Answer
from compliance.assessments.questionnaire import questionnaire_fingerprint
from compliance.assessments.selectors import pinned_rule_sets

from .conftest import answer_of, give_answers, htmx, pin_assessment


def url(assessment, code):
    return reverse("assessments:answer", args=[assessment.pk, code])


def data(assessment, **fields):
    return {"questionnaire": questionnaire_fingerprint(pinned_rule_sets(assessment)), **fields}


def test_saves_and_reports_it(client_for, owner, assessment):
    response = htmx(client_for(owner), url(assessment, "is_ai_system"),
                    data(assessment, **{"is_ai_system-value": "yes", "is_ai_system-note": "Gradient-boosted model"}))
    assert response.status_code == 200
    assert answer_of(assessment, "is_ai_system") is True
    assert Answer.objects.get(question_code="is_ai_system").note == "Gradient-boosted model"
    body = response.content.decode()
    assert 'id="q-is_ai_system"' in body
    assert "Saved your answer." in body
    assert 'id="wizard-progress" class="mb-2" hx-swap-oob="true"' in body
    assert 'id="wizard-steps"' in body


def test_follow_up_question_appears_right_away(client_for, owner, assessment):
    response = htmx(client_for(owner), url(assessment, "use_areas"),
                    data(assessment, **{"use_areas-value": ["employment"]}))
    body = response.content.decode()
    assert 'id="q-employment_uses" class="question card mb-3 question-new"' in body
    assert 'hx-swap-oob="true"' in body
    assert "1 new question below: “What does the system do in employment?”" in body


def test_question_that_no_longer_applies_is_hidden_and_its_answer_kept(client_for, owner, assessment):
    give_answers(assessment, {"use_areas": ["employment"], "employment_uses": ["recruitment"]})
    response = htmx(client_for(owner), url(assessment, "use_areas"),
                    data(assessment, **{"use_areas-value": ["education"]}))
    body = response.content.decode()
    assert '<div id="q-employment_uses" class="question-slot" hidden hx-swap-oob="true">' in body
    assert "earlier answers are kept but not used" in body
    assert answer_of(assessment, "employment_uses") == ["recruitment"]


def test_wrong_value_for_yes_no_is_refused(client_for, owner, assessment):
    response = htmx(client_for(owner), url(assessment, "is_ai_system"),
                    data(assessment, **{"is_ai_system-value": "3e24"}))
    assert response.status_code == 422
    assert "Answer yes or no." in response.content.decode()
    assert answer_of(assessment, "is_ai_system") is None


def test_tampered_choice_is_refused_and_nothing_saved(client_for, owner, assessment):
    response = htmx(client_for(owner), url(assessment, "use_areas"),
                    data(assessment, **{"use_areas-value": ["employment", "space_travel"]}))
    assert response.status_code == 422
    body = response.content.decode()
    assert "“space_travel” is not one of the choices for this question" in body
    assert "Not saved" in body
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_none_of_these_cannot_be_combined(client_for, owner, assessment):
    response = htmx(client_for(owner), url(assessment, "use_areas"),
                    data(assessment, **{"use_areas-value": ["employment", "__none__"]}))
    assert response.status_code == 422
    assert "“None of these” cannot be combined with other choices." in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_hidden_question_is_refused(client_for, owner, assessment):
    response = htmx(client_for(owner), url(assessment, "employment_uses"),
                    data(assessment, **{"employment_uses-value": ["recruitment"]}))
    assert response.status_code == 422
    assert "not asked given your other answers" in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_stale_form_is_refused(client_for, owner, assessment):
    response = htmx(client_for(owner), url(assessment, "is_ai_system"),
                    {"questionnaire": "older", "is_ai_system-value": "yes"})
    assert response.status_code == 409
    assert "different version of the questionnaire" in response.content.decode()
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_question_of_another_version_is_refused(client_for, owner, assessment):
    response = htmx(client_for(owner), url(assessment, "kr_decree_designated_area"),
                    data(assessment, **{"kr_decree_designated_area-value": "yes"}))
    assert response.status_code == 409
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_without_htmx_redirects_to_the_section(client_for, owner, assessment):
    response = client_for(owner).post(url(assessment, "is_ai_system"), data(assessment, **{"is_ai_system-value": "no"}))
    assert response["Location"] == reverse("assessments:section", args=[assessment.pk, "system"])
    assert answer_of(assessment, "is_ai_system") is False


def test_teammate_saves(client_for, teammate, assessment):
    htmx(client_for(teammate), url(assessment, "is_ai_system"), data(assessment, **{"is_ai_system-value": "yes"}))
    assert Answer.objects.get(question_code="is_ai_system").updated_by == teammate


def test_viewer_gets_403_and_nothing_saved(client_for, viewer, assessment):
    response = htmx(client_for(viewer), url(assessment, "is_ai_system"),
                    data(assessment, **{"is_ai_system-value": "yes"}))
    assert response.status_code == 403
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_outsider_gets_404_and_nothing_saved(client_for, outsider, assessment):
    response = htmx(client_for(outsider), url(assessment, "is_ai_system"),
                    data(assessment, **{"is_ai_system-value": "yes"}))
    assert response.status_code == 404
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_get_is_not_allowed(client_for, owner, assessment):
    assert client_for(owner).get(url(assessment, "is_ai_system")).status_code == 405


def test_number_with_unit_and_bounds_on_a_real_rule_set(client_for, owner, system, real_versions):
    assessment = pin_assessment(system, [real_versions["kr-ai-basic-act"]])
    give_answers(assessment, {"trains_model": True})
    client = client_for(owner)
    refused = htmx(client, url(assessment, "training_compute_flop"),
                   data(assessment, **{"training_compute_flop-value": "-5"}))
    assert refused.status_code == 422
    assert "must be at least 0 FLOP" in refused.content.decode()
    not_a_number = htmx(client, url(assessment, "training_compute_flop"),
                        data(assessment, **{"training_compute_flop-value": "lots"}))
    assert "Enter a number (in FLOP), such as 2.5, 1000 or 3e24." in not_a_number.content.decode()
    assert answer_of(assessment, "training_compute_flop") is None
    htmx(client, url(assessment, "training_compute_flop"), data(assessment, **{"training_compute_flop-value": "3e24"}))
    # PostgreSQL's jsonb may return it as the integer 3 * 10**24.
    assert answer_of(assessment, "training_compute_flop") == pytest.approx(3e24)
    htmx(client, url(assessment, "training_compute_flop"), data(assessment, **{"training_compute_flop-value": "1,500"}))
    assert answer_of(assessment, "training_compute_flop") == 1500
