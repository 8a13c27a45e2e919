"""Scenario and coverage tests for the US federal AI policy rule sets (eo-14110, 2025.1 and 2026.1).

Each scenario is a plain description of a case, answered as a user would answer the questions, and
names the provision it is built from: OMB M-25-21 (Appendix Sections 1-6, including its own notes 7,
27 and 31 and the fifteen purposes of Section 6), OMB M-25-22, EO 14319 with OMB M-26-04, EO 14409 and
EO 14148. M-25-21 text: https://www.whitehouse.gov/wp-content/uploads/2025/02/M-25-21-Accelerating-Federal-Use-of-AI-through-Innovation-Governance-and-Public-Trust.pdf
"""

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
SEC6 = "abcdefghijklmno"


def run(answers: dict, as_of: str = TODAY) -> dict:
    return classify(answers, as_of, [FW])[FW]


def obligation(result: dict, code: str) -> dict:
    return next(o for o in result["obligations"] if o["code"] == code)


def applying(result: dict, nature: str) -> list[str]:
    return [o["code"] for o in result["obligations"] if o["status"] != "not_applicable" and o["nature"] == nature]


def us_rule_sets():
    return [rs for rs in shipped_rule_sets() if rs.framework_code == FW]


def rule_set(label: str):
    return next(rs for rs in us_rule_sets() if rs.label == label)


def rule_codes(result: dict) -> set[str]:
    """Codes of the rules that fired, from the trace."""
    return {step["code"] for step in result["trace"] if step.get("kind") == "rule" and step.get("fired")}


def assert_all_practices(result: dict, status: str) -> None:
    got = statuses(result)
    assert {code: got[code] for code in PRACTICES} == {code: status for code in PRACTICES}


# --- federal agencies (OMB M-25-21) -------------------------------------------------------------

def agency(**answers) -> dict:
    """A US federal agency that runs an AI system it built itself; nothing about high impact yet."""
    base = {
        "actor_type": "public_body", "established_in": ["us"], "assessed_subject": "system",
        "trains_model": False, "builds_system": True, "uses_system": True, "offers_system": False,
        "serves_customers_with_system": False, "is_ai_system": True, "generates_content": False,
        "us_federal_agency": True, "us_agency_kind": "cfo_act", "us_agency_excluded_purposes": [],
        "us_agency_acquires_ai": False, "us_national_security_system": False,
        "us_principal_basis_for_action": False, "us_pilot_exemption": False, "us_waived_practices": [],
        "us_agency_procures_llm": False,
    }
    return {**base, **answers}


def presumed(letter_code: str, effects: list[str] | None = None, **answers) -> dict:
    """An agency use whose output is the principal basis for a decision in one Section 6 purpose."""
    return agency(us_principal_basis_for_action=True, us_high_impact_effects=effects or [],
                  us_presumed_purposes=[letter_code], us_presumption_rebutted=False, **answers)


BENEFITS = presumed("m_federal_services_benefits", effects=["access_to_government_services"])


def test_agency_benefits_eligibility_model_is_high_impact_with_all_seven_practices():
    """M-25-21 Sec. 6(m) and Sec. 4(b): a CFO Act benefits agency scores disability-benefit applications
    with a model it built; caseworkers follow the score, which is the principal basis for eligibility."""
    result = run(BENEFITS)
    assert result["version"] == "2026.1"
    assert result["in_scope"] and "federal executive agency" in result["scope_reason"]
    assert tier_codes(result) == ["high_impact"] and role_codes(result) == ["federal_agency"]
    assert {"m25-21-sec5-high-impact-definition", "m25-21-sec6-m"} <= rule_codes(result)
    assert_all_practices(result, "applies_now")
    for code in PRACTICES:
        assert obligation(result, code)["applies_from"] == "2026-04-03"
    status = statuses(result)
    assert status["m25-21-sec4-discontinue-noncompliant"] == "applies_now"
    assert status["m25-21-sec3-use-case-inventory"] == "applies_now"
    assert status["m25-21-sec2-share-code-and-models"] == "applies_now"  # Sec. 2(b)(i): custom-developed
    assert obligation(result, "m25-21-sec3-governance-board")["applies_from"] == "2025-07-02"
    assert obligation(result, "m25-21-sec3-chief-ai-officer")["applies_from"] == "2025-06-02"
    assert status["m24-10-minimum-practices"] == "not_applicable"  # rescinded on 2025-04-03
    assert all(status[c] == "not_applicable" for c in M25_22_VENDOR)  # not a vendor


