"""Cases answered once and classified under all four frameworks, where US federal policy is part of the story.

Each case is a plain description answered as a user would; the US result is checked against the
provision named (OMB M-25-21, M-25-22, EO 14319, EO 14409), and the other frameworks only where
the law is clear-cut (a system offered and used only in the United States is outside the EU, Korean
and Japanese rules; a general-purpose model above 10^25 FLOP offered in the EU is presumed to carry
systemic risk, Art. 51(2)).
"""

from __future__ import annotations

from tests.shipped import classify, role_codes, statuses, tier_codes

ALL = ["eu-ai-act", "jp-ai-guidelines", "kr-ai-basic-act", "us-federal"]
NOW = "2026-12-03"


def binding_now(result: dict) -> list[str]:
    return [o["code"] for o in result["obligations"] if o["status"] == "applies_now" and o["nature"] == "binding"]


def voluntary_now(result: dict) -> list[str]:
    return [o["code"] for o in result["obligations"] if o["status"] == "applies_now" and o["nature"] == "voluntary"]


# A US federal benefits agency runs, only in the United States, an eligibility model it built.
AGENCY = {
    "actor_type": "public_body", "established_in": ["us"], "assessed_subject": "system", "trains_model": False,
    "builds_system": True, "uses_system": True, "offers_system": False, "serves_customers_with_system": False,
    "use_markets": ["us"], "development_markets": ["us"], "output_markets": ["us"], "is_ai_system": True,
    "profiles_people": True, "significant_effect_on_people": True,
    "sensitive_areas": {"us": ["essential_services", "public_administration"]},
    "us_federal_agency": True, "us_agency_kind": "cfo_act", "us_agency_excluded_purposes": [],
    "us_agency_acquires_ai": False, "us_national_security_system": False, "us_principal_basis_for_action": True,
    "us_high_impact_effects": ["access_to_government_services"], "us_presumed_purposes": ["m_federal_services_benefits"],
    "us_presumption_rebutted": False, "us_pilot_exemption": False, "us_waived_practices": [],
    "us_agency_procures_llm": False,
}


def test_us_agency_benefits_model_binds_only_under_us_policy():
    """M-25-21 Appendix Sec. 1(a)-(b) and Sec. 6(m): a federal agency's own benefits-eligibility model,
    built and used only in the United States, is high-impact under M-25-21 and outside the EU and
    Japanese rules, which reach only AI placed, offered or used in their markets."""
    results = classify(AGENCY, NOW, ALL)
    us = results["us-federal"]
    assert us["in_scope"] and tier_codes(us) == ["high_impact"] and role_codes(us) == ["federal_agency"]
    assert statuses(us)["m25-21-practice-2"] == "applies_now"
    for code in ("eu-ai-act", "jp-ai-guidelines"):
        assert not results[code]["in_scope"], code


def test_us_only_sensitive_use_does_not_reach_the_other_markets():
    """A per-market answer about the US (Sec. 6(m) benefits use) changes nothing in the EU result, and
    adding an EU answer changes nothing in the US result."""
    base = classify(AGENCY, NOW, ALL)
    with_eu = classify({**AGENCY, "sensitive_areas": {"us": ["essential_services", "public_administration"],
                                                     "eu": ["employment"]}, "employment_uses": {"eu": ["recruitment"]}},
                       NOW, ALL)
    assert with_eu["us-federal"]["tiers"] == base["us-federal"]["tiers"]
    assert statuses(with_eu["us-federal"]) == statuses(base["us-federal"])


# A US lab trains a general-purpose model with 2e26 FLOP and offers it through an API worldwide.
FRONTIER_LAB = {
    "actor_type": "company", "established_in": ["us"], "assessed_subject": "model_only", "trains_model": True,
    "releases_model": ["api"], "offer_markets": ["us", "eu", "kr", "jp"], "development_markets": ["us"],
    "is_ai_system": True, "generates_content": True, "is_general_purpose_model": True, "training_compute_flop": 2e26,
    "us_sells_to_federal_agencies": False, "us_advanced_cyber_capability": True,
}


def test_frontier_lab_binding_in_the_eu_voluntary_in_the_us():
    """EO 14409 Sec. 3(b)-(c) (voluntary pre-release access, no licensing) beside EU AI Act Art. 51(2)
    (a model trained with more than 10^25 FLOP is presumed to have systemic risk): one answer set, a
    binding EU regime and only voluntary US programmes."""
    results = classify(FRONTIER_LAB, NOW, ALL)
    us, eu = results["us-federal"], results["eu-ai-act"]
    assert us["in_scope"] and tier_codes(us) == ["voluntary_frontier_programme"]
    assert binding_now(us) == []
    assert "eo14409-sec3-voluntary-pre-release-access" in voluntary_now(us)
    assert eu["in_scope"] and "gpai_systemic_risk" in tier_codes(eu)


