"""Writes of stored results: what each assessment's evaluation came to, kept for the portfolio pages.

The engine stays pure; this service runs it and stores its output per assessment and framework
(``FrameworkSummary``), the obligations that apply (``ObligationSummary``) and the counts the lists
show (``ResultSummary``). Results are keyed by a fingerprint of their inputs: the pinned versions'
content hashes, the answers, the as-of date and the engine's own code. They are written when answers
change, when an assessment starts or is upgraded and when re-evaluation runs; readers call
``refresh_results`` for any that are missing or stale, so a stale result is recomputed once and
never shown.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

import frameworks
from compliance.organizations.services import note_portfolio_change
from frameworks.engine import APPLIES_LATER, APPLIES_NOW, InvalidAnswers
from frameworks.ruleset import CompiledRuleSet
from frameworks.selectors import VERSION_KEY_FIELDS, compiled_rulesets

from .models import Answer, Assessment, FrameworkSummary, ObligationSummary, PinnedVersion, ResultSummary
from .questionnaire import Wizard
from .selectors import merged_questionnaire, state_from

NATURES = ("binding", "effort", "voluntary")
# Statuses of obligations that bind (or are recommended) for the system; counted and tracked on portfolio pages.
# Every status the engine returns is kept in the stored result and its counts, whatever it is.
APPLYING = frozenset({APPLIES_NOW, APPLIES_LATER})
# Keys of the engine's obligation output that repeat the rule set's own text; the stored result drops
# them (they are read from the pinned version) and keeps everything the evaluation decided.
_RULE_SET_KEYS = frozenset({"title", "local_title", "citation", "source_url", "penalty", "roles"})


def _engine_hash() -> str:
    """Results change when the engine's code does, not only when rule data or answers do."""
    digest = hashlib.sha256()
    package = Path(frameworks.__file__).parent
    for name in ("engine.py", "answers.py", "document.py", "ruleset.py", "conditions.py", "shared.py"):
        path = package / name
        digest.update(path.read_bytes() if path.exists() else name.encode())
    return digest.hexdigest()[:16]


ENGINE_HASH = _engine_hash()


