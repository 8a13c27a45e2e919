import pytest

from frameworks.models import (
    Choice,
    ClassificationRule,
    ImmutableVersionError,
    Obligation,
    Question,
    RuleSetVersion,
    Tier,
)
from frameworks.services import create_draft_from, import_rule_set_files, publish_version

from .support import SAMPLE_CODE, sample_file


@pytest.fixture
def published(db):
    import_rule_set_files(files=[sample_file()])
    return RuleSetVersion.objects.get(framework__code=SAMPLE_CODE, label="sample-1")


def test_children_refuse_save_and_delete(published):
    obligation = published.obligations.first()
    obligation.summary = "edited"
    with pytest.raises(ImmutableVersionError):
        obligation.save()
    with pytest.raises(ImmutableVersionError):
        obligation.delete()
    choice = Choice.objects.filter(question__version=published).first()
    choice.label = "edited"
    with pytest.raises(ImmutableVersionError):
        choice.save()


def test_querysets_refuse_bulk_writes(published):
    with pytest.raises(ImmutableVersionError):
        Obligation.objects.filter(version=published).update(summary="edited")
    with pytest.raises(ImmutableVersionError):
        ClassificationRule.objects.filter(version=published).delete()
    with pytest.raises(ImmutableVersionError):
        Choice.objects.filter(question__version=published).update(label="edited")
    with pytest.raises(ImmutableVersionError):
        Tier.objects.bulk_create([Tier(version=published, code="extra", label="Extra", rank=1, description="x")])
    question = Question.objects.filter(version=published).first()
    question.prompt = "edited"
    with pytest.raises(ImmutableVersionError):
        Question.objects.bulk_update([question], ["prompt"])
    assert not Obligation.objects.filter(summary="edited").exists()


def test_version_content_fields_are_frozen_but_status_moves_forward(published):
    published.title = "Rewritten"
    with pytest.raises(ImmutableVersionError):
        published.save()
    published.refresh_from_db()
    with pytest.raises(ImmutableVersionError):
        published.delete()
    published.status = RuleSetVersion.Status.DRAFT
    with pytest.raises(ImmutableVersionError, match="cannot move from published to draft"):
        published.save()
    published.status = RuleSetVersion.Status.RETIRED
    published.save()


def test_drafts_are_editable_and_publishing_retires_the_previous_version(published):
    draft = create_draft_from(version=published, label="sample-2")
    obligation = draft.obligations.get(code="art4-ai-literacy")
    obligation.summary = "Support the development of AI literacy."
    obligation.save()
    draft.in_force_from = "2026-12-01"
    draft.save()
    publish_version(version=draft)
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.status == "published" and draft.content_hash != published.content_hash
    assert published.status == "retired"
    assert str(published.in_force_until) == "2026-12-01"
    assert published.obligations.get(code="art4-ai-literacy").summary != obligation.summary
