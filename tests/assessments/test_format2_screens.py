"""Format-2 screens: per-market grid, "I don't know", scope with its reason, assumed answers, moot duties."""

import pytest
from django.urls import reverse

from compliance.assessments.questionnaire import questionnaire_fingerprint
from compliance.assessments.selectors import pinned_rule_sets
from frameworks.loader import LoadedFile
from frameworks.models import RuleSetVersion
from frameworks.ruleset import compile_document
from frameworks.services import import_rule_set_files
from tests.frameworks.test_format2 import f2_document

from .conftest import answer_of, give_answers, htmx, pin_assessment

BASE = {"actor_type": "company", "assessed_subject": "system", "trains_model": False, "builds_system": True,
        "offers_system": True, "uses_system": True, "use_markets": ["eu"], "is_ai_system": True}


@pytest.fixture
def two_markets(db):
    """The format-2 sample for the EU and a copy of it for Korea."""
    korea = f2_document()
    korea["framework"].update(code="sample-f2-kr", name="Format 2 sample (Korea)", market="kr",
                              out_of_scope_reason="You do not offer or use the system in Korea.")
    korea["rules"][0]["when"] = "is_ai_system && ('kr' in offer_markets || 'kr' in use_markets)"
    import_rule_set_files(files=[LoadedFile("eu.yaml", compile_document(f2_document())),
                                 LoadedFile("kr.yaml", compile_document(korea))])
    return list(RuleSetVersion.objects.filter(framework__code__in=["sample-f2", "sample-f2-kr"])
                .select_related("framework").order_by("framework__code"))


@pytest.fixture
def f2_assessment(system, two_markets, owner):
    assessment = pin_assessment(system, two_markets, user=owner)
    give_answers(assessment, {**BASE, "offer_markets": ["eu", "kr"]})
    return assessment


def post(client, assessment, code, fields):
    data = {"questionnaire": questionnaire_fingerprint(pinned_rule_sets(assessment)), **fields}
    return htmx(client, reverse("assessments:answer", args=[assessment.pk, code]), data)


def test_per_market_question_is_a_grid_when_the_user_has_two_markets(client_for, owner, f2_assessment):
    page = client_for(owner).get(reverse("assessments:section", args=[f2_assessment.pk, "uses"])).content.decode()
    assert 'class="table table-sm align-middle per-market-grid' in page
    assert "Same answer in every market (EU, Korea)" in page
    assert 'name="sensitive_areas-value_kr" value="employment"' in page


def test_a_follow_up_asked_for_one_market_only_says_so(client_for, owner, f2_assessment):
    give_answers(f2_assessment, {"sensitive_areas": {"eu": ["employment"], "kr": []}})
    page = client_for(owner).get(reverse("assessments:section", args=[f2_assessment.pk, "uses"])).content.decode()
    assert "For EU: the only one of your markets where the use above is selected." in page
    assert 'name="employment_uses-value"' in page and "employment_uses-value_kr" not in page


def test_one_market_means_a_plain_question(client_for, owner, system, two_markets):
    assessment = pin_assessment(system, two_markets, user=owner)
    give_answers(assessment, {**BASE, "offer_markets": ["eu", "us"]})  # no framework for the US here
    page = client_for(owner).get(reverse("assessments:section", args=[assessment.pk, "uses"])).content.decode()
    assert "per-market-grid" not in page and 'name="sensitive_areas-value"' in page


def test_grid_answers_are_saved_per_market_and_read_per_framework(client_for, owner, f2_assessment):
    response = post(client_for(owner), f2_assessment, "sensitive_areas", {
        "sensitive_areas-mode": "grid", "sensitive_areas-value_eu": ["employment"],
        "sensitive_areas-value_kr": ["__none__"]})
    assert response.status_code == 200, response.content.decode()[:500]
    assert answer_of(f2_assessment, "sensitive_areas") == {"eu": ["employment"], "kr": []}
    # Employment is selected for the EU only, so its follow-up is asked once, for the EU.
    post(client_for(owner), f2_assessment, "employment_uses", {"employment_uses-value": ["recruitment"]})
    results = client_for(owner).get(reverse("assessments:detail", args=[f2_assessment.pk])).content.decode()
    eu, kr = results.split('id="fw-sample-f2-kr"')[0], results.split('id="fw-sample-f2-kr"')[1]
    badge = '<span class="visually-hidden">Tier: </span>High-risk'
    assert badge in eu and badge not in kr


