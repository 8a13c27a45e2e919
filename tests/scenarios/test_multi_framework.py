"""Realistic cases answered once, from a plain description, and classified under all four frameworks at once.

Each case is built on an official example or a statutory item named in its docstring and checks, under
every framework, scope with its reason, tier, role and the key obligations with their dates. Versions in
force on 3 December 2026: eu-ai-act 2026.2, kr-ai-basic-act 2026.2, us-federal 2026.1, jp-ai-guidelines 2026.1.
The answers are what the organisation would say about itself; the expected results come from the law
(Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744; Korea's AI Basic Act and Enforcement
Decree with MSIT's guidelines; OMB M-25-21/M-25-22 and the executive orders; METI/MIC AI Guidelines for
Business v1.2 and Japan's AI Promotion Act).
"""

from __future__ import annotations

from typing import Any

from tests.shipped import classify, role_codes, statuses, tier_codes

ALL = ["eu-ai-act", "jp-ai-guidelines", "kr-ai-basic-act", "us-federal"]
NOW = "2026-12-03"
EU, JP, KR, US = ALL[0], ALL[1], ALL[2], "us-federal"

EU_OUT = "You do not place an AI system or general-purpose AI model on the EU market"
JP_OUT = "You do not develop, provide or use AI in business in Japan"
KR_OUT = "Korea's AI Basic Act does not reach this"
US_OUT = "US federal AI policy binds federal agencies and their AI vendors"


# The EU questionnaire's screening for prohibited practices, answered "no" unless a case says otherwise.
NO_BANNED_PRACTICE = {"eu_manipulative_techniques": False, "eu_exploits_vulnerabilities": False,
                      "eu_social_scoring": False, "eu_predicts_crime_risk": False, "eu_untargeted_face_scraping": False}


def system(**answers: Any) -> dict[str, Any]:
    """An AI system (not a model alone), answered 'no' to every activity not named."""
    return {"actor_type": "company", "assessed_subject": "system", "is_ai_system": True,
            "purpose_military_only": False, "purpose_research_only": False, "trains_model": False,
            "builds_system": False, "uses_third_party_model": False, "offers_system": False, "uses_system": False,
            "serves_customers_with_system": False, "imports_or_distributes": [], "interacts_with_people": False,
            "generates_content": False, "profiles_people": False, "significant_effect_on_people": False,
            "is_general_purpose_model": False, "open_source_release": False, "sensitive_areas": [],
            "eu_development_stage": "on_market", "eu_operator_roles": [], **NO_BANNED_PRACTICE, **answers}


def model_only(**answers: Any) -> dict[str, Any]:
    """Only an AI model, released as weights or through an API, with no application of one's own."""
    return {"actor_type": "company", "assessed_subject": "model_only", "is_ai_system": True,
            "purpose_military_only": False, "purpose_research_only": False, "interacts_with_people": False,
            "profiles_people": False, "significant_effect_on_people": False, "sensitive_areas": [],
            "eu_development_stage": "on_market", "eu_operator_roles": [], **NO_BANNED_PRACTICE, **answers}


def when(result: dict, code: str) -> tuple[str, str | None]:
    """(status, applies_from) of one obligation."""
    o = next(o for o in result["obligations"] if o["code"] == code)
    return o["status"], o["applies_from"]


def active(result: dict, nature: str | None = None) -> set[str]:
    """Obligations that apply now or later (optionally of one nature: binding, effort, voluntary)."""
    return {o["code"] for o in result["obligations"] if o["status"] in ("applies_now", "applies_later")
            and (nature is None or o["nature"] == nature)}


def assert_out(result: dict, reason: str) -> None:
    assert result["in_scope"] is False, result["scope_reason"]
    assert reason in result["scope_reason"]
    assert role_codes(result) == [] and tier_codes(result) == []
    assert {o["status"] for o in result["obligations"]} == {"not_applicable"}


def assert_in(result: dict, *citations: str) -> None:
    assert result["in_scope"] is True
    assert result["unanswered"] == []  # every case answers every question its frameworks ask
    assert result["scope_reason"].startswith("In scope because")
    for citation in citations:
        assert citation in result["scope_reason"], (citation, result["scope_reason"])


def assert_only_soft_law(result: dict) -> None:
    """Japan: the guidelines are voluntary and the AI Promotion Act asks only for effort, never binding duties."""
    assert active(result) and active(result, "binding") == set()
    assert active(result) == active(result, "voluntary") | active(result, "effort")


# --- 1. A Japanese company selling into the EU ---------------------------------------------------

JP_CV_SCREENER = system(
    established_in=["jp"], org_size="sme", trains_model=True, builds_system=True, offers_system=True,
    offer_markets=["eu"], development_markets=["jp"], output_markets=["eu"], profiles_people=True,
    significant_effect_on_people=True, training_compute_flop=1e20,
    sensitive_areas={"eu": ["employment"]}, employment_uses={"eu": ["recruitment"]},
    eu_authorised_rep_appointed=False, eu_art6_3_conditions=[], eu_hr_already_on_market=False,
    eu_system_repurposed_by_others=False, jp_model_trained_by_contractor=False, jp_most_advanced_ai=False,
    us_sells_to_federal_agencies=False, us_advanced_cyber_capability=False)


def test_japanese_cv_screening_saas_sold_only_to_eu_employers():
    """Annex III point 4(a) ("AI systems intended to be used for the recruitment or selection of natural
    persons, in particular ... to analyse and filter job applications") with Art. 2(1)(a) and Art. 22: an
    Osaka HR-tech SME trains its own ranking model in Japan and sells the screening service only to
    employers in the EU. EU: high-risk provider, duties from 2 December 2027 (Art. 113 as amended), an EU
    authorised representative to appoint (Art. 22), AI literacy since 2 February 2025. Japan: its AI
    business (development) is in Japan, so the guidelines address it as developer and provider (Part 1).
    Korea and the US are not reached."""
    r = classify(JP_CV_SCREENER, NOW, ALL)
    assert_in(r[EU], "Art. 2(1)(a)")
    assert tier_codes(r[EU]) == ["high_risk_annex_iii"] and role_codes(r[EU]) == ["provider"]
    assert when(r[EU], "art9-risk-management") == ("applies_later", "2027-12-02")
    assert when(r[EU], "art22-appoint-representative") == ("applies_later", "2027-12-02")
    assert when(r[EU], "art49-1-register-system") == ("applies_later", "2027-12-02")
    assert when(r[EU], "art4-ai-literacy") == ("applies_now", "2025-02-02")
    assert statuses(r[EU])["art26-1-use-per-instructions"] == "not_applicable"  # it does not use the tool itself
    assert_in(r[JP], "you train or build the AI in Japan")
    assert set(role_codes(r[JP])) == {"ai_developer", "ai_provider", "utilising_business"}
    assert tier_codes(r[JP]) == ["soft_law_guidance"]
    assert when(r[JP], "dev-02-data-bias") == ("applies_now", "2026-03-31")
    assert_only_soft_law(r[JP])
    assert_out(r[KR], KR_OUT)
    assert_out(r[US], US_OUT)


# --- 2. A use in one market does not classify the system everywhere -------------------------------

KR_HR_SUITE = system(
    established_in=["kr"], trains_model=True, builds_system=True, offers_system=True,
    offer_markets=["eu", "kr"], development_markets=["kr"], output_markets=["eu", "kr"], profiles_people=True,
    significant_effect_on_people=True, training_compute_flop=1e19,
    sensitive_areas={"eu": ["employment"], "kr": ["employment"]},
    employment_uses={"eu": ["recruitment"], "kr": ["other"]}, human_final_decision="no",
    eu_authorised_rep_appointed=True, eu_art6_3_conditions=[], eu_hr_already_on_market=False,
    eu_system_repurposed_by_others=False, kr_only_subsidiary_in_korea=False, kr_rights_evaluation=False,
    kr_decree_designated_area=False, kr_ai_use_obvious=False, kr_internal_use_only=False,
    us_sells_to_federal_agencies=False, us_advanced_cyber_capability=False)


