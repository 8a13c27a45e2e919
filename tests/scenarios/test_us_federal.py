"""Scenario and coverage tests for the US federal AI policy rule sets (eo-14110 and 2025.1)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.shipped import classify, role_codes, rule_set_in_force, shipped_rule_sets, statuses, tier_codes

FW = "us-federal"
TODAY = "2026-11-22"
PRACTICES = [f"m25-21-practice-{n}" for n in range(1, 8)]
M26_04 = ["m26-04-agency-contract-terms", "m26-04-agency-request-documentation",
          "m26-04-agency-procurement-policies", "m26-04-vendor-transparency"]
M25_22_VENDOR = ["m25-22-vendor-data-use", "m25-22-vendor-testing-access", "m25-22-vendor-lock-in"]


def run(answers: dict, as_of: str) -> dict:
    return classify(answers, as_of, [FW])[FW]


def obligation(result: dict, code: str) -> dict:
    return next(o for o in result["obligations"] if o["code"] == code)


def binding(result: dict) -> list[dict]:
    return [o for o in result["obligations"] if o["nature"] == "binding"]


def us_rule_sets():
    return [rs for rs in shipped_rule_sets() if rs.framework_code == FW]


def rule_set(label: str):
    return next(rs for rs in us_rule_sets() if rs.label == label)


# --- federal agencies (OMB M-25-21) -----------------------------------------------------

BENEFITS_SYSTEM = {
    "is_ai_system": True,
    "org_develops_system": True,
    "us_federal_agency": True,
    "us_sells_to_federal_agencies": False,
    "us_agency_acquires_ai": False,
    "us_national_security_system": False,
    "us_principal_basis": True,
    "us_presumed_categories": ["benefits_services"],
    "us_presumption_rebutted": False,
    "us_pilot_exemption": False,
    "us_waived_practices": [],
    "us_agency_procures_llm": False,
}


def test_agency_benefits_eligibility_system_is_high_impact_with_all_seven_practices():
    """A federal benefits agency scores applications for disability benefits with a model it built
    in-house; caseworkers follow the score in most cases. Its output is a principal basis for
    eligibility decisions, and benefits adjudication is a presumed high-impact category."""
    result = run(BENEFITS_SYSTEM, TODAY)
    assert result["version"] == "2025.1"
    assert result["in_scope"]
    assert tier_codes(result) == ["high_impact"]
    assert role_codes(result) == ["federal_agency"]
    status = statuses(result)
    for code in PRACTICES:
        assert status[code] == "applies_now", code
        assert obligation(result, code)["applies_from"] == "2026-04-03"
    assert status["m25-21-sec4-discontinue-noncompliant"] == "applies_now"
    assert status["m25-21-sec3-use-case-inventory"] == "applies_now"
    assert status["m25-21-sec4-waiver-conditions"] == "not_applicable"
    assert status["m24-10-minimum-practices"] == "not_applicable"  # rescinded on 2025-04-03
    assert all(status[c] == "not_applicable" for c in M25_22_VENDOR)  # not a vendor


def test_benefits_system_before_the_365_day_deadline():
    """The same benefits system assessed in January 2026, before the 3 April 2026 deadline."""
    result = run(BENEFITS_SYSTEM, "2026-01-15")
    for code in PRACTICES:
        entry = obligation(result, code)
        assert entry["status"] == "applies_later"
        assert entry["days_until_applies"] == (dt.date(2026, 4, 3) - dt.date(2026, 1, 15)).days


def test_benefits_system_high_impact_by_definition_alone():
    """Without ticking a presumed category, the principal-basis definition alone makes it high-impact."""
    answers = {**BENEFITS_SYSTEM, "us_presumed_categories": []}
    del answers["us_presumption_rebutted"]
    result = run(answers, TODAY)
    assert tier_codes(result) == ["high_impact"]
    assert statuses(result)["m25-21-practice-2"] == "applies_now"


def test_agency_spam_filter_is_not_high_impact():
    """The same agency filters spam from its public contact inbox with a commercial classifier it
    runs itself. No decision about anyone's rights or safety rests on it."""
    answers = {
        "is_ai_system": True,
        "org_develops_system": False,
        "us_federal_agency": True,
        "us_sells_to_federal_agencies": False,
        "us_agency_acquires_ai": False,
        "us_national_security_system": False,
        "us_principal_basis": False,
        "us_presumed_categories": [],
        "us_pilot_exemption": False,
        "us_waived_practices": [],
        "us_agency_procures_llm": False,
    }
    result = run(answers, TODAY)
    assert tier_codes(result) == ["not_high_impact"]
    assert role_codes(result) == ["federal_agency"]
    status = statuses(result)
    for code in PRACTICES:
        assert status[code] == "not_applicable", code
        assert "High-impact" in obligation(result, code)["reason"]
    assert status["m25-21-sec4-discontinue-noncompliant"] == "not_applicable"
    assert status["m25-21-sec3-use-case-inventory"] == "applies_now"
    assert "no_federal_duty" not in tier_codes(result)


