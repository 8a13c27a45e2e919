"""Scenario and coverage tests for the EU AI Act rule sets (frameworks/data/eu-ai-act/).

Each scenario describes one AI system in plain words, answers the questionnaire as its owner would (the shared
facts: what the organisation does and where; then the EU questions), and checks scope with its reason, tiers, roles
and the key obligations with their dates. Each cites the official example or statutory item it is built from.

Version 2026.2 (Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744, corrected encoding) is in force
from 2026-07-27 and supersedes 2026.1; version 2024.1 (the original text) applies before that date.
"""

from __future__ import annotations

import pytest

from tests.shipped import classify, role_codes, shipped_rule_sets, statuses, tier_codes

FW = "eu-ai-act"
NOW = "2026-12-03"

NOW_ = "applies_now"
LATER = "applies_later"
NA = "not_applicable"
MOOT = "moot"


def rule_set(label: str):
    matches = [rs for rs in shipped_rule_sets() if rs.framework_code == FW and rs.label == label]
    assert len(matches) == 1, f"expected exactly one {FW} {label}"
    return matches[0]


def run(answers: dict, as_of: str = NOW) -> dict:
    return classify(answers, as_of, [FW])[FW]


def obligation(result: dict, code: str) -> dict:
    return next(o for o in result["obligations"] if o["code"] == code)


def fired(result: dict, code: str) -> bool:
    return next(t for t in result["trace"] if t["kind"] == "rule" and t["code"] == code)["fired"]


def reason(result: dict) -> str:
    """The scope reason as one text, whatever its shape (text or list of explanations)."""
    value = result["scope_reason"]
    if isinstance(value, str):
        return value
    return " ".join(v if isinstance(v, str) else " ".join(str(x) for x in v.values()) for v in value)


def document(label: str = "2026.2") -> dict:
    return rule_set(label).document


# A company established in the EU that builds an AI system and sells it in the EU under its own brand.
EU_VENDOR = {
    "actor_type": "company", "established_in": ["eu"], "assessed_subject": "system",
    "trains_model": False, "builds_system": True, "uses_third_party_model": False,
    "offers_system": True, "uses_system": False, "serves_customers_with_system": False,
    "imports_or_distributes": [], "offer_markets": ["eu"], "development_markets": ["eu"], "output_markets": ["eu"],
    "is_ai_system": True, "eu_development_stage": "on_market",
}
# An EU organisation that buys a system from a vendor and uses it in its own operations in the EU.
EU_USER = {
    "actor_type": "company", "established_in": ["eu"], "assessed_subject": "system",
    "trains_model": False, "builds_system": False, "uses_third_party_model": False,
    "offers_system": False, "uses_system": True, "serves_customers_with_system": False,
    "imports_or_distributes": [], "use_markets": ["eu"], "output_markets": ["eu"],
    "is_ai_system": True, "eu_development_stage": "on_market",
}
# A lab that trains a general-purpose model and releases it (weights or API), with no application of its own.
MODEL_LAB = {
    "actor_type": "company", "established_in": ["eu"], "assessed_subject": "model_only",
    "trains_model": True, "releases_model": ["weights"], "offer_markets": ["eu", "us"],
    "development_markets": ["eu"], "output_markets": [],
    "is_ai_system": False, "is_general_purpose_model": True, "eu_gpai_model_origin": "own",
    "eu_development_stage": "on_market", "eu_gpai_placed_before_2025_08_02": False,
}

HIGH_RISK_PROVIDER_DUTIES = [
    "art9-risk-management", "art10-data-governance", "art11-technical-documentation", "art12-record-keeping",
    "art13-instructions-for-use", "art14-human-oversight", "art15-accuracy-robustness-cybersecurity",
    "art17-quality-management-system", "art43-conformity-assessment", "art47-eu-declaration", "art48-ce-marking",
    "art72-post-market-monitoring", "art73-serious-incidents",
]


# --------------------------------------------------------------------------- high-risk classification


def test_cv_parser_doing_a_narrow_procedural_task_is_not_high_risk():
    """Art. 6(3)(a) and recital 53's example of a narrow procedural task (turning unstructured data into structured
    data): a recruitment tool that only converts CVs into records, without ranking anyone. Annex III point 4(a) area,
    but not high-risk; the provider documents the assessment (Art. 6(4)) and registers it (Art. 49(2))."""
    answers = {**EU_VENDOR, "sensitive_areas": ["employment"], "employment_uses": ["recruitment"],
               "profiles_people": False, "eu_art6_3_conditions": ["narrow_procedural_task"],
               "eu_art6_3_no_significant_risk": True}
    r = run(answers)
    assert r["in_scope"] and fired(r, "art2-1-a-system-provider") and "EU market" in reason(r)
    assert tier_codes(r) == ["annex_iii_not_high_risk"]
    assert role_codes(r) == ["provider"]
    s = statuses(r)
    assert s["art9-risk-management"] == NA
    assert (s["art6-4-document-assessment"], obligation(r, "art6-4-document-assessment")["applies_from"]) == (LATER, "2027-12-02")
    assert s["art49-2-register-exempt-system"] == LATER
    assert obligation(r, "art49-2-register-exempt-system")["confidence"] == "unverified"
    trace = next(t for t in r["trace"] if t["kind"] == "rule" and t["code"] == "annex-iii-4a")
    assert trace["fired"] is False
    assert any(e["code"] == "art6-3-derogation" and e["applies"] for e in trace["exceptions"])


def test_the_same_cv_tool_that_ranks_candidates_is_high_risk_because_it_profiles():
    """Art. 6(3), third subparagraph: an Annex III system that profiles natural persons is always high-risk. The CV
    tool now scores candidates' suitability (Annex III point 4(a)). Chapter III applies to it from 2 December 2027
    (Art. 113, third paragraph, point (c)(i) as amended)."""
    answers = {**EU_VENDOR, "sensitive_areas": ["employment"], "employment_uses": ["recruitment"],
               "profiles_people": True, "eu_art6_3_conditions": ["narrow_procedural_task"],
               "eu_art6_3_no_significant_risk": True}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_iii"]
    assert role_codes(r) == ["provider"]
    s = statuses(r)
    for code in HIGH_RISK_PROVIDER_DUTIES:
        assert s[code] == LATER, code
        assert obligation(r, code)["applies_from"] == "2027-12-02", code
    assert s["art6-4-document-assessment"] == NA
    assert s["art4-ai-literacy"] == NOW_
    assert statuses(run(answers, "2028-01-01"))["art9-risk-management"] == NOW_