def test_cv_screening_offered_only_in_the_eu_is_not_high_impact_in_korea():
    """Annex III point 4(a) against the AI Basic Act Art. 2(4)(사) ("채용, 대출 심사 등", hiring and loan
    screening): a Seoul HR-software firm sells its suite in Korea and the EU, but the CV-screening module
    only to EU employers; Korean customers get scheduling and payroll help. High-risk in the EU; in Korea
    a developer-operator (Art. 2(7)(가)) of ordinary AI that must still review in advance whether it is
    high-impact (Art. 33(1)); no Art. 34 duties."""
    r = classify(KR_HR_SUITE, NOW, ALL)
    assert tier_codes(r[EU]) == ["high_risk_annex_iii"] and role_codes(r[EU]) == ["provider"]
    assert when(r[EU], "art14-human-oversight") == ("applies_later", "2027-12-02")
    assert when(r[EU], "art22-2-enable-representative") == ("applies_later", "2027-12-02")
    assert statuses(r[EU])["art22-appoint-representative"] == "not_applicable"  # already appointed
    assert_in(r[KR], "Art. 4(1)")
    assert tier_codes(r[KR]) == ["general"] and role_codes(r[KR]) == ["developer_operator"]
    assert when(r[KR], "art33-1-prior-review") == ("applies_now", "2026-01-22")
    assert statuses(r[KR])["art34-1-1-risk-management-plan"] == "not_applicable"
    assert_out(r[JP], JP_OUT)
    assert_out(r[US], US_OUT)
    # The same module sold to Korean employers too makes it high-impact there (Art. 2(4)(사), no human final decision).
    both = classify({**KR_HR_SUITE, "employment_uses": {"eu": ["recruitment"], "kr": ["recruitment"]}}, NOW, ALL)
    assert "high_impact" in tier_codes(both[KR])
    assert when(both[KR], "art34-1-1-risk-management-plan") == ("applies_now", "2026-01-22")
    assert both[EU]["tiers"] == r[EU]["tiers"] and statuses(both[EU]) == statuses(r[EU])


# --- 3. A US federal agency using a vendor's system ------------------------------------------------

AGENCY_HIRING = system(
    actor_type="public_body", established_in=["us"], uses_system=True, uses_third_party_model=True,
    use_markets=["us"], output_markets=["us"], profiles_people=True, significant_effect_on_people=True,
    sensitive_areas={"us": ["employment"]}, employment_uses={"us": ["recruitment"]},
    us_federal_agency=True, us_agency_kind="cfo_act", us_agency_excluded_purposes=[], us_agency_acquires_ai=True,
    us_contract_timing="new_or_renewed", us_embedded_commercial_product=False, us_national_security_system=False,
    us_principal_basis_for_action=True, us_high_impact_effects=["access_to_programs"],
    us_presumed_purposes=["n_federal_employment"], us_presumption_rebutted=False, us_pilot_exemption=False,
    us_waived_practices=[], us_agency_procures_llm=False)


def test_federal_agency_screens_job_applicants_with_a_vendors_system():
    """M-25-21 Sec. 6(n) ("pre-employment screening ... hiring") and Sec. 4 minimum practices, M-25-22 Sec.
    3-4: a CFO Act department buys a vendor's résumé-screening service under a contract awarded in 2026 and
    uses its ranking as the principal basis for who is interviewed. High-impact; the minimum practices bind
    since 3 April 2026 and AI-specific contract terms since 30 September 2025. Nothing reaches the EU,
    Korea or Japan."""
    r = classify(AGENCY_HIRING, NOW, ALL)
    assert_in(r[US], "M-25-21 Appendix Sec. 1(a)-(b)")
    assert tier_codes(r[US]) == ["high_impact"] and role_codes(r[US]) == ["federal_agency"]
    for practice in range(1, 8):
        assert when(r[US], f"m25-21-practice-{practice}") == ("applies_now", "2026-04-03")
    assert when(r[US], "m25-22-agency-contract-terms") == ("applies_now", "2025-09-30")
    assert when(r[US], "m25-21-sec3-use-case-inventory")[0] == "applies_now"
    assert statuses(r[US])["m25-21-sec2-share-code-and-models"] == "not_applicable"  # it built nothing
    assert_out(r[EU], EU_OUT)
    assert_out(r[KR], KR_OUT)
    assert_out(r[JP], JP_OUT)


# --- 4. A Korean generative chatbot offered in Japan ------------------------------------------------

KR_CHATBOT = system(
    established_in=["kr"], assessed_subject="system_and_model", trains_model=True, builds_system=True, offers_system=True,
    serves_customers_with_system=True, offer_markets=["kr", "jp"], development_markets=["kr"],
    output_markets=["kr", "jp"], interacts_with_people=True, generates_content=True, generated_media=["text"],
    produces_deepfakes=False, is_general_purpose_model=True, training_compute_flop=3e24,
    kr_ai_use_obvious=False, kr_internal_use_only=False, kr_outputs_leave_service=True, kr_rights_evaluation=False,
    kr_decree_designated_area=False, kr_only_subsidiary_in_korea=False,
    jp_model_trained_by_contractor=False, jp_most_advanced_ai=False, eu_gpai_model_origin="own",
    eu_gpai_high_impact=False, eu_gpai_designated=False, eu_gpai_placed_before_2025_08_02=False,
    us_sells_to_federal_agencies=False, us_advanced_cyber_capability=False)


def test_korean_generative_chatbot_offered_in_japan():
    """AI Basic Act Art. 2(5) and Art. 31(1)-(2) with MSIT's transparency guideline (outputs taken out of
    the service need a watermark), beside the AI Guidelines for Business Part 1 (a foreign business
    offering AI to people in Japan is addressed) and Part 2 D: a Seoul company runs its own mid-sized
    chat model (3e24 FLOP, well behind the frontier) as a consumer app in Korea and Japan. Korea: advance
    notice and labelling since 22 January 2026; Japan: developer and provider items, no Hiroshima items
    (not an advanced AI system); not offered in the EU or to US agencies."""
    r = classify(KR_CHATBOT, NOW, ALL)
    assert tier_codes(r[KR]) == ["generative"] and role_codes(r[KR]) == ["developer_operator"]
    for code in ("art31-1-advance-notice", "art31-2-label-generative-outputs", "art31-2-watermark-exported-outputs"):
        assert when(r[KR], code) == ("applies_now", "2026-01-22"), code
    assert statuses(r[KR])["art32-1-1-lifecycle-risks"] == "not_applicable"  # below 10^26 FLOP
    assert statuses(r[KR])["art36-1-domestic-representative"] == "not_applicable"  # it is in Korea
    assert_in(r[JP], "offer the AI system, service or model to customers in Japan")
    assert set(role_codes(r[JP])) == {"ai_developer", "ai_provider", "utilising_business"}
    assert tier_codes(r[JP]) == ["soft_law_guidance"]
    assert not any(code.startswith("hiroshima-") for code in active(r[JP]))
    assert_only_soft_law(r[JP])
    assert_out(r[EU], EU_OUT)
    assert_out(r[US], US_OUT)


# --- 5. Model-only providers against system providers ----------------------------------------------

FR_OPEN_WEIGHTS = model_only(
    established_in=["eu"], trains_model=True, releases_model=["weights"],
    offer_markets=["eu", "kr", "us", "jp", "other"], development_markets=["eu"], generates_content=True,
    generated_media=["text"], produces_deepfakes=False, is_general_purpose_model=True, training_compute_flop=8e23,
    open_source_release=True, eu_gpai_model_origin="own", eu_gpai_high_impact=False, eu_gpai_designated=False,
    eu_gpai_placed_before_2025_08_02=False, eu_assistive_editing_only=False, jp_model_trained_by_contractor=False, jp_most_advanced_ai=False,
    us_sells_to_federal_agencies=False, us_advanced_cyber_capability=False,
    kr_ai_use_obvious=False, kr_internal_use_only=False, kr_outputs_leave_service=True)


