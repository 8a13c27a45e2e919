"""Scenarios for Korea's AI Basic Act (frameworks/data/kr-ai-basic-act/2026.2.yaml).

Each scenario is built from a statutory item (Art. 2(4) 가-카, Arts. 4, 31-36, 40 and the Enforcement
Decree) or an example in MSIT's guidelines (고영향 인공지능 판단 가이드라인, 인공지능 투명성 확보
가이드라인), cited in its docstring. Answers are given as a user would from a plain description of the
case, in the shared questions' own words; each test checks scope (with its reason), tier, role and the
key obligations with their dates.
"""

from __future__ import annotations

import datetime as dt

import pytest

from frameworks.engine import InvalidAnswers
from tests.shipped import classify, role_codes, rule_set_in_force, statuses, tier_codes

KR = "kr-ai-basic-act"
AS_OF = "2026-12-03"
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
    """A Korean company that builds its own AI system and sells it to customers in Korea."""
    base = {
        "actor_type": "company",
        "established_in": ["kr"],
        "assessed_subject": "system",
        "trains_model": True,
        "builds_system": True,
        "uses_third_party_model": False,
        "offers_system": True,
        "uses_system": False,
        "serves_customers_with_system": False,
        "offer_markets": ["kr"],
        "development_markets": ["kr"],
        "output_markets": ["kr"],
        "is_ai_system": True,
        "purpose_military_only": False,
        "generates_content": False,
        "significant_effect_on_people": False,
    }
    base.update(answers)
    return base


def high_impact_use(**answers) -> dict:
    """korean_developer with a possible significant effect; where a sensitive use is given, its output
    takes effect without a person deciding (the human-decision question is asked only then)."""
    base = korean_developer(significant_effect_on_people=True, kr_ai_use_obvious=False, kr_internal_use_only=False)
    if "sensitive_areas" in answers:
        base["human_final_decision"] = "no"
    base.update(answers)
    return base


def run(answers: dict, as_of: str = AS_OF) -> dict:
    return classify(answers, as_of, [KR])[KR]


def fired_rules(result: dict) -> set[str]:
    return {t["code"] for t in result["trace"] if t["kind"] == "rule" and t["fired"]}


def obligation(result: dict, code: str) -> dict:
    return next(o for o in result["obligations"] if o["code"] == code)


def applicable(result: dict) -> set[str]:
    return {code for code, status in statuses(result).items() if status != "not_applicable"}


# --- Art. 2(4) 사: hiring, and the per-market reading ----------------------------------------


def test_cv_screening_saas_for_korean_employers_is_high_impact_under_sa():
    """A Pangyo start-up trains a CV-ranking model and licenses it to Korean employers; rejections take
    effect without a recruiter deciding. Art. 2(4)(사): "채용, 대출 심사 등" (hiring)."""
    result = run(high_impact_use(sensitive_areas=["employment"], employment_uses=["recruitment"]))
    assert result["in_scope"] is True
    assert "Art. 4(1)" in result["scope_reason"]
    assert tier_codes(result) == ["high_impact"]
    assert role_codes(result) == ["developer_operator"]
    assert "art2-4-sa" in fired_rules(result)
    s = statuses(result)
    for code in ART34_ITEMS + ["art34-publish-measures", "art33-1-prior-review", "art31-1-advance-notice"]:
        assert s[code] == "applies_now", code
    assert obligation(result, "art34-1-1-risk-management-plan")["applies_from"] == "2026-01-22"
    assessment = obligation(result, "art35-1-impact-assessment")
    assert (assessment["status"], assessment["nature"]) == ("applies_now", "effort")
    assert obligation(result, "art33-msit-confirmation")["nature"] == "voluntary"
    assert s["art36-1-domestic-representative"] == "not_applicable"  # a Korean company
    assert s["art31-2-label-generative-outputs"] == "not_applicable"


def test_cv_screening_offered_only_to_eu_employers_is_not_high_impact_in_korea():
    """The same company also sells a CV-screening feature, but only to EU employers; in Korea it offers
    only a scheduling assistant. Korea's Art. 2(4) reads only the Korean market's uses (issue 10, defect 5)."""
    answers = korean_developer(
        offer_markets=["eu", "kr"], output_markets=["eu", "kr"],
        significant_effect_on_people=True,
        sensitive_areas={"eu": ["employment"], "kr": []},
        kr_ai_use_obvious=False, kr_internal_use_only=False,
    )
    result = run(answers)
    assert result["in_scope"] is True
    assert "high_impact" not in tier_codes(result)
    assert not fired_rules(result) & AREA_RULES
    assert statuses(result)["art34-1-1-risk-management-plan"] == "not_applicable"
    # Saying the EU use also happens in Korea changes the Korean result, and only then.
    korean_too = run({**answers, "sensitive_areas": {"eu": ["employment"], "kr": ["employment"]},
                      "employment_uses": {"eu": ["recruitment"], "kr": ["recruitment"]},
                      "human_final_decision": "no"})
    assert "high_impact" in tier_codes(korean_too)