def test_bank_fraud_detection_is_not_high_risk():
    """Annex III point 5(b) excludes 'AI systems used for the purpose of detecting financial fraud': a bank using a
    vendor's model to flag suspicious card transactions is not high-risk and owes no FRIA; AI literacy applies."""
    answers = {**EU_USER, "sensitive_areas": ["essential_services"], "service_uses": ["fraud_detection"],
               "profiles_people": True}
    r = run(answers)
    assert tier_codes(r) == ["minimal"]
    assert role_codes(r) == ["deployer"]
    assert r["in_scope"] and fired(r, "art2-1-b-deployer-in-eu")
    s = statuses(r)
    assert s["art27-fria"] == NA and s["art26-1-use-per-instructions"] == NA
    assert s["art4-ai-literacy"] == NOW_
    trace = next(t for t in r["trace"] if t["kind"] == "rule" and t["code"] == "annex-iii-5b")
    assert any(e["code"] == "annex-iii-5b-fraud-detection-only" and e["applies"] for e in trace["exceptions"])


def test_bank_credit_scoring_is_high_risk_and_the_deployer_owes_a_fria():
    """Annex III point 5(b) and Art. 27(1): every deployer of a creditworthiness system owes a fundamental rights
    impact assessment, even a private bank; it informs applicants (Art. 26(11)) and explains decisions (Art. 86)."""
    answers = {**EU_USER, "sensitive_areas": ["essential_services"], "service_uses": ["credit_scoring", "fraud_detection"],
               "profiles_people": True, "eu_decisions_about_people": True}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_iii"]
    assert role_codes(r) == ["deployer"]
    s = statuses(r)
    for code in ("art27-fria", "art26-11-inform-affected-persons", "art86-explanation", "art26-2-human-oversight"):
        assert (s[code], obligation(r, code)["applies_from"]) == (LATER, "2027-12-02"), code
    assert s["art26-8-public-registration"] == NA  # not a public authority
    assert s["art9-risk-management"] == NA  # provider duty
    assert statuses(run(answers, "2028-01-01"))["art27-fria"] == NOW_


def test_water_utility_safety_system_is_high_risk_but_owes_no_fria():
    """Annex III point 2 (safety component in the supply of water); Art. 27(1) excludes point 2 from the FRIA and
    Art. 49(1) from EU-database registration. Nuclear facilities are not listed in point 2."""
    answers = {**EU_USER, "actor_type": "public_service_provider", "sensitive_areas": ["critical_infrastructure"],
               "infrastructure_sectors": ["water"], "infrastructure_safety_component": True, "profiles_people": False}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_iii"]
    s = statuses(r)
    assert s["art27-fria"] == NA
    assert s["art26-2-human-oversight"] == LATER
    nuclear = run({**answers, "infrastructure_sectors": ["nuclear"]})
    assert "high_risk_annex_iii" not in tier_codes(nuclear)


def test_city_benefits_agency_owes_fria_and_registration():
    """Annex III point 5(a) (eligibility for public assistance, used by public authorities), Art. 27(1) (bodies
    governed by public law), Arts. 26(8) and 49(3) (public authorities register their use), Art. 26(11), Art. 86."""
    answers = {**EU_USER, "actor_type": "public_body", "sensitive_areas": ["essential_services", "public_administration"],
               "service_uses": ["public_benefits"], "profiles_people": True, "eu_decisions_about_people": True}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_iii"]
    s = statuses(r)
    for code in ("art27-fria", "art26-8-public-registration", "art49-3-register-use",
                 "art26-11-inform-affected-persons", "art86-explanation"):
        assert (s[code], obligation(r, code)["applies_from"]) == (LATER, "2027-12-02"), code


def test_legacy_public_sector_system_must_comply_by_2030_and_private_legacy_is_not_caught():
    """Art. 111(2) as amended: a high-risk system already on the market before the Chapter III date is caught only
    after significant design changes, but systems intended for public authorities must comply by 2 August 2030."""
    answers = {**EU_USER, "actor_type": "public_body", "sensitive_areas": ["essential_services"],
               "service_uses": ["public_benefits"], "profiles_people": True, "eu_decisions_about_people": True,
               "eu_hr_already_on_market": True, "eu_hr_significant_design_change": False,
               "eu_intended_for_public_authorities": True}
    r = run(answers)
    assert (statuses(r)["art27-fria"], obligation(r, "art27-fria")["applies_from"]) == (LATER, "2030-08-02")
    private = {**answers, "actor_type": "company", "service_uses": ["credit_scoring"],
               "eu_intended_for_public_authorities": False}
    assert statuses(run(private))["art27-fria"] == NA
    changed = run({**private, "eu_hr_significant_design_change": True})
    assert obligation(changed, "art27-fria")["applies_from"] == "2027-12-02"


def test_medical_device_safety_component_applies_from_august_2028():
    """Art. 6(1) and Annex I Section A point 11 (Regulation (EU) 2017/745): an arrhythmia-detection module in a class
    IIb device needing a notified body. Provider duties from 2 August 2028 (Art. 113(c)(ii)); no FRIA, no EU-database
    registration (Annex III only)."""
    answers = {**EU_VENDOR, "eu_operator_roles": ["product_manufacturer"], "sensitive_areas": ["medical_devices"],
               "eu_annex_i_legislation": ["medical_devices"], "eu_annex_i_role": "safety_component",
               "eu_annex_i_non_safety_use": False, "eu_annex_i_third_party": True,
               "eu_annex_i_third_party_non_safety_only": False}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_i"]
    assert set(role_codes(r)) == {"provider", "product_manufacturer"}
    for code in ("art9-risk-management", "art43-conformity-assessment", "art72-post-market-monitoring"):
        assert (statuses(r)[code], obligation(r, code)["applies_from"]) == (LATER, "2028-08-02"), code
    assert statuses(r)["art27-fria"] == NA
    assert statuses(r)["art49-1-register-system"] == NA