def test_open_weights_model_release_owes_model_duties_not_system_duties():
    """Art. 53(1)(c)-(d) and Art. 53(2) (open-source models keep the copyright policy and training-content
    summary duties only), Art. 3(63); Commission GPAI guidelines C(2025) 5045 (releasing weights places the
    model on the market): a Paris lab publishes the weights of its 7-billion-parameter general-purpose model
    (8e23 FLOP) under Apache 2.0 and builds no application. EU: model provider, no Art. 4 or Art. 50 duties
    (they bind AI systems). Japan: an AI developer but not an AI provider (Part 1: providers offer AI
    systems or services). US: no federal customer, far below frontier scale."""
    r = classify(FR_OPEN_WEIGHTS, NOW, ALL)
    assert_in(r[EU], "Art. 3(9)")
    assert tier_codes(r[EU]) == ["gpai"] and role_codes(r[EU]) == ["model_provider"]
    assert when(r[EU], "art53-1-c-copyright-policy") == ("applies_now", "2025-08-02")
    assert when(r[EU], "art53-1-d-training-content-summary") == ("applies_now", "2025-08-02")
    for code in ("art53-1-a-technical-documentation", "art53-1-b-downstream-information", "art4-ai-literacy",
                 "art50-2-mark-synthetic-content", "art55-1-a-model-evaluation"):
        assert statuses(r[EU])[code] == "not_applicable", code
    assert_in(r[JP], "Art. 7")
    assert set(role_codes(r[JP])) == {"ai_developer", "utilising_business"}
    assert not any(code.startswith("prov-") for code in active(r[JP]))
    assert_only_soft_law(r[JP])
    assert_in(r[KR], "Art. 4(1)")
    assert role_codes(r[KR]) == ["developer_operator"]
    assert_out(r[US], US_OUT)


KR_FRONTIER = system(
    established_in=["kr"], assessed_subject="system_and_model", trains_model=True, builds_system=True,
    releases_model=["api"], offers_system=True, serves_customers_with_system=True, offer_markets=["kr", "eu", "jp"],
    development_markets=["kr"], output_markets=["kr", "eu", "jp"], interacts_with_people=True, generates_content=True,
    generated_media=["text", "image"], produces_deepfakes=True, is_general_purpose_model=True,
    training_compute_flop=2e26, eu_gpai_model_origin="own", eu_gpai_high_impact=False, eu_gpai_designated=False,
    eu_gpai_rebuttal_accepted=False, eu_gpai_placed_before_2025_08_02=False, eu_authorised_rep_appointed=True,
    eu_ai_obvious=False, eu_assistive_editing_only=False, eu_generative_placed_before_2026_08_02=False,
    eu_system_repurposed_by_others=False, eu_intimate_imagery=[], eu_csam=[], eu_affects_own_workers=False,
    eu_decisions_about_people=False, eu_publishes_public_interest_text=False, kr_ai_use_obvious=False,
    kr_internal_use_only=False, kr_outputs_leave_service=True, kr_artistic_work=False, kr_state_of_the_art=True,
    kr_broad_significant_effect=True, kr_only_subsidiary_in_korea=False, kr_rights_evaluation=False,
    kr_decree_designated_area=False, jp_model_trained_by_contractor=False, jp_most_advanced_ai=True,
    us_sells_to_federal_agencies=False, us_advanced_cyber_capability=False)


def test_korean_frontier_model_with_its_own_chat_app():
    """EU Art. 51(2) (more than 10^25 FLOP presumes systemic risk), Arts. 52-55 and Art. 50(1)-(2); Korea
    Art. 32 with the Decree's 10^26 FLOP threshold plus state-of-the-art and broad-effect criteria;
    Japan Part 2 D and the Hiroshima Code of Conduct (Part 3): a Korean lab trains a 2e26-FLOP frontier
    model, offers it by API and runs its own chat and image app in Korea, the EU and Japan. It holds both
    the model and the system duties in the EU; Art. 32 safety duties in Korea; the advanced-AI items in
    Japan. No US nexus (not established, built or offered in the US): EO 14409 does not reach it."""
    r = classify(KR_FRONTIER, NOW, ALL)
    assert {"gpai_systemic_risk", "gpai", "transparency"} <= set(tier_codes(r[EU]))
    assert {"provider", "model_provider"} <= set(role_codes(r[EU]))
    for code in ("art52-notify-commission", "art53-1-a-technical-documentation", "art55-1-a-model-evaluation",
                 "art55-1-c-serious-incidents", "art54-2-enable-representative"):
        assert when(r[EU], code) == ("applies_now", "2025-08-02"), code
    assert when(r[EU], "art50-1-disclose-interaction") == ("applies_now", "2026-08-02")
    assert when(r[EU], "art50-2-mark-synthetic-content") == ("applies_now", "2026-08-02")
    assert when(r[EU], "art4-ai-literacy") == ("applies_now", "2025-02-02")
    assert set(tier_codes(r[KR])) == {"high_compute", "generative"} and role_codes(r[KR]) == ["developer_operator"]
    for code in ("art32-1-1-lifecycle-risks", "art32-2-submit-results", "art31-3-label-deepfakes"):
        assert when(r[KR], code) == ("applies_now", "2026-01-22"), code
    assert "advanced_ai_system" in tier_codes(r[JP]) and "ai_developer" in role_codes(r[JP])
    assert {"hiroshima-i-lifecycle-risk", "part3-hiroshima-code-of-conduct"} <= active(r[JP], "voluntary")
    assert_only_soft_law(r[JP])
    assert_out(r[US], US_OUT)


# --- 6. A natural person as the actor --------------------------------------------------------------

JP_FREELANCER = system(
    actor_type="natural_person", established_in=["jp"], uses_system=True, uses_third_party_model=True,
    use_markets=["jp"], output_markets=["eu", "jp"], generates_content=True, generated_media=["image"],
    produces_deepfakes=True, is_general_purpose_model=True, eu_personal_non_professional=False, eu_art25_changes=[],
    eu_affects_own_workers=False, eu_decisions_about_people=False, eu_assistive_editing_only=False,
    eu_intimate_imagery=[], eu_csam=[], jp_most_advanced_ai=False, us_sells_to_federal_agencies=False)


def test_freelance_illustrator_makes_deep_fakes_for_eu_advertising():
    """Art. 3(4) (a deployer may be a natural person, unless the use is personal and non-professional),
    Art. 2(1)(c) and Art. 50(4) (deployers disclose deep fakes); Japan Part 1 (AI business users include
    individuals using AI in business); Korea's transparency guideline (a creator using AI as a tool is a
    user, not an operator): a Tokyo freelance illustrator uses a subscription image generator to make
    photorealistic campaign images for an EU client's adverts."""
    r = classify(JP_FREELANCER, NOW, ALL)
    assert_in(r[EU], "Art. 2(1)(c)")
    assert tier_codes(r[EU]) == ["transparency"] and role_codes(r[EU]) == ["deployer"]
    assert when(r[EU], "art50-4-disclose-deep-fakes") == ("applies_now", "2026-08-02")
    assert when(r[EU], "art4-ai-literacy") == ("applies_now", "2025-02-02")
    assert statuses(r[EU])["art50-2-mark-synthetic-content"] == "not_applicable"  # the generator's provider marks
    assert_in(r[JP], "you use the AI system in your business operations in Japan")
    assert set(role_codes(r[JP])) == {"ai_business_user", "utilising_business"}
    assert when(r[JP], "user-01-safe-proper-use") == ("applies_now", "2026-03-31")
    assert_only_soft_law(r[JP])
    assert_out(r[KR], KR_OUT)
    assert_out(r[US], US_OUT)
    # Purely personal use is outside the EU Act (Art. 2(10)).
    private = classify({**JP_FREELANCER, "eu_personal_non_professional": True}, NOW, ALL)[EU]
    assert_out(private, "purely personal")


# --- 7. Deployers of open-source systems -------------------------------------------------------------

OPEN_SOURCE_DEPLOYER = system(
    established_in=["eu", "kr"], uses_system=True, use_markets=["eu", "kr"], output_markets=["eu", "kr"],
    uses_third_party_model=True, open_source_release=True, eu_art25_changes=[], eu_affects_own_workers=False,
    eu_decisions_about_people=False, kr_only_subsidiary_in_korea=False, us_sells_to_federal_agencies=False)


