"""An assessment under all four shipped frameworks, each in scope: the results page's biggest case.

A Seoul company builds a CV-ranking service and offers it in the EU, Korea, the US and Japan; a US federal
agency buys it to screen applicants (OMB M-25-21 Sec. 6(n), M-25-22), so the four frameworks all reach it.
"""

from __future__ import annotations

from compliance.assessments.models import Assessment
from frameworks.selectors import versions_in_force
from tests.factories import AS_OF, AISystemFactory

from .conftest import give_answers, pin_assessment

ALL = ["eu-ai-act", "jp-ai-guidelines", "kr-ai-basic-act", "us-federal"]
FOUR_MARKETS = {
    "actor_type": "company", "established_in": ["kr"], "assessed_subject": "system", "trains_model": True,
    "builds_system": True, "offers_system": True, "uses_system": False, "serves_customers_with_system": False,
    "offer_markets": ["eu", "kr", "us", "jp"], "development_markets": ["kr"],
    "output_markets": ["eu", "kr", "us", "jp"], "is_ai_system": True, "profiles_people": True,
    "significant_effect_on_people": True, "sensitive_areas": ["employment"], "employment_uses": ["recruitment"],
    "training_compute_flop": 1e21, "us_advanced_cyber_capability": False, "us_sells_to_federal_agencies": True,
    "us_buyer_intelligence_community": False, "us_contract_timing": "new_or_renewed",
    "us_embedded_commercial_product": False, "us_national_security_system": False,
    "us_principal_basis_for_action": True, "us_high_impact_effects": ["access_to_programs"],
    "us_presumed_purposes": ["n_federal_employment"], "us_presumption_rebutted": False,
    "us_llm_federal_contract": False, "human_final_decision": "no", "kr_ai_use_obvious": False,
    "kr_internal_use_only": False, "interacts_with_people": True, "generates_content": False,
    "purpose_military_only": False,
}


def four_framework_assessment(organization, user) -> Assessment:
    system = AISystemFactory(organization=organization, name="CV ranker", markets=["eu", "kr", "us", "jp"])
    versions = versions_in_force(as_of=AS_OF, framework_codes=ALL)
    assert len(versions) == 4, "the shipped rule sets of all four frameworks must be loaded"
    assessment = pin_assessment(system, list(versions), user=user)
    assessment.label = "Four markets"
    assessment.save(update_fields=["label"])
    give_answers(assessment, FOUR_MARKETS)
    return assessment