def test_lift_efficiency_optimiser_is_not_a_safety_component():
    """Art. 6(1a)-(1b) as inserted by Regulation (EU) 2026/1744: an AI that only schedules lift cars to cut waiting
    times (performance optimisation) is not a safety component, unless its failure would endanger health and safety."""
    answers = {**EU_VENDOR, "eu_annex_i_legislation": ["lifts"], "eu_annex_i_role": "safety_component",
               "eu_annex_i_non_safety_use": True, "eu_annex_i_failure_endangers": False,
               "eu_annex_i_third_party": True, "eu_annex_i_third_party_non_safety_only": False}
    assert tier_codes(run(answers)) == ["minimal"]
    assert tier_codes(run({**answers, "eu_annex_i_failure_endangers": True})) == ["high_risk_annex_i"]


def test_machinery_moved_to_annex_i_section_b():
    """Annex I point 21 (Regulation (EU) 2023/1230) was added to Section B by Regulation (EU) 2026/1744: a cobot's
    collision-avoidance module gets only the Art. 2(2) sectoral route, not the Chapter III duties."""
    answers = {**EU_VENDOR, "eu_annex_i_legislation": ["machinery"], "eu_annex_i_role": "safety_component",
               "eu_annex_i_third_party": True, "eu_annex_i_non_safety_use": False,
               "eu_annex_i_third_party_non_safety_only": False}
    r = run(answers)
    assert tier_codes(r) == ["high_risk_annex_i_b"]
    assert statuses(r)["art2-2-annex-i-section-b"] == LATER
    assert statuses(r)["art9-risk-management"] == NA


# --------------------------------------------------------------------------- prohibited practices lead


def test_call_centre_tracking_its_employees_emotions_is_prohibited_and_other_duties_are_moot():
    """Commission Guidelines on prohibited AI practices, C(2025) 884, Art. 5(1)(f) examples: 'using webcams and voice
    recognition systems by a call centre to track their employees' emotions, such as anger, is prohibited'. The ban
    leads: high-risk, transparency and AI-literacy duties that assume lawful use are moot."""
    answers = {**EU_USER, "sensitive_areas": ["biometrics", "employment"], "biometric_uses": ["emotion_recognition"],
               "emotion_recognition_settings": ["workplace"], "emotion_recognition_medical_or_safety": False,
               "employment_uses": ["performance_monitoring"], "profiles_people": True, "eu_affects_own_workers": True}
    r = run(answers)
    assert tier_codes(r)[0] == "prohibited"
    stop = obligation(r, "art5-1-f-stop")
    assert (stop["status"], stop["applies_from"]) == (NOW_, "2025-02-02")
    assert stop["penalty"]["max_amount"] == 35000000 and stop["penalty"]["max_turnover_percent"] == 7
    s = statuses(r)
    for code in ("art26-7-inform-workers", "art26-2-human-oversight", "art50-3-inform-exposed-persons", "art4-ai-literacy"):
        assert s[code] == MOOT, code
    assert "Art. 5" in obligation(r, "art50-3-inform-exposed-persons")["reason"]


def test_call_centre_tracking_customers_emotions_is_not_prohibited():
    """Same guidelines: 'using voice recognition systems by a call centre to track their customers' emotions ... is
    not prohibited by Article 5(1)(f)'. It is high-risk emotion recognition (Annex III point 1(c)) and people exposed
    to it must be told (Art. 50(3), applicable since 2 August 2026)."""
    answers = {**EU_USER, "sensitive_areas": ["biometrics"], "biometric_uses": ["emotion_recognition"],
               "emotion_recognition_settings": ["other"], "emotion_recognition_medical_or_safety": False,
               "profiles_people": False}
    r = run(answers)
    assert "prohibited" not in tier_codes(r)
    assert set(tier_codes(r)) == {"high_risk_annex_iii", "transparency"}
    s = statuses(r)
    assert s["art5-1-f-stop"] == NA
    assert (s["art50-3-inform-exposed-persons"], obligation(r, "art50-3-inform-exposed-persons")["applies_from"]) == (NOW_, "2026-08-02")


def test_driver_fatigue_detection_for_safety_is_not_prohibited():
    """Art. 5(1)(f) excepts emotion recognition 'intended ... for medical or safety reasons': a haulier monitoring its
    drivers for drowsiness. Allowed, but high-risk (Annex III 1(c)); workers must be informed first (Art. 26(7))."""
    answers = {**EU_USER, "sensitive_areas": ["biometrics"], "biometric_uses": ["emotion_recognition"],
               "emotion_recognition_settings": ["workplace"], "emotion_recognition_medical_or_safety": True,
               "eu_affects_own_workers": True, "profiles_people": False}
    r = run(answers)
    assert "prohibited" not in tier_codes(r)
    s = statuses(r)
    assert s["art5-1-f-stop"] == NA
    assert s["art50-3-inform-exposed-persons"] == NOW_
    assert s["art26-7-inform-workers"] == LATER


