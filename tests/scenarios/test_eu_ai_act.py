"""Scenario and coverage tests for the EU AI Act rule sets (frameworks/data/eu-ai-act/).

Each scenario describes one AI system, answers the questionnaire as its owner would, and checks the
classification (scope, tiers, roles) and the status of the key obligations on a given date.
Version 2026.1 (Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744) is in force from
2026-07-27; version 2024.1 (the original text) before that.
"""

from __future__ import annotations

import pytest

from tests.shipped import classify, role_codes, shipped_rule_sets, statuses, tier_codes

FW = "eu-ai-act"
NOW = "2026-11-22"

NOW_ = "applies_now"
LATER = "applies_later"
NA = "not_applicable"


def rule_set(label: str):
    matches = [rs for rs in shipped_rule_sets() if rs.framework_code == FW and rs.label == label]
    assert len(matches) == 1, f"expected exactly one {FW} {label}"
    return matches[0]


def run(answers: dict, as_of: str = NOW) -> dict:
    return classify(answers, as_of, [FW])[FW]


def obligation(result: dict, code: str) -> dict:
    return next(o for o in result["obligations"] if o["code"] == code)


# An EU company that builds a system and sells it under its own brand.
EU_PROVIDER = {
    "org_develops_system": True, "org_offers_system": True, "org_uses_system": False, "org_type": "private",
    "is_ai_system": True, "eu_established": True, "eu_places_on_market": True, "eu_development_stage": "on_market",
}
# An EU organisation that buys a system from a vendor and uses it.
EU_DEPLOYER = {
    "org_develops_system": False, "org_offers_system": False, "org_uses_system": True, "org_type": "private",
    "is_ai_system": True, "eu_established": True, "eu_places_on_market": False, "eu_development_stage": "on_market",
}

HIGH_RISK_PROVIDER_DUTIES = [
    "art9-risk-management", "art10-data-governance", "art11-technical-documentation", "art12-record-keeping",
    "art13-instructions-for-use", "art14-human-oversight", "art15-accuracy-robustness-cybersecurity",
    "art17-quality-management-system", "art43-conformity-assessment", "art47-eu-declaration", "art48-ce-marking",
    "art72-post-market-monitoring", "art73-serious-incidents",
]


# --------------------------------------------------------------------------- scenarios


def test_cv_parser_doing_a_narrow_procedural_task_is_not_high_risk():
    """A recruitment tool that only converts CVs into structured records for recruiters, without ranking or
    scoring candidates. Annex III point 4(a) area, but the Art. 6(3) derogation applies: not high-risk, and the
    provider must document that assessment (Art. 6(4)) and register it (Art. 49(2))."""
    answers = {**EU_PROVIDER, "use_areas": ["employment"], "employment_uses": ["recruitment"],
               "profiles_people": False, "eu_art6_3_conditions": ["narrow_procedural_task"],
               "eu_art6_3_no_significant_risk": True}
    r = run(answers)
    assert r["in_scope"]
    assert tier_codes(r) == ["annex_iii_not_high_risk"]
    s = statuses(r)
    assert s["art9-risk-management"] == NA
    assert s["art6-4-document-assessment"] == LATER
    assert s["art49-2-register-exempt-system"] == LATER
    assert obligation(r, "art49-2-register-exempt-system")["confidence"] == "unverified"
    trace = {t["code"]: t for t in r["trace"] if t["kind"] == "rule"}
    assert trace["annex-iii-4a"]["fired"] is False
    assert any(e["code"] == "art6-3-derogation" and e["applies"] for e in trace["annex-iii-4a"]["exceptions"])


def test_the_same_cv_tool_that_ranks_candidates_is_high_risk_because_it_profiles():
    """The same tool, but it also scores candidates' suitability: that is profiling, and an Annex III system that
    profiles people is always high-risk (Art. 6(3), third subparagraph)."""
    answers = {**EU_PROVIDER, "use_areas": ["employment"], "employment_uses": ["recruitment"],
               "profiles_people": True, "eu_art6_3_conditions": ["narrow_procedural_task"],
               "eu_art6_3_no_significant_risk": True}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_iii"]
    assert role_codes(r) == ["provider"]
    s = statuses(r)
    for code in HIGH_RISK_PROVIDER_DUTIES:
        assert s[code] == LATER, code
    assert s["art6-4-document-assessment"] == NA
    assert obligation(r, "art9-risk-management")["applies_from"] == "2027-12-02"