def test_changing_only_the_eu_answer_never_changes_the_korean_result():
    """Property of per-market answers: Korea's result depends on Korea's column only."""
    base = korean_developer(offer_markets=["eu", "kr"], significant_effect_on_people=True,
                            human_final_decision="no", kr_ai_use_obvious=False, kr_internal_use_only=False)
    # (both variants select a sensitive use in Korea, so the human-decision question is asked)
    variants = [
        {"sensitive_areas": {"kr": ["employment"], "eu": []}, "employment_uses": {"kr": ["recruitment"]}},
        {"sensitive_areas": {"kr": ["employment"], "eu": ["healthcare", "employment"]},
         "employment_uses": {"kr": ["recruitment"], "eu": ["work_decisions"]}},
    ]
    results = [run({**base, **v}) for v in variants]
    assert tier_codes(results[0]) == tier_codes(results[1]) == ["high_impact"]
    assert statuses(results[0]) == statuses(results[1])


def test_recruiter_makes_the_final_decision_so_hiring_tool_is_not_high_impact():
    """The CV ranker again, but a recruiter reviews every ranking and decides, with authority to change
    it. MSIT's high-impact guideline: high-impact needs an automated final decision (secondary)."""
    result = run(high_impact_use(sensitive_areas=["employment"], employment_uses=["recruitment"],
                                 human_final_decision="yes"))
    assert "high_impact" not in tier_codes(result)
    sa = next(t for t in result["trace"] if t["kind"] == "rule" and t["code"] == "art2-4-sa")
    assert sa["fired"] is False
    assert statuses(result)["art34-1-4-human-oversight"] == "not_applicable"
    # The prior review stays: the operator must still check and record why it is not high-impact.
    assert statuses(result)["art33-1-prior-review"] == "applies_now"


@pytest.mark.parametrize("answer", ["partly", "no"])
def test_partial_or_no_human_decision_keeps_the_hiring_tool_high_impact(answer):
    """A person only sees some of the rejections (partly), or none: not a meaningful final decision."""
    result = run(high_impact_use(sensitive_areas=["employment"], employment_uses=["recruitment"],
                                 human_final_decision=answer))
    assert tier_codes(result) == ["high_impact"]


def test_unknown_human_decision_is_read_conservatively_and_flagged():
    """The user does not know whether recruiters override the tool: the result assumes no human final
    decision (high-impact) and lists the assumption for review (issue 10, "I don't know")."""
    result = run(high_impact_use(sensitive_areas=["employment"], employment_uses=["recruitment"],
                                 human_final_decision="unknown"))
    assert tier_codes(result) == ["high_impact"]
    assert [a["question"] for a in result["assumed"]] == ["human_final_decision"]


def test_cv_parser_without_significant_effect_is_not_high_impact():
    """A CV parser that only extracts fields for recruiters, with no effect on who is hired (Art. 2(4):
    the area alone is not enough)."""
    result = run(korean_developer(sensitive_areas=["employment"], employment_uses=["recruitment"],
                                  human_final_decision="yes"))
    assert "high_impact" not in tier_codes(result)
    assert statuses(result)["art34-1-1-risk-management-plan"] == "not_applicable"


# --- Art. 2(7): roles from facts ---------------------------------------------------------------


def test_service_built_on_a_third_party_model_is_a_user_operator():
    """A Seoul company builds a customer-support chatbot on a foreign model API and sells it to Korean
    shops. Art. 2(7)(나): it provides an AI service using AI supplied by a developer (fact base F.4)."""
    result = run(korean_developer(
        trains_model=False, uses_third_party_model=True, generates_content=True, produces_deepfakes=False,
        kr_ai_use_obvious=False, kr_internal_use_only=False, kr_outputs_leave_service=False,
    ))
    assert role_codes(result) == ["user_operator"]
    assert tier_codes(result) == ["generative"]
    s = statuses(result)
    assert s["art31-1-advance-notice"] == s["art31-2-label-generative-outputs"] == "applies_now"
    assert s["art31-2-watermark-exported-outputs"] == "not_applicable"