def test_nudify_app_is_prohibited_from_december_2026():
    """Art. 5(1)(ba) with Art. 5(1a)(a)(i), applicable from 2 December 2026 (Art. 113(a) as amended): an app whose
    intended purpose is to 'undress' photos of real people. Its Art. 50 duties are moot: the ban leads."""
    answers = {**EU_VENDOR, "interacts_with_people": True, "generates_content": True, "generated_media": ["image"],
               "produces_deepfakes": True, "eu_ai_obvious": True, "eu_assistive_editing_only": False,
               "eu_generative_placed_before_2026_08_02": False,
               "eu_intimate_imagery": ["intended_purpose"], "eu_intimate_imagery_consent": False, "eu_csam": []}
    before = run(answers, "2026-11-22")
    o = obligation(before, "art5-1-ba-stop")
    assert (o["status"], o["applies_from"]) == (LATER, "2026-12-02")
    r = run(answers)
    assert tier_codes(r)[0] == "prohibited"
    assert statuses(r)["art5-1-ba-stop"] == NOW_
    assert statuses(r)["art50-2-mark-synthetic-content"] == MOOT
    safeguarded = {k: v for k, v in answers.items() if k != "eu_intimate_imagery_consent"}
    assert "prohibited" not in tier_codes(run({**safeguarded, "eu_intimate_imagery": []}))


def test_csam_generation_is_prohibited_unless_a_without_right_defence_applies():
    """Art. 5(1)(bb) as inserted: 'except where a "without right" defence applies under national law'. A system that
    generates such material by design is banned from 2 December 2026; the statutory defence takes it out of the ban."""
    answers = {**EU_VENDOR, "generates_content": True, "generated_media": ["image"], "produces_deepfakes": True,
               "eu_assistive_editing_only": False, "eu_generative_placed_before_2026_08_02": False,
               "eu_intimate_imagery": [], "eu_csam": ["intended_purpose"], "eu_csam_without_right": False}
    r = run(answers)
    assert tier_codes(r)[0] == "prohibited"
    assert statuses(r)["art5-1-bb-stop"] == NOW_
    assert obligation(r, "art5-1-bb-stop")["confidence"] == "primary"
    defence = run({**answers, "eu_csam_without_right": True})
    assert "prohibited" not in tier_codes(defence)
    assert statuses(defence)["art5-1-bb-stop"] == NA


def test_real_time_face_recognition_by_police():
    """Art. 5(1)(h) and 5(2)-(5): live facial recognition by a police force is prohibited unless strictly necessary for
    a listed objective under a national law; then the Art. 5(2)-(4) safeguards apply (24-hour urgency window)."""
    answers = {**EU_USER, "actor_type": "public_body", "sensitive_areas": ["law_enforcement", "biometrics"],
               "law_enforcement_uses": ["realtime_remote_identification"], "biometric_uses": ["remote_identification"],
               "profiles_people": False}
    banned = run(answers)
    assert tier_codes(banned)[0] == "prohibited"
    assert statuses(banned)["art5-1-h-stop"] == NOW_
    allowed = run({**answers, "eu_rbi_objectives": ["victims"], "eu_rbi_national_law": True})
    assert "prohibited" not in tier_codes(allowed) and "high_risk_annex_iii" in tier_codes(allowed)
    s = statuses(allowed)
    assert s["art5-2-rbi-safeguards"] == s["art5-3-rbi-authorisation"] == s["art5-4-rbi-notify"] == NOW_
    authorisation = next(o for o in document()["obligations"] if o["code"] == "art5-3-rbi-authorisation")
    assert "24 hours" in authorisation["deadline"]


def test_crime_prediction_solely_from_profiling_is_prohibited_unless_it_supports_a_human_assessment():
    """Art. 5(1)(d): a security firm scoring shoppers' likelihood of shoplifting from their profile alone is banned;
    the proviso for systems supporting a human assessment based on objective, verifiable facts lifts the ban."""
    answers = {**EU_VENDOR, "eu_predicts_crime_risk": True, "eu_crime_prediction_solely_profiling": True,
               "profiles_people": True}
    assert tier_codes(run(answers))[0] == "prohibited"
    assert "prohibited" not in tier_codes(run({**answers, "eu_crime_prediction_supports_human": True}))


# --------------------------------------------------------------------------- transparency (Art. 50)


def test_customer_service_chatbot_provider_must_disclose_ai_now():
    """Art. 50(1) and (2), applicable since 2 August 2026 (Art. 113, second paragraph): a software firm sells a
    customer-service chatbot launched in September 2026; no grace period under Art. 111(4)."""
    answers = {**EU_VENDOR, "interacts_with_people": True, "generates_content": True, "generated_media": ["text"],
               "produces_deepfakes": False, "eu_ai_obvious": False, "eu_assistive_editing_only": False,
               "eu_generative_placed_before_2026_08_02": False}
    r = run(answers)
    assert tier_codes(r) == ["transparency"]
    for code in ("art50-1-disclose-interaction", "art50-2-mark-synthetic-content"):
        assert (statuses(r)[code], obligation(r, code)["applies_from"]) == (NOW_, "2026-08-02"), code
    assert obligation(r, "art50-1-disclose-interaction")["penalty"]["max_amount"] == 15000000


def test_generator_placed_on_the_market_before_august_2026_had_until_2_december_2026():
    """Art. 111(4) as inserted by Regulation (EU) 2026/1744: providers of generative systems 'placed on the market
    before 2 August 2026' comply with Art. 50(2) by 2 December 2026. Checked before and after that date."""
    answers = {**EU_VENDOR, "interacts_with_people": True, "generates_content": True, "generated_media": ["image"],
               "produces_deepfakes": True, "eu_ai_obvious": True, "eu_assistive_editing_only": False,
               "eu_generative_placed_before_2026_08_02": True, "eu_intimate_imagery": [], "eu_csam": []}
    o = obligation(run(answers, "2026-11-22"), "art50-2-mark-synthetic-content")
    assert (o["status"], o["applies_from"]) == (LATER, "2026-12-02")
    assert "placed on the market" in o["date_citation"]
    assert statuses(run(answers))["art50-2-mark-synthetic-content"] == NOW_
    assert statuses(run(answers))["art50-1-disclose-interaction"] == NA  # obvious from context