def test_frontier_lab_that_also_licenses_its_model_to_an_agency():
    """M-25-22 and EO 14319 Sec. 4(b)(i): the same lab licenses its LLM to a civilian agency under a
    contract awarded in 2026; the federal contract terms bind it, the EO 14409 framework stays voluntary."""
    answers = {**FRONTIER_LAB, "us_sells_to_federal_agencies": True, "us_buyer_intelligence_community": False,
               "us_contract_timing": "new_or_renewed", "us_embedded_commercial_product": False,
               "us_national_security_system": False, "us_principal_basis_for_action": False,
               "us_llm_federal_contract": True, "us_llm_free_open_source": False}
    us = classify(answers, NOW, ALL)["us-federal"]
    assert set(role_codes(us)) == {"federal_vendor", "frontier_developer"}
    assert {"m25-22-vendor-data-use", "eo14319-sec4-vendor-unbiased-principles"} <= set(binding_now(us))
    assert "eo14409-sec3-voluntary-pre-release-access" in voluntary_now(us)


# A Seoul start-up sells a CV-ranking service to employers in the EU and Korea only.
CV_RANKER = {
    "actor_type": "company", "established_in": ["kr"], "assessed_subject": "system", "trains_model": True,
    "builds_system": True, "offers_system": True, "uses_system": False, "serves_customers_with_system": False,
    "offer_markets": ["eu", "kr"], "development_markets": ["kr"], "output_markets": ["eu", "kr"],
    "is_ai_system": True, "profiles_people": True, "significant_effect_on_people": True,
    "sensitive_areas": ["employment"], "employment_uses": ["recruitment"], "us_sells_to_federal_agencies": False,
    "training_compute_flop": 1e21, "us_advanced_cyber_capability": False,
}


def test_foreign_cv_ranker_without_a_federal_customer_is_outside_us_policy():
    """M-25-21 note 4 (it "governs only agencies' own use of AI and does not create rights or obligations
    for the public"): a Korean CV ranker sold to private employers is out of US federal scope, with the
    reason, whatever the EU and Korean results are."""
    us = classify(CV_RANKER, NOW, ALL)["us-federal"]
    assert not us["in_scope"]
    assert us["scope_reason"].startswith("US federal AI policy binds federal agencies and their AI vendors")
    assert binding_now(us) == [] and voluntary_now(us) == []


def test_same_cv_ranker_sold_to_a_federal_agency_for_hiring():
    """M-25-21 Sec. 6(n) with M-25-22 (high-impact contract terms): the start-up wins a contract to screen
    applicants for federal jobs; its ranking is the principal basis for who is interviewed."""
    answers = {**CV_RANKER, "offer_markets": ["eu", "kr", "us"], "us_sells_to_federal_agencies": True,
               "us_buyer_intelligence_community": False, "us_contract_timing": "new_or_renewed",
               "us_embedded_commercial_product": False, "us_national_security_system": False,
               "us_principal_basis_for_action": True, "us_high_impact_effects": ["access_to_programs"],
               "us_presumed_purposes": ["n_federal_employment"], "us_presumption_rebutted": False,
               "us_llm_federal_contract": False}
    us = classify(answers, NOW, ALL)["us-federal"]
    assert us["in_scope"] and tier_codes(us) == ["high_impact"] and role_codes(us) == ["federal_vendor"]
    assert "m25-22-vendor-high-impact-practices" in binding_now(us)


# A defence contractor supplies a target-recognition component for a weapon system.
WEAPON_COMPONENT = {
    "actor_type": "company", "established_in": ["us"], "assessed_subject": "system", "trains_model": True,
    "builds_system": True, "offers_system": True, "uses_system": False, "serves_customers_with_system": False,
    "offer_markets": ["us"], "development_markets": ["us"], "is_ai_system": True, "purpose_military_only": True,
    "training_compute_flop": 1e22, "us_sells_to_federal_agencies": True, "us_buyer_intelligence_community": False,
    "us_contract_timing": "new_or_renewed", "us_embedded_commercial_product": False,
    "us_national_security_system": True, "us_advanced_cyber_capability": False,
}


def test_national_security_system_component_is_outside_every_framework():
    """M-25-21 Appendix Sec. 1(c) and M-25-22 (National Security Systems excluded) beside EU AI Act
    Art. 2(3) (military, defence and national security purposes excluded): nothing here reaches it."""
    results = classify(WEAPON_COMPONENT, NOW, ALL)
    us = results["us-federal"]
    assert not us["in_scope"] and "National Security System" in us["scope_reason"]
    assert not results["eu-ai-act"]["in_scope"]
