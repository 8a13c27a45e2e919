"""Writes for AI systems and assessments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from compliance.concurrency import check_unchanged
from compliance.organizations.models import Organization
from compliance.organizations.services import note_portfolio_change
from frameworks.engine import AnswerProblem, InvalidAnswers, question_definitions, value_problem, visibility
from frameworks.models import Framework
from frameworks.ruleset import CompiledRuleSet
from frameworks.selectors import versions_in_force

from .models import AISystem, Answer, Assessment, PinnedVersion
from .selectors import pinned_rule_sets
from .stored_results import store_results

MAX_LABEL = 120


def check_not_archived(assessment: Assessment) -> None:
    """Archived assessments are kept as they were: refuse any change until restored."""
    if assessment.archived_at is not None:
        raise ValidationError("This assessment is archived, so it is read-only. Restore it to change it.")


def create_system(*, organization: Organization, user, name: str, description: str = "", purpose: str = "",
                  owner: str = "", lifecycle_stage: str = AISystem.Stage.DESIGN, markets: list[str],
                  default_answers: dict[str, Any] | None = None) -> AISystem:
    """``default_answers``: checked questionnaire facts (compliance.inventory.facts) for its assessments."""
    system = AISystem.objects.create(organization=organization, created_by=user, name=name, description=description,
                                     purpose=purpose, owner=owner, lifecycle_stage=lifecycle_stage, markets=markets,
                                     default_answers=default_answers or {})
    note_portfolio_change(organization_id=organization.pk)
    return system


def start_assessment(*, system: AISystem, user, framework_codes: list[str], as_of: dt.date,
                     label: str = "") -> Assessment:
    """Create an assessment pinned to the versions of the chosen frameworks in force on ``as_of``."""
    if not framework_codes:
        raise ValidationError("Choose at least one framework.")
    versions = versions_in_force(as_of=as_of, framework_codes=framework_codes)
    missing = sorted(set(framework_codes) - {v.framework.code for v in versions})
    if missing:
        names = dict(Framework.objects.filter(code__in=missing).values_list("code", "name"))
        raise ValidationError(
            f"No published rule set is in force on {as_of:%Y-%m-%d} for: {', '.join(names.get(c, c) for c in missing)}.")
    with transaction.atomic():
        assessment = Assessment.objects.create(organization=system.organization, system=system, as_of=as_of,
                                               created_by=user, label=_clean_label(label))
        PinnedVersion.objects.bulk_create([
            PinnedVersion(assessment=assessment, framework=v.framework, version=v) for v in versions])
        if not _prefill(assessment=assessment, user=user):
            store_results(assessment=assessment)
    return assessment


INVENTORY = "inventory"


def _prefill(*, assessment: Assessment, user) -> bool:
    """Save the system's imported facts that the pinned rule sets ask, valid and shown under one another, as
    the first answers, through save_answers (as the questionnaire saves them). Returns whether any were."""
    defaults = assessment.system.default_answers or {}
    if not defaults:
        return False
    rule_sets = pinned_rule_sets(assessment)
    definitions = question_definitions(rule_sets)
    values = {code: value for code, value in defaults.items()
              if code in definitions and value_problem(definitions[code], value) is None}
    while values:  # drop the facts that the other facts hide (a question follows up on another)
        shown = visibility(rule_sets, values)
        hidden = [code for code in values if not shown.get(code, False)]
        if not hidden:
            break
        for code in hidden:
            del values[code]
    if not values:
        return False
    save_answers(assessment=assessment, user=user, changes={code: {"value": v} for code, v in values.items()},
                 rule_sets=list(rule_sets), origin=INVENTORY)
    return True


def _clean_label(label: str) -> str:
    label = " ".join(label.split())
    if len(label) > MAX_LABEL:
        raise ValidationError(f"Use at most {MAX_LABEL} characters for the label.")
    return label


def rename_assessment(*, assessment: Assessment, label: str) -> Assessment:
    """Give an assessment a label of its own (empty: it is called by its date)."""
    assessment.label = _clean_label(label)
    Assessment.objects.filter(pk=assessment.pk).update(label=assessment.label)
    note_portfolio_change(organization_id=assessment.organization_id)
    return assessment


def archive_assessment(*, assessment: Assessment, user) -> Assessment:
    """Set a superseded assessment aside: kept and readable, read-only, left out of the dashboard's counts."""
    if assessment.archived_at is None:
        assessment.archived_at, assessment.archived_by = timezone.now(), user
        Assessment.objects.filter(pk=assessment.pk).update(archived_at=assessment.archived_at, archived_by=user)
        note_portfolio_change(organization_id=assessment.organization_id)
    return assessment


