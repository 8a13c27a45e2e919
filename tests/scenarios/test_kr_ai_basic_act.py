"""Scenario and coverage tests for Korea's AI Basic Act rule set (frameworks/data/kr-ai-basic-act/2026.1.yaml).

Each scenario describes an AI system, answers the questionnaire for it, and checks scope, classes
(tiers), roles and the status of the key obligations on a given date.
"""

from __future__ import annotations

import datetime as dt

import pytest

from frameworks.engine import InvalidAnswers
from tests.shipped import classify, role_codes, rule_set_in_force, statuses, tier_codes

KR = "kr-ai-basic-act"
AS_OF = "2026-11-22"
ACT_IN_FORCE = dt.date(2026, 1, 22)

ART34_ITEMS = [
    "art34-1-1-risk-management-plan",
    "art34-1-2-explanation-plan",
    "art34-1-3-user-protection",
    "art34-1-4-human-oversight",
    "art34-1-5-documents",
    "art34-1-6-committee-matters",
]
ART32 = ["art32-1-1-lifecycle-risks", "art32-1-2-incident-risk-management", "art32-2-submit-results"]
AREA_RULES = {f"art2-4-{s}" for s in ("ga", "na", "da", "ra", "ma", "ba", "sa", "a", "ja", "cha", "ka")}


def korean_developer(**answers) -> dict:
    """A Korean company that develops an AI system and offers it to others in Korea."""
    base = {
        "org_develops_system": True,
        "org_offers_system": True,
        "org_provides_service_with_ai": False,
        "org_type": "private",
        "is_ai_system": True,
        "purpose_military_only": False,
        "generates_content": False,
        "significant_effect_on_people": False,
        "kr_affects_korea": True,
        "kr_has_korean_office": True,
    }
    base.update(answers)
    return base


def run(answers: dict, as_of: str = AS_OF) -> dict:
    return classify(answers, as_of, [KR])[KR]


def fired_rules(result: dict) -> set[str]:
    return {t["code"] for t in result["trace"] if t["kind"] == "rule" and t["fired"]}


def obligation(result: dict, code: str) -> dict:
    return next(o for o in result["obligations"] if o["code"] == code)


# --- Scenarios -------------------------------------------------------------------------------


def test_university_grading_tool_is_not_student_evaluation_area_cha():
    """An essay-grading tool sold by a Seoul edtech company to Korean universities.

    Area 차 covers student evaluation in early-childhood, primary and secondary education only,
    so university grading is not high-impact, even though grades matter to students.
    """
    result = run(korean_developer(
        use_areas=["education"],
        education_uses=["learning_assessment"],
        education_levels=["higher"],
        significant_effect_on_people=True,
    ))
    assert result["in_scope"] is True
    assert tier_codes(result) == ["general"]
    assert role_codes(result) == ["developer_operator"]
    assert "art2-4-cha" not in fired_rules(result)
    s = statuses(result)
    assert s["art33-1-prior-review"] == "applies_now"
    assert s["art31-1-advance-notice"] == "not_applicable"
    for code in ART34_ITEMS:
        assert s[code] == "not_applicable"


def test_secondary_school_grading_tool_is_high_impact_under_cha():
    """The same grading tool sold to Korean middle and high schools: area 차 applies."""
    result = run(korean_developer(
        use_areas=["education"],
        education_uses=["learning_assessment"],
        education_levels=["secondary"],
        significant_effect_on_people=True,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
    ))
    assert tier_codes(result) == ["high_impact"]
    assert "art2-4-cha" in fired_rules(result)
    s = statuses(result)
    assert s["art31-1-advance-notice"] == "applies_now"
    assert s["art34-1-1-risk-management-plan"] == "applies_now"
    assert s["art35-1-impact-assessment"] == "applies_now"