def test_caio_waiver_removes_only_the_waived_practice():
    """The benefits agency's CAIO waived the public-feedback practice in writing for this system."""
    result = run({**BENEFITS_SYSTEM, "us_waived_practices": ["practice_7"]}, TODAY)
    status = statuses(result)
    assert status["m25-21-practice-7"] == "not_applicable"
    assert "waiver" in obligation(result, "m25-21-practice-7")["reason"]
    assert all(status[c] == "applies_now" for c in PRACTICES[:6])
    waiver = obligation(result, "m25-21-sec4-waiver-conditions")
    assert waiver["status"] == "applies_now"


def test_certified_pilot_is_exempt_from_the_practices():
    """A three-month, CAIO-certified pilot of the benefits model in one regional office, with opt-out."""
    result = run({**BENEFITS_SYSTEM, "us_pilot_exemption": True}, TODAY)
    status = statuses(result)
    assert all(status[c] == "not_applicable" for c in PRACTICES)
    assert status["m25-21-sec4-discontinue-noncompliant"] == "not_applicable"
    assert status["m25-21-sec4-pilot-conditions"] == "applies_now"
    assert tier_codes(result) == ["high_impact"]


def test_rebutted_presumption_needs_a_written_record():
    """A medical-records triage tool in a presumed category, which an official determined in writing
    to the CAIO is not high-impact because clinicians decide independently."""
    answers = {**BENEFITS_SYSTEM, "us_principal_basis": False, "us_presumed_categories": ["healthcare"],
               "us_presumption_rebutted": True}
    result = run(answers, TODAY)
    assert tier_codes(result) == ["not_high_impact"]
    status = statuses(result)
    assert status["m25-21-sec6-presumption-override-record"] == "applies_now"
    assert status["m25-21-practice-1"] == "not_applicable"


def test_m24_10_bound_agencies_until_m25_21_rescinded_it():
    """Between EO 14110's revocation and M-25-21, agencies still had M-24-10 (encoded as unverified)."""
    before = run(BENEFITS_SYSTEM, "2025-02-15")
    assert before["version"] == "2025.1"
    entry = obligation(before, "m24-10-minimum-practices")
    assert entry["status"] == "applies_now"
    assert entry["confidence"] == "unverified"
    assert statuses(before)["m25-21-practice-1"] == "applies_later"
    after = run(BENEFITS_SYSTEM, "2025-04-03")
    assert statuses(after)["m24-10-minimum-practices"] == "not_applicable"


def test_agency_in_2024_under_eo_14110_and_m24_10():
    """An agency's rights-impacting fraud-flagging model assessed in 2024, under the retired version."""
    answers = {"is_ai_system": True, "us_federal_agency": True, "us_rights_or_safety_impacting": True}
    mid = run(answers, "2024-06-01")
    assert mid["version"] == "eo-14110"
    assert tier_codes(mid) == ["rights_or_safety_impacting"]
    assert statuses(mid)["m24-10-minimum-practices"] == "applies_later"
    late = run(answers, "2024-12-15")
    assert statuses(late)["m24-10-minimum-practices"] == "applies_now"
    other = run({**answers, "us_rights_or_safety_impacting": False}, "2024-12-15")
    assert tier_codes(other) == ["not_rights_or_safety_impacting"]
    assert "no_federal_duty" not in tier_codes(other)


