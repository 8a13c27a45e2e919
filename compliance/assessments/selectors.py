"""Reads for assessments: pinned rule sets, answers, the merged questionnaire, results."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Prefetch, QuerySet

from compliance.organizations.access import get_owned
from compliance.organizations.models import Membership, Organization, Role
from frameworks.engine import Evaluation, evaluate, question_definitions, value_problem, visibility
from frameworks.loader import shared_questions
from frameworks.models import Framework, RuleSetVersion
from frameworks.ruleset import CompiledRuleSet
from frameworks.selectors import (
    VERSION_KEY_FIELDS,
    compiled_ruleset,
    compiled_rulesets,
    localized_ruleset,
    versions_in_force,
)

from .models import AISystem, Answer, Assessment, PinnedVersion
from .questionnaire import Wizard


def pinned_rule_sets(assessment: Assessment) -> list[CompiledRuleSet]:
    """The compiled versions the assessment is pinned to, in framework-code order, in the active language.

    One query for the pins' version keys; a version's content is loaded only if this process has not
    compiled it yet (published content never changes, and loading it costs more than the page's other reads).
    """
    keys = list(assessment.pinned_versions.order_by("framework__code").values_list(
        *(f"version__{name}" for name in VERSION_KEY_FIELDS)))
    compiled = compiled_rulesets(keys)
    return [compiled[key[0]] for key in keys]


@dataclass
class MergedQuestion:
    """A question as the questionnaire shows it, once, whichever frameworks ask it."""

    code: str
    spec: dict
    section: str
    frameworks: list[str] = field(default_factory=list)
    citations: list[tuple[str, str]] = field(default_factory=list)  # (framework name, citation)
    # How each selected framework reads the fact: (framework name, text), from the question's help_by_framework.
    framework_help: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class MergedSection:
    code: str
    title: str
    description: str
    questions: list[MergedQuestion] = field(default_factory=list)


@lru_cache(maxsize=1)
def _catalogue_order() -> tuple[tuple[str, ...], dict[str, int]]:
    catalogue = shared_questions()
    sections: list[str] = []
    for q in catalogue.values():
        if q["section"] not in sections:
            sections.append(q["section"])
    # Format-1 versions (pinned by older assessments) use the previous catalogue's sections.
    sections = [*LEGACY_LEADING_SECTIONS, *sections, *LEGACY_TRAILING_SECTIONS]
    return tuple(sections), {code: i for i, code in enumerate(catalogue)}


LEGACY_LEADING_SECTIONS = ("organisation",)
LEGACY_TRAILING_SECTIONS = ("model",)


def merged_questionnaire(rule_sets: list[CompiledRuleSet]) -> list[MergedSection]:
    """Sections and questions across frameworks: shared sections first, each question once.

    Published versions never change, so the merge is built once per process for each combination
    of them (callers read it and must not change it). Drafts are merged afresh.
    """
    if not all(rs.content_hash and rs.version.get("status", "draft") != "draft" for rs in rule_sets):
        return _merge(rule_sets)
    # The texts are part of the key: a merge holds one language's texts, and help texts may be corrected.
    key = tuple((rs.framework_code, rs.content_hash, rs.texts_digest, rs.localization.language) for rs in rule_sets)
    with _merged_lock:
        cached = _merged.get(key)
    if cached is None:
        cached = _merge(rule_sets)
        with _merged_lock:
            _merged[key] = cached
            while len(_merged) > 32:
                _merged.pop(next(iter(_merged)))
    return cached


_merged: dict[tuple, list[MergedSection]] = {}
_merged_lock = threading.Lock()


def _merge(rule_sets: list[CompiledRuleSet]) -> list[MergedSection]:
    shared_sections, shared_rank = _catalogue_order()
    sections: dict[str, MergedSection] = {}
    questions: dict[str, MergedQuestion] = {}
    for rule_set in rule_sets:
        name = rule_set.framework["name"]
        for section in rule_set.document["sections"]:
            merged = sections.setdefault(section["code"], MergedSection(section["code"], section["title"], section["description"]))
            for q in section["questions"]:
                item = questions.get(q["code"])
                if item is None:
                    item = questions[q["code"]] = MergedQuestion(q["code"], q, section["code"])
                    merged.questions.append(item)
                item.frameworks.append(rule_set.framework_code)
                item.citations += [(name, c) for c in q["citations"]]
                if (q.get("help_by_framework") or {}).get(rule_set.framework_code):
                    item.framework_help.append((name, q["help_by_framework"][rule_set.framework_code]))
    ordered = [sections[c] for c in shared_sections if c in sections]
    ordered += [s for c, s in sections.items() if c not in shared_sections]
    for section in ordered:
        if section.code in shared_sections:
            section.questions.sort(key=lambda q: shared_rank.get(q.code, len(shared_rank)))
    return [s for s in ordered if s.questions]


def answers_by_code(assessment: Assessment) -> dict[str, Answer]:
    return {a.question_code: a for a in assessment.answers.all()}


@dataclass
class AssessmentState:
    """Everything a page needs about an assessment, computed once per request."""

    assessment: Assessment
    rule_sets: list[CompiledRuleSet]
    answers: dict[str, Answer]
    visible: dict[str, bool]
    evaluation: Evaluation
    invalid_codes: list[str] = field(default_factory=list)

    @property
    def given_values(self) -> dict[str, Any]:
        return {code: a.value for code, a in self.answers.items() if a.value is not None}

    @property
    def ignored_codes(self) -> list[str]:
        """Answered questions that the current answers hide: kept, but not used."""
        return sorted(code for code in self.given_values if not self.visible.get(code, False))


def used_values(rule_sets: list[CompiledRuleSet], values: dict[str, Any]) -> dict[str, Any]:
    """The answers the engine sees: known questions that are currently shown."""
    shown = visibility(rule_sets, values)
    return {code: value for code, value in values.items() if shown.get(code, False)}


def _invalid_codes(rule_sets: list[CompiledRuleSet], values: dict[str, Any]) -> list[str]:
    """Stored answers the pinned questions would refuse (possible only if data was changed behind our back)."""
    definitions = question_definitions(rule_sets)
    return sorted(code for code, value in values.items()
                  if code in definitions and value_problem(definitions[code], value))


_Evaluated = tuple[dict[str, bool], Evaluation, list[str]]
_EVALUATED_SIZE = 64
# key -> (the rule sets evaluated, what came of it). The entry holds its rule sets, so the ids in its key
# cannot be reused by other objects while it exists.
_evaluated: OrderedDict[str, tuple[tuple[CompiledRuleSet, ...], _Evaluated]] = OrderedDict()
_evaluated_lock = threading.Lock()


def _evaluation_key(rule_sets: list[CompiledRuleSet], values: dict[str, Any], as_of: dt.date) -> str | None:
    """The inputs of an evaluation: the compiled rule sets themselves, the answers and the date.

    Published versions are compiled once per process (per language and translation state), so the same
    compiled objects mean the same texts and conditions. None for drafts, which are compiled afresh.
    """
    if not all(rs.content_hash and rs.version.get("status", "draft") != "draft" for rs in rule_sets):
        return None
    return json.dumps([[id(rs) for rs in rule_sets], as_of.isoformat(), values], sort_keys=True, default=str,
                      separators=(",", ":"))


def _evaluated_from(rule_sets: list[CompiledRuleSet], values: dict[str, Any], as_of: dt.date) -> _Evaluated:
    # An answer the engine would refuse counts as unanswered, so one bad row cannot break every page.
    invalid = _invalid_codes(rule_sets, values)
    values = {code: value for code, value in values.items() if code not in invalid}
    shown = visibility(rule_sets, values)
    used = {code: value for code, value in values.items() if shown.get(code, False)}
    return shown, evaluate(rule_sets, used, as_of), invalid


def state_from(*, assessment: Assessment, rule_sets: list[CompiledRuleSet], answers: dict[str, Answer],
               remember: bool = True) -> AssessmentState:
    """Evaluate an assessment from rule sets and answers already loaded (no queries).

    The engine is pure, so equal inputs give equal results: the last evaluations are kept per process
    (their users read them and must not change them). Saving answers evaluates to store the results, so
    the results page, the gap tracker and the report that follow find them here. ``remember=False`` for
    batch work that would only push the pages' entries out.
    """
    values = {code: a.value for code, a in answers.items() if a.value is not None}
    key = _evaluation_key(rule_sets, values, assessment.as_of)
    evaluated = None
    with _evaluated_lock:
        entry = _evaluated.get(key) if key is not None else None
        if entry is not None and all(a is b for a, b in zip(entry[0], rule_sets, strict=True)):
            _evaluated.move_to_end(key)  # type: ignore[arg-type]  # a found key is not None
            evaluated = entry[1]
    if evaluated is None:
        evaluated = _evaluated_from(rule_sets, values, assessment.as_of)
        if key is not None and remember:
            with _evaluated_lock:
                _evaluated[key] = (tuple(rule_sets), evaluated)
                while len(_evaluated) > _EVALUATED_SIZE:
                    _evaluated.popitem(last=False)
    shown, evaluation, invalid = evaluated
    return AssessmentState(assessment, rule_sets, answers, shown, evaluation, list(invalid))


def assessment_state(assessment: Assessment) -> AssessmentState:
    return state_from(assessment=assessment, rule_sets=pinned_rule_sets(assessment),
                      answers=answers_by_code(assessment))


def _wizard(assessment: Assessment, rule_sets: list[CompiledRuleSet], answers: dict[str, Answer]) -> Wizard:
    values = {code: a.value for code, a in answers.items() if a.value is not None}
    invalid = _invalid_codes(rule_sets, values)
    shown = visibility(rule_sets, {c: v for c, v in values.items() if c not in invalid})
    return Wizard(assessment, rule_sets, merged_questionnaire(rule_sets), answers, shown)


def wizard_state(assessment: Assessment) -> Wizard:
    """The questionnaire of an assessment with its answers and what is visible (no evaluation)."""
    return _wizard(assessment, pinned_rule_sets(assessment), answers_by_code(assessment))


def wizard_after_saving(wizard: Wizard, saved: list[Answer]) -> Wizard:
    """The questionnaire once ``saved`` (returned by ``services.save_answers``) are stored (no queries)."""
    return _wizard(wizard.assessment, wizard.rule_sets, {**wizard.answers, **{a.question_code: a for a in saved}})


def wizard_from_state(state: AssessmentState) -> Wizard:
    """The questionnaire view of an already computed state (no further queries)."""
    return Wizard(state.assessment, state.rule_sets, merged_questionnaire(state.rule_sets), state.answers,
                  state.visible)


# --- lists ---------------------------------------------------------------------------------


def systems_for(*, organization: Organization) -> QuerySet[AISystem]:
    return (AISystem.objects.filter(organization=organization)
            .annotate(assessment_count=Count("assessments"), last_assessed=Max("assessments__updated_at")))


def _with_pins(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    pins = PinnedVersion.objects.select_related("framework", "version").order_by("framework__code")
    return queryset.prefetch_related(Prefetch("pinned_versions", queryset=pins), "answers")


def assessments_for(*, organization: Organization) -> QuerySet[Assessment]:
    return _with_pins(Assessment.objects.filter(organization=organization).select_related("system"))


def assessments_of(*, system: AISystem) -> QuerySet[Assessment]:
    return _with_pins(system.assessments.select_related("system"))


def progress_of(assessment: Assessment):
    """Progress of an assessment fetched through ``assessments_for`` / ``assessments_of`` (no further queries)."""
    rule_sets = [localized_ruleset(pin.version) for pin in assessment.pinned_versions.all()]
    answers = {a.question_code: a for a in assessment.answers.all()}
    values = {code: a.value for code, a in answers.items() if a.value is not None}
    wizard = Wizard(assessment, rule_sets, merged_questionnaire(rule_sets), answers, visibility(rule_sets, values))
    return wizard.progress


def starting_questions(*, framework_codes: list[str], as_of: dt.date) -> dict[str, list[str]]:
    """Per framework in force on ``as_of``: the questions asked before any answer, for the start form's estimate.

    Codes, not counts: a question several frameworks ask is asked once, so the form counts the union.
    """
    out = {}
    for version in versions_in_force(as_of=as_of, framework_codes=framework_codes):
        shown = visibility([compiled_ruleset(version)], {})
        out[version.framework.code] = sorted(code for code, visible in shown.items() if visible)
    return out


def frameworks_with_versions() -> list[Framework]:
    """Frameworks that have a published or retired version, for choosing what to assess."""
    live = RuleSetVersion.objects.exclude(status=RuleSetVersion.Status.DRAFT).values("framework_id")
    return list(Framework.objects.filter(pk__in=live).order_by("name"))


def owned_assessment(*, user, pk: int, role: str = Role.VIEWER) -> tuple[Assessment, Membership]:
    """An assessment of one of the user's organizations: 404 for outsiders, 403 below ``role``.

    Asking for more than viewing an archived assessment is refused (403): archived means read-only.
    """
    assessment, membership = get_owned(Assessment.objects.select_related("system", "organization"), user=user,
                                       role=role, pk=pk)
    if role != Role.VIEWER and assessment.archived_at is not None:
        raise PermissionDenied("This assessment is archived, so it is read-only. Restore it to change it.")
    return assessment, membership