def test_benefits_model_before_the_365_day_deadline():
    """M-25-21 Sec. 4(a)(i): implementation documented within 365 days, i.e. by 3 April 2026."""
    result = run(BENEFITS, "2026-01-15")
    for code in PRACTICES:
        entry = obligation(result, code)
        assert entry["status"] == "applies_later"
        assert entry["days_until_applies"] == (dt.date(2026, 4, 3) - dt.date(2026, 1, 15)).days
    assert statuses(result)["m25-21-sec3-update-policies"] == "applies_now"  # 270 days: 29 Dec 2025


def test_high_impact_by_the_section_5_definition_alone():
    """M-25-21 Sec. 5 (and Sec. 6: the list is not exhaustive): an agency model that sets the order in
    which small-business disaster loans are disbursed, the principal basis for when applicants get
    critical resources, in no Section 6 wording the agency ticks."""
    result = run(agency(us_principal_basis_for_action=True, us_high_impact_effects=["access_to_government_services"],
                        us_presumed_purposes=[]))
    assert tier_codes(result) == ["high_impact"]
    assert rule_codes(result) & {f"m25-21-sec6-{x}" for x in SEC6} == set()
    assert statuses(result)["m25-21-practice-2"] == "applies_now"


def test_ai_inside_a_high_impact_pipeline_that_is_not_its_principal_basis():
    """M-25-21 Sec. 4(a) note 27: AI may sit in a decision pipeline in a high-impact category without
    being its principal basis. A benefits agency's search tool finds documents that caseworkers then
    read in full before deciding; the agency answers that the output is not a principal basis."""
    result = run(agency())
    assert tier_codes(result) == ["not_high_impact"]
    assert_all_practices(result, "not_applicable")
    assert "High-impact" in obligation(result, "m25-21-practice-1")["reason"]
    status = statuses(result)
    assert status["m25-21-sec4-discontinue-noncompliant"] == "not_applicable"
    assert status["m25-21-sec3-use-case-inventory"] == "applies_now"
    assert status["m25-21-sec3-compliance-plan"] == "applies_now"


@pytest.mark.parametrize("letter, code, description", [
    ("a", "a_safety_critical_functions", "an AI that sets traffic-signal timing on roads inside a federal campus"),
    ("b", "b_physical_movements", "a warehouse robot arm that moves pallets next to staff in a federal depot"),
    ("d", "d_hazardous_chemicals_biological_agents", "an AI that approves storage conditions for biological agents in a federal lab"),
    ("g", "g_government_facilities", "a face-verification gate deciding who enters a federal office building"),
    ("h", "h_sanctions_trade_controls", "a model deciding which export-licence applications are refused under trade controls"),
    ("i", "i_protected_speech", "a moderation model that hides public comments on an agency's rulemaking docket"),
    ("j", "j_law_enforcement", "a pretrial risk score that a federal law-enforcement component relies on for detention"),
    ("k", "k_foreign_nationals_risk", "a model rating visa applicants' risk, the principal basis for travel approval"),
    ("l", "l_biometric_one_to_many_public", "face recognition that searches crowds at a public monument against a watch list"),
    ("n", "n_federal_employment", "a model that screens out applicants for federal jobs before any human reads them"),
    ("o", "o_binding_translation", "machine translation of asylum interviews that directly informs the officer's decision"),
])
def test_each_section_6_purpose_is_presumed_high_impact(letter, code, description):
    """M-25-21 Sec. 6(a)-(o): for each purpose, AI serving as a principal basis for an agency decision or
    action is presumed high-impact, without the agency ticking a Sec. 5 effect."""
    result = run(presumed(code))
    assert tier_codes(result) == ["high_impact"], description
    assert f"m25-21-sec6-{letter}" in rule_codes(result)
    assert "m25-21-sec5-high-impact-definition" not in rule_codes(result)
    assert_all_practices(result, "applies_now")


def test_civilian_counter_drone_defence_is_presumed_high_impact():
    """M-25-21 Sec. 6(c): a civilian agency's counter-drone system that jams drones over a federal
    facility (non-kinetic active defence) and is not part of a National Security System."""
    result = run(presumed("c_attack_or_active_defense", effects=["health_and_safety"]))
    assert result["in_scope"] and tier_codes(result) == ["high_impact"]
    assert "m25-21-sec6-c" in rule_codes(result)