def test_fine_tuning_the_third_party_model_makes_a_developer_operator():
    """The same chatbot, but the company fine-tuned the model so that its capabilities changed: it has
    developed AI itself (Art. 2(7)(가))."""
    result = run(korean_developer(
        trains_model=True, uses_third_party_model=True, generates_content=True, produces_deepfakes=False,
        kr_ai_use_obvious=False, kr_internal_use_only=False, kr_outputs_leave_service=False,
    ))
    assert role_codes(result) == ["developer_operator"]


def test_loan_screening_diagram_model_developer_is_developer_operator():
    """MSIT high-impact guideline p. 17 (loan screening): the company that develops the credit-prediction
    model and supplies it through an API to system vendors is the AI developer-operator."""
    result = run({
        "actor_type": "company", "established_in": ["kr"], "assessed_subject": "model_only",
        "trains_model": True, "releases_model": ["api"], "offer_markets": ["kr"],
        "development_markets": ["kr"], "output_markets": ["kr"], "purpose_military_only": False,
        "generates_content": False, "significant_effect_on_people": True, "human_final_decision": "no",
        "sensitive_areas": ["essential_services"], "service_uses": ["credit_scoring"],
        "kr_ai_use_obvious": False, "kr_internal_use_only": False,
    })
    assert result["in_scope"] is True
    assert role_codes(result) == ["developer_operator"]
    assert tier_codes(result) == ["high_impact"]


def test_loan_screening_diagram_system_vendor_is_user_operator():
    """Guideline p. 17: the vendor that builds the AI loan-screening system on that model and sells it to
    banks is the AI user-operator, and owes the high-impact measures (Art. 34(1))."""
    result = run(high_impact_use(
        trains_model=False, uses_third_party_model=True,
        sensitive_areas=["essential_services"], service_uses=["credit_scoring"],
    ))
    assert role_codes(result) == ["user_operator"]
    assert tier_codes(result) == ["high_impact"]
    assert "art2-4-sa" in fired_rules(result)
    assert statuses(result)["art34-1-2-explanation-plan"] == "applies_now"


BANK_USING_VENDOR_SYSTEM = {
    "actor_type": "company", "established_in": ["kr"], "assessed_subject": "system",
    "trains_model": False, "builds_system": False, "uses_third_party_model": True,
    "offers_system": False, "uses_system": True, "serves_customers_with_system": True,
    "kr_customers_use_ai": False, "offer_markets": ["kr"], "use_markets": ["kr"], "output_markets": ["kr"],
    "is_ai_system": True, "purpose_military_only": False, "generates_content": False,
    "significant_effect_on_people": True, "human_final_decision": "no",
    "sensitive_areas": ["essential_services"], "service_uses": ["credit_scoring"],
    "kr_ai_use_obvious": False, "kr_internal_use_only": False,
}


def test_loan_screening_diagram_bank_using_the_system_is_a_user_not_an_operator():
    """Guideline p. 17: the bank that uses the vendor's system to screen its loan applicants is a user
    (이용자, Art. 2(8)), not an operator: the Act reaches its activity in Korea but gives it no duties."""
    result = run(BANK_USING_VENDOR_SYSTEM)
    assert result["in_scope"] is True
    assert role_codes(result) == []
    assert applicable(result) == set()


def test_bank_unsure_whether_customers_use_the_ai_is_assumed_an_operator_for_review():
    """The same bank answers "I don't know": the result assumes the more demanding reading."""
    result = run({**BANK_USING_VENDOR_SYSTEM, "kr_customers_use_ai": "unknown"})
    assert role_codes(result) == ["user_operator"]
    assert "kr_customers_use_ai" in [a["question"] for a in result["assumed"]]


def test_loan_product_chatbot_is_not_loan_screening():
    """Guideline p. 80 separates screening that decides loan approval and terms from ancillary work
    (consultation, identity checks, documents). A bank's chatbot built on a third-party model answers
    customers' questions about loan products: generative AI, not high-impact."""
    result = run(korean_developer(
        trains_model=False, uses_third_party_model=True, offers_system=False, uses_system=True,
        serves_customers_with_system=True, kr_customers_use_ai=True, use_markets=["kr"],
        generates_content=True, produces_deepfakes=False, significant_effect_on_people=False,
        kr_ai_use_obvious=False, kr_internal_use_only=False, kr_outputs_leave_service=False,
    ))
    assert role_codes(result) == ["user_operator"]
    assert tier_codes(result) == ["generative"]
    assert statuses(result)["art31-1-advance-notice"] == "applies_now"