def test_bank_fraud_detection_is_not_high_risk():
    """A bank uses a vendor's model to flag suspicious card transactions. Annex III point 5(b) excludes systems used
    to detect financial fraud, so it is not high-risk and no FRIA is needed."""
    answers = {**EU_DEPLOYER, "use_areas": ["essential_services"], "service_uses": ["fraud_detection"],
               "profiles_people": True}
    r = run(answers)
    assert "high_risk_annex_iii" not in tier_codes(r)
    assert tier_codes(r) == ["minimal"]
    s = statuses(r)
    assert s["art27-fria"] == NA
    assert s["art26-1-use-per-instructions"] == NA
    assert s["art4-ai-literacy"] == NOW_
    trace = {t["code"]: t for t in r["trace"] if t["kind"] == "rule"}
    assert any(e["code"] == "fraud-detection-only" and e["applies"] for e in trace["annex-iii-5b"]["exceptions"])


def test_bank_credit_scoring_is_high_risk_and_the_deployer_owes_a_fria():
    """The same bank uses a vendor's credit-scoring model to decide on consumer loans. Annex III point 5(b):
    high-risk. Any deployer of a credit-scoring system must carry out a fundamental rights impact assessment
    (Art. 27), even a private bank; it must also inform applicants (Art. 26(11)) and explain decisions (Art. 86)."""
    answers = {**EU_DEPLOYER, "use_areas": ["essential_services"], "service_uses": ["credit_scoring", "fraud_detection"],
               "profiles_people": True, "eu_decisions_about_people": True}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_iii"]
    assert role_codes(r) == ["deployer"]
    s = statuses(r)
    assert s["art27-fria"] == LATER
    assert obligation(r, "art27-fria")["applies_from"] == "2027-12-02"
    assert s["art26-11-inform-affected-persons"] == LATER
    assert s["art86-explanation"] == LATER
    assert s["art26-8-public-registration"] == NA  # not a public authority
    assert s["art9-risk-management"] == NA  # provider duty
    on_2028 = statuses(run(answers, "2028-01-01"))
    assert on_2028["art27-fria"] == NOW_


def test_driver_fatigue_detection_for_safety_is_not_prohibited():
    """A logistics company monitors its truck drivers' faces for signs of drowsiness to prevent accidents. Emotion
    recognition at work is banned unless it is for medical or safety reasons (Art. 5(1)(f)); this one is for
    safety, so it is allowed but high-risk (Annex III 1(c)) and people must be told (Art. 50(3))."""
    answers = {**EU_DEPLOYER, "use_areas": ["biometrics"], "biometric_uses": ["emotion_recognition"],
               "emotion_recognition_settings": ["workplace"], "emotion_recognition_medical_or_safety": True,
               "eu_affects_own_workers": True, "profiles_people": False}
    r = run(answers)
    assert "prohibited" not in tier_codes(r)
    assert set(tier_codes(r)) == {"high_risk_annex_iii", "transparency"}
    s = statuses(r)
    assert s["art5-1-f-stop"] == NA
    assert s["art50-3-inform-exposed-persons"] == NOW_
    assert s["art26-7-inform-workers"] == LATER


def test_interview_emotion_analysis_for_hiring_is_prohibited():
    """An HR department analyses job candidates' facial expressions in video interviews to score their
    enthusiasm. Inferring emotions in the workplace for HR purposes is a prohibited practice since 2 Feb 2025."""
    answers = {**EU_DEPLOYER, "use_areas": ["biometrics", "employment"], "biometric_uses": ["emotion_recognition"],
               "emotion_recognition_settings": ["workplace"], "emotion_recognition_medical_or_safety": False,
               "employment_uses": ["recruitment"], "profiles_people": True}
    r = run(answers)
    assert "prohibited" in tier_codes(r)
    assert tier_codes(r)[0] == "prohibited"
    stop = obligation(r, "art5-1-f-stop")
    assert stop["status"] == NOW_
    assert stop["applies_from"] == "2025-02-02"
    assert stop["penalty"]["max_amount"] == 35000000
    assert stop["penalty"]["max_turnover_percent"] == 7


