"""Reads: which assessments have newer rule sets, what those change, and the upgrade history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import get_language

from compliance.assessments.models import Answer, Assessment, PinnedVersion
from compliance.assessments.panels import Panel
from frameworks.impact import (
    MappingLine,
    ResultChange,
    UpgradePlan,
    compare_versions,
    describe_mappings,
    map_answers,
    plan_upgrade,
)
from frameworks.models import RuleSetVersion
from frameworks.ruleset import CompiledRuleSet
from frameworks.selectors import VERSION_CONTENT_FIELDS, compiled_ruleset, localized_ruleset
from frameworks.translations import SOURCE_LANGUAGE, language_code

from .models import AssessmentUpgrade, Publication, ReviewItem, RulesUpdate

PREVIEW_SAMPLE_SIZE = 20


def newest_versions(*, framework_ids: set[int]) -> dict[int, RuleSetVersion]:
    """The most recent published version of each framework (one query).

    Without the large content columns, which only compiling reads: a version this process has compiled
    is found by its key, and one it has not loads them when compiled.
    """
    newest: dict[int, RuleSetVersion] = {}
    versions = (RuleSetVersion.objects.filter(framework_id__in=framework_ids, status=RuleSetVersion.Status.PUBLISHED)
                .select_related("framework").defer(*VERSION_CONTENT_FIELDS)
                .order_by("framework_id", "-in_force_from", "-published_at"))
    for version in versions:
        newest.setdefault(version.framework_id, version)
    return newest


def is_newer(candidate: RuleSetVersion, pinned: RuleSetVersion) -> bool:
    return candidate.pk != pinned.pk and candidate.in_force_from >= pinned.in_force_from


@dataclass
class AvailableUpdate:
    pin: PinnedVersion
    to_version: RuleSetVersion
    change: ResultChange | None = None
    mapped: list[MappingLine] = field(default_factory=list)

    @property
    def framework(self):
        return self.pin.framework

    @property
    def from_version(self) -> RuleSetVersion:
        return self.pin.version


def available_updates(*, assessment: Assessment) -> list[AvailableUpdate]:
    """Pinned versions that have a newer published version (two queries, without the versions' content)."""
    pins = list(assessment.pinned_versions.select_related("framework", "version")
                .defer(*(f"version__{name}" for name in VERSION_CONTENT_FIELDS)))
    newest = newest_versions(framework_ids={p.framework_id for p in pins})
    return [AvailableUpdate(pin, newest[pin.framework_id]) for pin in pins
            if pin.framework_id in newest and is_newer(newest[pin.framework_id], pin.version)]


def _stored_values(assessment: Assessment) -> dict[str, Any]:
    return {code: value for code, value in assessment.answers.exclude(value=None).values_list("question_code", "value")}


def _pinned_rule_sets(updates: list[AvailableUpdate], assessment: Assessment, *,
                      localized: bool = False) -> list[CompiledRuleSet]:
    pins = {u.pin.pk: u.pin for u in updates}
    all_pins = (assessment.pinned_versions.select_related("version__framework")
                .defer(*(f"version__{name}" for name in VERSION_CONTENT_FIELDS)).order_by("framework__code"))
    build = localized_ruleset if localized else compiled_ruleset
    return [build(pins.get(p.pk, p).version) for p in all_pins]


def _reader_reads_english() -> bool:
    return language_code(get_language()) == SOURCE_LANGUAGE


def pending_updates(*, assessment: Assessment) -> list[AvailableUpdate]:
    """Available updates with their effect on this assessment's results, for the "rules updated" banner.

    Uses the batch re-evaluation's stored result while the answers have not changed
    since; otherwise (or before the batch has run) evaluates now.
    """
    updates = available_updates(assessment=assessment)
    if not updates:
        return []
    stored = {(u.assessment_id, u.from_version_id, u.to_version_id): u for u in RulesUpdate.objects.filter(
        assessment=assessment, from_version_id__in=[u.from_version.pk for u in updates])}
    stale = []
    english = _reader_reads_english()  # stored changes name things in English: other readers get them evaluated now
    for update in updates:
        record = stored.get((assessment.pk, update.from_version.pk, update.to_version.pk))
        if english and record is not None and record.computed_at >= assessment.updated_at:
            update.change = ResultChange.from_dict(record.changes)
        else:
            stale.append(update)
    values = _stored_values(assessment)
    pinned = _pinned_rule_sets(updates, assessment, localized=True)
    if stale:
        replacements = {u.framework.code: localized_ruleset(u.to_version) for u in stale}
        changes = compare_versions(pinned, replacements, values, assessment.as_of)
        for update in stale:
            update.change = changes[update.framework.code]
    for update in updates:
        # The answers the new version's mappings would carry to new question codes, for the banner.
        new = localized_ruleset(update.to_version)
        update.mapped = describe_mappings(map_answers([new], values), [*pinned, new, localized_ruleset(update.from_version)])
    return updates


def upgrade_plan(*, assessment: Assessment, updates: list[AvailableUpdate], localized: bool = False) -> UpgradePlan:
    """What upgrading the given frameworks would do (evaluated now, with the current answers). ``localized``: with
    the texts in the reader's language, for the page (what the upgrade stores keeps the rule sets' English)."""
    pinned = _pinned_rule_sets(updates, assessment, localized=localized)
    build = localized_ruleset if localized else compiled_ruleset
    replacements = {u.framework.code: build(u.to_version) for u in updates}
    return plan_upgrade(pinned, replacements, _stored_values(assessment), assessment.as_of)


def upgrade_history(*, assessment: Assessment) -> QuerySet[AssessmentUpgrade]:
    return (assessment.upgrades.select_related("framework", "from_version", "to_version", "upgraded_by")
            .prefetch_related(Prefetch("review_items",
                                       queryset=ReviewItem.objects.select_related("resolved_by").order_by("id"))))


def history_entries(*, assessment: Assessment) -> list[tuple[AssessmentUpgrade, list[ReviewState]]]:
    """Every upgrade with its flagged questions and whether each was looked at again (three queries in all)."""
    upgrades = list(upgrade_history(assessment=assessment))
    codes = {item.question_code for upgrade in upgrades for item in upgrade.review_items.all()}
    answers = {a.question_code: a for a in assessment.answers.filter(question_code__in=codes)} if codes else {}
    entries = []
    for upgrade in upgrades:
        states = []
        for item in upgrade.review_items.all():
            item.upgrade = upgrade  # already loaded: ReviewState reads its date
            states.append(ReviewState(item, answers.get(item.question_code)))
        entries.append((upgrade, states))
    return entries


@dataclass
class ReviewState:
    item: ReviewItem
    answer: Answer | None

    @property
    def answered_since(self) -> bool:
        return self.answer is not None and self.answer.updated_at > self.item.upgrade.upgraded_at

    @property
    def done(self) -> bool:
        return self.item.resolved_at is not None or self.answered_since


def review_states(*, upgrade: AssessmentUpgrade) -> list[ReviewState]:
    items = list(upgrade.review_items.select_related("upgrade", "resolved_by"))
    answers = {a.question_code: a for a in upgrade.assessment.answers.filter(
        question_code__in=[i.question_code for i in items])}
    return [ReviewState(item, answers.get(item.question_code)) for item in items]


def open_review_count(*, assessment: Assessment) -> int:
    """Questions flagged by upgrades that nobody has looked at again yet."""
    items = list(ReviewItem.objects.filter(upgrade__assessment=assessment, resolved_at=None)
                 .select_related("upgrade"))
    if not items:
        return 0
    answers = dict(assessment.answers.filter(question_code__in=[i.question_code for i in items])
                   .values_list("question_code", "updated_at"))
    return sum(1 for i in items if not (i.question_code in answers and answers[i.question_code] > i.upgrade.upgraded_at))


# --- the publish preview -----------------------------------------------------------


@dataclass
class SampleImpact:
    assessment_id: int
    as_of: dt.date
    from_label: str
    change: ResultChange


@dataclass
class PublishImpact:
    pinned_total: int
    pinned_by_version: list[tuple[str, int]]
    sample: list[SampleImpact]

    @property
    def sample_changed(self) -> list[SampleImpact]:
        return [s for s in self.sample if s.change.changed]


def pinned_to_older(*, version: RuleSetVersion) -> QuerySet[PinnedVersion]:
    """Pins of the same framework on any other (published or retired) version."""
    return PinnedVersion.objects.filter(framework_id=version.framework_id).exclude(version=version)


def publish_impact(*, version: RuleSetVersion, new_rule_set: CompiledRuleSet,
                   sample_size: int = PREVIEW_SAMPLE_SIZE) -> PublishImpact:
    """How many assessments use older versions, and what the new one changes for a sample of them."""
    pins = pinned_to_older(version=version)
    by_version = list(pins.values_list("version__label").annotate(n=Count("id")).order_by("version__label"))
    sample_pins = list(pins.select_related("version", "assessment").order_by("-assessment__updated_at")[:sample_size])
    assessment_ids = [p.assessment_id for p in sample_pins]
    all_pins: dict[int, list[PinnedVersion]] = {}
    for pin in PinnedVersion.objects.filter(assessment_id__in=assessment_ids).select_related("version__framework"):
        all_pins.setdefault(pin.assessment_id, []).append(pin)
    values: dict[int, dict] = {}
    for assessment_id, code, value in (Answer.objects.filter(assessment_id__in=assessment_ids).exclude(value=None)
                                       .values_list("assessment_id", "question_code", "value")):
        values.setdefault(assessment_id, {})[code] = value
    sample = []
    for pin in sample_pins:
        pinned = [compiled_ruleset(p.version) for p in sorted(all_pins[pin.assessment_id], key=lambda p: p.version.framework.code)]
        change = compare_versions(pinned, {version.framework.code: new_rule_set}, values.get(pin.assessment_id, {}),
                                  pin.assessment.as_of)[version.framework.code]
        sample.append(SampleImpact(pin.assessment_id, pin.assessment.as_of, pin.version.label, change))
    return PublishImpact(pinned_total=sum(n for _, n in by_version), pinned_by_version=by_version, sample=sample)


def latest_publication(*, version: RuleSetVersion) -> Publication | None:
    return Publication.objects.filter(version=version).select_related("published_by").first()


def updates_banner(request) -> Panel | None:
    """The "rules updated" banner of the results page (a panels.BANNER builder); nothing when nothing is new."""
    updates = pending_updates(assessment=request.assessment)
    review_count = open_review_count(assessment=request.assessment)
    if not updates and not review_count:
        return None
    return Panel("upgrades/_assessment_banner.html",
                 {"assessment": request.assessment, "updates": updates, "review_count": review_count})