def test_logistics_firm_runs_an_unmodified_open_source_document_classifier():
    """Art. 2(12) (free and open-source AI systems are outside the Regulation unless high-risk, prohibited
    or under Art. 50) as it reaches deployers, and AI Basic Act Art. 2(7)-(8) (a business that only uses AI
    in its own work is a user, not an AI business operator): a Rotterdam-and-Busan logistics firm runs an
    unmodified open-source invoice classifier in both offices. Out of the EU Act; within Korea's Act but
    with no operator duties; Japan and the US are not reached."""
    r = classify(OPEN_SOURCE_DEPLOYER, NOW, ALL)
    assert_out(r[EU], "(Art. 2(12))")
    assert r[KR]["in_scope"] and "whether it gives you duties depends on your role" in r[KR]["scope_reason"]
    assert role_codes(r[KR]) == [] and active(r[KR]) == set()
    assert_out(r[JP], JP_OUT)
    assert_out(r[US], US_OUT)
    # The same system answering the public in a chat window falls under Art. 50: Art. 2(12) no longer applies.
    chat = classify({**OPEN_SOURCE_DEPLOYER, "interacts_with_people": True, "eu_ai_obvious": False}, NOW, ALL)[EU]
    assert chat["in_scope"] and role_codes(chat) == ["deployer"] and "transparency" in tier_codes(chat)


# --- 8. Prohibited practices: the ban first, other duties moot ---------------------------------------

CALL_CENTRE = system(
    established_in=["jp", "eu"], uses_system=True, uses_third_party_model=True, use_markets=["eu", "jp"],
    output_markets=["eu", "jp"], profiles_people=True, significant_effect_on_people=True,
    sensitive_areas={"eu": ["biometrics", "employment"], "jp": ["biometrics", "employment"]},
    biometric_uses={"eu": ["emotion_recognition"], "jp": ["emotion_recognition"]},
    emotion_recognition_settings={"eu": ["workplace"], "jp": ["workplace"]},
    emotion_recognition_medical_or_safety={"eu": False, "jp": False},
    employment_uses={"eu": ["performance_monitoring"], "jp": ["performance_monitoring"]},
    eu_art6_3_conditions=[], eu_hr_already_on_market=False, eu_art25_changes=[], eu_affects_own_workers=True,
    eu_decisions_about_people=True, jp_most_advanced_ai=False, us_sells_to_federal_agencies=False)


def test_call_centre_tracks_its_agents_emotions_in_the_eu_and_japan():
    """Commission Guidelines on prohibited AI practices C(2025) 884, Art. 5(1)(f) example ("using webcams and
    voice recognition systems by a call centre to track their employees' emotions, such as anger, is
    prohibited"): a Japanese BPO company runs a vendor's voice-emotion tool on its agents in Warsaw and
    Osaka. EU: the ban leads (since 2 February 2025) and every duty that assumes lawful use is moot. Japan
    has no ban: the business-user items apply (voluntary). Korea and the US are not reached."""
    r = classify(CALL_CENTRE, NOW, ALL)
    assert_in(r[EU], "Art. 2(1)(b)")
    assert tier_codes(r[EU])[0] == "prohibited" and role_codes(r[EU]) == ["deployer"]
    assert when(r[EU], "art5-1-f-stop") == ("applies_now", "2025-02-02")
    for code in ("art26-2-human-oversight", "art26-7-inform-workers", "art50-3-inform-exposed-persons"):
        assert statuses(r[EU])[code] == "moot", code
    assert not active(r[EU]) - {"art5-1-f-stop"}
    assert set(role_codes(r[JP])) == {"ai_business_user", "utilising_business"}
    assert when(r[JP], "user-02-input-bias") == ("applies_now", "2026-03-31")
    assert_only_soft_law(r[JP])
    assert_out(r[KR], KR_OUT)
    assert_out(r[US], US_OUT)


FACE_SEARCH = system(
    established_in=["us"], trains_model=True, builds_system=True, offers_system=True, offer_markets=["us", "eu"],
    development_markets=["us"], output_markets=["us", "eu"], profiles_people=True, significant_effect_on_people=True,
    training_compute_flop=1e21,
    sensitive_areas={"eu": ["biometrics", "law_enforcement"], "us": ["biometrics", "law_enforcement"]},
    biometric_uses={"eu": ["remote_identification"], "us": ["remote_identification"]},
    law_enforcement_uses={"eu": ["biometric_investigation"], "us": ["biometric_investigation"]},
    eu_untargeted_face_scraping=True, eu_authorised_rep_appointed=False, eu_art6_3_conditions=[],
    eu_hr_already_on_market=False, eu_system_repurposed_by_others=False, eu_law_enforcement_authorised=False,
    us_sells_to_federal_agencies=False, us_advanced_cyber_capability=False)


def test_face_search_built_by_scraping_the_internet():
    """Art. 5(1)(e) ("creating or expanding facial recognition databases through the untargeted scraping of
    facial images from the internet or CCTV footage") and the Commission's prohibited-practices guidelines,
    section 6: a US start-up sells a face-search tool built from scraped photos to city police departments
    in the US and offers it to EU police. EU: prohibited since 2 February 2025; the Annex III point 1(a)
    high-risk duties are moot, not 'applies later'. US federal policy does not reach sales to state and
    local police (M-25-21 governs federal agencies only). Korea and Japan are not reached."""
    r = classify(FACE_SEARCH, NOW, ALL)
    assert_in(r[EU], "Art. 2(1)(a)")
    assert tier_codes(r[EU]) == ["prohibited", "high_risk_annex_iii"] and role_codes(r[EU]) == ["provider"]
    assert when(r[EU], "art5-1-e-stop") == ("applies_now", "2025-02-02")
    for code in ("art9-risk-management", "art43-conformity-assessment", "art22-appoint-representative"):
        assert when(r[EU], code) == ("moot", "2027-12-02"), code
    assert_out(r[US], US_OUT)
    assert_out(r[KR], KR_OUT)
    assert_out(r[JP], JP_OUT)


# --- 9. Pre-market research (Art. 2(8)) -----------------------------------------------------------------

PROCTORING_IN_THE_LAB = system(
    established_in=["kr"], trains_model=True, builds_system=True, offers_system=True, offer_markets=["eu", "kr"],
    development_markets=["kr"], output_markets=["eu", "kr"], profiles_people=True, significant_effect_on_people=True,
    training_compute_flop=1e20, eu_development_stage="pre_market",
    sensitive_areas={"eu": ["education"], "kr": ["education"]},
    education_uses={"eu": ["exam_monitoring"], "kr": ["exam_monitoring"]},
    education_levels={"eu": ["higher"], "kr": ["secondary"]}, human_final_decision="yes",
    eu_authorised_rep_appointed=False, eu_art6_3_conditions=[], eu_hr_already_on_market=False,
    eu_system_repurposed_by_others=False, kr_only_subsidiary_in_korea=False, kr_rights_evaluation=False,
    kr_decree_designated_area=False, kr_ai_use_obvious=False, kr_internal_use_only=False,
    us_sells_to_federal_agencies=False, us_advanced_cyber_capability=False)


def test_exam_proctoring_system_still_in_the_lab():
    """Art. 2(8) (research, testing and development before placing on the market are outside the Act) with
    Annex III point 3(d) (monitoring and detecting prohibited behaviour of students during tests); AI Basic
    Act Art. 2(4)(차) covers only student evaluation in early-childhood to secondary education: a Daejeon
    start-up is building, not yet selling, an online-exam proctoring tool for EU universities and Korean
    high schools; teachers decide every case. EU: in scope for its planned launch, with the reason and the
    Chapter III dates; Korea: not high-impact (monitoring is not evaluation, and a teacher decides)."""
    r = classify(PROCTORING_IN_THE_LAB, NOW, ALL)
    assert_in(r[EU], "Art. 2(8)")
    assert "planned launch" in r[EU]["scope_reason"]
    assert tier_codes(r[EU]) == ["high_risk_annex_iii"] and role_codes(r[EU]) == ["provider"]
    assert when(r[EU], "art9-risk-management") == ("applies_later", "2027-12-02")
    assert when(r[EU], "art43-conformity-assessment") == ("applies_later", "2027-12-02")
    assert tier_codes(r[KR]) == ["general"] and role_codes(r[KR]) == ["developer_operator"]
    assert statuses(r[KR])["art34-1-4-human-oversight"] == "not_applicable"
    assert when(r[KR], "art33-1-prior-review") == ("applies_now", "2026-01-22")
    assert_out(r[JP], JP_OUT)
    assert_out(r[US], US_OUT)
    # Research with no launch planned anywhere is outside the EU Act (Art. 2(6)).
    research = classify({**PROCTORING_IN_THE_LAB, "purpose_research_only": True}, NOW, ALL)[EU]
    assert_out(research, "(Art. 2(6))")