OPEN_MODEL = {
    "org_develops_system": True, "org_offers_system": True, "org_uses_system": False, "org_type": "private",
    "is_ai_system": False, "is_general_purpose_model": True, "open_source_release": True,
    "eu_established": True, "eu_places_on_market": True, "eu_development_stage": "on_market",
    "eu_gpai_placed_before_2025_08_02": False,
}


def test_open_source_model_below_the_threshold_is_exempt_from_documentation_duties():
    """A research lab releases an open-weights language model trained with 3e24 FLOP under an open-source licence.
    Art. 53(2) exempts it from the documentation duties (a) and (b), but not from the copyright policy and the
    training-content summary (c) and (d)."""
    r = run({**OPEN_MODEL, "training_compute_flop": 3e24})
    assert r["in_scope"]
    assert tier_codes(r) == ["gpai"]
    s = statuses(r)
    assert s["art53-1-a-technical-documentation"] == NA
    assert s["art53-1-b-downstream-information"] == NA
    assert s["art53-1-c-copyright-policy"] == NOW_
    assert s["art53-1-d-training-content-summary"] == NOW_
    assert s["art55-1-a-model-evaluation"] == NA
    assert s["art52-notify-commission"] == NA


def test_open_source_model_above_the_threshold_has_systemic_risk_and_no_exemption():
    """The lab's next open-weights model used 4e25 FLOP: high-impact capabilities are presumed (Art. 51(2)), so it
    is a model with systemic risk and the open-source exemption no longer applies."""
    r = run({**OPEN_MODEL, "training_compute_flop": 4e25})
    assert set(tier_codes(r)) == {"gpai", "gpai_systemic_risk"}
    s = statuses(r)
    assert s["art53-1-a-technical-documentation"] == NOW_
    assert s["art53-1-b-downstream-information"] == NOW_
    for code in ("art55-1-a-model-evaluation", "art55-1-b-systemic-risk-mitigation",
                 "art55-1-c-serious-incidents", "art55-1-d-cybersecurity", "art52-notify-commission"):
        assert s[code] == NOW_, code
    notify = next(o for o in rule_set("2026.1").document["obligations"] if o["code"] == "art52-notify-commission")
    assert "two weeks" in notify["deadline"]
    assert obligation(r, "art53-1-a-technical-documentation")["penalty"]["max_amount"] == 15000000


def test_legacy_model_gets_until_august_2027():
    """A non-EU provider's proprietary model, placed on the EU market in 2024: Art. 111(3) gives it until
    2 August 2027; it also needs an EU authorised representative (Art. 54)."""
    answers = {**OPEN_MODEL, "open_source_release": False, "eu_established": False, "training_compute_flop": 5e24,
               "eu_gpai_placed_before_2025_08_02": True}
    r = run(answers)
    s = statuses(r)
    assert s["art53-1-a-technical-documentation"] == LATER
    assert obligation(r, "art53-1-a-technical-documentation")["applies_from"] == "2027-08-02"
    assert s["art54-authorised-representative"] == LATER


HIRING_PLATFORM = {**EU_PROVIDER, "use_areas": ["employment"], "employment_uses": ["recruitment", "work_decisions"],
                   "profiles_people": True}


def test_annex_iii_duties_are_deferred_to_december_2027():
    """A SaaS hiring platform that ranks applicants, assessed on 2026-11-22: high-risk under Annex III 4(a)/(b), but
    Chapter III applies to Annex III systems only from 2 December 2027 (Art. 113 as amended)."""
    r = run(HIRING_PLATFORM, NOW)
    for code in HIGH_RISK_PROVIDER_DUTIES:
        o = obligation(r, code)
        assert o["status"] == LATER, code
        assert o["applies_from"] == "2027-12-02", code
    assert obligation(r, "art9-risk-management")["days_until_applies"] == 375


def test_annex_iii_duties_apply_in_2028():
    """The same hiring platform assessed on 2028-01-01: the high-risk duties now apply."""
    r = run(HIRING_PLATFORM, "2028-01-01")
    s = statuses(r)
    for code in HIGH_RISK_PROVIDER_DUTIES:
        assert s[code] == NOW_, code