def test_levee_design_model_at_the_department_of_defense():
    """M-25-21 Sec. 6(e) and Sec. 3(b)(v): an Army Corps of Engineers model whose output is the basis
    for levee design decisions. DoD is excepted from the public use-case inventory, but the minimum
    practices and the CFO Act governance board still apply."""
    result = run(presumed("e_safety_critical_design_testing", effects=["infrastructure_public_safety"],
                          us_agency_kind="dod"))
    assert tier_codes(result) == ["high_impact"] and "m25-21-sec6-e" in rule_codes(result)
    status = statuses(result)
    assert status["m25-21-sec3-use-case-inventory"] == "not_applicable"
    assert "inventory" in obligation(result, "m25-21-sec3-use-case-inventory")["reason"]
    assert status["m25-21-sec3-governance-board"] == "applies_now"
    assert_all_practices(result, "applies_now")


def test_hospital_diagnosis_support_and_a_rebutted_presumption():
    """M-25-21 Sec. 6(f) and Sec. 4(a): a veterans' hospital uses an imaging model whose findings are the
    basis for diagnosis (high-impact); a sister tool only reorders the reading queue, and an official
    documented in writing to the CAIO that it does not meet the definition."""
    diagnosis = run(presumed("f_healthcare", effects=["health_and_safety"]))
    assert tier_codes(diagnosis) == ["high_impact"] and "m25-21-sec6-f" in rule_codes(diagnosis)
    triage = run({**presumed("f_healthcare"), "us_presumption_rebutted": True})
    assert tier_codes(triage) == ["not_high_impact"]
    status = statuses(triage)
    assert status["m25-21-sec6-presumption-override-record"] == "applies_now"
    assert status["m25-21-practice-1"] == "not_applicable"


def test_benefits_fraud_flagging_is_presumed_high_impact():
    """M-25-21 Sec. 6(m), "detection of fraudulent use or attempted use of government services": a model
    whose fraud flags are the basis for suspending benefit payments, bought from a vendor."""
    answers = presumed("m_federal_services_benefits", builds_system=False, us_agency_acquires_ai=True,
                       us_contract_timing="new_or_renewed", us_embedded_commercial_product=False)
    result = run(answers)
    assert tier_codes(result) == ["high_impact"] and "m25-21-sec6-m" in rule_codes(result)
    status = statuses(result)
    assert status["m25-22-agency-contract-terms"] == "applies_now"
    assert status["m25-21-sec2-share-code-and-models"] == "not_applicable"  # not custom-developed here


def test_caio_waiver_removes_only_the_waived_practice():
    """M-25-21 Sec. 4(a)(ii)-(iv): the CAIO waived the public-feedback practice in writing."""
    result = run({**BENEFITS, "us_waived_practices": ["practice_7"]})
    status = statuses(result)
    assert status["m25-21-practice-7"] == "not_applicable"
    assert "waiver" in obligation(result, "m25-21-practice-7")["reason"]
    assert all(status[c] == "applies_now" for c in PRACTICES[:6])
    assert status["m25-21-sec4-waiver-conditions"] == "applies_now"


def test_certified_pilot_is_exempt_from_the_practices():
    """M-25-21 Sec. 4(a)(i)(A)-(D): a three-month, CAIO-certified pilot in one regional office, with opt-out."""
    result = run({**BENEFITS, "us_pilot_exemption": True})
    assert_all_practices(result, "not_applicable")
    status = statuses(result)
    assert status["m25-21-sec4-discontinue-noncompliant"] == "not_applicable"
    assert status["m25-21-sec4-pilot-conditions"] == "applies_now"
    assert tier_codes(result) == ["high_impact"]


def test_intelligence_community_element_is_not_bound_by_sections_4a_and_4b():
    """M-25-21 Sec. 4 (opening) and note 25, Sec. 3(b)(v): an Intelligence Community element's model
    producing risk assessments about individuals is high-impact, but Sections 4(a)-(b) do not apply
    to it (it is encouraged to follow them) and it is excepted from the public inventory."""
    result = run(presumed("j_law_enforcement", us_agency_kind="intelligence_community"))
    assert result["in_scope"] and tier_codes(result) == ["high_impact"]
    assert_all_practices(result, "not_applicable")
    assert "Intelligence Community" in obligation(result, "m25-21-practice-1")["reason"]
    status = statuses(result)
    assert status["m25-21-sec4-discontinue-noncompliant"] == "not_applicable"
    assert status["m25-21-sec3-use-case-inventory"] == "not_applicable"
    assert status["m25-21-sec3-chief-ai-officer"] == "applies_now"