def test_cv_screening_tool_offered_to_korean_companies():
    """A Pangyo start-up trains a CV-ranking model and licenses it as SaaS to Korean employers.

    Hiring is area 사 of Art. 2(4); the start-up is an AI developer-operator and owes the
    Art. 34 measures, the Art. 31(1) notice and the (effort) impact assessment.
    """
    result = run(korean_developer(
        use_areas=["employment"],
        employment_uses=["recruitment"],
        significant_effect_on_people=True,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
    ))
    assert result["in_scope"] is True
    assert tier_codes(result) == ["high_impact"]
    assert role_codes(result) == ["developer_operator"]
    assert "art2-4-sa" in fired_rules(result)
    s = statuses(result)
    for code in ART34_ITEMS + ["art34-publish-measures", "art33-1-prior-review", "art31-1-advance-notice"]:
        assert s[code] == "applies_now", code
    assert obligation(result, "art34-1-6-committee-matters")["confidence"] == "unverified"
    assessment = obligation(result, "art35-1-impact-assessment")
    assert (assessment["status"], assessment["nature"]) == ("applies_now", "effort")
    notice = obligation(result, "art31-1-advance-notice")
    assert notice["penalty"]["max_amount"] == 30000000 and notice["penalty"]["currency"] == "KRW"
    # Korean office, not generative, not above the compute threshold
    assert s["art36-1-domestic-representative"] == "not_applicable"
    assert s["art31-2-label-generative-outputs"] == "not_applicable"
    assert s["art32-1-1-lifecycle-risks"] == "not_applicable"


def test_cv_screening_without_significant_effect_is_not_high_impact():
    """A CV-parsing tool that only extracts fields for a recruiter, with no effect on who is hired."""
    result = run(korean_developer(
        use_areas=["employment"],
        employment_uses=["recruitment"],
        significant_effect_on_people=False,
    ))
    assert "high_impact" not in tier_codes(result)
    assert statuses(result)["art34-1-1-risk-management-plan"] == "not_applicable"


def test_reseller_of_a_suppliers_hiring_ai_is_user_operator():
    """A Korean HR platform offers employers a screening feature built on a vendor's model it does not develop."""
    answers = korean_developer(
        use_areas=["employment"],
        employment_uses=["recruitment"],
        significant_effect_on_people=True,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
    )
    answers.update(org_develops_system=False, org_offers_system=False, org_provides_service_with_ai=True)
    result = run(answers)
    assert role_codes(result) == ["user_operator"]
    assert statuses(result)["art34-1-1-risk-management-plan"] == "applies_now"


def test_generative_image_service_labels_outputs_and_deepfakes():
    """A Korean app that turns prompts into photorealistic images, downloadable by users."""
    result = run(korean_developer(
        generates_content=True,
        produces_deepfakes=True,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
        kr_outputs_leave_service=True,
        kr_artistic_work=False,
    ))
    assert tier_codes(result) == ["generative"]
    s = statuses(result)
    for code in ("art31-1-advance-notice", "art31-2-label-generative-outputs",
                 "art31-2-watermark-exported-outputs", "art31-3-label-deepfakes"):
        assert s[code] == "applies_now", code
    assert s["art31-3-artistic-works"] == "not_applicable"
    assert s["art34-1-1-risk-management-plan"] == "not_applicable"
    # Labelling breaches are reached only through Art. 40(3) orders
    label_penalty = obligation(result, "art31-2-label-generative-outputs")["penalty"]
    assert "Art. 40(3)" in label_penalty["summary"] and "No direct fine" in label_penalty["summary"]


def test_obvious_ai_generation_exempts_labelling():
    """A service named "AI Portrait Studio" whose screens say every image is AI-made."""
    result = run(korean_developer(
        generates_content=True,
        produces_deepfakes=True,
        kr_ai_use_obvious=True,
        kr_internal_use_only=False,
        kr_outputs_leave_service=False,
    ))
    s = statuses(result)
    assert s["art31-2-label-generative-outputs"] == "not_applicable"
    assert s["art31-3-label-deepfakes"] == "not_applicable"
    assert "Exception applies" in obligation(result, "art31-2-label-generative-outputs")["reason"]