# --- 10. National Security Systems ---------------------------------------------------------------------

NSS_AGENCY = system(
    actor_type="public_body", established_in=["us"], uses_system=True, builds_system=True, use_markets=["us"],
    development_markets=["us"], output_markets=["us"], profiles_people=True, significant_effect_on_people=True,
    us_federal_agency=True, us_agency_kind="cfo_act", us_agency_excluded_purposes=[], us_agency_acquires_ai=False,
    us_national_security_system=True, us_principal_basis_for_action=True,
    us_high_impact_effects=["civil_rights_liberties_privacy"], us_presumed_purposes=["j_law_enforcement"],
    us_presumption_rebutted=False, us_pilot_exemption=False, us_waived_practices=[], us_agency_procures_llm=False)

NSS_VENDOR = system(
    established_in=["us"], trains_model=True, builds_system=True, offers_system=True, offer_markets=["us"],
    development_markets=["us"], output_markets=["us"], training_compute_flop=1e22, us_sells_to_federal_agencies=True,
    us_buyer_intelligence_community=False, us_contract_timing="new_or_renewed", us_embedded_commercial_product=False,
    us_national_security_system=True, us_principal_basis_for_action=True,
    us_high_impact_effects=["civil_rights_liberties_privacy"], us_presumed_purposes=["j_law_enforcement"],
    us_presumption_rebutted=False, us_llm_federal_contract=False, us_advanced_cyber_capability=False)


def test_homeland_security_analysis_tool_on_a_national_security_system():
    """M-25-21 Appendix Sec. 1(c) and note 8 (AI used as a component of a National Security System is not
    covered) and M-25-22 (NSS excluded): a civilian department's intelligence unit builds an analysis tool
    that is part of an NSS. Not military-only, yet outside M-25-21: out of scope with the reason, not
    'not high-impact'. The vendor that builds such a tool for it is likewise outside M-25-22."""
    r = classify(NSS_AGENCY, NOW, ALL)
    assert_out(r[US], "National Security System")
    assert_out(r[EU], EU_OUT)
    assert_out(r[KR], KR_OUT)
    assert_out(r[JP], JP_OUT)
    vendor = classify(NSS_VENDOR, NOW, ALL)
    assert_out(vendor[US], "National Security System")
    # Without the NSS designation the same agency system is high-impact (Sec. 6(j)).
    ordinary = classify({**NSS_AGENCY, "us_national_security_system": False}, NOW, ALL)[US]
    assert tier_codes(ordinary) == ["high_impact"]
    assert when(ordinary, "m25-21-practice-2") == ("applies_now", "2026-04-03")
    assert when(ordinary, "m25-21-sec2-share-code-and-models")[0] == "applies_now"


# --- 11. In-house systems and non-advanced generative use in Japan -------------------------------------

JP_BANK_ASSISTANT = system(
    established_in=["jp", "eu"], builds_system=True, uses_third_party_model=True, uses_system=True,
    use_markets=["jp", "eu"], development_markets=["jp"], output_markets=["jp", "eu"], interacts_with_people=True,
    generates_content=True, generated_media=["text"], produces_deepfakes=False, is_general_purpose_model=True,
    eu_ai_obvious=True, eu_assistive_editing_only=False, eu_publishes_public_interest_text=False, eu_art25_changes=[],
    eu_affects_own_workers=True, eu_decisions_about_people=False, eu_system_repurposed_by_others=False,
    eu_intimate_imagery=[], eu_csam=[], jp_most_advanced_ai=False, us_sells_to_federal_agencies=False)


def test_bank_builds_an_internal_summariser_on_a_supplied_llm():
    """Art. 3(3) (a provider puts a system it had developed into service under its own name, including for
    its own use), Art. 50(2) with Art. 111(4) as amended (the grace to 2 December 2026 covers only systems
    placed on the market before 2 August 2026, not systems put into service in-house), Art. 50(1) obvious
    to staff; Japan Part 1 (a business that integrates a supplied model into its own processes is an AI
    provider and AI business user) and Part 2 D (not the most advanced AI): a Tokyo bank builds a
    document summariser on a hosted LLM for staff in Tokyo and Frankfurt."""
    r = classify(JP_BANK_ASSISTANT, NOW, ALL)
    assert_in(r[EU], "Art. 2(1)(a)", "Art. 2(1)(b)")
    assert tier_codes(r[EU]) == ["transparency"] and set(role_codes(r[EU])) == {"provider", "deployer"}
    assert when(r[EU], "art50-2-mark-synthetic-content") == ("applies_now", "2026-08-02")
    assert statuses(r[EU])["art50-1-disclose-interaction"] == "not_applicable"
    assert set(role_codes(r[JP])) == {"ai_provider", "ai_business_user", "utilising_business"}
    assert tier_codes(r[JP]) == ["soft_law_guidance"]
    assert not any(code.startswith("hiroshima-") for code in active(r[JP]))
    assert_only_soft_law(r[JP])
    assert_out(r[KR], KR_OUT)
    assert_out(r[US], US_OUT)
    # Unsure whether the supplied LLM is a frontier model: the Hiroshima items are shown, flagged for review.
    unsure = classify({**JP_BANK_ASSISTANT, "jp_most_advanced_ai": "unknown"}, NOW, ALL)[JP]
    assert "advanced_ai_system" in tier_codes(unsure)
    assert unsure["assumed"] == [{"question": "jp_most_advanced_ai", "value": True, "reason": unsure["assumed"][0]["reason"]}]


# --- 12. "I don't know": conservative, flagged ----------------------------------------------------------

CREDIT_SCORING = system(
    established_in=["us"], trains_model=True, builds_system=True, offers_system=True, offer_markets=["kr", "us"],
    development_markets=["us"], output_markets=["kr", "us"], profiles_people=True, significant_effect_on_people=True,
    training_compute_flop=1e19, sensitive_areas={"kr": ["essential_services"], "us": ["essential_services"]},
    service_uses={"kr": ["credit_scoring"], "us": ["credit_scoring"]}, human_final_decision="unknown",
    kr_rights_evaluation=False, kr_decree_designated_area=False, kr_ai_use_obvious=False, kr_internal_use_only=False,
    kr_total_revenue_krw=2e11, kr_ai_revenue_krw=4e10, kr_daily_users_korea=2e3, kr_fined_for_order_breach=False,
    us_sells_to_federal_agencies=True, us_buyer_intelligence_community=False, us_contract_timing="unknown",
    us_embedded_commercial_product=False, us_national_security_system=False, us_principal_basis_for_action=True,
    us_high_impact_effects=["access_to_programs"], us_presumed_purposes=["m_federal_services_benefits"],
    us_presumption_rebutted=False, us_llm_federal_contract=False, us_advanced_cyber_capability=False,
    eu_system_repurposed_by_others=False)