# --- vendors (OMB M-25-22, EO 14319, OMB M-26-04) ---------------------------------------

LLM_VENDOR = {
    "is_ai_system": True,
    "org_develops_system": True,
    "generates_content": True,
    "us_federal_agency": False,
    "us_sells_to_federal_agencies": True,
    "us_contract_timing": "new_or_renewed",
    "us_embedded_commercial_product": False,
    "us_national_security_system": False,
    "us_principal_basis": False,
    "us_presumed_categories": [],
    "us_llm_federal_contract": True,
    "us_llm_free_open_source": False,
    "training_compute_flop": 3e24,
}


def test_vendor_selling_an_llm_assistant_to_an_agency():
    """A software company licenses its LLM-based drafting assistant to a civilian agency under a
    contract awarded in November 2025. Staff use it to draft correspondence, not to decide cases."""
    result = run(LLM_VENDOR, TODAY)
    assert result["version"] == "2025.1"
    assert role_codes(result) == ["federal_vendor"]
    assert tier_codes(result) == ["not_high_impact"]
    status = statuses(result)
    for code in M25_22_VENDOR:
        assert status[code] == "applies_now", code
    assert status["m25-22-vendor-high-impact-practices"] == "not_applicable"
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "applies_now"
    assert status["m26-04-vendor-transparency"] == "applies_now"
    assert status["us-nist-genai-profile"] == "applies_now"
    assert all(status[c] == "not_applicable" for c in PRACTICES)  # agency duties, not the vendor's
    assert obligation(result, "m26-04-vendor-transparency")["applies_until"] == "2027-12-11"


def test_m26_04_sunsets_but_eo_14319_contract_terms_remain():
    """The same vendor assessed after M-26-04's two-year sunset."""
    result = run(LLM_VENDOR, "2027-12-11")
    status = statuses(result)
    assert status["m26-04-vendor-transparency"] == "not_applicable"
    assert "until 2027-12-11" in obligation(result, "m26-04-vendor-transparency")["reason"]
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "applies_now"
    assert status["m25-22-vendor-data-use"] == "applies_now"


def test_vendor_before_the_llm_guidance():
    """Assessed in October 2025: M-25-22 applies, EO 14319 terms start with M-26-04 on 2025-12-11."""
    result = run(LLM_VENDOR, "2025-10-01")
    status = statuses(result)
    assert status["m25-22-vendor-data-use"] == "applies_now"
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "applies_later"
    assert status["m26-04-vendor-transparency"] == "applies_later"


def test_vendor_of_high_impact_system_gets_flow_down():
    """A vendor of an identity-verification model an agency uses to grant access to benefits portals."""
    answers = {**LLM_VENDOR, "us_llm_federal_contract": False, "us_principal_basis": True,
               "us_presumed_categories": ["biometric_identification"], "us_presumption_rebutted": False}
    del answers["us_llm_free_open_source"]
    result = run(answers, TODAY)
    assert tier_codes(result) == ["high_impact"]
    status = statuses(result)
    assert status["m25-22-vendor-high-impact-practices"] == "applies_now"
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "not_applicable"


def test_vendor_exceptions_earlier_contract_and_national_security():
    """Old contracts fall outside M-25-22; national security systems fall outside M-25-22 and M-26-04."""
    earlier = run({**LLM_VENDOR, "us_contract_timing": "earlier"}, TODAY)
    for code in M25_22_VENDOR:
        assert statuses(earlier)[code] == "not_applicable"
        assert "30 Sep 2025" in obligation(earlier, code)["reason"]
    assert statuses(earlier)["eo14319-sec4-vendor-unbiased-principles"] == "applies_now"
    nss = run({**LLM_VENDOR, "us_national_security_system": True}, TODAY)
    status = statuses(nss)
    assert all(status[c] == "not_applicable" for c in M25_22_VENDOR)
    assert status["m26-04-vendor-transparency"] == "not_applicable"
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "not_applicable"


