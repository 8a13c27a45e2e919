"""Writes: publishing with a record, batch re-evaluation, and upgrading assessments."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_noop

from compliance.assessments.models import Answer, Assessment, PinnedVersion
from compliance.assessments.services import check_not_archived
from compliance.assessments.stored_results import refresh_results, store_results
from frameworks.impact import compare_versions
from frameworks.models import RuleSetVersion
from frameworks.selectors import VERSION_CONTENT_FIELDS, VERSION_KEY_FIELDS, compiled_ruleset, compiled_rulesets
from frameworks.services import publish_version

from .models import AssessmentUpgrade, Publication, ReevaluatedBatch, ReviewItem, RulesUpdate
from .selectors import available_updates, is_newer, pinned_to_older, upgrade_plan

BATCH_SIZE = 250
# Stored as the English message (a catalog id) and shown translated: Publication.reevaluation_error_text.
QUEUE_UNAVAILABLE = gettext_noop("Re-evaluating the assessments on older versions could not be queued because the task "
                     "queue (Redis) was unreachable. The version is published; start the re-evaluation again "
                     "once the queue is back.")
logger = logging.getLogger(__name__)


def _queue_reevaluation(publication_id: int) -> None:
    """Queue the fan-out task; if the broker cannot take it, say so on the publication (it can be retried)."""
    from . import tasks  # tasks import services; imported here to keep the module graph acyclic

    try:
        tasks.reevaluate_after_publication.delay(publication_id)
    except Exception:  # any failure to queue: the broker is down, refused the message, or timed out
        logger.exception("Could not queue the re-evaluation of publication %s", publication_id)
        Publication.objects.filter(pk=publication_id).update(reevaluation_error=QUEUE_UNAVAILABLE)


def retry_reevaluation(*, publication: Publication) -> Publication:
    """Queue the re-evaluation of a publication again (after it could not be queued, or to redo it)."""
    Publication.objects.filter(pk=publication.pk).update(reevaluation_error="")
    transaction.on_commit(lambda: _queue_reevaluation(publication.pk))
    publication.refresh_from_db()
    return publication


def publish(*, version: RuleSetVersion, user) -> Publication:
    """Publish a draft, record who did it, and re-evaluate the assessments on older versions afterwards.

    Atomic: if validation fails (RuleSetInvalid) nothing changes and no task is queued.
    """
    with transaction.atomic():
        retiring = list(RuleSetVersion.objects.filter(
            framework_id=version.framework_id, status=RuleSetVersion.Status.PUBLISHED,
            in_force_from__lte=version.in_force_from).exclude(pk=version.pk).values_list("label", flat=True))
        published = publish_version(version=version)
        publication = Publication.objects.create(
            version=published, published_by=user, published_at=published.published_at or timezone.now(), retired_labels=retiring,
            assessments_total=pinned_to_older(version=published).count())
        transaction.on_commit(lambda: _queue_reevaluation(publication.pk))
    publication.refresh_from_db()
    return publication


def reevaluation_batches(*, publication: Publication) -> list[list[int]]:
    """The assessments pinned to older versions, in batches; resets the publication's progress."""
    ids = list(pinned_to_older(version=publication.version).order_by("assessment_id")
               .values_list("assessment_id", flat=True))
    with transaction.atomic():
        ReevaluatedBatch.objects.filter(publication=publication).delete()
        Publication.objects.filter(pk=publication.pk).update(
            assessments_total=len(ids), assessments_done=0, reevaluated_at=None if ids else timezone.now())
    return [ids[start:start + BATCH_SIZE] for start in range(0, len(ids), BATCH_SIZE)]