def test_in_house_generator_put_into_service_before_august_2026_gets_no_grace():
    """Art. 111(4) covers systems placed on the market, not systems only put into service (Art. 3(11)): a bank that
    built an image generator for its own marketing team in 2025 owes Art. 50(2) marking from 2 August 2026. The
    grace question is not even asked of a provider that does not offer the system to others."""
    answers = {**EU_USER, "builds_system": True, "generates_content": True, "generated_media": ["image"],
               "produces_deepfakes": False, "eu_assistive_editing_only": False, "eu_intimate_imagery": [], "eu_csam": []}
    r = run(answers, "2026-11-22")
    assert set(role_codes(r)) == {"provider", "deployer"}
    o = obligation(r, "art50-2-mark-synthetic-content")
    assert (o["status"], o["applies_from"]) == (NOW_, "2026-08-02")
    doc = document()
    texts = " ".join(q["help"] for s in doc["sections"] for q in s["questions"] if q["code"].startswith("eu_generative"))
    assert "had until" not in texts and "put into service" in texts


# --------------------------------------------------------------------------- general-purpose AI models


def test_unknown_placing_date_assumes_no_grace_and_is_flagged():
    """Art. 111(4): a provider that does not know whether its generator was placed on the EU market before 2 August
    2026 answers "I don't know"; the result assumes it was not (marking due from 2 August 2026) and says so."""
    answers = {**EU_VENDOR, "generates_content": True, "generated_media": ["audio"], "produces_deepfakes": True,
               "eu_assistive_editing_only": False, "eu_generative_placed_before_2026_08_02": "unknown",
               "eu_intimate_imagery": [], "eu_csam": []}
    r = run(answers, "2026-11-22")
    o = obligation(r, "art50-2-mark-synthetic-content")
    assert (o["status"], o["applies_from"]) == (NOW_, "2026-08-02")
    assert any(a["question"] == "eu_generative_placed_before_2026_08_02" and a["value"] is False for a in r["assumed"])


def test_lab_offering_its_own_chatbot_on_its_own_model_holds_both_roles():
    """Recital 97: when a model provider integrates its own general-purpose model into its own AI system made
    available on the market, the model is placed on the market too, and the model duties apply in addition to the
    system duties. An EU lab offers a chat assistant built on its own 2e24 FLOP model, and no weights or API."""
    answers = {**EU_VENDOR, "assessed_subject": "system_and_model", "trains_model": True, "releases_model": [],
               "is_general_purpose_model": True, "eu_gpai_model_origin": "own", "training_compute_flop": 2e24,
               "eu_gpai_high_impact": False, "eu_gpai_designated": False, "eu_gpai_placed_before_2025_08_02": False,
               "interacts_with_people": True, "eu_ai_obvious": False, "generates_content": True,
               "generated_media": ["text"], "produces_deepfakes": False, "eu_assistive_editing_only": False,
               "eu_generative_placed_before_2026_08_02": False, "eu_intimate_imagery": [], "eu_csam": []}
    r = run(answers)
    assert set(role_codes(r)) == {"provider", "model_provider"}
    assert set(tier_codes(r)) == {"gpai", "transparency"}
    s = statuses(r)
    for code in ("art53-1-a-technical-documentation", "art50-1-disclose-interaction", "art50-2-mark-synthetic-content",
                 "art4-ai-literacy"):
        assert s[code] == NOW_, code


def test_open_weights_model_below_the_threshold_owes_chapter_v_only():
    """Art. 53(1)-(2): a lab releases an open-weights language model (3e24 FLOP) under an open-source licence, with no
    application of its own. It is a general-purpose model provider: (c) copyright policy and (d) training summary apply,
    (a) and (b) do not. A model is not an AI system (recital 97): no Art. 4, no Art. 50(2), no transparency tier."""
    r = run({**MODEL_LAB, "open_source_release": True, "training_compute_flop": 3e24})
    assert r["in_scope"] and fired(r, "art2-1-a-model-provider")
    assert tier_codes(r) == ["gpai"]
    assert role_codes(r) == ["model_provider"]
    s = statuses(r)
    assert s["art53-1-a-technical-documentation"] == NA and s["art53-1-b-downstream-information"] == NA
    assert s["art53-1-c-copyright-policy"] == NOW_ and s["art53-1-d-training-content-summary"] == NOW_
    assert s["art4-ai-literacy"] == NA and s["art50-2-mark-synthetic-content"] == NA
    assert s["art55-1-a-model-evaluation"] == NA and s["art52-notify-commission"] == NA


def test_open_weights_model_above_the_threshold_has_systemic_risk_and_no_exemption():
    """Art. 51(2): more than 10^25 FLOP presumes high-impact capabilities, so the model has systemic risk and the
    Art. 53(2) open-source exemption falls away; Art. 52 notification and Art. 55 duties apply."""
    r = run({**MODEL_LAB, "open_source_release": True, "training_compute_flop": 4e25,
             "eu_gpai_high_impact": False, "eu_gpai_designated": False})
    assert set(tier_codes(r)) == {"gpai", "gpai_systemic_risk"}
    s = statuses(r)
    for code in ("art53-1-a-technical-documentation", "art55-1-a-model-evaluation", "art55-1-b-systemic-risk-mitigation",
                 "art55-1-c-serious-incidents", "art55-1-d-cybersecurity", "art52-notify-commission"):
        assert s[code] == NOW_, code
    assert "two weeks" in obligation(r, "art52-notify-commission")["title"] + next(
        o for o in document()["obligations"] if o["code"] == "art52-notify-commission")["deadline"]


def test_non_eu_model_api_on_the_market_since_2024_and_its_representative():
    """Art. 111(3): models placed on the market before 2 August 2025 comply by 2 August 2027. A US lab offers its
    model through an API to EU developers (placing on the market, GPAI guidelines C(2025) 5045). Art. 54: it must
    appoint an EU authorised representative; once appointed, it must enable it. Art. 101 fines from 2 August 2026."""
    answers = {**MODEL_LAB, "established_in": ["us"], "releases_model": ["api"], "open_source_release": False,
               "training_compute_flop": 5e24, "eu_gpai_placed_before_2025_08_02": True,
               "eu_authorised_rep_appointed": False}
    r = run(answers)
    assert fired(r, "art2-1-a-model-provider")
    o = obligation(r, "art53-1-a-technical-documentation")
    assert (o["status"], o["applies_from"]) == (LATER, "2027-08-02")
    assert statuses(r)["art54-authorised-representative"] == LATER
    assert statuses(r)["art54-2-enable-representative"] == NA
    assert "second paragraph" in o["penalty"]["summary"] and "excludes Art. 101" in o["penalty"]["summary"]
    appointed = statuses(run({**answers, "eu_authorised_rep_appointed": True}))
    assert appointed["art54-authorised-representative"] == NA and appointed["art54-2-enable-representative"] == LATER