def test_credit_scorer_vendor_unsure_of_human_review_and_contract_date():
    """AI Basic Act Art. 2(4)(사) (loan screening) with MSIT's high-impact guideline (no meaningful human
    final decision), Art. 34(1) and Art. 36 with Decree thresholds (AI-service revenue of KRW 10 billion);
    M-25-21 Sec. 6(m) ("loans") and M-25-22: a New York fintech licenses its credit-scoring model to Korean
    lenders and to a federal loan programme. Its compliance officer does not know whether lenders review
    each score, nor when the federal contract was awarded. Both answers are taken conservatively and listed
    as assumed, for review."""
    r = classify(CREDIT_SCORING, NOW, ALL)
    assert "high_impact" in tier_codes(r[KR]) and role_codes(r[KR]) == ["developer_operator"]
    assert [a["question"] for a in r[KR]["assumed"]] == ["human_final_decision"]
    assert when(r[KR], "art34-1-1-risk-management-plan") == ("applies_now", "2026-01-22")
    assert when(r[KR], "art31-1-advance-notice") == ("applies_now", "2026-01-22")
    assert when(r[KR], "art36-1-domestic-representative") == ("applies_now", "2026-01-22")
    assert when(r[KR], "art35-1-impact-assessment") == ("applies_now", "2026-01-22")
    assert statuses(r[KR])["art35-1-impact-assessment"] == "applies_now"
    assert tier_codes(r[US]) == ["high_impact"] and role_codes(r[US]) == ["federal_vendor"]
    assert [(a["question"], a["value"]) for a in r[US]["assumed"]] == [("us_contract_timing", "new_or_renewed")]
    assert when(r[US], "m25-22-vendor-high-impact-practices") == ("applies_now", "2025-09-30")
    assert_out(r[EU], EU_OUT)
    assert_out(r[JP], JP_OUT)
    # Once it learns that a loan officer decides every application, Korea's high-impact tier falls away.
    reviewed = classify({**CREDIT_SCORING, "human_final_decision": "yes"}, NOW, ALL)
    assert "high_impact" not in tier_codes(reviewed[KR]) and reviewed[KR]["assumed"] == []
    assert statuses(reviewed[KR])["art34-1-1-risk-management-plan"] == "not_applicable"
    assert reviewed[US]["tiers"] == r[US]["tiers"]


# --- 13. Korea's domestic representative (Art. 36) -------------------------------------------------------

US_PORTRAIT_APP = system(
    established_in=["us"], trains_model=True, builds_system=True, offers_system=True, serves_customers_with_system=True,
    offer_markets=["us", "kr"], development_markets=["us"], output_markets=["us", "kr"], generates_content=True,
    generated_media=["image"], produces_deepfakes=True, training_compute_flop=5e22, kr_ai_use_obvious=False,
    kr_internal_use_only=False, kr_outputs_leave_service=True, kr_artistic_work=False, kr_total_revenue_krw=5e11,
    kr_ai_revenue_krw=3e10, kr_daily_users_korea=1.2e6, kr_fined_for_order_breach=False,
    us_sells_to_federal_agencies=False, us_advanced_cyber_capability=False, eu_system_repurposed_by_others=False)

JP_SHOP_CHATBOT = system(
    established_in=["jp"], builds_system=True, uses_third_party_model=True, offers_system=True,
    offer_markets=["jp", "kr"], development_markets=["jp"], output_markets=["jp", "kr"], interacts_with_people=True,
    generates_content=True, generated_media=["text"], produces_deepfakes=False, is_general_purpose_model=True,
    kr_ai_use_obvious=False, kr_internal_use_only=False, kr_outputs_leave_service=False, kr_total_revenue_krw=3e9,
    kr_ai_revenue_krw=1e9, kr_daily_users_korea=5e4, kr_fined_for_order_breach=False, jp_most_advanced_ai=False,
    us_sells_to_federal_agencies=False, eu_system_repurposed_by_others=False)


def test_foreign_portrait_app_with_a_million_korean_users_needs_a_representative():
    """AI Basic Act Art. 36(1) with the Enforcement Decree (any one of: previous-year revenue of KRW 1
    trillion, AI-service revenue of KRW 10 billion, 1 million average daily users in Korea) and Art.
    31(1)-(3) (deepfake labels a person can clearly recognise): a San Francisco photo app turns selfies into
    realistic AI portraits for 1.2 million daily Korean users and has no office in Korea. Not offered in
    the EU or Japan, no federal customer."""
    r = classify(US_PORTRAIT_APP, NOW, ALL)
    assert_in(r[KR], "Art. 4(1)")
    assert tier_codes(r[KR]) == ["generative"] and role_codes(r[KR]) == ["developer_operator"]
    for code in ("art36-1-domestic-representative", "art36-2-representative-tasks", "art31-3-label-deepfakes",
                 "art31-2-watermark-exported-outputs"):
        assert when(r[KR], code) == ("applies_now", "2026-01-22"), code
    assert_out(r[EU], EU_OUT)
    assert_out(r[JP], JP_OUT)
    assert_out(r[US], US_OUT)


def test_small_japanese_chatbot_vendor_in_korea_needs_no_representative():
    """The same Art. 36(1) thresholds, none met (KRW 3 billion revenue, 50,000 daily users), and Art.
    2(7)(나): an Osaka start-up builds a shop-assistant chatbot on a supplied LLM and licenses it to online
    shops in Japan and Korea. A user-operator in Korea with the Art. 31 notice and labelling duties but no
    representative; an AI provider in Japan (not a developer: it trains no model)."""
    r = classify(JP_SHOP_CHATBOT, NOW, ALL)
    assert tier_codes(r[KR]) == ["generative"] and role_codes(r[KR]) == ["user_operator"]
    assert when(r[KR], "art31-1-advance-notice") == ("applies_now", "2026-01-22")
    assert when(r[KR], "art31-2-label-generative-outputs") == ("applies_now", "2026-01-22")
    for code in ("art36-1-domestic-representative", "art36-2-representative-tasks",
                 "art31-2-watermark-exported-outputs"):
        assert statuses(r[KR])[code] == "not_applicable", code
    assert set(role_codes(r[JP])) == {"ai_provider", "utilising_business"}
    assert when(r[JP], "prov-07-promote-proper-use") == ("applies_now", "2026-03-31")
    assert_only_soft_law(r[JP])
    assert_out(r[EU], EU_OUT)
    assert_out(r[US], US_OUT)


# --- 14. Medical device software in three markets -------------------------------------------------------

RADIOLOGY_SAMD = system(
    established_in=["jp"], trains_model=True, builds_system=True, offers_system=True, offer_markets=["eu", "kr", "jp"],
    development_markets=["jp"], output_markets=["eu", "kr", "jp"], profiles_people=True,
    significant_effect_on_people=True, training_compute_flop=1e21, sensitive_areas=["healthcare", "medical_devices"],
    human_final_decision="yes", eu_annex_i_legislation=["medical_devices"], eu_annex_i_role="product",
    eu_annex_i_third_party=True, eu_annex_i_third_party_non_safety_only=False, eu_authorised_rep_appointed=True,
    eu_art6_3_conditions=[], eu_hr_already_on_market=False, eu_system_repurposed_by_others=False,
    kr_rights_evaluation=False, kr_decree_designated_area=False, kr_ai_use_obvious=False, kr_internal_use_only=False,
    kr_total_revenue_krw=8e10, kr_ai_revenue_krw=2e10, kr_daily_users_korea=1e3, kr_fined_for_order_breach=False,
    jp_model_trained_by_contractor=False, jp_most_advanced_ai=False, us_sells_to_federal_agencies=False,
    us_advanced_cyber_capability=False)


def test_radiology_software_as_a_medical_device_in_three_markets():
    """Art. 6(1) with Annex I Section A point 11 (Regulation (EU) 2017/745, class IIa software needs a notified
    body) and Art. 113 as amended (Annex I systems from 2 August 2028); AI Basic Act Art. 2(4)(다)-(라)
    read with MSIT's high-impact guideline (a radiologist makes the final decision); Decree thresholds for
    Art. 36 (AI revenue of KRW 20 billion): a Kyoto maker sells chest X-ray triage software to hospitals in
    the EU, Korea and Japan; radiologists sign every report."""
    r = classify(RADIOLOGY_SAMD, NOW, ALL)
    assert tier_codes(r[EU]) == ["high_risk_annex_i"] and role_codes(r[EU]) == ["provider"]
    for code in ("art9-risk-management", "art43-conformity-assessment", "art72-post-market-monitoring"):
        assert when(r[EU], code) == ("applies_later", "2028-08-02"), code
    assert statuses(r[EU])["art49-1-register-system"] == "not_applicable"  # Annex I products are not registered there
    assert tier_codes(r[KR]) == ["general"] and role_codes(r[KR]) == ["developer_operator"]
    assert when(r[KR], "art36-1-domestic-representative") == ("applies_now", "2026-01-22")
    assert when(r[KR], "art33-msit-confirmation") == ("applies_now", "2026-01-22")
    assert set(role_codes(r[JP])) == {"ai_developer", "ai_provider", "utilising_business"}
    assert_only_soft_law(r[JP])
    assert_out(r[US], US_OUT)