def test_in_house_hr_chatbot_gives_no_role():
    """A Korean manufacturer lets its staff ask a vendor's HR chatbot about leave rules. It provides no AI
    product or service to anyone (Art. 2(7)); the transparency guideline exempts internal use."""
    answers = korean_developer(
        trains_model=False, builds_system=False, uses_third_party_model=True, offers_system=False,
        uses_system=True, use_markets=["kr"], generates_content=True, produces_deepfakes=False,
        kr_ai_use_obvious=False, kr_internal_use_only=True, kr_outputs_leave_service=False,
    )
    del answers["offer_markets"], answers["development_markets"]
    result = run(answers)
    assert result["in_scope"] is True
    assert "use the AI in your own operations in Korea" in result["scope_reason"]
    assert role_codes(result) == []
    assert applicable(result) == set()


def test_film_studio_using_a_video_generator_is_a_user_not_an_operator():
    """Transparency guideline (as reported at publication): a studio that makes and distributes a film with
    a video-generation AI is a user of that AI, not a provider of an AI service; the labelling duty is
    on the AI service's provider."""
    answers = korean_developer(
        trains_model=False, builds_system=False, uses_third_party_model=True, offers_system=False,
        uses_system=True, serves_customers_with_system=True, kr_customers_use_ai=False, use_markets=["kr"],
        generates_content=True, produces_deepfakes=True,
        kr_ai_use_obvious=False, kr_internal_use_only=False, kr_outputs_leave_service=True, kr_artistic_work=True,
    )
    del answers["development_markets"]
    result = run(answers)
    assert role_codes(result) == []
    assert statuses(result)["art31-3-label-deepfakes"] == "not_applicable"


# --- Art. 31: transparency guideline examples -------------------------------------------------


def test_chatbot_outputs_inside_the_service_need_notice_and_in_service_label_only():
    """Transparency guideline: outputs used only inside the service (a chatbot window) may be signalled by
    a notice before use or an on-screen mark; no watermark is needed."""
    result = run(korean_developer(generates_content=True, produces_deepfakes=False, kr_ai_use_obvious=False,
                                  kr_internal_use_only=False, kr_outputs_leave_service=False))
    s = statuses(result)
    assert s["art31-1-advance-notice"] == "applies_now"
    assert s["art31-2-label-generative-outputs"] == "applies_now"
    assert s["art31-2-watermark-exported-outputs"] == "not_applicable"
    notice = obligation(result, "art31-1-advance-notice")["penalty"]
    assert notice["max_amount"] == 30000000 and "Art. 43(1)(1)" in notice["citation"]


def test_image_generator_with_downloads_needs_watermark_and_deepfake_label():
    """Transparency guideline: outputs that users download or share need a visible watermark or a
    machine-readable mark with a notice; realistic images (Art. 31(3)) need a clearly recognisable label."""
    result = run(korean_developer(generates_content=True, produces_deepfakes=True, kr_ai_use_obvious=False,
                                  kr_internal_use_only=False, kr_outputs_leave_service=True,
                                  kr_artistic_work=False))
    assert tier_codes(result) == ["generative"]
    s = statuses(result)
    for code in ("art31-1-advance-notice", "art31-2-label-generative-outputs",
                 "art31-2-watermark-exported-outputs", "art31-3-label-deepfakes"):
        assert s[code] == "applies_now", code
    assert s["art31-3-artistic-works"] == "not_applicable"
    label_penalty = obligation(result, "art31-2-label-generative-outputs")["penalty"]
    assert "Art. 40(3)" in label_penalty["summary"] and "No direct fine" in label_penalty["summary"]


def test_obvious_ai_service_is_exempt_from_notice_and_labels():
    """Decree Art. 23: no notice or label where AI operation is obvious, e.g. a service called
    "AI Portrait Studio" whose every screen says the images are AI-made."""
    result = run(korean_developer(generates_content=True, produces_deepfakes=True, kr_ai_use_obvious=True,
                                  kr_internal_use_only=False, kr_outputs_leave_service=False))
    s = statuses(result)
    assert s["art31-1-advance-notice"] == s["art31-2-label-generative-outputs"] == "not_applicable"
    assert s["art31-3-label-deepfakes"] == "not_applicable"
    assert "Exception applies" in obligation(result, "art31-2-label-generative-outputs")["reason"]