def test_generative_assistant_for_staff_gets_the_recommended_policy_apart_from_duties():
    """M-25-21 Sec. 3(b)(iv) ("should develop a policy") beside Sec. 3(b)(ii)-(v) ("must"): an agency's
    in-house drafting assistant for staff; the generative-AI policy is a recommendation, shown apart."""
    result = run(agency(generates_content=True))
    entry = obligation(result, "m25-21-sec3-generative-ai-policy")
    assert (entry["status"], entry["nature"]) == ("applies_now", "voluntary")
    assert "m25-21-sec3-generative-ai-policy" not in applying(result, "binding")
    assert "m25-21-sec3-compliance-plan" in applying(result, "binding")
    assert obligation(result, "us-nist-genai-profile")["nature"] == "voluntary"


# --- National Security Systems and activities M-25-21 does not govern -----------------------------

def test_weapon_targeting_aid_in_a_national_security_system_is_out_of_scope():
    """M-25-21 Appendix Sec. 1(c) and note 8: DoD's target-recognition aid inside a weapon system (a
    National Security System) for kinetic attack. The memo does not cover it; other policy governs."""
    result = run(presumed("c_attack_or_active_defense", effects=["health_and_safety"], us_agency_kind="dod",
                          us_national_security_system=True))
    assert not result["in_scope"]
    assert "National Security System" in result["scope_reason"]
    assert tier_codes(result) == [] and role_codes(result) == []
    assert all(o["status"] == "not_applicable" for o in result["obligations"])


def test_vendor_of_a_national_security_system_component_is_out_of_scope():
    """M-25-22 (scope) and M-26-04 (scope): a contractor supplies an LLM-based intelligence-analysis
    component for a classified National Security System."""
    result = run({**llm_vendor(), "us_national_security_system": True})
    assert not result["in_scope"] and "National Security System" in result["scope_reason"]
    assert applying(result, "binding") == []


def test_regulator_assessing_a_companys_ai_for_enforcement_is_outside_m25_21():
    """M-25-21 Appendix Sec. 1(b)(ii) and note 7: a regulator tests a company's chatbot to decide whether
    it breaks the law; the AI is the target, not the agency's tool."""
    answers = agency(builds_system=False, us_agency_excluded_purposes=["enforcement_target"])
    result = run(answers)
    assert not result["in_scope"]
    assert "does not govern" in result["scope_reason"]


def test_agency_using_the_same_tool_against_another_target_is_covered():
    """M-25-21 note 7, second half: the same regulator uses that chatbot to screen complaints about a
    different company; used to carry out enforcement, the AI is in scope."""
    result = run(agency(builds_system=False))
    assert result["in_scope"] and role_codes(result) == ["federal_agency"]


def test_research_model_at_a_science_agency_is_outside_m25_21():
    """M-25-21 Appendix Sec. 1(b)(iv): a science agency trains a climate model to carry out basic
    research, not to develop an application for agency use."""
    answers = agency(trains_model=True, us_agency_excluded_purposes=["research"],
                     development_markets=["us"], training_compute_flop=1e22, us_advanced_cyber_capability=False)
    result = run(answers)
    assert not result["in_scope"]
    assert "research" in result["scope_reason"]


def test_state_government_is_not_a_federal_agency():
    """44 U.S.C. 3502(1) via M-25-21 Appendix Sec. 1(a) and note 5: a state benefits department's
    eligibility model is a public body's AI, but not a federal agency's."""
    answers = {"actor_type": "public_body", "established_in": ["us"], "assessed_subject": "system",
               "trains_model": False, "builds_system": True, "uses_system": True, "offers_system": False,
               "serves_customers_with_system": True, "offer_markets": ["us"], "is_ai_system": True,
               "us_federal_agency": False, "us_sells_to_federal_agencies": False}
    result = run(answers)
    assert not result["in_scope"]
    assert result["scope_reason"].startswith("US federal AI policy binds federal agencies and their AI vendors")


def test_rules_only_eligibility_spreadsheet_is_not_ai():
    """M-25-21 Sec. 5 (AI, technical context 2): behaviour defined only by human-defined rules."""
    result = run(agency(is_ai_system=False))
    assert not result["in_scope"]
    assert "human-defined rules" in result["scope_reason"]


# --- vendors (OMB M-25-22, EO 14319, OMB M-26-04) -------------------------------------------------

def llm_vendor(**answers) -> dict:
    """A software company that licenses its LLM-based drafting assistant to a civilian agency."""
    base = {
        "actor_type": "company", "established_in": ["us"], "assessed_subject": "system",
        "trains_model": False, "builds_system": True, "offers_system": True, "uses_system": False,
        "serves_customers_with_system": False, "offer_markets": ["us"], "is_ai_system": True,
        "generates_content": True, "us_sells_to_federal_agencies": True, "us_buyer_intelligence_community": False,
        "us_contract_timing": "new_or_renewed",
        "us_embedded_commercial_product": False, "us_national_security_system": False,
        "us_principal_basis_for_action": False, "us_llm_federal_contract": True, "us_llm_free_open_source": False,
    }
    merged = {**base, **answers}
    if not merged["us_llm_federal_contract"]:
        del merged["us_llm_free_open_source"]  # asked only about LLMs
    return merged