def test_fine_tuner_below_one_third_compute_is_not_the_model_provider():
    """GPAI guidelines C(2025) 5045: a downstream modifier becomes provider of the modified model only if the
    modification uses more than a third of the original training compute. An EU start-up fine-tunes an open model
    lightly and sells a legal-drafting assistant built on it: provider of the AI system (Art. 3(3), 3(68)), not of a
    general-purpose model, so Art. 50 and Art. 4 apply and Chapter V does not."""
    answers = {**EU_VENDOR, "trains_model": True, "uses_third_party_model": True, "releases_model": [],
               "is_general_purpose_model": True, "eu_gpai_model_origin": "modified_minor",
               "interacts_with_people": True, "eu_ai_obvious": False, "generates_content": True,
               "generated_media": ["text"], "produces_deepfakes": False, "eu_assistive_editing_only": False,
               "eu_generative_placed_before_2026_08_02": False, "eu_intimate_imagery": [], "eu_csam": []}
    r = run(answers)
    assert role_codes(r) == ["provider"]
    assert "gpai" not in tier_codes(r) and "transparency" in tier_codes(r)
    s = statuses(r)
    assert s["art53-1-c-copyright-policy"] == NA and s["art50-1-disclose-interaction"] == NOW_ and s["art4-ai-literacy"] == NOW_


def test_deployer_of_a_general_purpose_system_is_asked_about_the_model_but_owes_no_model_duties():
    """Chapter V binds providers of general-purpose AI models (Art. 53(1)); a company using a general-purpose chat
    assistant internally is a deployer (Art. 3(4)). The model question is visible to it (a deployer may hold such a
    model); answering it gives no model tier and no Chapter V duty."""
    r = run({**EU_USER, "is_general_purpose_model": True, "interacts_with_people": True, "eu_ai_obvious": True,
             "generates_content": True, "generated_media": ["text"], "produces_deepfakes": False,
             "eu_assistive_editing_only": False, "eu_intimate_imagery": [], "eu_csam": []})
    assert role_codes(r) == ["deployer"]
    assert "gpai" not in tier_codes(r)
    assert statuses(r)["art53-1-a-technical-documentation"] == NA


# --------------------------------------------------------------------------- territorial and personal scope


def test_non_eu_provider_whose_output_is_used_in_the_eu():
    """Art. 2(1)(c) and recital 22: a US firm scores EU tenants' creditworthiness for EU landlords from the US without
    offering the system in the EU. Its output is used in the EU, so it is in scope; it must appoint an EU authorised
    representative (Art. 22(1)). Without EU output, it is outside the Act with the framework's reason."""
    answers = {**EU_VENDOR, "established_in": ["us"], "offer_markets": ["us"], "output_markets": ["eu"],
               "sensitive_areas": ["essential_services"], "service_uses": ["credit_scoring"], "profiles_people": True,
               "eu_authorised_rep_appointed": False}
    r = run(answers)
    assert r["in_scope"] and fired(r, "art2-1-c-output-used-in-eu")
    assert "output" in reason(r)
    assert tier_codes(r) == ["high_risk_annex_iii"]
    assert statuses(r)["art22-appoint-representative"] == LATER
    outside = run({**answers, "output_markets": ["us"]})
    assert outside["in_scope"] is False
    assert "EU market" in reason(outside) or "EU" in reason(outside)


def test_us_company_using_ai_only_in_the_us_is_outside_the_act():
    """Art. 2(1)(b)-(c): a deployer established and using the system only outside the EU, whose output is not used in
    the EU, is not reached; the result says so plainly."""
    answers = {**EU_USER, "established_in": ["us"], "use_markets": ["us"], "output_markets": ["us"]}
    r = run(answers)
    assert r["in_scope"] is False
    assert tier_codes(r) == [] and role_codes(r) == []
    assert set(statuses(r).values()) == {NA}
    assert reason(r)


def test_eu_importer_of_a_us_proctoring_system():
    """Art. 3(6) and Art. 23: a Dutch company imports a US vendor's exam-proctoring system (Annex III point 3(d)) under
    the vendor's brand and sells it to universities; it checks conformity before placing it on the market."""
    answers = {**EU_USER, "uses_system": False, "imports_or_distributes": ["imports"], "offer_markets": ["eu"],
               "sensitive_areas": ["education"], "education_uses": ["exam_monitoring"], "profiles_people": True}
    answers.pop("use_markets")
    r = run(answers)
    assert r["in_scope"] and fired(r, "art2-1-d-importer")
    assert role_codes(r) == ["importer"]
    s = statuses(r)
    assert s["art23-importer-checks"] == LATER and s["art24-distributor-checks"] == NA and s["art9-risk-management"] == NA
    assert obligation(r, "art23-importer-checks")["penalty"]["citation"].startswith("Art. 99(4)(c)")


def test_distributor_that_rebrands_a_high_risk_system_becomes_its_provider():
    """Art. 25(1)(a): an EU reseller white-labels a vendor's exam-proctoring system under its own brand; it becomes the
    provider with all provider duties. The original provider then owes the cooperation of Art. 25(2) as amended."""
    answers = {**EU_USER, "uses_system": False, "imports_or_distributes": ["distributes"], "offer_markets": ["eu"],
               "sensitive_areas": ["education"], "education_uses": ["exam_monitoring"], "profiles_people": True,
               "eu_art25_changes": ["own_name"]}
    answers.pop("use_markets")
    r = run(answers)
    assert set(role_codes(r)) == {"distributor", "provider"}
    assert statuses(r)["art43-conformity-assessment"] == LATER
    plain = run({**answers, "eu_art25_changes": []})
    assert role_codes(plain) == ["distributor"] and statuses(plain)["art43-conformity-assessment"] == NA
    coop = next(o for o in document()["obligations"] if o["code"] == "art25-2-cooperate-new-provider")
    assert coop["confidence"] == "primary"
    assert all(w in coop["summary"] for w in ("known limitations and failure modes", "testing and validation", "Art. 16"))