def test_de_ageing_tool_for_films_gets_the_artistic_work_proviso():
    """Art. 31(3) proviso and the transparency guideline's artistic works (film, games, animation): a
    studio-tools company offers a de-ageing AI to Korean film producers."""
    result = run(korean_developer(generates_content=True, produces_deepfakes=True, kr_ai_use_obvious=False,
                                  kr_internal_use_only=False, kr_outputs_leave_service=True,
                                  kr_artistic_work=True))
    artistic = obligation(result, "art31-3-artistic-works")
    assert artistic["status"] == "applies_now" and artistic["confidence"] == "secondary"
    assert statuses(result)["art31-3-label-deepfakes"] == "applies_now"


# --- Art. 4 and Art. 36: foreign operators ---------------------------------------------------


def foreign_chatbot(**answers) -> dict:
    """A US company offering a generative chatbot to users in Korea, with no address or office there.
    Transparency guideline: foreign operators serving users in Korea are covered."""
    base = korean_developer(established_in=["us"], offer_markets=["us", "kr"], development_markets=["us"],
                            output_markets=["us", "kr"], generates_content=True, produces_deepfakes=False,
                            kr_ai_use_obvious=False, kr_internal_use_only=False, kr_outputs_leave_service=True)
    base.update(answers)
    return base


def test_foreign_provider_above_the_user_threshold_needs_a_domestic_representative():
    """Art. 36(1), Decree Art. 29: 1 million average daily users in Korea."""
    result = run(foreign_chatbot(kr_daily_users_korea=1_500_000, kr_ai_revenue_krw=5e9, kr_total_revenue_krw=5e11))
    assert result["in_scope"] is True
    assert "art4-1-offered-in-korea" in fired_rules(result)
    rep = obligation(result, "art36-1-domestic-representative")
    assert rep["status"] == "applies_now" and rep["penalty"]["max_amount"] == 30000000
    assert statuses(result)["art36-2-representative-tasks"] == "applies_now"
    assert statuses(result)["art31-2-label-generative-outputs"] == "applies_now"


def test_foreign_provider_below_every_threshold_needs_no_representative():
    result = run(foreign_chatbot(kr_daily_users_korea=200_000, kr_ai_revenue_krw=5e9, kr_total_revenue_krw=5e11))
    s = statuses(result)
    assert s["art36-1-domestic-representative"] == s["art36-1-representative-after-fine"] == "not_applicable"


@pytest.mark.parametrize("revenue_field, value", [("kr_total_revenue_krw", 1e12), ("kr_ai_revenue_krw", 1e10)])
def test_worldwide_revenue_thresholds_trigger_the_representative(revenue_field, value):
    """Decree Art. 29: previous-year total revenue of KRW 1 trillion or AI revenue of KRW 10 billion,
    worldwide (the Decree does not limit them to Korea)."""
    result = run(foreign_chatbot(**{revenue_field: value}))
    assert statuses(result)["art36-1-domestic-representative"] == "applies_now"


def test_revenue_questions_say_worldwide():
    rule_set = rule_set_in_force(KR, dt.date(2026, 12, 3))
    prompts = {q.code: q.spec["prompt"] for q in rule_set.questions}
    assert "worldwide" in prompts["kr_total_revenue_krw"] and "worldwide" in prompts["kr_ai_revenue_krw"]
    assert "in Korea" in prompts["kr_daily_users_korea"]


def test_operator_fined_for_ignoring_an_order_needs_a_representative_whatever_its_size():
    """Decree Art. 29: an operator previously fined under Art. 43(1)(3)."""
    result = run(foreign_chatbot(kr_daily_users_korea=1000, kr_fined_for_order_breach=True))
    assert statuses(result)["art36-1-domestic-representative"] == "not_applicable"
    after_fine = obligation(result, "art36-1-representative-after-fine")
    assert (after_fine["status"], after_fine["confidence"]) == ("applies_now", "secondary")


def test_foreign_parent_with_only_a_korean_subsidiary_needs_a_representative():
    """Art. 36(1) asks whether the operator itself has an address or place of business in Korea; a
    separately incorporated subsidiary is another person (it can be appointed as the representative)."""
    result = run(foreign_chatbot(established_in=["us", "kr"], kr_only_subsidiary_in_korea=True,
                                 kr_daily_users_korea=3_000_000))
    assert statuses(result)["art36-1-domestic-representative"] == "applies_now"