def test_vendor_selling_an_llm_assistant_to_an_agency():
    """M-25-22 (contract terms), EO 14319 Sec. 3-4 and M-26-04: a contract awarded in November 2025 for an
    LLM drafting assistant; staff use it to draft correspondence, not to decide cases."""
    result = run(llm_vendor())
    assert result["in_scope"] and "contract" in result["scope_reason"]
    assert role_codes(result) == ["federal_vendor"] and tier_codes(result) == ["not_high_impact"]
    status = statuses(result)
    for code in M25_22_VENDOR:
        assert status[code] == "applies_now", code
    assert status["m25-22-vendor-high-impact-practices"] == "not_applicable"
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "applies_now"
    assert status["m26-04-vendor-transparency"] == "applies_now"
    assert obligation(result, "m26-04-vendor-transparency")["applies_until"] == "2027-12-11"
    assert_all_practices(result, "not_applicable")  # agency duties, not the vendor's
    assert "us-nist-genai-profile" in applying(result, "voluntary")


def test_m26_04_sunsets_but_eo_14319_contract_terms_remain():
    """M-26-04 ceases to have effect two years after issuance (11 Dec 2027); EO 14319 does not sunset."""
    result = run(llm_vendor(), "2027-12-11")
    status = statuses(result)
    assert status["m26-04-vendor-transparency"] == "not_applicable"
    assert "until 2027-12-11" in obligation(result, "m26-04-vendor-transparency")["reason"]
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "applies_now"
    assert status["m25-22-vendor-data-use"] == "applies_now"


def test_vendor_before_the_llm_guidance():
    """M-25-22 covers solicitations from 30 Sep 2025; EO 14319 terms start with M-26-04 on 11 Dec 2025."""
    status = statuses(run(llm_vendor(), "2025-10-01"))
    assert status["m25-22-vendor-data-use"] == "applies_now"
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "applies_later"
    assert status["m26-04-vendor-transparency"] == "applies_later"


def test_vendor_with_only_an_earlier_contract():
    """M-25-22 (applicability) and EO 14319 Sec. 4(b)(i)-(ii): a contract awarded under a 2024
    solicitation, no option exercised since. Neither the M-25-22 terms nor the Unbiased AI Principles
    terms are required in it; the agency revises it only where practicable."""
    result = run(llm_vendor(us_contract_timing="earlier"))
    assert result["in_scope"] and role_codes(result) == ["federal_vendor"]
    for code in M25_22_VENDOR + ["eo14319-sec4-vendor-unbiased-principles", "m26-04-vendor-transparency"]:
        assert statuses(result)[code] == "not_applicable"
        assert "30 Sep 2025" in obligation(result, code)["reason"]


def test_vendor_unsure_of_contract_timing_gets_the_conservative_reading_flagged():
    """M-25-22 (applicability): the vendor's sales team does not know when the solicitation was issued."""
    result = run(llm_vendor(us_contract_timing="unknown"))
    assert statuses(result)["m25-22-vendor-data-use"] == "applies_now"
    assumed = {a["question"]: a["value"] for a in result["assumed"]}
    assert assumed == {"us_contract_timing": "new_or_renewed"}


def test_ai_feature_in_a_common_commercial_product_is_outside_m25_22():
    """M-25-22 (covered AI) and Advancing American AI Act Sec. 7223(B): the spelling and grammar AI in a
    word processor sold to an agency with its ordinary licences."""
    answers = llm_vendor(us_embedded_commercial_product=True, us_llm_federal_contract=False, generates_content=False)
    result = run(answers)
    assert result["in_scope"] and role_codes(result) == ["federal_vendor"]
    assert all(statuses(result)[c] == "not_applicable" for c in M25_22_VENDOR)
    assert "common commercial product" in obligation(result, "m25-22-vendor-lock-in")["reason"]