def test_open_source_system_is_excluded_for_its_deployer_too_unless_article_50_applies():
    """Art. 2(12): 'AI systems released under free and open-source licences' are outside the Act unless high-risk or
    under Art. 5 or 50 - for whoever holds them, not only their developer. An EU firm using an unmodified open-source
    spam classifier is outside; an open-source chatbot it offers to the public is not (Art. 50(1))."""
    answers = {**EU_USER, "open_source_release": True}
    r = run(answers)
    assert r["in_scope"] is False and fired(r, "art2-12-open-source")
    assert "open-source" in reason(r)
    chatbot = run({**EU_VENDOR, "open_source_release": True, "interacts_with_people": True, "eu_ai_obvious": False})
    assert chatbot["in_scope"] and statuses(chatbot)["art50-1-disclose-interaction"] == NOW_
    hiring = run({**answers, "sensitive_areas": ["employment"], "employment_uses": ["recruitment"], "profiles_people": True})
    assert hiring["in_scope"] and "high_risk_annex_iii" in tier_codes(hiring)


def test_military_only_system_is_out_of_scope():
    """Art. 2(3), second subparagraph: a target-recognition system built exclusively for the armed forces."""
    r = run({**EU_VENDOR, "purpose_military_only": True, "sensitive_areas": ["biometrics"],
             "biometric_uses": ["remote_identification"]})
    assert r["in_scope"] is False and "military" in reason(r)
    assert tier_codes(r) == [] and set(statuses(r).values()) == {NA}


def test_third_country_police_under_a_cooperation_agreement_is_out_of_scope():
    """Art. 2(4): a non-EU police authority uses an AI system to analyse evidence exchanged with an EU Member State
    under a judicial-cooperation agreement with adequate safeguards: the Act does not apply to it. Without the
    agreement, its use of output in the EU would bring it in (Art. 2(1)(c))."""
    answers = {**EU_USER, "actor_type": "public_body", "established_in": ["other"], "use_markets": ["other"],
               "output_markets": ["eu"], "sensitive_areas": ["law_enforcement"],
               "law_enforcement_uses": ["evidence_reliability"], "profiles_people": False,
               "eu_third_country_cooperation": True}
    r = run(answers)
    assert r["in_scope"] is False and fired(r, "art2-4-third-country-authority")
    assert run({**answers, "eu_third_country_cooperation": False})["in_scope"] is True


def test_research_only_model_is_out_of_scope():
    """Art. 2(6): a university builds a protein-folding system solely for scientific research and development."""
    r = run({**EU_USER, "builds_system": True, "purpose_research_only": True})
    assert r["in_scope"] is False and fired(r, "art2-6-scientific-research")


def test_pre_market_research_shows_the_duties_from_the_planned_launch():
    """Art. 2(8): research, testing and development before placing on the market is outside the Act, but the system
    is not hidden: an EU start-up still in lab testing of a CV-ranking tool it plans to sell in the EU sees the
    high-risk duties that will bind it from launch, with a reason saying so."""
    answers = {**EU_VENDOR, "eu_development_stage": "pre_market", "sensitive_areas": ["employment"],
               "employment_uses": ["recruitment"], "profiles_people": True}
    r = run(answers)
    assert r["in_scope"] and fired(r, "art2-8-planned-launch")
    assert "Art. 2(8)" in reason(r) or "launch" in reason(r)
    assert tier_codes(r) == ["high_risk_annex_iii"]
    assert statuses(r)["art11-technical-documentation"] == LATER


def test_personal_non_professional_use_is_out_of_scope():
    """Art. 2(10): a private individual using a photo-editing app at home has no deployer duties."""
    answers = {"actor_type": "natural_person", "established_in": ["eu"], "assessed_subject": "system",
               "trains_model": False, "builds_system": False, "uses_third_party_model": False, "offers_system": False,
               "uses_system": False, "serves_customers_with_system": False, "imports_or_distributes": [],
               "output_markets": ["eu"], "is_ai_system": True, "eu_development_stage": "on_market",
               "eu_personal_non_professional": True}
    r = run(answers)
    assert r["in_scope"] is False and fired(r, "art2-10-personal-use")


def test_spreadsheet_rules_engine_is_not_an_ai_system():
    """Commission Guidelines on the definition of an AI system (Art. 3(1), recital 12): systems based on rules defined
    solely by people to execute operations automatically do not infer; a loan pre-check written as fixed rules."""
    r = run({**EU_VENDOR, "is_ai_system": False, "sensitive_areas": ["essential_services"],
             "service_uses": ["credit_scoring"]})
    assert r["in_scope"] is False and fired(r, "art3-1-not-ai-system")


def test_a_kr_only_recruitment_use_does_not_make_the_eu_result_high_risk():
    """Per-market answers: a vendor sells a chatbot in the EU and Korea but its CV-screening feature only to Korean
    employers. The EU result reads only the EU market's sensitive uses (Annex III applies to the use in the EU)."""
    answers = {**EU_VENDOR, "offer_markets": ["eu", "kr"], "output_markets": ["eu", "kr"],
               "sensitive_areas": {"kr": ["employment"], "eu": []}, "profiles_people": True}
    r = run(answers)
    assert "high_risk_annex_iii" not in tier_codes(r)
    both = run({**answers, "sensitive_areas": ["employment"], "employment_uses": ["recruitment"]})
    assert "high_risk_annex_iii" in tier_codes(both)