def test_agency_procuring_an_llm_and_its_policy_deadline():
    """An agency buys a commercial LLM chat service for staff; its procurement policy update was due
    by 11 March 2026."""
    answers = {
        "is_ai_system": True,
        "generates_content": True,
        "us_federal_agency": True,
        "us_sells_to_federal_agencies": False,
        "us_agency_acquires_ai": True,
        "us_contract_timing": "new_or_renewed",
        "us_embedded_commercial_product": False,
        "us_national_security_system": False,
        "us_principal_basis": False,
        "us_presumed_categories": [],
        "us_pilot_exemption": False,
        "us_waived_practices": [],
        "us_agency_procures_llm": True,
        "us_llm_free_open_source": False,
    }
    assert statuses(run(answers, "2026-01-15"))["m26-04-agency-procurement-policies"] == "applies_later"
    now = statuses(run(answers, "2026-04-01"))
    assert now["m26-04-agency-procurement-policies"] == "applies_now"
    assert now["m26-04-agency-request-documentation"] == "applies_now"
    assert now["m25-22-agency-contract-terms"] == "applies_now"
    assert now["eo14319-sec3-agency-procure-unbiased-llms"] == "applies_now"
    after = statuses(run(answers, "2028-01-15"))
    assert all(after[c] == "not_applicable" for c in M26_04)
    assert after["eo14319-sec3-agency-procure-unbiased-llms"] == "applies_now"


# --- no federal nexus ---------------------------------------------------------------------

def test_private_company_without_federal_nexus_has_no_binding_duty():
    """A US retailer builds a product-recommendation model for its online shop. It does not sell to
    the federal government and trains small models."""
    answers = {"is_ai_system": True, "org_develops_system": True, "generates_content": False,
               "training_compute_flop": 1e21, "us_federal_agency": False,
               "us_sells_to_federal_agencies": False, "us_bio_sequence_data": False}
    result = run(answers, TODAY)
    assert result["in_scope"]
    assert tier_codes(result) == ["no_federal_duty"]
    assert result["tiers"][0]["label"] == "No binding federal obligation"
    assert role_codes(result) == []
    assert binding(result) and all(o["status"] == "not_applicable" for o in binding(result))
    rmf = obligation(result, "us-nist-ai-rmf")
    assert (rmf["status"], rmf["nature"]) == ("applies_now", "voluntary")
    assert obligation(result, "us-nist-genai-profile")["status"] == "not_applicable"
    assert obligation(result, "eo14365-state-law-context")["nature"] == "voluntary"


def test_private_generative_chatbot_gets_the_genai_profile():
    """A start-up's customer-service chatbot built on a third-party LLM; no government customers."""
    answers = {"is_ai_system": True, "org_develops_system": False, "generates_content": True,
               "us_federal_agency": False, "us_sells_to_federal_agencies": False}
    result = run(answers, TODAY)
    assert tier_codes(result) == ["no_federal_duty"]
    genai = obligation(result, "us-nist-genai-profile")
    assert (genai["status"], genai["nature"]) == ("applies_now", "voluntary")


def test_not_an_ai_system_is_out_of_scope():
    """A rules-only eligibility spreadsheet is not an AI system."""
    result = run({"is_ai_system": False, "us_federal_agency": True}, TODAY)
    assert not result["in_scope"]
    assert all(o["status"] == "not_applicable" for o in result["obligations"])


# --- frontier models (EO 14110, revoked) ----------------------------------------------------

FRONTIER = {"is_ai_system": True, "org_develops_system": True, "generates_content": True,
            "training_compute_flop": 2e26}