def test_vendor_of_a_high_impact_identity_verification_model_gets_the_flow_down():
    """M-25-22 (high-impact contract terms) with M-25-21 Sec. 6(m): a vendor's model matches applicants'
    signatures to control access to a benefits portal; its result is the basis for granting access."""
    answers = llm_vendor(us_llm_federal_contract=False, generates_content=False, us_principal_basis_for_action=True,
                         us_high_impact_effects=["access_to_government_services"],
                         us_presumed_purposes=["m_federal_services_benefits"], us_presumption_rebutted=False)
    result = run(answers)
    assert tier_codes(result) == ["high_impact"]
    status = statuses(result)
    assert status["m25-22-vendor-high-impact-practices"] == "applies_now"
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "not_applicable"
    assert_all_practices(result, "not_applicable")


def test_vendor_to_an_intelligence_community_element_is_outside_m25_22_but_not_eo_14319():
    """M-25-22 (covered agencies: not the Intelligence Community) and EO 14319 Sec. 2(a), 4(b): the LLM
    assistant is licensed to an intelligence agency for unclassified office work, outside any National
    Security System."""
    result = run(llm_vendor(us_buyer_intelligence_community=True))
    status = statuses(result)
    assert all(status[c] == "not_applicable" for c in M25_22_VENDOR)
    assert "Intelligence Community" in obligation(result, "m25-22-vendor-data-use")["reason"]
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "applies_now"


def test_open_source_llm_is_outside_the_m26_04_contract_requirements():
    """M-26-04 (scope): an integrator supplies an agency a chatbot built on an open-weights LLM acquired
    under a free, open-source licence."""
    result = run(llm_vendor(us_llm_free_open_source=True))
    status = statuses(result)
    assert status["m26-04-vendor-transparency"] == "not_applicable"
    assert status["eo14319-sec4-vendor-unbiased-principles"] == "not_applicable"
    assert status["m25-22-vendor-data-use"] == "applies_now"


def test_agency_procuring_an_llm_and_its_policy_deadline():
    """EO 14319 Sec. 3-4 and M-26-04: an agency buys a commercial LLM chat service for staff; its
    procurement-policy update was due by 11 March 2026."""
    answers = agency(builds_system=False, generates_content=True, us_agency_acquires_ai=True,
                     us_contract_timing="new_or_renewed", us_embedded_commercial_product=False,
                     us_agency_procures_llm=True, us_llm_free_open_source=False)
    assert statuses(run(answers, "2026-01-15"))["m26-04-agency-procurement-policies"] == "applies_later"
    now = statuses(run(answers, "2026-04-01"))
    assert now["m26-04-agency-procurement-policies"] == "applies_now"
    assert now["m26-04-agency-request-documentation"] == "applies_now"
    assert now["m25-22-agency-contract-terms"] == "applies_now"
    assert now["eo14319-sec3-agency-procure-unbiased-llms"] == "applies_now"
    after = statuses(run(answers, "2028-01-15"))
    assert all(after[c] == "not_applicable" for c in M26_04)
    assert after["eo14319-sec3-agency-procure-unbiased-llms"] == "applies_now"


# --- no federal nexus ----------------------------------------------------------------------------

def test_private_company_without_federal_nexus_is_out_of_scope_with_the_reason():
    """M-25-21 note 4 ("governs only agencies' own use of AI and does not create rights or obligations
    for the public"): a US retailer builds a product-recommendation model for its own shop and sells
    nothing to the federal government."""
    answers = {"actor_type": "company", "established_in": ["us"], "assessed_subject": "system_and_model",
               "trains_model": True, "builds_system": True, "releases_model": [], "offers_system": False,
               "uses_system": True, "serves_customers_with_system": True, "offer_markets": ["us"],
               "development_markets": ["us"], "is_ai_system": True, "generates_content": False,
               "training_compute_flop": 1e21, "us_sells_to_federal_agencies": False,
               "us_advanced_cyber_capability": False}
    result = run(answers)
    assert not result["in_scope"]
    assert result["scope_reason"].startswith("US federal AI policy binds federal agencies and their AI vendors")
    assert "NIST" in result["scope_reason"]
    assert tier_codes(result) == [] and role_codes(result) == []
    assert applying(result, "binding") == []


# --- frontier models (EO 14409, EO 14148) ----------------------------------------------------------

def frontier(**answers) -> dict:
    """A US lab that trains a general-purpose model with 2e26 operations and offers it through an API."""
    base = {"actor_type": "company", "established_in": ["us"], "assessed_subject": "model_only",
            "trains_model": True, "releases_model": ["api"], "offer_markets": ["us", "eu"],
            "development_markets": ["us"], "is_ai_system": True, "generates_content": True,
            "training_compute_flop": 2e26, "us_sells_to_federal_agencies": False,
            "us_advanced_cyber_capability": False}
    return {**base, **answers}


