"""Systems and assessments for the questionnaire tests.

Most tests pin the small EU sample rule set (tests/fixtures/eu-sample.yaml) so that they do
not change when the shipped rule sets are edited; tests about the real frameworks say so.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from compliance.assessments.models import Answer, Assessment, PinnedVersion
from frameworks.models import RuleSetVersion
from frameworks.selectors import versions_in_force
from tests.factories import AS_OF, AISystemFactory

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "eu-sample.yaml"

# The sample's CV-screening answers: a provider of a high-risk recruitment system.
HIGH_RISK_ANSWERS = {
    "org_develops_system": True, "org_offers_system": True, "org_uses_system": False, "is_ai_system": True,
    "interacts_with_people": False, "profiles_people": True, "use_areas": ["employment"],
    "employment_uses": ["recruitment"],
}


def pin_assessment(system, versions: list[RuleSetVersion], *, as_of: dt.date = AS_OF, user=None) -> Assessment:
    assessment = Assessment.objects.create(organization=system.organization, system=system, as_of=as_of,
                                           created_by=user)
    PinnedVersion.objects.bulk_create([PinnedVersion(assessment=assessment, framework=v.framework, version=v)
                                       for v in versions])
    return assessment


def give_answers(assessment: Assessment, answers: dict, notes: dict | None = None) -> None:
    """Store answers directly, as earlier saves would have (no validation: tests set up odd states too)."""
    notes = notes or {}
    for code, value in answers.items():
        Answer.objects.create(assessment=assessment, question_code=code, value=value, note=notes.get(code, ""))


def answer_of(assessment: Assessment, code: str):
    answer = assessment.answers.filter(question_code=code).first()
    return None if answer is None else answer.value


@pytest.fixture
def sample_version(db) -> RuleSetVersion:
    call_command("load_rulesets", str(SAMPLE_PATH), stdout=io.StringIO())
    return RuleSetVersion.objects.select_related("framework").get(framework__code="eu-ai-act", label="sample-1")


@pytest.fixture
def system(organization):
    return AISystemFactory(organization=organization, name="CV screener", markets=["eu", "kr"])


@pytest.fixture
def assessment(system, sample_version, owner) -> Assessment:
    return pin_assessment(system, [sample_version], user=owner)


@pytest.fixture
def high_risk_assessment(assessment) -> Assessment:
    give_answers(assessment, HIGH_RISK_ANSWERS, notes={"profiles_people": "Ranks candidates by predicted fit."})
    return assessment


@pytest.fixture
def other_system(other_organization):
    return AISystemFactory(organization=other_organization, name="Globex secret system")


@pytest.fixture
def other_assessment(other_system, sample_version) -> Assessment:
    assessment = pin_assessment(other_system, [sample_version])
    give_answers(assessment, {"is_ai_system": True})
    return assessment


@pytest.fixture
def real_versions(shipped_rule_sets) -> dict[str, RuleSetVersion]:
    """The shipped EU and Korean versions in force on the test date."""
    versions = {v.framework.code: v for v in versions_in_force(as_of=AS_OF, framework_codes=["eu-ai-act",
                                                                                               "kr-ai-basic-act"])}
    if len(versions) < 2:
        pytest.skip("the shipped EU and Korean rule sets are not both loaded")
    return versions


def htmx(client, url, data):
    return client.post(url, data, HTTP_HX_REQUEST="true")


# A CV-screening tool offered in the EU and Korea, for the shipped EU and Korean rule sets.
CV_SCREENING_EU_KR = {
    "org_develops_system": True, "org_offers_system": True, "org_uses_system": False,
    "org_provides_service_with_ai": True, "org_type": "private", "is_ai_system": True,
    "purpose_military_only": False, "purpose_research_only": False, "interacts_with_people": False,
    "generates_content": False, "profiles_people": True, "significant_effect_on_people": True,
    "use_areas": ["employment"], "employment_uses": ["recruitment"],
    "eu_development_stage": "on_market",
    # The shared facts of the format-2 rule sets (EU 2026.2): the same company, described by what it does and where.
    "actor_type": "company", "established_in": ["eu", "kr"], "assessed_subject": "system", "trains_model": False,
    "builds_system": True, "uses_third_party_model": False, "offers_system": True, "uses_system": False,
    "serves_customers_with_system": True, "imports_or_distributes": [], "offer_markets": ["eu", "kr"],
    "output_markets": ["eu", "kr"], "sensitive_areas": ["employment"],
    # Read by Korea's 2026.2 rule set: rejections take effect without a recruiter deciding; no notice exemption.
    "human_final_decision": "no", "kr_ai_use_obvious": False, "kr_internal_use_only": False,
}


@pytest.fixture
def eu_kr_assessment(system, real_versions, owner) -> Assessment:
    assessment = pin_assessment(system, list(real_versions.values()), user=owner)
    give_answers(assessment, CV_SCREENING_EU_KR)
    return assessment