def test_film_studio_deepfakes_get_artistic_proviso_marked_unverified():
    """A studio's de-ageing tool for feature films offered to Korean producers."""
    result = run(korean_developer(
        generates_content=True,
        produces_deepfakes=True,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
        kr_outputs_leave_service=True,
        kr_artistic_work=True,
    ))
    artistic = obligation(result, "art31-3-artistic-works")
    assert artistic["status"] == "applies_now" and artistic["confidence"] == "unverified"
    assert statuses(result)["art31-3-label-deepfakes"] == "applies_now"


def foreign_chatbot(**answers) -> dict:
    """A US company offering a chatbot to users in Korea, with no Korean address or office."""
    base = korean_developer(
        generates_content=True,
        produces_deepfakes=False,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
        kr_outputs_leave_service=True,
        kr_has_korean_office=False,
    )
    base.update(answers)
    return base


def test_foreign_provider_above_user_threshold_needs_domestic_representative():
    result = run(foreign_chatbot(kr_daily_users_korea=1_500_000, kr_ai_revenue_krw=5e9, kr_total_revenue_krw=5e11))
    assert result["in_scope"] is True
    assert "art4-1-korean-market-or-users" in fired_rules(result)
    rep = obligation(result, "art36-1-domestic-representative")
    assert rep["status"] == "applies_now"
    assert rep["penalty"]["max_amount"] == 30000000
    assert statuses(result)["art36-2-representative-tasks"] == "applies_now"


def test_foreign_provider_below_thresholds_needs_no_domestic_representative():
    result = run(foreign_chatbot(kr_daily_users_korea=200_000, kr_ai_revenue_krw=5e9, kr_total_revenue_krw=5e11))
    assert result["in_scope"] is True
    s = statuses(result)
    assert s["art36-1-domestic-representative"] == "not_applicable"
    assert s["art36-1-representative-after-fine"] == "not_applicable"
    assert s["art31-2-label-generative-outputs"] == "applies_now"


@pytest.mark.parametrize("revenue_field, value", [("kr_total_revenue_krw", 1e12), ("kr_ai_revenue_krw", 1e10)])
def test_foreign_provider_revenue_thresholds(revenue_field, value):
    result = run(foreign_chatbot(**{revenue_field: value}))
    assert statuses(result)["art36-1-domestic-representative"] == "applies_now"


def test_previous_order_fine_trigger_is_separate_and_unverified():
    """A small foreign provider that was fined for ignoring a correction order."""
    result = run(foreign_chatbot(kr_daily_users_korea=1000, kr_fined_for_order_breach=True))
    s = statuses(result)
    assert s["art36-1-domestic-representative"] == "not_applicable"
    after_fine = obligation(result, "art36-1-representative-after-fine")
    assert (after_fine["status"], after_fine["confidence"]) == ("applies_now", "unverified")


def test_foreign_system_without_korean_reach_is_out_of_scope():
    """A German firm's tool used only by German hospitals, with no Korean market or users."""
    result = run(korean_developer(kr_affects_korea=False, kr_has_korean_office=False))
    assert result["in_scope"] is False
    assert set(statuses(result).values()) == {"not_applicable"}


def frontier_model(flop: float, **answers) -> dict:
    """A Korean lab's general-purpose chat model offered to the public through an API."""
    return korean_developer(
        generates_content=True,
        produces_deepfakes=False,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
        kr_outputs_leave_service=True,
        training_compute_flop=flop,
        **answers,
    )


def test_frontier_model_above_1e26_with_further_criteria_owes_art32_duties():
    result = run(frontier_model(2e26, kr_state_of_the_art=True, kr_broad_significant_effect=True))
    assert set(tier_codes(result)) == {"high_compute", "generative"}
    assert "art32-high-compute" in fired_rules(result)
    s = statuses(result)
    for code in ART32:
        assert s[code] == "applies_now", code


def test_model_at_5e25_flop_is_below_the_threshold():
    result = run(frontier_model(5e25))
    assert "high_compute" not in tier_codes(result)
    s = statuses(result)
    for code in ART32:
        assert s[code] == "not_applicable", code


def test_threshold_is_inclusive_at_exactly_1e26_flop():
    result = run(frontier_model(1e26, kr_state_of_the_art=True, kr_broad_significant_effect=True))
    assert "high_compute" in tier_codes(result)