def test_frontier_developer_in_2024_must_report_under_eo_14110():
    """A lab trains a general-purpose LLM with 2e26 FLOP and is assessed in mid-2024."""
    result = run(FRONTIER, "2024-06-01")
    assert result["version"] == "eo-14110"
    assert role_codes(result) == ["frontier_developer"]
    assert tier_codes(result) == ["dual_use_reporting"]
    status = statuses(result)
    for code in ("eo14110-4-2-a-i-a-training-activities", "eo14110-4-2-a-i-b-model-weights",
                 "eo14110-4-2-a-i-c-red-team-results"):
        assert status[code] == "applies_now", code
    assert status["eo14110-4-2-a-ii-cluster-report"] == "not_applicable"


def test_same_frontier_developer_today_has_no_eo_14110_duty():
    """The same lab and model assessed on 2026-11-22, after EO 14148 revoked EO 14110."""
    result = run(FRONTIER, TODAY)
    assert result["version"] == "2025.1"
    assert not any(o["code"].startswith("eo14110-") for o in result["obligations"])
    assert role_codes(result) == ["frontier_developer"]
    assert tier_codes(result) == ["no_federal_duty"]
    assert all(o["status"] == "not_applicable" for o in binding(result))
    context = obligation(result, "eo14148-sec2-ggg-no-frontier-reporting")
    assert (context["status"], context["nature"]) == ("applies_now", "voluntary")


def test_frontier_reporting_starts_with_commerce_deadline_and_ends_with_revocation():
    early = run(FRONTIER, "2023-12-01")
    assert statuses(early)["eo14110-4-2-a-i-a-training-activities"] == "applies_later"
    assert run(FRONTIER, "2025-01-19")["version"] == "eo-14110"
    assert run(FRONTIER, "2025-01-20")["version"] == "2025.1"
    with pytest.raises(LookupError):
        rule_set_in_force(FW, dt.date(2023, 10, 29))


def test_biological_sequence_model_in_2024():
    """A biotech firm trains a protein language model on sequence data with 5e23 operations (2024)."""
    answers = {"is_ai_system": True, "org_develops_system": True, "training_compute_flop": 5e23,
               "us_bio_sequence_data": True}
    result = run(answers, "2024-09-01")
    assert role_codes(result) == ["frontier_developer"]
    assert statuses(result)["eo14110-4-2-a-i-c-red-team-results"] == "applies_now"
    general = run({**answers, "us_bio_sequence_data": False}, "2024-09-01")
    assert role_codes(general) == []
    assert tier_codes(general) == ["no_federal_duty"]
    assert statuses(general)["eo14110-4-2-a-i-c-red-team-results"] == "not_applicable"


def test_thresholds_are_strictly_greater_than_and_cover_intent():
    at_threshold = {"is_ai_system": True, "org_develops_system": True, "training_compute_flop": 1e26}
    assert role_codes(run(at_threshold, "2024-06-01")) == []
    planned = {**at_threshold, "training_compute_flop": 1e25, "us_intends_above_threshold": True}
    assert role_codes(run(planned, "2024-06-01")) == ["frontier_developer"]


def test_cluster_owner_in_2024():
    """A data-centre operator runs a single-site GPU cluster with 400 Gbit/s fabric and 2e20 ops/s."""
    answers = {"is_ai_system": True, "us_owns_cluster": True, "us_cluster_networking_over_100gbit": True,
               "us_cluster_peak_ops": 2e20}
    result = run(answers, "2024-06-01")
    assert role_codes(result) == ["cluster_owner"]
    assert tier_codes(result) == ["reporting_cluster"]
    assert statuses(result)["eo14110-4-2-a-ii-cluster-report"] == "applies_now"
    small = run({**answers, "us_cluster_peak_ops": 5e19}, "2024-06-01")
    assert statuses(small)["eo14110-4-2-a-ii-cluster-report"] == "not_applicable"