def test_medical_device_safety_component_applies_from_august_2028():
    """A manufacturer's AI module that detects arrhythmias inside a class IIb medical device, which needs a notified
    body. High-risk through Art. 6(1) and Annex I Section A: duties from 2 August 2028, and no FRIA (Annex III only)."""
    answers = {**EU_PROVIDER, "eu_supply_chain_roles": ["product_manufacturer"], "use_areas": ["medical_devices"],
               "eu_annex_i_legislation": ["medical_devices"], "eu_annex_i_role": "safety_component",
               "eu_annex_i_non_safety_use": False, "eu_annex_i_third_party": True,
               "eu_annex_i_third_party_non_safety_only": False}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_i"]
    assert set(role_codes(r)) == {"provider", "product_manufacturer"}
    for code in ("art9-risk-management", "art43-conformity-assessment", "art72-post-market-monitoring"):
        o = obligation(r, code)
        assert (o["status"], o["applies_from"]) == (LATER, "2028-08-02"), code
    assert statuses(r)["art27-fria"] == NA
    assert statuses(r)["art49-1-register-system"] == NA  # EU database registration is for Annex III systems


def test_lift_efficiency_optimiser_is_not_a_safety_component():
    """An AI that schedules lift cars to cut waiting times, inside lifts that need a notified body. Since 2026/1744,
    a system used solely for performance optimisation whose failure would not endanger safety is not a safety
    component (Art. 6(1a)), so it is not high-risk."""
    answers = {**EU_PROVIDER, "eu_annex_i_legislation": ["lifts"], "eu_annex_i_role": "safety_component",
               "eu_annex_i_non_safety_use": True, "eu_annex_i_failure_endangers": False,
               "eu_annex_i_third_party": True, "eu_annex_i_third_party_non_safety_only": False}
    r = run(answers)
    assert tier_codes(r) == ["minimal"]
    endangers = run({**answers, "eu_annex_i_failure_endangers": True})
    assert tier_codes(endangers) == ["high_risk_annex_i"]


def test_machinery_moved_to_annex_i_section_b():
    """A collaborative-robot vendor's AI collision-avoidance module (safety component, notified body required).
    Under 2026/1744 machinery sits in Annex I Section B, so only the sectoral route applies; under the original
    text it was Section A with the full high-risk duties from 2 August 2027."""
    answers = {**EU_PROVIDER, "eu_annex_i_legislation": ["machinery"], "eu_annex_i_role": "safety_component",
               "eu_annex_i_third_party": True}
    now = run({**answers, "eu_annex_i_non_safety_use": False, "eu_annex_i_third_party_non_safety_only": False})
    assert tier_codes(now) == ["high_risk_annex_i_b"]
    s = statuses(now)
    assert s["art2-2-annex-i-section-b"] == LATER
    assert s["art9-risk-management"] == NA
    before = run(answers, "2026-03-01")
    assert before["version"] == "2024.1"
    assert tier_codes(before) == ["high_risk_annex_i"]
    o = obligation(before, "art9-risk-management")
    assert (o["status"], o["applies_from"]) == (LATER, "2027-08-02")


def test_customer_service_chatbot_provider_must_disclose_ai_now():
    """A software firm sells a customer-service chatbot launched in September 2026. Art. 50 applies since
    2 August 2026: tell users they are talking to AI and mark generated text in a machine-readable way."""
    answers = {**EU_PROVIDER, "interacts_with_people": True, "generates_content": True, "generated_media": ["text"],
               "produces_deepfakes": False, "eu_ai_obvious": False, "eu_assistive_editing_only": False,
               "eu_generative_on_market_before_2026_08_02": False}
    r = run(answers)
    assert tier_codes(r) == ["transparency"]
    s = statuses(r)
    assert s["art50-1-disclose-interaction"] == NOW_
    assert obligation(r, "art50-1-disclose-interaction")["applies_from"] == "2026-08-02"
    assert s["art50-2-mark-synthetic-content"] == NOW_
    assert obligation(r, "art50-1-disclose-interaction")["penalty"]["max_amount"] == 15000000


def test_generative_system_already_on_the_market_gets_the_marking_grace_period():
    """An image generator on the EU market since 2025: Art. 111(4) gives it until 2 December 2026 for the
    machine-readable marking, while the rest of Art. 50 already applies."""
    answers = {**EU_PROVIDER, "interacts_with_people": True, "generates_content": True, "generated_media": ["image"],
               "produces_deepfakes": True, "eu_ai_obvious": True, "eu_assistive_editing_only": False,
               "eu_generative_on_market_before_2026_08_02": True,
               "eu_intimate_imagery": [], "eu_csam": []}
    r = run(answers)
    o = obligation(r, "art50-2-mark-synthetic-content")
    assert (o["status"], o["applies_from"]) == (LATER, "2026-12-02")
    assert statuses(r)["art50-1-disclose-interaction"] == NA  # obvious from context
    assert statuses(run(answers, "2026-12-15"))["art50-2-mark-synthetic-content"] == NOW_