def reevaluate_assessments(*, publication: Publication, assessment_ids: list[int]) -> int:
    """Store what the published version changes for each assessment (as a RulesUpdate)."""
    version = publication.version
    new_rule_set = compiled_ruleset(version)
    framework_code = version.framework.code
    pins: dict[int, list[PinnedVersion]] = {}
    # The versions' content (and their translations) is not read per pin: compiled_rulesets loads it once.
    for pin in (PinnedVersion.objects.filter(assessment_id__in=assessment_ids)
                .select_related("version__framework", "assessment")
                .defer(*(f"version__{name}" for name in VERSION_CONTENT_FIELDS)).order_by("framework__code")):
        pins.setdefault(pin.assessment_id, []).append(pin)
    compiled = compiled_rulesets({tuple(getattr(pin.version, name) for name in VERSION_KEY_FIELDS)
                                  for assessment_pins in pins.values() for pin in assessment_pins}, localized=False)
    values: dict[int, dict[str, Any]] = {}
    for assessment_id, code, value in (Answer.objects.filter(assessment_id__in=assessment_ids).exclude(value=None)
                                       .values_list("assessment_id", "question_code", "value")):
        values.setdefault(assessment_id, {})[code] = value

    now = timezone.now()
    updates = []
    for assessment_id, assessment_pins in pins.items():
        own = next((p for p in assessment_pins if p.framework_id == version.framework_id), None)
        if own is None or not is_newer(version, own.version):
            continue
        pinned = [compiled[p.version_id] for p in assessment_pins]
        assessment = own.assessment
        change = compare_versions(pinned, {framework_code: new_rule_set}, values.get(assessment_id, {}),
                                  assessment.as_of)[framework_code]
        updates.append(RulesUpdate(organization_id=assessment.organization_id, assessment_id=assessment_id,
                                   framework_id=version.framework_id, from_version_id=own.version_id,
                                   to_version=version, changes=change.to_dict(), computed_at=now))
    with transaction.atomic():
        RulesUpdate.objects.bulk_create(
            updates, update_conflicts=True, unique_fields=["assessment", "from_version", "to_version"],
            update_fields=["changes", "computed_at"])
        # Their own stored results are refreshed in the same pass (only those whose inputs changed).
        refresh_results(assessment_ids=assessment_ids)
        # Progress counts each batch once, even when its task is delivered twice: a batch is recorded by its
        # first assessment, and the count is the sum over recorded batches (under the publication's lock).
        Publication.objects.select_for_update().filter(pk=publication.pk).first()
        if assessment_ids:
            ReevaluatedBatch.objects.bulk_create([ReevaluatedBatch(
                publication=publication, first_assessment_id=min(assessment_ids), size=len(assessment_ids))],
                ignore_conflicts=True)
        done = ReevaluatedBatch.objects.filter(publication=publication).aggregate(n=Sum("size"))["n"] or 0
        Publication.objects.filter(pk=publication.pk).update(assessments_done=done, reevaluated_at=now)
    return len(updates)


@transaction.atomic
def upgrade_assessment(*, assessment: Assessment, user, framework_codes: list[str]) -> list[AssessmentUpgrade]:
    """Move the chosen frameworks of an assessment to their newest published versions.

    Answers carry over by question code and are never deleted; the new versions' answer_mappings
    carry answers to older codes over to the new codes (flagged for review). An answer whose value no
    longer fits its question is cleared (its value stays in ``previous_answers``, the
    review item and the answer's history) and flagged for review, like new questions and
    questions whose choices changed. Gap statuses are keyed by obligation code, so they
    carry over untouched.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    check_not_archived(assessment)
    updates = {u.framework.code: u for u in available_updates(assessment=assessment)}
    unknown = sorted(set(framework_codes) - set(updates))
    if not framework_codes or unknown:
        raise ValidationError("Choose at least one framework that has a newer rule set."
                              if not unknown else f"No newer rule set to upgrade to for: {', '.join(unknown)}.")
    chosen = [updates[code] for code in sorted(framework_codes)]
    plan = upgrade_plan(assessment=assessment, updates=chosen)
    previous = dict(assessment.answers.values_list("question_code", "value"))

    existing = {a.question_code: a for a in assessment.answers.filter(question_code__in=list(plan.rewritten))}
    for code, value in plan.rewritten.items():
        # Mapped answers go to new question codes; the old answers stay in the record, untouched.
        answer = existing.get(code) or Answer(assessment=assessment, question_code=code)
        if answer.pk is None and value is None:
            continue
        answer.value = value
        answer.updated_by = user
        answer.save()

    now = timezone.now()
    upgrades = []
    for update in chosen:
        code = update.framework.code
        from_version = update.from_version
        asked_before = {q.code for q in compiled_ruleset(from_version).questions}
        update.pin.version = update.to_version
        update.pin.pinned_at = now
        update.pin.save()
        upgrade = AssessmentUpgrade.objects.create(
            organization_id=assessment.organization_id, assessment=assessment, framework=update.framework,
            from_version=from_version, to_version=update.to_version, upgraded_by=user, upgraded_at=now,
            changes=plan.changes[code].to_dict(), previous_answers=previous,
            unused_answers=[c for c in plan.unused if c in asked_before])
        ReviewItem.objects.bulk_create([
            ReviewItem(upgrade=upgrade, question_code=need.question, prompt=need.prompt, reason=need.reason,
                       detail=need.detail, previous_value=need.previous_value)
            for need in plan.reviews if need.framework == code])
        upgrades.append(upgrade)
    Assessment.objects.filter(pk=assessment.pk).update(updated_at=now)
    store_results(assessment=assessment)
    return upgrades


def resolve_review_item(*, item: ReviewItem, user) -> ReviewItem:
    """Mark a flagged question as looked at (answers are changed on the questionnaire)."""
    if item.resolved_at is None:
        item.resolved_at = timezone.now()
        item.resolved_by = user
        item.save(update_fields=["resolved_at", "resolved_by"])
    return item
