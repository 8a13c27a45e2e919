"""Upgrading an assessment: answers and gap statuses carry over, nothing is deleted, questions are flagged."""

import copy
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.assessments.models import Answer
from compliance.assessments.services import save_answers, start_assessment
from compliance.gaps.models import GapItem, GapStatus
from compliance.upgrades import selectors, services
from compliance.upgrades.models import Publication, RulesUpdate
from compliance.upgrades.tasks import reevaluate_after_publication
from frameworks.loader import LoadedFile
from frameworks.models import Choice, CrosswalkLink, Obligation, Question, Section
from frameworks.ruleset import compile_document
from frameworks.services import create_draft_from, import_rule_set_files, publish_version
from tests.factories import AISystemFactory
from tests.frameworks.support import SAMPLE_CODE, sample_document

from .support import AS_OF, move_annex_iii_date


def publish(draft, user=None):
    return services.publish(version=draft, user=user)


@pytest.fixture
def changed_draft(draft):
    """A draft that moves a date, drops an obligation, adds a question and drops a question's choice."""
    move_annex_iii_date(draft)
    CrosswalkLink.objects.filter(version=draft, obligation_code="art4-ai-literacy").delete()
    Obligation.objects.filter(version=draft, code="art4-ai-literacy").delete()
    section = Section.objects.filter(version=draft).order_by("-position").first()
    Question.objects.create(version=draft, section=section, position=999, code="eu_new_fact", prompt="A new fact?",
                            type="yes_no", required=False)
    use_areas = Question.objects.get(version=draft, code="employment_uses")
    Choice.objects.filter(question=use_areas, code="other").delete()
    return draft


def test_pending_updates_show_the_change_in_the_assessments_own_results(assessment, changed_draft):
    assert selectors.pending_updates(assessment=assessment) == []
    publish(changed_draft)
    [update] = selectors.pending_updates(assessment=assessment)
    assert update.to_version == changed_draft
    kinds = {(o.code, o.kind) for o in update.change.obligations}
    assert kinds == {("art9-risk-management", "date"), ("art4-ai-literacy", "dropped")}


def test_upgrade_keeps_every_answer_and_gap_status(assessment, changed_draft, owner, eu_version):
    Answer.objects.create(assessment=assessment, question_code="retired_question", value=True, note="kept")
    Answer.objects.filter(assessment=assessment, question_code="employment_uses").update(value=["recruitment", "other"])
    gaps = [GapItem.objects.create(organization=assessment.organization, assessment=assessment,
                                   framework_code="eu-ai-act", obligation_code=code, status=status)
            for code, status in (("art9-risk-management", GapStatus.IN_PROGRESS), ("art4-ai-literacy", GapStatus.MET))]
    answers_before = dict(assessment.answers.values_list("question_code", "value"))
    publish(changed_draft)

    [upgrade] = services.upgrade_assessment(assessment=assessment, user=owner, framework_codes=["eu-ai-act"])

    assert assessment.pinned_versions.get().version == changed_draft
    answers_after = dict(assessment.answers.values_list("question_code", "value"))
    assert set(answers_after) == set(answers_before)  # nothing deleted
    assert answers_after["employment_uses"] == ["recruitment"]  # the withdrawn choice removed
    assert {k: v for k, v in answers_after.items() if k != "employment_uses"} == {
        k: v for k, v in answers_before.items() if k != "employment_uses"}
    assert assessment.answers.get(question_code="retired_question").note == "kept"
    assert upgrade.previous_answers == answers_before
    assert [(g.obligation_code, g.status) for g in GapItem.objects.filter(pk__in=[g.pk for g in gaps])] == [
        ("art4-ai-literacy", GapStatus.MET), ("art9-risk-management", GapStatus.IN_PROGRESS)]
    assert (upgrade.from_version, upgrade.to_version, upgrade.upgraded_by) == (eu_version, changed_draft, owner)
    assert {o["code"] for o in upgrade.changes["obligations"] if o["kind"] == "dropped"} == {"art4-ai-literacy"}
    reasons = dict(upgrade.review_items.values_list("question_code", "reason"))
    assert reasons == {"employment_uses": "answer_adapted", "eu_new_fact": "new"}
    assert selectors.pending_updates(assessment=assessment) == []