def test_nudify_app_is_prohibited_from_december_2026():
    """An app whose purpose is to 'undress' photos of real people. The new Art. 5(1)(ba) bans it from
    2 December 2026."""
    answers = {**EU_PROVIDER, "generates_content": True, "generated_media": ["image"], "produces_deepfakes": True,
               "eu_intimate_imagery": ["intended_purpose"], "eu_intimate_imagery_consent": False, "eu_csam": []}
    r = run(answers)
    assert tier_codes(r)[0] == "prohibited"
    o = obligation(r, "art5-1-ba-stop")
    assert (o["status"], o["applies_from"]) == (LATER, "2026-12-02")
    assert statuses(run(answers, "2026-12-15"))["art5-1-ba-stop"] == NOW_
    safeguarded = {k: v for k, v in answers.items() if k != "eu_intimate_imagery_consent"}
    safeguarded = run({**safeguarded, "eu_intimate_imagery": []})
    assert "prohibited" not in tier_codes(safeguarded)


def test_city_benefits_agency_owes_fria_and_registration():
    """A municipal social-welfare office deploys a vendor's system that checks eligibility for housing benefit and
    recommends approval or refusal. Annex III 5(a), public body: FRIA (Art. 27), registration of its use
    (Arts. 26(8), 49(3)), informing applicants (26(11)) and explanations on request (Art. 86)."""
    answers = {**EU_DEPLOYER, "org_type": "public_body", "use_areas": ["essential_services", "public_administration"],
               "service_uses": ["public_benefits"], "profiles_people": True, "eu_decisions_about_people": True}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_iii"]
    s = statuses(r)
    for code in ("art27-fria", "art26-8-public-registration", "art49-3-register-use",
                 "art26-11-inform-affected-persons", "art86-explanation", "art26-2-human-oversight"):
        assert s[code] == LATER, code
        assert obligation(r, code)["applies_from"] == "2027-12-02", code


def test_water_utility_safety_system_is_high_risk_but_owes_no_fria():
    """A water utility providing a public service deploys an AI system that controls chlorine dosing as a safety
    component. Annex III point 2 makes it high-risk, but Art. 27 excludes point 2 from the FRIA, and point 2
    systems are registered nationally, not in the EU database (Art. 49(1), (5))."""
    answers = {**EU_DEPLOYER, "org_type": "public_service_provider", "use_areas": ["critical_infrastructure"],
               "infrastructure_sectors": ["water"], "infrastructure_safety_component": True, "profiles_people": False}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_iii"]
    s = statuses(r)
    assert s["art27-fria"] == NA
    assert s["art26-2-human-oversight"] == LATER
    nuclear = run({**answers, "infrastructure_sectors": ["nuclear"]})
    assert "high_risk_annex_iii" not in tier_codes(nuclear)  # nuclear is not listed in Annex III point 2


def test_eu_importer_of_a_us_proctoring_system():
    """A Dutch company imports a US vendor's exam-proctoring system (Annex III 3(d)) under the vendor's brand and
    sells it to universities. It must check conformity before placing it on the market (Art. 23)."""
    answers = {**EU_DEPLOYER, "org_uses_system": False, "eu_supply_chain_roles": ["importer"],
               "use_areas": ["education"], "education_uses": ["exam_monitoring"], "profiles_people": True}
    r = run(answers)
    assert r["in_scope"]
    assert role_codes(r) == ["importer"]
    s = statuses(r)
    assert s["art23-importer-checks"] == LATER
    assert s["art24-distributor-checks"] == NA
    assert s["art9-risk-management"] == NA
    assert obligation(r, "art23-importer-checks")["penalty"]["citation"].startswith("Art. 99(4)(c)")