def test_frontier_developer_is_in_scope_only_for_voluntary_programmes():
    """EO 14409 Sec. 3(b)-(c), 91 FR 34565: a voluntary framework for pre-release government access;
    nothing in Sec. 3 authorises mandatory licensing, preclearance or permitting."""
    result = run(frontier())
    assert result["in_scope"] and "voluntary" in result["scope_reason"]
    assert role_codes(result) == ["frontier_developer"]
    assert tier_codes(result) == ["voluntary_frontier_programme"]
    assert applying(result, "binding") == []
    voluntary = applying(result, "voluntary")
    assert {"eo14409-sec3-voluntary-pre-release-access", "eo14148-sec2-ggg-no-frontier-reporting",
            "us-nist-ai-rmf"} <= set(voluntary)
    entry = obligation(result, "eo14409-sec3-voluntary-pre-release-access")
    assert entry["applies_from"] == "2026-06-02" and entry["confidence"] == "primary"
    assert result["tiers"][0]["label"] == "Voluntary federal programme only (frontier models)"


def test_frontier_programme_did_not_exist_before_eo_14409():
    """EO 14409 was signed on 2 June 2026; in May 2026 only the context and NIST items apply."""
    result = run(frontier(), "2026-05-15")
    assert statuses(result)["eo14409-sec3-voluntary-pre-release-access"] == "applies_later"
    assert statuses(result)["eo14148-sec2-ggg-no-frontier-reporting"] == "applies_now"


def test_smaller_model_with_frontier_cyber_capability():
    """EO 14409 Sec. 3(a): covered frontier models are designated by a classified benchmark of advanced
    cyber capabilities, not by compute; a lab's 5e25-operation model finds exploitable vulnerabilities."""
    result = run(frontier(training_compute_flop=5e25, us_advanced_cyber_capability=True))
    assert result["in_scope"] and role_codes(result) == ["frontier_developer"]


def test_foreign_frontier_developer_without_us_activity_is_out_of_scope():
    """EO 14409 addresses AI developers in the United States' AI industry: a lab established, training and
    offering its model only outside the US."""
    result = run(frontier(established_in=["other"], development_markets=["other"], offer_markets=["other", "eu"]))
    assert not result["in_scope"]


def test_frontier_developer_that_also_sells_to_agencies_keeps_duties_and_voluntary_items_apart():
    """M-25-22 and EO 14319 with EO 14409: the lab also licenses its model API to a civilian agency."""
    answers = frontier(us_sells_to_federal_agencies=True, us_buyer_intelligence_community=False,
                       us_contract_timing="new_or_renewed",
                       us_embedded_commercial_product=False, us_national_security_system=False,
                       us_principal_basis_for_action=False, us_llm_federal_contract=True, us_llm_free_open_source=False)
    result = run(answers)
    assert set(role_codes(result)) == {"federal_vendor", "frontier_developer"}
    assert tier_codes(result) == ["not_high_impact"]
    assert "eo14319-sec4-vendor-unbiased-principles" in applying(result, "binding")
    assert "eo14409-sec3-voluntary-pre-release-access" in applying(result, "voluntary")
    assert "eo14409-sec3-voluntary-pre-release-access" not in applying(result, "binding")


def test_frontier_developer_in_2024_was_bound_by_eo_14110():
    """EO 14110 Sec. 4.2(a)(i) and (b)(i) (retired version): the same lab assessed in mid-2024."""
    answers = {"is_ai_system": True, "org_develops_system": True, "generates_content": True,
               "training_compute_flop": 2e26}
    result = run(answers, "2024-06-01")
    assert result["version"] == "eo-14110"
    assert role_codes(result) == ["frontier_developer"]
    assert statuses(result)["eo14110-4-2-a-i-c-red-team-results"] == "applies_now"


# --- versions --------------------------------------------------------------------------------------

def test_version_choice_around_eo_14148_and_the_superseded_2025_1():
    """EO 14148 Sec. 2(ggg) revoked EO 14110 on 20 Jan 2025; 2026.1 supersedes 2025.1 for that period."""
    assert rule_set_in_force(FW, dt.date(2025, 1, 19)).label == "eo-14110"
    assert rule_set_in_force(FW, dt.date(2025, 1, 20)).label == "2026.1"
    assert rule_set_in_force(FW, dt.date(2026, 11, 22)).label == "2026.1"
    with pytest.raises(LookupError):
        rule_set_in_force(FW, dt.date(2023, 10, 29))