def test_further_compute_criteria_are_not_asked_below_1e26():
    """Below 10^26 FLOP the state-of-the-art and broad-effect questions are hidden, so they cannot be answered."""
    with pytest.raises(InvalidAnswers):
        run(frontier_model(9.9e25, kr_state_of_the_art=True, kr_broad_significant_effect=True))


def test_model_above_1e26_without_state_of_the_art_is_not_covered():
    result = run(frontier_model(2e26, kr_state_of_the_art=False, kr_broad_significant_effect=True))
    assert "high_compute" not in tier_codes(result)
    assert statuses(result)["art32-2-submit-results"] == "not_applicable"


def test_military_only_system_is_out_of_scope():
    """A target-recognition system built for the Ministry of National Defense, with no civilian use."""
    result = run(korean_developer(
        purpose_military_only=True,
        use_areas=["law_enforcement"],
        law_enforcement_uses=["biometric_investigation"],
        significant_effect_on_people=True,
    ))
    assert result["in_scope"] is False
    assert tier_codes(result) == [] and role_codes(result) == []
    assert "art4-2-defence-security" in fired_rules(result)
    assert set(statuses(result).values()) == {"not_applicable"}


def test_police_face_matching_is_high_impact_under_ba():
    """A vendor's face-matching system offered to the Korean National Police Agency for criminal investigations."""
    result = run(korean_developer(
        use_areas=["law_enforcement"],
        law_enforcement_uses=["biometric_investigation"],
        significant_effect_on_people=True,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
    ))
    assert tier_codes(result) == ["high_impact"]
    assert "art2-4-ba" in fired_rules(result)


def test_public_benefit_eligibility_by_municipality_is_high_impact_under_ja():
    """A district office builds and runs an AI that checks eligibility for welfare benefits."""
    answers = korean_developer(
        org_type="public_body",
        org_provides_service_with_ai=True,
        use_areas=["public_administration"],
        significant_effect_on_people=True,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
    )
    result = run(answers)
    assert "art2-4-ja" in fired_rules(result)
    assert tier_codes(result) == ["high_impact"]


def test_private_vendor_of_public_eligibility_system_needs_public_body_use():
    """A private vendor sells a benefits-eligibility engine; it is 자 only if a public body uses it for decisions."""
    answers = korean_developer(
        use_areas=["essential_services"],
        service_uses=["public_benefits"],
        significant_effect_on_people=True,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
    )
    not_public = run({**answers, "kr_used_by_public_body": False})
    assert "high_impact" not in tier_codes(not_public)
    used_by_state = run({**answers, "kr_used_by_public_body": True})
    assert "art2-4-ja" in fired_rules(used_by_state)


def test_area_ka_fires_only_on_explicit_answer():
    """No decree-designated area is assumed; the rule fires only if the user says one covers the system."""
    base = korean_developer(significant_effect_on_people=True, kr_ai_use_obvious=False, kr_internal_use_only=False)
    assert "high_impact" not in tier_codes(run(base))
    result = run({**base, "kr_decree_designated_area": True})
    assert "art2-4-ka" in fired_rules(result)
    ka = next(t for t in result["trace"] if t["kind"] == "rule" and t["code"] == "art2-4-ka")
    assert ka["confidence"] == "unverified"


def test_vulnerable_groups_element_applies_from_21_july_2026():
    """The hiring tool again, checked in March 2026, before the Act No. 21311 addition took effect."""
    answers = korean_developer(
        use_areas=["employment"],
        employment_uses=["recruitment"],
        significant_effect_on_people=True,
        kr_ai_use_obvious=False,
        kr_internal_use_only=False,
    )
    march = run(answers, "2026-03-01")
    vulnerable = obligation(march, "art35-1-vulnerable-groups")
    assert vulnerable["status"] == "applies_later" and vulnerable["applies_from"] == "2026-07-21"
    assert statuses(march)["art35-1-impact-assessment"] == "applies_now"
    assert statuses(run(answers, "2026-08-01"))["art35-1-vulnerable-groups"] == "applies_now"