def test_legacy_public_sector_system_must_comply_by_2030():
    """The same benefits system was already in use before the high-risk rules apply and its design does not
    change: public-authority systems still must comply by 2 August 2030 (Art. 111(2)). A private legacy system
    without design changes is not caught at all."""
    answers = {**EU_DEPLOYER, "org_type": "public_body", "use_areas": ["essential_services"],
               "service_uses": ["public_benefits"], "profiles_people": True, "eu_decisions_about_people": True,
               "eu_hr_already_on_market": True, "eu_hr_significant_design_change": False,
               "eu_intended_for_public_authorities": True}
    r = run(answers)
    o = obligation(r, "art27-fria")
    assert (o["status"], o["applies_from"]) == (LATER, "2030-08-02")
    private = run({**answers, "org_type": "private", "service_uses": ["credit_scoring"],
                   "eu_intended_for_public_authorities": False})
    assert statuses(private)["art27-fria"] == NA
    changed = run({**answers, "org_type": "private", "service_uses": ["credit_scoring"],
                   "eu_intended_for_public_authorities": False, "eu_hr_significant_design_change": True})
    assert obligation(changed, "art27-fria")["applies_from"] == "2027-12-02"


def test_military_only_system_is_out_of_scope():
    """A defence contractor's target-recognition system built exclusively for the armed forces (Art. 2(3))."""
    answers = {**EU_PROVIDER, "purpose_military_only": True, "use_areas": ["biometrics"],
               "biometric_uses": ["remote_identification"]}
    r = run(answers)
    assert r["in_scope"] is False
    assert tier_codes(r) == [] and role_codes(r) == []
    assert set(statuses(r).values()) == {NA}


def test_spreadsheet_rules_engine_is_not_an_ai_system():
    """A loan pre-check written as fixed rules by staff, with no inference: not an AI system (Art. 3(1))."""
    r = run({**EU_PROVIDER, "is_ai_system": False, "use_areas": ["essential_services"],
             "service_uses": ["credit_scoring"]})
    assert r["in_scope"] is False


def test_original_text_in_march_2026_dates_annex_iii_to_august_2026():
    """The hiring platform assessed on 2026-03-01, under the original Regulation (version 2024.1): Annex III duties
    were due from 2 August 2026, Art. 5 already applied, and the Omnibus prohibitions did not exist yet."""
    r = run(HIRING_PLATFORM, "2026-03-01")
    assert r["version"] == "2024.1"
    assert tier_codes(r) == ["high_risk_annex_iii"]
    for code in HIGH_RISK_PROVIDER_DUTIES:
        o = obligation(r, code)
        assert (o["status"], o["applies_from"]) == (LATER, "2026-08-02"), code
    codes = {o["code"] for o in r["obligations"]}
    assert "art5-1-ba-stop" not in codes and "art5-1-bb-stop" not in codes
    assert statuses(r)["art4-ai-literacy"] == NOW_


def test_non_eu_provider_whose_output_is_used_in_the_eu():
    """A US firm runs a tenant-screening service that scores EU applicants' creditworthiness for EU landlords. Its
    output is used in the EU (Art. 2(1)(c)); it must appoint an EU authorised representative (Art. 22)."""
    answers = {**EU_PROVIDER, "eu_established": False, "eu_places_on_market": False, "eu_output_used": True,
               "use_areas": ["essential_services"], "service_uses": ["credit_scoring"], "profiles_people": True}
    r = run(answers)
    assert r["in_scope"]
    assert tier_codes(r) == ["high_risk_annex_iii"]
    assert statuses(r)["art22-appoint-representative"] == LATER
    not_used = run({**answers, "eu_output_used": False})
    assert not_used["in_scope"] is False


def test_distributor_that_rebrands_a_high_risk_system_becomes_its_provider():
    """An EU reseller white-labels a vendor's exam-proctoring system for universities under its own brand
    (Annex III 3(d)). Art. 25(1)(a): it becomes the provider, with all provider duties."""
    answers = {**EU_DEPLOYER, "org_uses_system": False, "eu_supply_chain_roles": ["distributor"],
               "use_areas": ["education"], "education_uses": ["exam_monitoring"], "profiles_people": True,
               "eu_art25_changes": ["own_name"]}
    r = run(answers)
    assert set(role_codes(r)) == {"distributor", "provider"}
    s = statuses(r)
    assert s["art24-distributor-checks"] == LATER
    assert s["art43-conformity-assessment"] == LATER
    plain = run({**answers, "eu_art25_changes": []})
    assert role_codes(plain) == ["distributor"]
    assert statuses(plain)["art43-conformity-assessment"] == NA