# --------------------------------------------------------------------------- statutory details and structure


def test_serious_incident_deadlines_small_mid_cap_and_version_metadata():
    """Art. 73(2)-(4): 15 days; 2 days for a widespread infringement or an Art. 3(49)(b) incident; 10 days for a
    death. Art. 3(14b) with Recommendation (EU) 2025/1099, and Art. 99(6a) relief only for Art. 99(4)-(5) fines."""
    doc = document()
    art73 = next(o for o in doc["obligations"] if o["code"] == "art73-serious-incidents")
    assert all(d in art73["deadline"] for d in ("15 days", "10 days", "2 days", "3(49)(b)"))
    art5 = next(o for o in doc["obligations"] if o["code"] == "art5-1-a-stop")
    assert "99(6a)" in art5["penalty"]["summary"] and "does not" in art5["penalty"]["summary"]
    deployer = next(o for o in doc["obligations"] if o["code"] == "art26-1-use-per-instructions")
    assert all(w in deployer["penalty"]["summary"] for w in ("750", "150 million", "129 million", "2025/1099"))
    v = rule_set("2026.2").version
    assert (v["status"], v["in_force_from"], v["supersedes"]) == ("published", "2026-07-27", "2026.1")
    assert run(EU_USER)["version"] == "2026.2"  # the correction is chosen over the version it supersedes


def test_named_exceptions_are_defined_once_and_referenced():
    """The Art. 111(2) exception and the Art. 6(3) derogation are named once and referenced, one code per content."""
    doc = document()
    named = {e["code"]: e for e in doc["exceptions"]}
    assert {"art111-2-legacy", "art6-3-derogation"} <= set(named)
    refs = [u for kind in ("rules", "obligations") for item in doc[kind] for u in item.get("unless", [])]
    assert sum(1 for u in refs if u == "art111-2-legacy") >= 30
    assert sum(1 for u in refs if u == "art6-3-derogation") == 25
    inline = [u["code"] for u in refs if isinstance(u, dict)]
    assert len(inline) == len(set(inline)) and not set(inline) & set(named)


ART5_CODES = [f"art5-1-{p}" for p in "abcdefgh"] + ["art5-1-ba", "art5-1-bb"]
ANNEX_III_POINTS = ["1a", "1b", "1c", "2", "3a", "3b", "3c", "3d", "4a", "4b", "5a", "5b", "5c", "5d",
                    "6a", "6b", "6c", "6d", "6e", "7a", "7b", "7c", "7d", "8a", "8b"]


def test_every_article_5_practice_is_a_prohibited_tier_rule_whose_stop_duty_survives_the_ban():
    doc = document()
    art5 = [r for r in doc["rules"] if r["code"].startswith("art5-1-")]
    assert sorted(r["code"] for r in art5) == sorted(ART5_CODES)
    assert all(r["assign"] == {"tier": "prohibited"} for r in art5)
    stops = [o for o in doc["obligations"] if o["code"].startswith("art5-1-") and o["code"].endswith("-stop")]
    assert {o["code"] for o in stops} == {c + "-stop" for c in ART5_CODES}
    assert all(o.get("applies_despite_ban") for o in stops)
    assert next(t for t in doc["tiers"] if t["code"] == "prohibited")["prohibits_use"] is True


def test_all_25_annex_iii_points_are_rules_with_the_named_derogation():
    rules = [r for r in document()["rules"] if r["code"].startswith("annex-iii-")]
    assert sorted(r["code"] for r in rules) == sorted(f"annex-iii-{p}" for p in ANNEX_III_POINTS)
    assert all(r["assign"] == {"tier": "high_risk_annex_iii"} and "art6-3-derogation" in r["unless"] for r in rules)


@pytest.mark.parametrize("label", ["2026.2", "2024.1"])
def test_every_obligation_has_citation_source_and_confidence(label):
    doc = document(label)
    for o in doc["obligations"]:
        assert o["citation"].strip(), o["code"]
        assert o["source_url"].startswith("https://eur-lex.europa.eu/"), o["code"]
        assert o["confidence"] in ("primary", "secondary", "unverified"), o["code"]
        assert o["summary"].strip() and o["evidence"], o["code"]
    for r in doc["rules"]:
        assert r["citation"].strip() and r["confidence"] in ("primary", "secondary", "unverified"), r["code"]


def test_roles_scope_rules_and_role_definitions_cite_their_articles():
    doc = document()
    roles = {r["code"] for r in doc["roles"]}
    assert roles == {"provider", "model_provider", "deployer", "importer", "distributor", "authorised_representative",
                     "product_manufacturer"}
    rules = {r["code"]: r for r in doc["rules"]}
    for code in ("art2-1-a-system-provider", "art2-1-a-model-provider", "art2-1-b-deployer-in-eu",
                 "art2-1-c-output-used-in-eu", "art2-1-d-importer", "art2-1-d-distributor",
                 "art2-1-e-product-manufacturer", "art2-1-f-authorised-representative"):
        assert rules[code]["assign"] == {"scope": "in"} and rules[code]["explanation"], code
    for code in ("art2-3-military", "art2-4-third-country-authority", "art2-6-scientific-research",
                 "art2-10-personal-use", "art2-12-open-source"):
        assert rules[code]["assign"] == {"scope": "out"}, code
    assert "art2-8-pre-market-research" not in rules
    definitions = {d["code"]: d for d in doc["definitions"]}
    for code, article in (("is_system_provider", "Art. 3(3)"), ("is_model_provider", "Art. 3(3)"),
                          ("is_deployer", "Art. 3(4)"), ("is_importer", "Art. 3(6)"),
                          ("is_distributor", "Art. 3(7)"), ("is_authorised_representative", "Art. 3(5)")):
        assert article in definitions[code]["citation"], code
    for code in ("art4-ai-literacy", "art50-1-disclose-interaction", "art50-2-mark-synthetic-content"):
        o = next(o for o in doc["obligations"] if o["code"] == code)
        assert "model_provider" not in o.get("roles", []), code