def test_m24_10_bound_agencies_until_m25_21_rescinded_it():
    """M-25-21 Overview: it rescinds and replaces M-24-10 (encoded as unverified) on 3 April 2025."""
    before = run(BENEFITS, "2025-02-15")
    assert before["version"] == "2026.1"
    entry = obligation(before, "m24-10-minimum-practices")
    assert (entry["status"], entry["confidence"]) == ("applies_now", "unverified")
    assert statuses(before)["m25-21-practice-1"] == "applies_later"
    assert statuses(run(BENEFITS, "2025-04-03"))["m24-10-minimum-practices"] == "not_applicable"


# --- coverage of the text ----------------------------------------------------------------------------

def test_versions_ship_and_2025_1_is_superseded():
    labels = {rs.label: rs for rs in us_rule_sets()}
    assert set(labels) == {"eo-14110", "2025.1", "2026.1"}
    new = labels["2026.1"].version
    assert new["supersedes"] == "2025.1" and new["in_force_from"] == "2025-01-20"
    assert labels["2026.1"].document["framework"]["market"] == "us"
    assert labels["eo-14110"].version["status"] == "retired"
    assert all(s["url"].startswith("https://") and s.get("date") for s in new["sources"])
    assert any("91 FR 34565" in s["title"] for s in new["sources"])
    assert any("90 FR 58499" in s["title"] for s in new["sources"])


def test_all_fifteen_section_6_purposes_have_their_own_rule_and_wording():
    """M-25-21 Sec. 6(a)-(o): fifteen purposes, one choice and one rule each, citing its item."""
    rs = rule_set("2026.1")
    question = next(q for q in rs.questions if q.code == "us_presumed_purposes")
    choices = [c["code"] for c in question.spec["choices"]]
    assert [c[0] for c in choices] == list(SEC6)
    for choice in question.spec["choices"]:
        assert choice["label"].startswith(f"({choice['code'][0]}) ")
    rules = {r.code: r.spec for r in rs.rules}
    for letter, code in zip(SEC6, choices):
        spec = rules[f"m25-21-sec6-{letter}"]
        assert spec["citation"] == f"OMB M-25-21 Sec. 6({letter})"
        assert f"'{code}' in us_presumed_purposes" in spec["when"]
        assert "us_principal_basis_for_action" in spec["when"]
        assert spec["confidence"] == "primary"


def test_exactly_seven_m25_21_minimum_practices():
    rs = rule_set("2026.1")
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


def test_scope_rules_have_reasons_and_every_role_comes_from_a_cited_rule():
    doc = rule_set("2026.1").document
    scope = [r for r in doc["rules"] if "scope" in r["assign"]]
    assert {r["assign"]["scope"] for r in scope} == {"in", "out"}
    assert all(r["explanation"].strip() and r["citation"].strip() for r in scope)
    assigned = {r["assign"]["role"] for r in doc["rules"] if "role" in r["assign"]}
    assert assigned == {r["code"] for r in doc["roles"]}
    assert "no_federal_duty" not in {t["code"] for t in doc["tiers"]}


def test_voluntary_guidance_and_context_are_never_binding():
    for rs in us_rule_sets():
        natures = {o.code: o.spec["nature"] for o in rs.obligations}
        assert natures["us-nist-ai-rmf"] == "voluntary"
        assert natures["us-nist-genai-profile"] == "voluntary"
        for code, nature in natures.items():
            if code.startswith(("eo14365", "eo14148", "eo14409", "eo14110-4-2-c", "eo14110-4-2-d")):
                assert nature == "voluntary", code
    assert not any(o.code.startswith("eo14110-") for o in rule_set("2026.1").obligations)


def test_m26_04_items_sunset_on_2027_12_11():
    rs = rule_set("2026.1")
    m26 = [o for o in rs.obligations if o.code.startswith("m26-04-")]
    assert sorted(o.code for o in m26) == sorted(M26_04)
    assert all(o.applies_until == dt.date(2027, 12, 11) for o in m26)
    eo14319 = [o for o in rs.obligations if o.code.startswith("eo14319-")]
    assert eo14319 and all(o.applies_until is None for o in eo14319)


def test_old_answers_map_to_the_new_codes():
    """The 2025.1 codes that changed meaning have mappings: the presumed categories become Sec. 6 items."""
    mappings = rule_set("2026.1").document["answer_mappings"]
    categories = next(m for m in mappings if m["from"] == "us_presumed_categories")
    assert categories["to"] == "us_presumed_purposes"
    assert categories["values"]["benefits_services"] == "m_federal_services_benefits"
    assert categories["values"]["federal_employment"] == "n_federal_employment"
    assert {m["to"] for m in mappings if m["from"] == "us_principal_basis"} == {
        "us_principal_basis_for_action", "us_high_impact_effects"}