def test_iaas_provider_duties_were_only_proposed():
    """A US cloud provider with foreign customers, assessed in 2024: the KYC rules were proposed only."""
    answers = {"is_ai_system": True, "us_iaas_provider": True}
    result = run(answers, "2024-06-01")
    assert role_codes(result) == ["iaas_provider"]
    assert tier_codes(result) == ["no_federal_duty"]
    for code in ("eo14110-4-2-c-iaas-training-run-reports", "eo14110-4-2-d-iaas-foreign-reseller-kyc"):
        entry = obligation(result, code)
        assert (entry["status"], entry["nature"]) == ("applies_now", "voluntary")
    assert statuses(run(answers, "2024-01-15"))["eo14110-4-2-c-iaas-training-run-reports"] == "applies_later"


# --- coverage -------------------------------------------------------------------------------

def test_both_versions_ship():
    labels = {rs.label: rs.version for rs in us_rule_sets()}
    assert set(labels) == {"eo-14110", "2025.1"}
    assert labels["eo-14110"]["status"] == "retired"
    assert labels["eo-14110"]["in_force_from"] == "2023-10-30"
    assert labels["eo-14110"]["in_force_until"] == "2025-01-20"
    assert labels["2025.1"]["status"] == "published"
    for version in labels.values():
        assert version["last_reviewed"] == "2026-11-22"
        assert all(s["url"].startswith("https://") and s.get("date") for s in version["sources"])


def test_exactly_seven_m25_21_minimum_practices():
    rs = rule_set("2025.1")
    practices = sorted(o.code for o in rs.obligations if re.fullmatch(r"m25-21-practice-\d+", o.code))
    assert practices == PRACTICES
    for o in rs.obligations:
        if o.code in PRACTICES:
            assert o.roles == {"federal_agency"} and o.tiers == {"high_impact"}
            assert o.applies_from[0].date == dt.date(2026, 4, 3)


def test_every_obligation_and_rule_has_citation_source_and_confidence():
    for rs in us_rule_sets():
        for o in rs.obligations:
            spec = o.spec
            assert spec["citation"].strip(), (rs.label, o.code)
            assert spec["source_url"].startswith("https://"), (rs.label, o.code)
            assert spec["confidence"] in ("primary", "secondary", "unverified"), (rs.label, o.code)
            assert spec["summary"].strip() and spec["evidence"], (rs.label, o.code)
        for rule in rs.rules:
            assert rule.spec["citation"].strip() and rule.spec["confidence"], (rs.label, rule.code)


def test_eo_14110_covers_sec_4_2():
    codes = {o.code for o in rule_set("eo-14110").obligations}
    assert {"eo14110-4-2-a-i-a-training-activities", "eo14110-4-2-a-i-b-model-weights",
            "eo14110-4-2-a-i-c-red-team-results", "eo14110-4-2-a-ii-cluster-report",
            "eo14110-4-2-c-iaas-training-run-reports", "eo14110-4-2-d-iaas-foreign-reseller-kyc"} <= codes
    for o in rule_set("eo-14110").obligations:
        if o.code.startswith("eo14110-"):
            assert o.applies_until == dt.date(2025, 1, 20)


def test_voluntary_guidance_and_context_are_never_binding():
    for rs in us_rule_sets():
        natures = {o.code: o.spec["nature"] for o in rs.obligations}
        assert natures["us-nist-ai-rmf"] == "voluntary"
        assert natures["us-nist-genai-profile"] == "voluntary"
        for code, nature in natures.items():
            if code.startswith(("eo14365", "eo14148", "eo14110-4-2-c", "eo14110-4-2-d")):
                assert nature == "voluntary", code
    assert not any(o.code.startswith("eo14110-") for o in rule_set("2025.1").obligations)


def test_m26_04_items_sunset_on_2027_12_11():
    rs = rule_set("2025.1")
    m26 = [o for o in rs.obligations if o.code.startswith("m26-04-")]
    assert sorted(o.code for o in m26) == sorted(M26_04)
    assert all(o.applies_until == dt.date(2027, 12, 11) for o in m26)
    eo14319 = [o for o in rs.obligations if o.code.startswith("eo14319-")]
    assert eo14319 and all(o.applies_until is None for o in eo14319)
