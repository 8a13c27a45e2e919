"""Upgrading to a format-2 version: answer_mappings carry old codes to new ones, old answers stay, mapped
questions are flagged, and the "rules updated" banner and upgrade page show the mapping."""

import datetime as dt

import pytest
from django.urls import reverse

from compliance.assessments.models import Answer
from compliance.assessments.services import save_answers, start_assessment
from compliance.upgrades import selectors, services
from compliance.upgrades.models import ReviewItem
from frameworks.loader import LoadedFile
from frameworks.ruleset import compile_document
from frameworks.services import import_rule_set_files
from tests.factories import AISystemFactory
from tests.frameworks.support import sample_document
from tests.frameworks.test_format2 import f2_document

AS_OF = dt.date(2026, 11, 22)
OLD_ANSWERS = {
    "org_develops_system": True, "org_offers_system": True, "org_uses_system": False, "is_ai_system": True,
    "use_areas": ["employment"], "employment_uses": ["recruitment"],
}


@pytest.fixture
def old_version(db):
    """The format-1 sample under the format-2 sample's framework code, in force before it."""
    document = sample_document(label="f2-0", in_force_from="2026-01-01")
    document["framework"] = {**f2_document()["framework"]}
    del document["framework"]["market"], document["framework"]["out_of_scope_reason"]
    [outcome] = import_rule_set_files(files=[LoadedFile("old.yaml", compile_document(document))])
    from frameworks.models import RuleSetVersion

    return RuleSetVersion.objects.get(framework__code="sample-f2", label="f2-0")


@pytest.fixture
def assessment(organization, owner, old_version):
    system = AISystemFactory(organization=organization, markets=["eu"], name="Candidate ranker")
    assessment = start_assessment(system=system, user=owner, framework_codes=["sample-f2"], as_of=AS_OF)
    save_answers(assessment=assessment, user=owner, changes={c: {"value": v} for c, v in OLD_ANSWERS.items()})
    return assessment


@pytest.fixture
def new_version(old_version):
    import_rule_set_files(files=[LoadedFile("new.yaml", compile_document(f2_document()))])
    from frameworks.models import RuleSetVersion

    return RuleSetVersion.objects.get(framework__code="sample-f2", label="f2-1")


def test_banner_lists_how_answers_carry_over(assessment, new_version, client, owner):
    [update] = selectors.pending_updates(assessment=assessment)
    lines = {(line.new_prompt, line.new_answer) for line in update.mapped}
    prompts = {q.code: q.spec["prompt"] for q in compile_document(f2_document()).questions}
    assert (prompts["builds_system"], "Yes") in lines
    assert (prompts["trains_model"], "") in lines  # not carried: asked again
    assert (prompts["sensitive_areas"], "Employment, hiring and management of workers") in lines
    client.force_login(owner)
    page = client.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    assert "Rules updated" in page and "not carried: you will be asked to answer it" in page
    assert prompts["serves_customers_with_system"] not in page  # the old answer was not given: nothing to map


def test_upgrade_maps_answers_keeps_old_ones_and_flags_them(assessment, new_version, owner):
    before = dict(assessment.answers.values_list("question_code", "value"))
    [upgrade] = services.upgrade_assessment(assessment=assessment, user=owner, framework_codes=["sample-f2"])
    after = dict(assessment.answers.values_list("question_code", "value"))
    assert {code: after[code] for code in before} == before  # nothing deleted or changed
    assert after["builds_system"] is True and after["offers_system"] is True
    assert after["uses_system"] is False and after["sensitive_areas"] == ["employment"]
    assert "trains_model" not in after
    reasons = dict(upgrade.review_items.values_list("question_code", "reason"))
    assert reasons["builds_system"] == ReviewItem.Reason.MAPPED
    assert reasons["trains_model"] == ReviewItem.Reason.NOT_CARRIED
    detail = upgrade.review_items.get(question_code="builds_system").detail
    assert "Carried over as: Yes" in detail and "Check it still holds" in detail
    assert set(upgrade.unused_answers) >= {"org_develops_system", "org_offers_system", "use_areas"}
    assert Answer.objects.filter(assessment=assessment, question_code="use_areas").exists()


def test_the_result_after_upgrade_reads_the_mapped_answers(assessment, new_version, owner):
    [update] = selectors.pending_updates(assessment=assessment)
    assert update.change.new_in_scope is False  # no market answered yet: the new version asks where
    services.upgrade_assessment(assessment=assessment, user=owner, framework_codes=["sample-f2"])
    save_answers(assessment=assessment, user=owner, changes={
        "assessed_subject": {"value": "system"}, "trains_model": {"value": False},
        "offer_markets": {"value": ["eu"]}})
    from compliance.assessments.selectors import assessment_state

    result = assessment_state(assessment).evaluation.results["sample-f2"]
    assert result.in_scope and result.roles == ["provider"] and result.tiers == ["high_risk"]


def test_mapping_values_and_unknown(db):
    from frameworks.impact import map_answers

    rule_set = compile_document(f2_document())
    [mapped] = [m for m in map_answers([rule_set], {"sample_old_contract_question": "not_sure"})
                if m.to == "sample_contract_signed_early"]
    assert mapped.new_value == "unknown"
    [typed] = [m for m in map_answers([rule_set], {"org_type": "private"}) if m.to == "actor_type"]
    assert typed.new_value == "company"
    per_market = map_answers([rule_set], {"use_areas": ["employment", "astrology"]})
    assert [m.new_value for m in per_market if m.to == "sensitive_areas"] == [None]  # refused value: not carried