def test_open_source_library_is_excluded_unless_it_falls_under_article_50():
    """An open-source text classifier for spam filtering is outside the Act (Art. 2(12)); an open-source chatbot is
    not, because Art. 50 applies to it."""
    answers = {**EU_PROVIDER, "open_source_release": True}
    r = run(answers)
    assert r["in_scope"] is False
    trace = {t["code"]: t for t in r["trace"] if t["kind"] == "rule"}
    assert trace["art2-12-open-source"]["fired"] is True
    chatbot = run({**answers, "interacts_with_people": True, "eu_ai_obvious": False})
    assert chatbot["in_scope"] is True
    assert statuses(chatbot)["art50-1-disclose-interaction"] == NOW_


def test_real_time_face_recognition_by_police():
    """A police force uses live facial recognition at a station. Without one of the Art. 5(1)(h) objectives and a
    national legal basis it is prohibited; with them it is allowed under the Art. 5(2)-(4) safeguards."""
    answers = {**EU_DEPLOYER, "org_type": "public_body", "use_areas": ["law_enforcement", "biometrics"],
               "law_enforcement_uses": ["realtime_remote_identification"], "biometric_uses": ["remote_identification"],
               "profiles_people": False}
    banned = run(answers)
    assert tier_codes(banned)[0] == "prohibited"
    assert statuses(banned)["art5-1-h-stop"] == NOW_
    allowed = run({**answers, "eu_rbi_objectives": ["victims"], "eu_rbi_national_law": True})
    assert "prohibited" not in tier_codes(allowed)
    assert "high_risk_annex_iii" in tier_codes(allowed)
    s = statuses(allowed)
    assert s["art5-2-rbi-safeguards"] == NOW_
    assert s["art5-3-rbi-authorisation"] == NOW_
    authorisation = next(o for o in rule_set("2026.1").document["obligations"] if o["code"] == "art5-3-rbi-authorisation")
    assert "24 hours" in authorisation["deadline"]
    assert s["art5-4-rbi-notify"] == NOW_


def test_crime_prediction_solely_from_profiling_is_prohibited_unless_it_supports_a_human_assessment():
    """A security firm scores shoppers' likelihood of shoplifting from their profile alone (Art. 5(1)(d))."""
    answers = {**EU_PROVIDER, "eu_predicts_crime_risk": True, "eu_crime_prediction_solely_profiling": True,
               "profiles_people": True}
    assert tier_codes(run(answers))[0] == "prohibited"
    carve_out = run({**answers, "eu_crime_prediction_supports_human": True})
    assert "prohibited" not in tier_codes(carve_out)


def test_small_mid_cap_relief_does_not_cover_article_5_fines():
    """Art. 99(6a) lowers the caps for small mid-caps only for Art. 99(4) and (5) fines; the penalty notes say so."""
    doc = rule_set("2026.1").document
    art5 = next(o for o in doc["obligations"] if o["code"] == "art5-1-a-stop")
    assert "99(6a)" in art5["penalty"]["summary"] and "does not" in art5["penalty"]["summary"]
    deployer = next(o for o in doc["obligations"] if o["code"] == "art26-1-use-per-instructions")
    assert "small mid-caps" in deployer["penalty"]["summary"]
    old = next(o for o in rule_set("2024.1").document["obligations"] if o["code"] == "art26-1-use-per-instructions")
    assert "mid-cap" not in old["penalty"]["summary"]


# --------------------------------------------------------------------------- coverage

ART5_CODES = [f"art5-1-{p}" for p in "abcdefgh"] + ["art5-1-ba", "art5-1-bb"]
ANNEX_III_POINTS = ["1a", "1b", "1c", "2", "3a", "3b", "3c", "3d", "4a", "4b", "5a", "5b", "5c", "5d",
                    "6a", "6b", "6c", "6d", "6e", "7a", "7b", "7c", "7d", "8a", "8b"]


@pytest.mark.parametrize("label, expected", [("2026.1", ART5_CODES), ("2024.1", ART5_CODES[:8])])
def test_every_article_5_practice_is_a_prohibited_tier_rule(label, expected):
    rules = rule_set(label).document["rules"]
    art5 = [r for r in rules if r["code"].startswith("art5-1-")]
    assert sorted(r["code"] for r in art5) == sorted(expected)
    assert all(r["assign"] == {"tier": "prohibited"} for r in art5)
    stops = {o["code"] for o in rule_set(label).document["obligations"]
             if o["code"].startswith("art5-1-") and o["code"].endswith("-stop")}
    assert stops == {c + "-stop" for c in expected}