def test_same_in_every_market_shortcut(client_for, owner, f2_assessment):
    client = client_for(owner)
    post(client, f2_assessment, "sensitive_areas", {
        "sensitive_areas-mode": "grid", "sensitive_areas-same": "on",
        "sensitive_areas-value_eu": ["employment"], "sensitive_areas-value_kr": ["employment"]})
    assert answer_of(f2_assessment, "sensitive_areas") == ["employment"]
    refused = post(client, f2_assessment, "sensitive_areas", {
        "sensitive_areas-mode": "grid", "sensitive_areas-same": "on",
        "sensitive_areas-value_eu": ["employment"], "sensitive_areas-value_kr": ["education"]})
    assert "Your answers differ between markets" in refused.content.decode()
    assert answer_of(f2_assessment, "sensitive_areas") == ["employment"]
    post(client, f2_assessment, "sensitive_areas", {"sensitive_areas-mode": "same", "sensitive_areas-same": "on",
                                                    "sensitive_areas-value": ["education"]})
    assert answer_of(f2_assessment, "sensitive_areas") == ["education"]
    # Unticking the shortcut (the browser then sends no "same"): every market starts with the one answer.
    post(client, f2_assessment, "sensitive_areas", {"sensitive_areas-mode": "same", "sensitive_areas-value": ["education"]})
    assert answer_of(f2_assessment, "sensitive_areas") == {"eu": ["education"], "kr": ["education"]}


def test_i_dont_know_is_a_choice_and_the_result_flags_the_assumption(client_for, owner, f2_assessment):
    client = client_for(owner)
    give_answers(f2_assessment, {"sensitive_areas": ["employment"], "employment_uses": ["recruitment"]})
    page = client.get(reverse("assessments:section", args=[f2_assessment.pk, "uses"])).content.decode()
    assert 'name="human_final_decision-value" value="unknown"' in page and "I don&#x27;t know" in page
    response = post(client, f2_assessment, "human_final_decision", {"human_final_decision-value": "unknown"})
    assert response.status_code == 200
    assert answer_of(f2_assessment, "human_final_decision") == "unknown"
    results = client.get(reverse("assessments:detail", args=[f2_assessment.pk])).content.decode()
    assert "Assumed answers — review" in results
    assert "assumed <strong>No: the output takes effect without a person deciding</strong>" in results


def test_scope_reason_on_the_results_and_moot_duties_under_a_ban(client_for, owner, f2_assessment):
    give_answers(f2_assessment, {"sensitive_areas": ["biometrics", "employment"], "employment_uses": ["recruitment"],
                                 "biometric_uses": ["emotion_recognition"], "emotion_recognition_settings": ["workplace"],
                                 "human_final_decision": "no"})
    results = client_for(owner).get(reverse("assessments:detail", args=[f2_assessment.pk])).content.decode()
    assert "In scope because the organisation offers or uses an AI system in the EU" in results
    assert "The ban comes first." in results and "Moot under the ban" in results
    moot = results.partition('<details class="status-group mb-2 status-moot"')[2].partition("</ul>")[0]
    assert 'data-status="moot"' in moot  # the group lists its moot duties
    assert "Deployer duties" not in moot  # lists the banned tier itself: not moot
    tracker = client_for(owner).get(reverse("gaps:tracker", args=[f2_assessment.pk])).content.decode()
    assert "The ban comes first." in tracker


def test_out_of_scope_says_why_everywhere(client_for, owner, system, two_markets):
    assessment = pin_assessment(system, two_markets, user=owner)
    give_answers(assessment, {**BASE, "use_markets": ["kr"], "offer_markets": ["kr"]})
    results = client_for(owner).get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    assert results.count("You do not offer or use the system in the EU, and its outputs are not used there.") >= 2
    tracker = client_for(owner).get(reverse("gaps:tracker", args=[assessment.pk])).content.decode()
    assert "You do not offer or use the system in the EU" in tracker
    # The portfolio pages (dashboard, assessments list, system page) give the reason too, behind "not in scope".
    for page in (reverse("gaps:dashboard", args=[assessment.organization_id]), reverse("assessments:list"),
                 reverse("assessments:system_detail", args=[system.pk])):
        body = client_for(owner).get(page).content.decode()
        assert "<summary>not in scope</summary>" in body, page
        assert "You do not offer or use the system in the EU, and its outputs are not used there." in body, page


def test_answers_in_words_per_market_and_unknown():
    from compliance.assessments.questionnaire import display_value

    spec = {"type": "multiple_choice", "choices": [{"code": "employment", "label": "Employment"}]}
    assert display_value(spec, {"eu": ["employment"], "kr": []}) == "EU: Employment; Korea: None of these"
    assert display_value({"type": "single_choice", "allow_unknown": True, "choices": []}, "unknown") == "I don't know"


def test_pdf_answers_and_reasons_per_market_unknown_and_through_definitions():
    from compliance.reports.content import _answers_read, answer_text

    spec = {"type": "multiple_choice", "choices": [{"code": "employment", "label": "Employment"}]}
    assert answer_text(spec, {"eu": ["employment"], "kr": []}) == "EU: Employment; Korea: None of these"
    assert answer_text({"type": "yes_no", "allow_unknown": True}, "unknown") == "I don't know"
    definitions = {"is_provider": {"answers": {"builds_system": True, "in_eu": True}},
                   "in_eu": {"answers": {"offer_markets": ["eu"]}}}
    assert _answers_read({"is_provider": True}, definitions) == {"builds_system", "offer_markets"}