@pytest.fixture
def sample_assessment(organization, owner):
    """An assessment on a sample version with two extra questions the next draft changes."""
    document = sample_document(label="sample-1")
    next(sec for sec in document["sections"] if sec["code"] == "system")["questions"] += [
        {"code": "eu_old_fact", "prompt": "An old fact?", "type": "yes_no"},
        {"code": "eu_channel", "prompt": "Which channel?", "type": "single_choice",
         "choices": [{"code": "web", "label": "Web"}, {"code": "app", "label": "App"}]}]
    import_rule_set_files(files=[LoadedFile("sample.yaml", compile_document(copy.deepcopy(document)))])
    system = AISystemFactory(organization=organization, markets=[])
    assessment = start_assessment(system=system, user=owner, framework_codes=[SAMPLE_CODE], as_of=AS_OF)
    save_answers(assessment=assessment, user=owner, changes={
        "is_ai_system": {"value": True}, "eu_old_fact": {"value": True}, "eu_channel": {"value": "app"}})
    return assessment


def test_answers_to_removed_questions_stay_and_are_listed_as_unused(sample_assessment, owner):
    pinned = sample_assessment.pinned_versions.get().version
    draft = create_draft_from(version=pinned, label="sample-2", in_force_from=dt.date(2026, 11, 1))
    Question.objects.filter(version=draft, code="eu_old_fact").delete()
    publish(draft)
    [upgrade] = services.upgrade_assessment(assessment=sample_assessment, user=owner, framework_codes=[SAMPLE_CODE])
    assert upgrade.unused_answers == ["eu_old_fact"]
    assert sample_assessment.answers.get(question_code="eu_old_fact").value is True


def test_an_answer_that_no_longer_fits_is_cleared_flagged_and_kept_in_the_record(sample_assessment, owner):
    pinned = sample_assessment.pinned_versions.get().version
    draft = create_draft_from(version=pinned, label="sample-2", in_force_from=dt.date(2026, 11, 1))
    channel = Question.objects.get(version=draft, code="eu_channel")
    Choice.objects.filter(question=channel, code="app").delete()
    Choice.objects.create(question=channel, code="api", label="API", position=5)
    publish(draft)
    [upgrade] = services.upgrade_assessment(assessment=sample_assessment, user=owner, framework_codes=[SAMPLE_CODE])
    answer = sample_assessment.answers.get(question_code="eu_channel")
    assert answer.value is None and upgrade.previous_answers["eu_channel"] == "app"
    item = upgrade.review_items.get(question_code="eu_channel")
    assert item.reason == "answer_cleared" and item.previous_value == "app"
    assert answer.history.first().history_type == "~" and answer.history.all()[1].value == "app"


def test_only_frameworks_with_a_newer_version_can_be_upgraded(assessment, owner):
    with pytest.raises(ValidationError):
        services.upgrade_assessment(assessment=assessment, user=owner, framework_codes=["eu-ai-act"])
    with pytest.raises(ValidationError):
        services.upgrade_assessment(assessment=assessment, user=owner, framework_codes=[])


def test_batch_reevaluation_stores_updates_and_progress(assessment, changed_draft, eu_version, eager_celery):
    version = publish_version(version=changed_draft)
    publication = Publication.objects.create(version=version, assessments_total=0)
    assert reevaluate_after_publication.delay(publication.pk).get() == 1  # eager here
    publication.refresh_from_db()
    assert (publication.assessments_total, publication.assessments_done) == (1, 1)
    update = RulesUpdate.objects.get(assessment=assessment)
    assert update.from_version == eu_version and update.to_version == version
    # Rerunning replaces the stored result instead of duplicating it.
    services.reevaluate_assessments(publication=publication, assessment_ids=[assessment.pk])
    assert RulesUpdate.objects.filter(assessment=assessment).count() == 1


def test_stale_stored_results_are_recomputed_for_the_banner(assessment, changed_draft, owner):
    version = publish_version(version=changed_draft)
    publication = Publication.objects.create(version=version)
    services.reevaluate_assessments(publication=publication, assessment_ids=[assessment.pk])
    RulesUpdate.objects.filter(assessment=assessment).update(changes={
        **RulesUpdate.objects.get(assessment=assessment).changes, "obligations": []})
    [update] = selectors.pending_updates(assessment=assessment)
    assert update.change.obligations == ()  # fresh stored result is used as is
    save_answers(assessment=assessment, user=owner, changes={"uses_system": {"value": False}})
    assessment.refresh_from_db()
    [update] = selectors.pending_updates(assessment=assessment)
    assert update.change.obligations  # answers changed since: evaluated again