@pytest.mark.parametrize("label", ["2026.1", "2024.1"])
def test_all_25_annex_iii_points_are_rules(label):
    rules = rule_set(label).document["rules"]
    annex = [r for r in rules if r["code"].startswith("annex-iii-")]
    assert sorted(r["code"] for r in annex) == sorted(f"annex-iii-{p}" for p in ANNEX_III_POINTS)
    assert len(annex) == 25
    assert all(r["assign"] == {"tier": "high_risk_annex_iii"} for r in annex)
    assert all(any(e["code"] == "art6-3-derogation" for e in r["unless"]) for r in annex)


@pytest.mark.parametrize("label", ["2026.1", "2024.1"])
def test_every_obligation_has_citation_source_and_confidence(label):
    doc = rule_set(label).document
    assert doc["obligations"]
    for o in doc["obligations"]:
        assert o["citation"].strip(), o["code"]
        assert o["source_url"].startswith("https://eur-lex.europa.eu/"), o["code"]
        assert o["confidence"] in ("primary", "secondary", "unverified"), o["code"]
        assert o["summary"].strip() and o["evidence"], o["code"]
    for r in doc["rules"]:
        assert r["citation"].strip() and r["confidence"] in ("primary", "secondary", "unverified"), r["code"]


@pytest.mark.parametrize("label", ["2026.1", "2024.1"])
def test_the_listed_articles_are_covered(label):
    codes = [o["code"] for o in rule_set(label).document["obligations"]]

    for art in range(8, 25):
        assert any(c.startswith(f"art{art}-") for c in codes), art
    for para in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12):
        assert any(c.startswith(f"art26-{para}-") for c in codes), para
    for para in (1, 2, 3, 4):
        assert any(c.startswith(f"art50-{para}-") for c in codes), para
    for point in "abcd":
        assert any(c.startswith(f"art53-1-{point}-") for c in codes), point
        assert any(c.startswith(f"art55-1-{point}-") for c in codes), point
    for prefix in ("art4-", "art6-4-", "art25-2-", "art25-4-", "art27-", "art43-", "art47-", "art48-", "art49-1-",
                   "art49-2-", "art49-3-", "art52-", "art54-", "art72-", "art73-", "art86-",
                   "art5-2-", "art5-3-", "art5-4-"):
        assert any(c.startswith(prefix) for c in codes), prefix
    roles = {r["code"] for r in rule_set(label).document["roles"]}
    assert roles == {"provider", "deployer", "importer", "distributor", "authorised_representative",
                     "product_manufacturer"}


@pytest.mark.parametrize("label", ["2026.1", "2024.1"])
def test_scope_exclusions_and_role_switching_are_rules(label):
    rules = {r["code"]: r for r in rule_set(label).document["rules"]}
    for code in ("art2-3-military", "art2-6-scientific-research", "art2-8-pre-market-research",
                 "art2-10-personal-use", "art2-12-open-source"):
        assert rules[code]["assign"] == {"scope": "out"}, code
    tier_precedences = [r.get("precedence", 0) for r in rules.values() if "tier" in r["assign"] and r["code"] != "minimal-default"]
    assert rules["art2-12-open-source"]["precedence"] < min(tier_precedences)
    for code in ("art25-1-a-own-name", "art25-1-b-substantial-modification", "art25-1-c-changed-purpose"):
        assert rules[code]["assign"] == {"role": "provider"}
        assert rules[code]["precedence"] < rules["annex-iii-4a"]["precedence"]


def test_serious_incident_deadlines_and_version_metadata():
    for label in ("2026.1", "2024.1"):
        doc = rule_set(label).document
        art73 = next(o for o in doc["obligations"] if o["code"] == "art73-serious-incidents")
        assert all(d in art73["deadline"] for d in ("15 days", "10 days", "2 days"))
        assert doc["version"]["last_reviewed"] == "2026-11-22"
        assert doc["version"]["sources"]
    new, old = rule_set("2026.1").version, rule_set("2024.1").version
    assert (new["status"], new["in_force_from"]) == ("published", "2026-07-27")
    assert (old["status"], old["in_force_from"], old["in_force_until"]) == ("retired", "2024-08-01", "2026-07-27")