# --- 15. Minimal risk -----------------------------------------------------------------------------------

SPAM_FILTER = system(
    established_in=["eu", "jp"], uses_system=True, uses_third_party_model=True, use_markets=["eu", "jp"],
    output_markets=["eu", "jp"], eu_art25_changes=[], eu_affects_own_workers=False, eu_decisions_about_people=False,
    jp_most_advanced_ai=False, us_sells_to_federal_agencies=False)


def test_spam_filter_in_offices_in_germany_and_japan():
    """The Commission's AI Act page (digital-strategy.ec.europa.eu, "Regulatory framework for AI") gives
    "AI-enabled video games or spam filters" as minimal-risk AI, with no rules beyond AI literacy (Art. 4) for
    their deployers; Japan's guidelines still address the business user (Part 5): a Munich engineering firm
    with a Nagoya office uses its mail provider's AI spam filter in both."""
    r = classify(SPAM_FILTER, NOW, ALL)
    assert_in(r[EU], "Art. 2(1)(b)")
    assert tier_codes(r[EU]) == ["minimal"] and role_codes(r[EU]) == ["deployer"]
    assert active(r[EU]) == {"art4-ai-literacy"}
    assert when(r[EU], "art4-ai-literacy") == ("applies_now", "2025-02-02")
    assert set(role_codes(r[JP])) == {"ai_business_user", "utilising_business"}
    assert_only_soft_law(r[JP])
    assert_out(r[KR], KR_OUT)
    assert_out(r[US], US_OUT)


# --- 16. Third-country public authority (Art. 2(4)) --------------------------------------------------------

KR_POLICE = system(
    actor_type="public_body", established_in=["kr"], uses_system=True, uses_third_party_model=True,
    use_markets=["kr"], output_markets=["kr", "eu"], profiles_people=True, significant_effect_on_people=True,
    sensitive_areas={"kr": ["law_enforcement"], "eu": ["law_enforcement"]},
    law_enforcement_uses={"kr": ["evidence_reliability"], "eu": ["evidence_reliability"]}, human_final_decision="yes",
    eu_third_country_cooperation=True, eu_art6_3_conditions=[], eu_hr_already_on_market=False, eu_art25_changes=[],
    eu_affects_own_workers=False, eu_decisions_about_people=True, eu_law_enforcement_authorised=True,
    kr_rights_evaluation=False, kr_decree_designated_area=False, kr_only_subsidiary_in_korea=False, us_federal_agency=False,
    us_sells_to_federal_agencies=False, kr_ai_use_obvious=False, kr_internal_use_only=True)


def test_korean_police_share_ai_evidence_analysis_with_europol():
    """Art. 2(4) (public authorities of third countries using AI in international cooperation for law
    enforcement with the Union or Member States, with adequate safeguards, are outside the Regulation) and
    AI Basic Act Art. 2(7)-(8) (a public body using AI in its own work is a user, not an operator): Korea's
    police use an evidence-reliability tool in a joint investigation under their working arrangement with
    Europol."""
    r = classify(KR_POLICE, NOW, ALL)
    assert_out(r[EU], "(Art. 2(4))")
    assert r[KR]["in_scope"] and role_codes(r[KR]) == [] and active(r[KR]) == set()
    assert_out(r[JP], JP_OUT)
    assert_out(r[US], US_OUT)
    # Without a cooperation agreement the EU Act would reach its use of a high-risk system whose output is used in the EU.
    plain = classify({**KR_POLICE, "eu_third_country_cooperation": False}, NOW, ALL)[EU]
    assert plain["in_scope"] and "high_risk_annex_iii" in tier_codes(plain) and role_codes(plain) == ["deployer"]


# --- 17. Education in Korea and Japan ------------------------------------------------------------------

ESSAY_GRADING = system(
    established_in=["jp"], builds_system=True, uses_third_party_model=True, offers_system=True,
    offer_markets=["kr", "jp"], development_markets=["jp"], output_markets=["kr", "jp"], profiles_people=True,
    significant_effect_on_people=True, generates_content=True, generated_media=["text"], produces_deepfakes=False,
    is_general_purpose_model=True, sensitive_areas={"kr": ["education"], "jp": ["education"]},
    education_uses={"kr": ["learning_assessment"], "jp": ["learning_assessment"]},
    education_levels={"kr": ["secondary"], "jp": ["secondary"]}, human_final_decision="partly",
    kr_rights_evaluation=False, kr_decree_designated_area=False, kr_ai_use_obvious=False, kr_internal_use_only=False,
    kr_outputs_leave_service=True, kr_total_revenue_krw=1e10, kr_ai_revenue_krw=5e9, kr_daily_users_korea=3e4,
    kr_fined_for_order_breach=False, jp_most_advanced_ai=False, us_sells_to_federal_agencies=False,
    eu_system_repurposed_by_others=False)


def test_essay_grading_for_middle_schools_in_korea_and_japan():
    """AI Basic Act Art. 2(4)(차) (student evaluation in early-childhood, primary and secondary education),
    Art. 2(7)(나) (built on a supplied model: a user-operator), Arts. 31, 34 and 35 (an effort duty); Japan's
    guidelines (AI provider, no tiers by area): a Fukuoka ed-tech firm sells essay grading built on a hosted
    LLM to middle schools in both countries; teachers check only samples."""
    r = classify(ESSAY_GRADING, NOW, ALL)
    assert set(tier_codes(r[KR])) == {"high_impact", "generative"} and role_codes(r[KR]) == ["user_operator"]
    for code in ("art34-1-1-risk-management-plan", "art34-1-4-human-oversight", "art31-1-advance-notice"):
        assert when(r[KR], code) == ("applies_now", "2026-01-22"), code
    assert next(o for o in r[KR]["obligations"] if o["code"] == "art35-1-impact-assessment")["nature"] == "effort"
    assert statuses(r[KR])["art36-1-domestic-representative"] == "not_applicable"  # below every threshold
    assert set(role_codes(r[JP])) == {"ai_provider", "utilising_business"}
    assert tier_codes(r[JP]) == ["soft_law_guidance"]
    assert_only_soft_law(r[JP])
    assert_out(r[EU], EU_OUT)
    assert_out(r[US], US_OUT)


# --- 18. A vendor's model in a federal agency and in the EU ---------------------------------------------

US_LLM_VENDOR = system(
    established_in=["us"], assessed_subject="system_and_model", trains_model=True, builds_system=True, offers_system=True, offer_markets=["us", "eu"],
    development_markets=["us"], output_markets=["us", "eu"], interacts_with_people=True, generates_content=True,
    generated_media=["text"], produces_deepfakes=False, is_general_purpose_model=True, training_compute_flop=4e24,
    eu_gpai_model_origin="own", eu_gpai_high_impact=False, eu_gpai_designated=False,
    eu_gpai_placed_before_2025_08_02=True, eu_authorised_rep_appointed=True, eu_ai_obvious=False,
    eu_assistive_editing_only=False, eu_generative_placed_before_2026_08_02=True, eu_system_repurposed_by_others=False,
    eu_intimate_imagery=[], eu_csam=[], us_sells_to_federal_agencies=True, us_buyer_intelligence_community=False,
    us_contract_timing="new_or_renewed", us_embedded_commercial_product=False, us_national_security_system=False,
    us_principal_basis_for_action=False, us_llm_federal_contract=True, us_llm_free_open_source=False,
    us_advanced_cyber_capability=False, jp_model_trained_by_contractor=False, jp_most_advanced_ai=False)