def restore_assessment(*, assessment: Assessment) -> Assessment:
    if assessment.archived_at is not None:
        assessment.archived_at, assessment.archived_by = None, None
        Assessment.objects.filter(pk=assessment.pk).update(archived_at=None, archived_by=None)
        note_portfolio_change(organization_id=assessment.organization_id)
    return assessment


UNSET = object()


def save_answers(*, assessment: Assessment, user, changes: dict[str, dict[str, Any]],
                 rule_sets: list[CompiledRuleSet] | None = None, origin: str = "") -> list[Answer]:
    """Save answers and notes: ``{code: {"value": v, "note": text}}`` (either key may be left out).
    ``origin`` says where a value came from when no person gave it ("inventory": a system's imported fact);
    a person's save clears it.

    A value of None clears the answer. Everything is checked first against the pinned
    rule sets (``rule_sets`` if the caller has read them, as the questionnaire has when it checked the form's
    fingerprint); if anything is wrong (unknown question, bad type or choice, a question
    the other answers hide) InvalidAnswers is raised and nothing is saved.
    """
    check_not_archived(assessment)
    rule_sets = pinned_rule_sets(assessment) if rule_sets is None else rule_sets
    definitions = question_definitions(rule_sets)
    problems: list[AnswerProblem] = []
    for code, change in changes.items():
        if code not in definitions:
            problems.append(AnswerProblem(code, "this question is not part of this assessment; reload the page"))
            continue
        value = change.get("value", UNSET)
        if value is not UNSET and value is not None:
            # The engine's own check, as `classify` uses it: per-market answers and "unknown" included.
            message = value_problem(definitions[code], value)
            if message:
                problems.append(AnswerProblem(code, message))
        note = change.get("note", "")
        if not isinstance(note, str) or len(note) > 5000:
            problems.append(AnswerProblem(code, "the note must be text of at most 5000 characters"))
    if problems:
        raise InvalidAnswers(problems)

    with transaction.atomic():
        Assessment.objects.select_for_update().filter(pk=assessment.pk).values_list("pk").get()
        existing = {a.question_code: a for a in assessment.answers.all()}
        values = {code: a.value for code, a in existing.items() if a.value is not None}
        for code, change in changes.items():
            if change.get("value", UNSET) is not UNSET:
                if change["value"] is None:
                    values.pop(code, None)
                else:
                    values[code] = change["value"]
        shown = visibility(rule_sets, values)
        hidden = [AnswerProblem(code, "this question is not asked given your other answers")
                  for code, change in changes.items()
                  if change.get("value") is not None and not isinstance(change["value"], dict)
                  and not shown.get(code, False)]
        if hidden:
            raise InvalidAnswers(hidden)
        saved = []
        for code, change in changes.items():
            answer = existing.get(code) or Answer(assessment=assessment, question_code=code)
            if change.get("value", UNSET) is not UNSET:
                answer.value = change["value"]
                answer.origin = origin
            if "note" in change:
                answer.note = change["note"]
            answer.updated_by = user
            answer.save()
            saved.append(answer)
        assessment.updated_at = timezone.now()
        Assessment.objects.filter(pk=assessment.pk).update(updated_at=assessment.updated_at)
        store_results(assessment=assessment, loaded=True)
    return saved


# The fields of the system form, checked for concurrent edits (compliance.concurrency).
SYSTEM_FIELDS = ("name", "description", "purpose", "owner", "lifecycle_stage", "markets")


def system_edit_key(system: AISystem) -> str:
    return f"system:{system.pk}"


@transaction.atomic
def update_system(*, system: AISystem, name: str, description: str, purpose: str, owner: str,
                  lifecycle_stage: str, markets: list[str], user=None, version: str = "") -> AISystem:
    """Save the system's details. ``version`` is the form's compliance.concurrency token: if someone saved
    the system after the form was opened, StaleEdit is raised and nothing is saved."""
    values = {"name": name, "description": description, "purpose": purpose, "owner": owner,
              "lifecycle_stage": lifecycle_stage, "markets": markets}
    locked = AISystem.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=system.pk)
    if all(getattr(locked, field) == value for field, value in values.items()):
        return locked  # a double submit, or the same change
    check_unchanged(instance=locked, fields=SYSTEM_FIELDS, key=system_edit_key(system), token=version)
    for field, value in values.items():
        setattr(system, field, value)
    system.updated_by = user
    system.save()
    note_portfolio_change(organization_id=system.organization_id)
    return system


def record_position(*, assessment: Assessment, section_code: str) -> None:
    """Remember the section the user is on, so that they resume there."""
    if assessment.current_section != section_code:
        Assessment.objects.filter(pk=assessment.pk).update(current_section=section_code)
        assessment.current_section = section_code