def test_foreign_operator_with_its_own_korean_branch_needs_no_representative():
    result = run(foreign_chatbot(established_in=["us", "kr"], kr_only_subsidiary_in_korea=False))
    assert statuses(result)["art36-1-domestic-representative"] == "not_applicable"
    with pytest.raises(InvalidAnswers):  # the thresholds are not asked of an operator with a Korean office
        run(foreign_chatbot(established_in=["us", "kr"], kr_only_subsidiary_in_korea=False,
                            kr_daily_users_korea=3_000_000))


def test_system_with_no_korean_market_users_or_effects_is_out_of_scope():
    """Art. 4(1): a German firm's triage tool used only by German hospitals."""
    result = run(korean_developer(established_in=["eu"], offer_markets=["eu"], development_markets=["eu"],
                                  output_markets=["eu"]))
    assert result["in_scope"] is False
    assert "Art. 4(1)" in result["scope_reason"] and "Korea" in result["scope_reason"]
    assert role_codes(result) == [] and applicable(result) == set()


def test_foreign_service_whose_outputs_affect_people_in_korea_is_in_scope():
    """Art. 4(1) extraterritorial application: a Singapore firm screens job applicants for a client's
    Seoul office; the service is offered in Singapore, but the people it rates are in Korea."""
    result = run(high_impact_use(established_in=["other"], offer_markets=["other"], development_markets=["other"],
                                 output_markets=["other", "kr"], sensitive_areas=["employment"],
                                 employment_uses=["recruitment"]))
    assert result["in_scope"] is True
    assert "art4-1-affects-korea" in fired_rules(result)
    assert role_codes(result) == ["developer_operator"] and tier_codes(result) == ["high_impact"]


def test_defence_only_system_is_out_of_scope():
    """Art. 4(2), Decree Art. 2: a target-recognition system built only for the Ministry of National Defense."""
    result = run(high_impact_use(purpose_military_only=True, sensitive_areas=["law_enforcement"],
                                 law_enforcement_uses=["biometric_investigation"]))
    assert result["in_scope"] is False
    assert "Art. 4(2)" in result["scope_reason"]
    assert "art4-2-defence-security" in fired_rules(result)
    assert tier_codes(result) == [] and role_codes(result) == [] and applicable(result) == set()


# --- Art. 2(4) areas 가 to 카 ------------------------------------------------------------------


@pytest.mark.parametrize("rule, answers", [
    ("art2-4-ga", {"sensitive_areas": ["critical_infrastructure"], "infrastructure_sectors": ["electricity"]}),
    ("art2-4-na", {"sensitive_areas": ["critical_infrastructure"], "infrastructure_sectors": ["water"]}),
    ("art2-4-da", {"sensitive_areas": ["healthcare"]}),
    ("art2-4-ra", {"sensitive_areas": ["medical_devices"]}),
    ("art2-4-ma", {"sensitive_areas": ["critical_infrastructure"], "infrastructure_sectors": ["nuclear"]}),
    ("art2-4-a", {"sensitive_areas": ["transport"]}),
])
def test_each_listed_area_makes_an_automated_system_high_impact(rule, answers):
    """Art. 2(4) 가 energy supply (「에너지법」 제2조제1호), 나 drinking-water production, 다 healthcare,
    라 medical devices (「의료기기법」 제2조제1항), 마 nuclear facilities, 아 transport (「교통안전법」
    제2조제1호부터 제3호까지): e.g. a grid-balancing controller, a water-treatment dosing controller, an
    ICU deterioration alert, an imaging SaMD, a reactor monitoring system, a driverless shuttle."""
    result = run(high_impact_use(**answers))
    assert rule in fired_rules(result)
    assert tier_codes(result) == ["high_impact"]
    assert statuses(result)["art34-1-4-human-oversight"] == "applies_now"


def test_police_face_matching_is_high_impact_under_ba():
    """Art. 2(4)(바): a vendor's face-matching system offered to the Korean National Police Agency for
    criminal investigations."""
    result = run(high_impact_use(sensitive_areas=["law_enforcement"], law_enforcement_uses=["biometric_investigation"]))
    assert tier_codes(result) == ["high_impact"]
    assert "art2-4-ba" in fired_rules(result)


def test_university_grading_tool_is_not_student_evaluation_under_cha():
    """Art. 2(4)(차) covers student evaluation in early-childhood, primary and secondary education only: an
    essay-grading tool sold to Korean universities is not high-impact."""
    result = run(high_impact_use(sensitive_areas=["education"], education_uses=["learning_assessment"],
                                 education_levels=["higher"]))
    assert tier_codes(result) == ["general"]
    assert role_codes(result) == ["developer_operator"]
    s = statuses(result)
    assert s["art33-1-prior-review"] == "applies_now"
    assert s["art31-1-advance-notice"] == "not_applicable"