def test_us_llm_assistant_sold_to_an_agency_and_to_eu_businesses():
    """EO 14319 Sec. 4 and M-26-04 (unbiased AI principles in federal LLM contracts), M-25-22 (contract terms),
    beside EU Art. 50(1)-(2) with Art. 111(4) as amended (a generative system placed on the market before 2
    August 2026 marks outputs from 2 December 2026, the day before this assessment) and Art. 53 with Art.
    111(3) (a general-purpose model placed on the market before 2 August 2025 complies by 2 August 2027;
    recital 97 and the Commission's GPAI guidelines: building one's own model into one's own system placed
    on the market places the model too): a Boston company trained its own language model and sells the
    writing assistant built on it to a civilian agency under a 2026 contract and, since early 2025, to EU
    businesses. Not in Korea or Japan."""
    r = classify(US_LLM_VENDOR, NOW, ALL)
    assert role_codes(r[US]) == ["federal_vendor"] and tier_codes(r[US]) == ["not_high_impact"]
    assert when(r[US], "eo14319-sec4-vendor-unbiased-principles") == ("applies_now", "2025-12-11")
    assert when(r[US], "m25-22-vendor-data-use") == ("applies_now", "2025-09-30")
    assert statuses(r[US])["m25-22-vendor-high-impact-practices"] == "not_applicable"
    assert tier_codes(r[EU]) == ["gpai", "transparency"] and role_codes(r[EU]) == ["provider", "model_provider"]
    assert when(r[EU], "art50-1-disclose-interaction") == ("applies_now", "2026-08-02")
    assert when(r[EU], "art50-2-mark-synthetic-content") == ("applies_now", "2026-12-02")  # the grace ended yesterday
    in_november = classify(US_LLM_VENDOR, "2026-11-20", ALL)[EU]
    assert when(in_november, "art50-2-mark-synthetic-content") == ("applies_later", "2026-12-02")
    for code in ("art53-1-a-technical-documentation", "art53-1-c-copyright-policy", "art54-2-enable-representative"):
        assert when(r[EU], code) == ("applies_later", "2027-08-02"), code
    assert statuses(r[EU])["art55-1-a-model-evaluation"] == "not_applicable"  # 4e24 FLOP: no systemic risk
    assert_out(r[KR], KR_OUT)
    assert_out(r[JP], JP_OUT)


# --- 19. Users are not operators in Korea, but are deployers in the EU ------------------------------------

KR_EMPLOYER = system(
    established_in=["kr", "eu"], uses_system=True, uses_third_party_model=True, use_markets=["kr", "eu"],
    output_markets=["kr", "eu"], profiles_people=True, significant_effect_on_people=True,
    sensitive_areas=["employment"], employment_uses=["recruitment"], human_final_decision="partly",
    eu_art6_3_conditions=[], eu_hr_already_on_market=False, eu_art25_changes=[], eu_affects_own_workers=False,
    eu_decisions_about_people=True, kr_rights_evaluation=False, kr_decree_designated_area=False,
    kr_only_subsidiary_in_korea=False, kr_ai_use_obvious=False, kr_internal_use_only=False,
    jp_most_advanced_ai=False, us_sells_to_federal_agencies=False)


def test_employer_screens_its_own_applicants_with_a_vendors_ai_interview_tool():
    """Art. 26 (deployer duties of a high-risk system, from 2 December 2027), Art. 26(11) and Art. 86
    (informing and explaining to affected persons) against AI Basic Act Art. 2(7)-(8) and MSIT's high-impact
    guideline p. 17 (an organisation using a supplier's AI for its own decisions, such as a bank scoring
    loan applicants, is a user, not an operator): a Korean manufacturer screens applicants in Seoul and at
    its Budapest plant with a vendor's AI video-interview tool; recruiters review only some cases. The
    system is high-impact in Korea, but the duties fall on the vendor; the employer's duties are the EU
    deployer's."""
    r = classify(KR_EMPLOYER, NOW, ALL)
    assert_in(r[EU], "Art. 2(1)(b)")
    assert tier_codes(r[EU]) == ["high_risk_annex_iii"] and role_codes(r[EU]) == ["deployer"]
    for code in ("art26-2-human-oversight", "art26-11-inform-affected-persons", "art86-explanation"):
        assert when(r[EU], code) == ("applies_later", "2027-12-02"), code
    assert statuses(r[EU])["art27-fria"] == "not_applicable"  # a private employer, not credit or insurance
    assert statuses(r[EU])["art9-risk-management"] == "not_applicable"  # the vendor's duty
    assert r[KR]["in_scope"] and tier_codes(r[KR]) == ["high_impact"] and role_codes(r[KR]) == []
    assert active(r[KR]) == set()
    assert_out(r[JP], JP_OUT)
    assert_out(r[US], US_OUT)


# --- 20. A public body deciding benefits with its own AI ---------------------------------------------------

SEOUL_BENEFITS = system(
    actor_type="public_body", established_in=["kr"], trains_model=True, builds_system=True, uses_system=True,
    serves_customers_with_system=True, use_markets=["kr"], offer_markets=["kr"], development_markets=["kr"],
    output_markets=["kr"], profiles_people=True, significant_effect_on_people=True, training_compute_flop=1e18,
    sensitive_areas=["public_administration", "essential_services"], service_uses=["public_benefits"],
    human_final_decision="partly", kr_rights_evaluation=False, kr_decree_designated_area=False,
    kr_only_subsidiary_in_korea=False, kr_ai_use_obvious=False, kr_internal_use_only=False,
    eu_third_country_cooperation=False, eu_art25_changes=[], eu_affects_own_workers=False,
    eu_decisions_about_people=True, eu_law_enforcement_authorised=False, eu_system_repurposed_by_others=False,
    eu_hr_already_on_market=False, eu_art6_3_conditions=[], us_federal_agency=False,
    us_sells_to_federal_agencies=False, us_advanced_cyber_capability=False, jp_model_trained_by_contractor=False,
    jp_customers_receive_results_only=True, jp_most_advanced_ai=False)


def test_city_government_decides_welfare_eligibility_with_its_own_model():
    """AI Basic Act Art. 2(4)(자) (decisions by the state, local governments or public institutions affecting
    citizens, such as eligibility checks), Art. 2(7) (state bodies can be AI business operators), Arts. 31(1),
    34 and 35: Seoul's welfare office trains and runs its own model that screens applications for housing
    benefits; caseworkers check only flagged cases. High-impact developer-operator in Korea. Not in the EU,
    Japan or the US federal government (a foreign city is not a US federal agency, M-25-21 Sec. 1)."""
    r = classify(SEOUL_BENEFITS, NOW, ALL)
    assert_in(r[KR], "Art. 4(1)")
    assert tier_codes(r[KR]) == ["high_impact"] and role_codes(r[KR]) == ["developer_operator"]
    for code in ("art31-1-advance-notice", "art34-1-2-explanation-plan", "art34-publish-measures"):
        assert when(r[KR], code) == ("applies_now", "2026-01-22"), code
    assert when(r[KR], "art35-1-vulnerable-groups") == ("applies_now", "2026-07-21")  # added by Act No. 21311
    assert_out(r[EU], EU_OUT)
    assert_out(r[JP], JP_OUT)
    assert_out(r[US], US_OUT)


# --- 21. Importer into the EU -------------------------------------------------------------------------------

EU_IMPORTER = system(
    established_in=["eu"], imports_or_distributes=["imports"], offer_markets=["eu"], output_markets=["eu"],
    profiles_people=True, significant_effect_on_people=True, sensitive_areas=["essential_services"],
    service_uses=["credit_scoring"], eu_art6_3_conditions=[], eu_hr_already_on_market=False, eu_art25_changes=[],
    jp_most_advanced_ai=False, us_sells_to_federal_agencies=False)


def test_eu_importer_of_a_foreign_credit_scoring_system():
    """Art. 3(6), Art. 2(1)(d) and Art. 23 (an importer verifies conformity assessment, documentation, CE
    marking and the authorised representative before placing a high-risk system on the market), Annex III
    point 5(b) (creditworthiness): a Lisbon company imports a US-made credit-scoring system under the maker's
    name for EU banks. Importer duties from 2 December 2027; Art. 4 and provider duties are not the
    importer's. No other framework reaches the importer."""
    r = classify(EU_IMPORTER, NOW, ALL)
    assert_in(r[EU], "Art. 2(1)(d)")
    assert tier_codes(r[EU]) == ["high_risk_annex_iii"] and role_codes(r[EU]) == ["importer"]
    assert when(r[EU], "art23-importer-checks") == ("applies_later", "2027-12-02")
    assert active(r[EU]) == {"art23-importer-checks"}
    assert_out(r[KR], KR_OUT)
    assert_out(r[JP], JP_OUT)
    assert_out(r[US], US_OUT)