def test_no_version_in_force_before_22_january_2026():
    with pytest.raises(LookupError):
        classify(korean_developer(), "2026-01-21", [KR])


# --- Coverage of what the law contains ----------------------------------------------------


@pytest.fixture(scope="module")
def rule_set():
    return rule_set_in_force(KR, ACT_IN_FORCE)


def test_framework_metadata(rule_set):
    doc = rule_set.document
    assert doc["framework"]["local_name"] == "인공지능 발전과 신뢰 기반 조성 등에 관한 기본법"
    assert doc["framework"]["jurisdiction"] == "Republic of Korea"
    assert doc["version"]["in_force_from"] == "2026-01-22"
    assert doc["version"]["last_reviewed"] == "2026-11-22"
    assert doc["version"]["status"] == "published"
    assert "2027-01-22" in doc["version"]["notes"] or "22 Jan 2027" in doc["version"]["notes"]


def test_exactly_eleven_high_impact_area_rules(rule_set):
    area_rules = [r for r in rule_set.rules if r.code.startswith("art2-4-")]
    assert len(area_rules) == 11
    assert {r.code for r in area_rules} == AREA_RULES
    for rule in area_rules:
        assert rule.assign_value == "high_impact"
        assert "significant_effect_on_people" in rule.when.variables, rule.code
    ka = next(r for r in area_rules if r.code == "art2-4-ka")
    assert ka.spec["confidence"] == "unverified"
    assert ka.when.variables == ("kr_decree_designated_area", "significant_effect_on_people") or set(
        ka.when.variables) == {"kr_decree_designated_area", "significant_effect_on_people"}


def test_art34_1_items_one_to_six_present(rule_set):
    codes = [o.code for o in rule_set.obligations]
    for item in range(1, 7):
        matches = [c for c in codes if c.startswith(f"art34-1-{item}-")]
        assert len(matches) == 1, item
    item6 = next(o for o in rule_set.obligations if o.code.startswith("art34-1-6-"))
    assert item6.spec["confidence"] == "unverified"


def test_every_obligation_has_citation_source_url_and_confidence(rule_set):
    for o in rule_set.obligations:
        spec = o.spec
        assert spec["citation"].strip(), o.code
        assert spec["source_url"].startswith("https://"), o.code
        assert spec["confidence"] in {"primary", "secondary", "unverified"}, o.code
        assert spec["local_title"].strip(), o.code


def test_roles_and_tiers_carry_korean_terms(rule_set):
    assert rule_set.roles["developer_operator"]["local_label"] == "인공지능개발사업자"
    assert rule_set.roles["user_operator"]["local_label"] == "인공지능이용사업자"
    assert rule_set.tiers["high_impact"]["local_label"] == "고영향 인공지능"
    assert rule_set.tiers["generative"]["local_label"] == "생성형 인공지능"


def test_fines_follow_the_decree_and_the_guidance_period(rule_set):
    by_code = {o.code: o.spec for o in rule_set.obligations}
    notice = by_code["art31-1-advance-notice"]["penalty"]["summary"]
    assert all(amount in notice for amount in ("5 million", "10 million", "15 million"))
    representative = by_code["art36-1-domestic-representative"]["penalty"]["summary"]
    assert "20 million" in representative
    orders = by_code["art40-cooperate-and-comply"]["penalty"]["summary"]
    assert all(amount in orders for amount in ("10 million", "20 million", "30 million"))
    for code in ("art31-1-advance-notice", "art36-1-domestic-representative", "art40-cooperate-and-comply"):
        assert "22 Jan 2027" in by_code[code]["penalty"]["summary"], code
    for code, spec in by_code.items():
        penalty = spec["penalty"]
        if penalty and penalty["max_amount"] is not None:
            assert penalty["max_amount"] <= 30000000 and penalty["currency"] == "KRW", code
    for code in ("art31-2-label-generative-outputs", "art31-3-label-deepfakes"):
        assert "Art. 40(3)" in by_code[code]["penalty"]["summary"], code