def test_secondary_school_grading_tool_is_high_impact_under_cha():
    result = run(high_impact_use(sensitive_areas=["education"], education_uses=["learning_assessment"],
                                 education_levels=["secondary"]))
    assert tier_codes(result) == ["high_impact"]
    assert "art2-4-cha" in fired_rules(result)


def test_district_office_welfare_eligibility_engine_is_high_impact_under_ja():
    """Art. 2(4)(자): a district office builds and runs an AI that checks eligibility for welfare benefits
    and serves citizens' applications with it."""
    result = run(high_impact_use(actor_type="public_body", offers_system=False, serves_customers_with_system=True,
                                 sensitive_areas=["public_administration"]))
    assert "art2-4-ja" in fired_rules(result)
    assert tier_codes(result) == ["high_impact"]
    assert role_codes(result) == ["developer_operator"]


def test_private_vendor_of_an_eligibility_engine_is_ja_only_when_a_public_body_uses_it():
    answers = high_impact_use(sensitive_areas=["essential_services"], service_uses=["public_benefits"])
    assert "high_impact" not in tier_codes(run({**answers, "kr_used_by_public_body": False}))
    assert "art2-4-ja" in fired_rules(run({**answers, "kr_used_by_public_body": True}))


def test_area_ka_fires_only_on_an_explicit_answer_and_stays_unverified():
    """Art. 2(4)(카): no area designated by decree was found, so none is assumed."""
    base = high_impact_use()
    assert "high_impact" not in tier_codes(run(base))
    result = run({**base, "kr_decree_designated_area": True})
    ka = next(t for t in result["trace"] if t["kind"] == "rule" and t["code"] == "art2-4-ka")
    assert ka["fired"] and ka["confidence"] == "unverified"


# --- Art. 32: high-compute AI ------------------------------------------------------------------


def frontier_model(flop: float, **answers) -> dict:
    """A Korean lab releases a general-purpose chat model through an API to developers in Korea."""
    base = {
        "actor_type": "company", "established_in": ["kr"], "assessed_subject": "model_only",
        "trains_model": True, "releases_model": ["api"], "offer_markets": ["kr"], "development_markets": ["kr"],
        "output_markets": ["kr"], "purpose_military_only": False, "generates_content": True,
        "produces_deepfakes": False, "significant_effect_on_people": False, "kr_ai_use_obvious": False,
        "kr_internal_use_only": False, "kr_outputs_leave_service": True, "training_compute_flop": flop,
    }
    base.update(answers)
    return base


def test_frontier_model_above_1e26_flop_with_both_criteria_owes_art32_duties():
    """Art. 32(1)-(2), Decree Art. 24: 10^26 FLOP, state-of-the-art technology and a broad and significant
    effect on life, safety or fundamental rights, all three."""
    result = run(frontier_model(2e26, kr_state_of_the_art=True, kr_broad_significant_effect=True))
    assert set(tier_codes(result)) == {"high_compute", "generative"}
    assert role_codes(result) == ["developer_operator"]
    s = statuses(result)
    for code in ART32:
        assert s[code] == "applies_now", code
    assert "Art. 40(3)" in obligation(result, "art32-2-submit-results")["penalty"]["summary"]


def test_model_at_5e25_flop_is_below_the_threshold():
    result = run(frontier_model(5e25))
    assert "high_compute" not in tier_codes(result)
    assert all(statuses(result)[code] == "not_applicable" for code in ART32)


def test_threshold_is_inclusive_at_exactly_1e26_flop():
    assert "high_compute" in tier_codes(run(frontier_model(1e26, kr_state_of_the_art=True,
                                                           kr_broad_significant_effect=True)))


def test_above_1e26_without_state_of_the_art_is_not_covered():
    result = run(frontier_model(2e26, kr_state_of_the_art=False, kr_broad_significant_effect=True))
    assert "high_compute" not in tier_codes(result)


def test_further_compute_criteria_are_not_asked_below_1e26():
    with pytest.raises(InvalidAnswers):
        run(frontier_model(9.9e25, kr_state_of_the_art=True, kr_broad_significant_effect=True))


# --- Dates ---------------------------------------------------------------------------------------


def test_vulnerable_groups_element_applies_from_21_july_2026():
    """Act No. 21311 added the second sentence of Art. 35(1) (AI-vulnerable groups) from 21 Jul 2026."""
    answers = high_impact_use(sensitive_areas=["employment"], employment_uses=["recruitment"])
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