def results_fingerprint(*, rule_sets: Iterable[CompiledRuleSet], values: dict[str, Any], as_of: dt.date) -> str:
    """Identifies the inputs of an evaluation; equal fingerprints give equal results."""
    text = json.dumps({
        "engine": ENGINE_HASH, "as_of": as_of.isoformat(),
        "versions": sorted(f"{rs.framework_code}:{rs.content_hash}" for rs in rule_sets),
        "answers": values,
    }, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class _Inputs:
    assessment: Assessment
    rule_sets: list[CompiledRuleSet]
    version_ids: dict[str, int]
    raw_answers: dict[str, Any]  # question code -> stored value

    @property
    def values(self) -> dict[str, Any]:
        return {code: value for code, value in self.raw_answers.items() if value is not None}

    @property
    def answers(self) -> dict[str, Answer]:
        """Answer instances, built only for the assessments that are recomputed."""
        return {code: Answer(assessment_id=self.assessment.pk, question_code=code, value=value)
                for code, value in self.raw_answers.items()}

    @property
    def fingerprint(self) -> str:
        return results_fingerprint(rule_sets=self.rule_sets, values=self.values, as_of=self.assessment.as_of)


def _load_inputs(assessment_ids: list[int], loaded: dict[int, Assessment]) -> list[_Inputs]:
    """Assessments with their pinned rule sets and answers, in three queries (two if already loaded)."""
    assessments = loaded or {a.pk: a for a in Assessment.objects.filter(pk__in=assessment_ids)}
    # Pins as version keys: each version's content is loaded (and compiled) once per process, not per pin.
    pins: dict[int, list[tuple[str, tuple]]] = {}
    for assessment_id, framework_code, *key in (
            PinnedVersion.objects.filter(assessment_id__in=assessment_ids).order_by("framework__code")
            .values_list("assessment_id", "framework__code", *(f"version__{n}" for n in VERSION_KEY_FIELDS))):
        pins.setdefault(assessment_id, []).append((framework_code, tuple(key)))
    compiled = compiled_rulesets({key for pinned in pins.values() for _, key in pinned}, localized=False)
    answers: dict[int, dict[str, Any]] = {}
    # Plain values: most calls only compare fingerprints, and model instances cost ten times more to build.
    for assessment_id, code, value in Answer.objects.filter(assessment_id__in=assessment_ids).values_list(
            "assessment_id", "question_code", "value"):
        answers.setdefault(assessment_id, {})[code] = value
    return [_Inputs(assessment, [compiled[key[0]] for _, key in pins.get(pk, [])],
                    {code: key[0] for code, key in pins.get(pk, [])}, answers.get(pk, {}))
            for pk, assessment in assessments.items()]


def _empty_counts() -> dict[str, dict[str, int]]:
    return {nature: {} for nature in NATURES}


def _rows_for(inputs: _Inputs, now: dt.datetime, *,
              remember: bool) -> tuple[ResultSummary, list[FrameworkSummary], list[ObligationSummary]]:
    """Unsaved rows for one assessment: evaluate once, keep what the engine returned (and, with ``remember``,
    keep the evaluation for the pages that show this assessment next)."""
    assessment = inputs.assessment
    summary = ResultSummary(assessment=assessment, organization_id=assessment.organization_id,
                            fingerprint=inputs.fingerprint, engine=ENGINE_HASH,
                            assessment_updated_at=assessment.updated_at,
                            computed_at=now)
    answers = inputs.answers
    try:
        state = state_from(assessment=assessment, rule_sets=inputs.rule_sets, answers=answers, remember=remember)
    except InvalidAnswers as exc:
        summary.problem = f"Some answers no longer fit the rule sets ({exc}); open the assessment to review them."
        return summary, [], []
    progress = Wizard(assessment, inputs.rule_sets, merged_questionnaire(inputs.rule_sets), answers,
                      state.visible).progress
    summary.answered, summary.required = progress.answered, progress.total
    output = state.evaluation.to_dict()["frameworks"]
    frameworks_rows, obligation_rows, tier_keys, ranks, next_dates = [], [], [], [], []
    for code, result in state.evaluation.results.items():
        data = output[code]
        data.pop("trace", None)
        counts = _empty_counts()
        dates = []
        for obligation, stored in zip(result.obligations, data["obligations"], strict=True):
            for key in _RULE_SET_KEYS:
                stored.pop(key, None)
            nature = stored.get("nature") or "binding"
            by_status = counts.setdefault(nature, {})
            by_status[obligation.status] = by_status.get(obligation.status, 0) + 1
            if obligation.status not in APPLYING:  # not applicable, or moot because a ban leads
                continue
            if stored.get("confidence") == "unverified":
                by_status["unverified"] = by_status.get("unverified", 0) + 1
                summary.unverified += 1
            field = f"{nature}_{'now' if obligation.status == APPLIES_NOW else 'later'}"  # no other status here
            if hasattr(summary, field):
                setattr(summary, field, getattr(summary, field) + 1)
            if (nature != "voluntary" and obligation.applies_from is not None
                    and obligation.applies_from > assessment.as_of):
                dates.append(obligation.applies_from)
            obligation_rows.append(ObligationSummary(
                organization_id=assessment.organization_id, assessment=assessment, framework_code=code,
                obligation_code=obligation.code, nature=nature, status=obligation.status,
                confidence=stored.get("confidence", ""), applies_from=obligation.applies_from))
        tiers = [{"code": t["code"], "label": t["label"], "rank": t.get("rank")} for t in data["tiers"]]
        tier_keys += [f"{code}:{t['code']}" for t in tiers]
        ranks += [t["rank"] for t in tiers if t.get("rank") is not None]
        next_date = min(dates) if dates else None
        if next_date:
            next_dates.append(next_date)
        frameworks_rows.append(FrameworkSummary(
            assessment=assessment, framework_code=code, version_id=inputs.version_ids[code],
            in_scope=result.in_scope, tiers=tiers, roles=[{"code": r["code"], "label": r["label"]} for r in data["roles"]],
            counts=counts, next_legal_date=next_date, result=data))
    summary.tier_keys = "".join(f" {key} " for key in tier_keys)
    summary.top_tier_rank = max(ranks) if ranks else None
    summary.next_legal_date = min(next_dates) if next_dates else None
    return summary, frameworks_rows, obligation_rows


_SUMMARY_FIELDS = [f.name for f in ResultSummary._meta.concrete_fields if f.name not in ("id", "assessment")]


def _write(rows: list[tuple[ResultSummary, list[FrameworkSummary], list[ObligationSummary]]]) -> None:
    if not rows:
        return
    ids = [summary.assessment_id for summary, _, _ in rows]
    # Inside a caller's transaction (saving answers) no savepoint is needed: a failure undoes the whole save.
    with transaction.atomic(savepoint=False):
        # Two requests (or a request and the background refresh) may store the same assessment at once: the
        # second waits here, then deletes what the first wrote, instead of inserting a duplicate.
        list(Assessment.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
        FrameworkSummary.objects.filter(assessment_id__in=ids).delete()
        ObligationSummary.objects.filter(assessment_id__in=ids).delete()
        ResultSummary.objects.bulk_create([summary for summary, _, _ in rows], update_conflicts=True,
                                          unique_fields=["assessment"], update_fields=_SUMMARY_FIELDS)
        FrameworkSummary.objects.bulk_create([f for _, fws, _ in rows for f in fws], batch_size=500)
        ObligationSummary.objects.bulk_create([o for _, _, obs in rows for o in obs], batch_size=2000)
        for organization_id in sorted({summary.organization_id for summary, _, _ in rows}):
            note_portfolio_change(organization_id=organization_id)


def refresh_results(*, assessment_ids: Iterable[int] = (), assessments: Iterable[Assessment] = (),
                    force: bool = False) -> int:
    """Recompute the stored results of the given assessments whose inputs changed (all with ``force``).

    Pass ``assessments`` fetched with ``select_related("result_summary")`` to save two queries.
    Returns how many were written. A handful of queries whatever the number of assessments.
    """
    loaded = {a.pk: a for a in assessments}
    ids = list(dict.fromkeys([*assessment_ids, *loaded]))
    if not ids:
        return 0
    if loaded and all(_has_summary_loaded(a) for a in loaded.values()):
        stored = {pk: (s.fingerprint, s.assessment_updated_at) for pk, a in loaded.items()
                  if (s := _summary_of(a)) is not None}
    else:
        stored = {pk: (fingerprint, updated) for pk, fingerprint, updated in ResultSummary.objects.filter(
            assessment_id__in=ids).values_list("assessment_id", "fingerprint", "assessment_updated_at")}
    now = timezone.now()
    rows, unchanged = [], []
    for inputs in _load_inputs(ids, loaded):
        fingerprint, updated = stored.get(inputs.assessment.pk, (None, None))
        if force or fingerprint != inputs.fingerprint:
            rows.append(_rows_for(inputs, now, remember=len(ids) == 1))
        elif updated != inputs.assessment.updated_at:
            unchanged.append(inputs.assessment.pk)
    _write(rows)
    if unchanged:
        # Current results of an assessment touched since (e.g. a note edited) only need the new timestamp.
        ResultSummary.objects.filter(assessment_id__in=unchanged).exclude(
            assessment_updated_at=F("assessment__updated_at")).update(assessment_updated_at=Subquery(
                Assessment.objects.filter(pk=OuterRef("assessment_id")).values("updated_at")[:1]))
    return len(rows)


def _has_summary_loaded(assessment: Assessment) -> bool:
    """Whether the assessment was fetched with ``select_related("result_summary")``."""
    return "result_summary" in assessment._state.fields_cache


def _summary_of(assessment: Assessment) -> ResultSummary | None:
    try:
        return assessment.result_summary
    except ResultSummary.DoesNotExist:
        return None


def store_results(*, assessment: Assessment, loaded: bool = False) -> None:
    """Recompute and store one assessment's results now (after its answers or pins changed).

    ``loaded``: the instance is current (its ``updated_at`` included), so it is not read again.
    """
    if loaded:
        refresh_results(assessments=[assessment])
    else:
        refresh_results(assessment_ids=[assessment.pk])


def outdated(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Assessments whose stored results are missing, older than the assessment's last change or computed by
    other engine code (one query)."""
    return queryset.filter(Q(result_summary__isnull=True)
                           | ~Q(result_summary__assessment_updated_at=F("updated_at"))
                           | ~Q(result_summary__engine=ENGINE_HASH))