def test_version_2026_2_supersedes_2026_1_for_the_whole_period(rule_set):
    doc = rule_set.document
    assert doc["version"]["label"] == "2026.2" and doc["version"]["supersedes"] == "2026.1"
    assert rule_set_in_force(KR, dt.date(2026, 12, 3)).document["version"]["label"] == "2026.2"
    assert doc["framework"]["market"] == "kr"
    assert doc["framework"]["local_name"] == "인공지능 발전과 신뢰 기반 조성 등에 관한 기본법"
    assert doc["version"]["in_force_from"] == "2026-01-22"
    titles = " ".join(s["title"] for s in doc["version"]["sources"])
    for act in ("20676", "21065", "21311"):
        assert act in titles, act


def test_exactly_eleven_area_rules_each_needing_effect_and_no_human_decision(rule_set):
    area_rules = [r for r in rule_set.document["rules"] if r["code"].startswith("art2-4-")]
    assert {r["code"] for r in area_rules} == AREA_RULES
    for rule in area_rules:
        assert rule["assign"] == {"tier": "high_impact"}
        assert "significant_effect_on_people" in rule["when"], rule["code"]
        assert rule["unless"] == ["human-final-decision"], rule["code"]


def test_art34_items_one_to_six_present(rule_set):
    codes = [o.code for o in rule_set.obligations]
    for item in range(1, 7):
        assert len([c for c in codes if c.startswith(f"art34-1-{item}-")]) == 1, item
    item6 = next(o for o in rule_set.obligations if o.code.startswith("art34-1-6-"))
    assert item6.spec["confidence"] == "unverified"


def test_every_obligation_has_citation_source_url_confidence_and_korean_title(rule_set):
    for o in rule_set.obligations:
        spec = o.spec
        assert spec["citation"].strip(), o.code
        assert spec["source_url"].startswith("https://"), o.code
        assert spec["confidence"] in {"primary", "secondary", "unverified"}, o.code
        assert spec["local_title"].strip(), o.code
    natures = {o.code: o.spec.get("nature", "binding") for o in rule_set.obligations}
    assert natures["art35-1-impact-assessment"] == natures["art35-1-vulnerable-groups"] == "effort"
    assert natures["art33-msit-confirmation"] == "voluntary"
    assert natures["art34-1-1-risk-management-plan"] == "binding"


def test_roles_and_tiers_carry_korean_terms(rule_set):
    assert rule_set.roles["developer_operator"]["local_label"] == "인공지능개발사업자"
    assert rule_set.roles["user_operator"]["local_label"] == "인공지능이용사업자"
    assert rule_set.tiers["high_impact"]["local_label"] == "고영향 인공지능"
    assert rule_set.tiers["generative"]["local_label"] == "생성형 인공지능"


def test_art40_triggers_and_direct_fines_follow_the_act(rule_set):
    by_code = {o.code: o.spec for o in rule_set.obligations}
    fact_finding = by_code["art40-cooperate-and-comply"]["summary"]
    for trigger in ("Art. 31(2) or (3)", "Art. 32(1) or (2)", "Art. 34(1)"):
        assert trigger in fact_finding, trigger
    assert "Art. 43(1)(1)" in fact_finding  # Art. 31(1) is fined directly, not through Art. 40
    notice = by_code["art31-1-advance-notice"]["penalty"]["summary"]
    assert all(amount in notice for amount in ("5 million", "10 million", "15 million"))
    assert "20 million" in by_code["art36-1-domestic-representative"]["penalty"]["summary"]
    orders = by_code["art40-cooperate-and-comply"]["penalty"]["summary"]
    assert all(amount in orders for amount in ("10 million", "20 million", "30 million"))
    for code in ("art31-1-advance-notice", "art36-1-domestic-representative", "art40-cooperate-and-comply"):
        assert "22 Jan 2027" in by_code[code]["penalty"]["summary"], code
    for code in ("art31-2-label-generative-outputs", "art31-3-label-deepfakes", "art34-1-1-risk-management-plan"):
        assert "Art. 40(3)" in by_code[code]["penalty"]["summary"], code


def test_confirmation_deadline_is_30_days_extendable_once(rule_set):
    deadline = next(o for o in rule_set.obligations if o.code == "art33-msit-confirmation").spec["deadline"]
    assert "30 days" in deadline and "once by 30 days" in deadline and "10 days" in deadline
