"""Reads for reports: the assessment-state hash, reusable and recent reports, stalled renders."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.conf import settings
from django.utils import timezone, translation

from compliance.assessments.models import Assessment
from compliance.assessments.panels import Panel
from compliance.assessments.selectors import AssessmentState, assessment_state
from compliance.gaps.evidence_selectors import evidence_fingerprint
from compliance.gaps.models import GapItem
from compliance.gaps.selectors import gap_items_by_key
from compliance.organizations.models import Membership, Role

from .models import Report

# Bump when the PDF's layout or content changes, so older PDFs are not offered as current.
REPORT_FORMAT = 2
# A render still "running" after this long lost its worker (the task's hard limit is lower).
STALLED_AFTER = dt.timedelta(minutes=5)


def pinned_versions(*, state: AssessmentState) -> list[dict]:
    return [{"framework": rs.framework_code, "name": rs.framework["name"], "label": rs.label,
             "content_hash": rs.content_hash} for rs in state.rule_sets]


def state_hash(*, state: AssessmentState, items: dict[tuple[str, str], GapItem], report_date: dt.date) -> str:
    """SHA-256 of everything the PDF shows: system, answers and notes, gap statuses, evidence files, pinned
    versions.

    The report date is part of it because overdue and near-deadline marks depend on the day.
    """
    assessment = state.assessment
    system = assessment.system
    payload = {
        "format": REPORT_FORMAT,
        "report_date": report_date.isoformat(),
        "organization": assessment.organization.name,
        "system": [system.name, system.description, system.purpose, system.owner, system.lifecycle_stage,
                   system.markets],
        "as_of": assessment.as_of.isoformat(),
        "versions": [[v["framework"], v["label"], v["content_hash"]] for v in pinned_versions(state=state)],
        "answers": {code: [a.value, a.note] for code, a in sorted(state.answers.items())},
        "gaps": {f"{fw}:{ob}": [i.status, i.justification, i.responsible, i.due_date.isoformat() if i.due_date else None,
                                i.evidence_notes, i.links]
                 for (fw, ob), i in sorted(items.items())},
    }
    evidence = evidence_fingerprint(assessment=assessment)
    if evidence:  # listed by name in the appendix; reports of assessments without evidence keep their hash
        payload["evidence"] = evidence
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_stalled(report: Report, *, now: dt.datetime | None = None) -> bool:
    """Whether a queued or running report has waited so long that its worker must be gone."""
    if not report.is_pending:
        return False
    since = report.started_at or report.created_at
    return (now or timezone.now()) - since > STALLED_AFTER


def reusable_report(*, assessment: Assessment, state_hash: str, language: str | None = None) -> Report | None:
    """A finished report of exactly this state (in this language, if given), or one still being rendered."""
    candidates = Report.objects.filter(assessment=assessment, state_hash=state_hash).exclude(status=Report.Status.FAILED)
    if language:
        candidates = candidates.filter(language=language)
    for report in candidates.order_by("-created_at", "-pk")[:5]:
        if report.status == Report.Status.DONE and report.file:
            return report
        if report.is_pending and not is_stalled(report):
            return report
    return None


def recent_reports(*, assessment: Assessment, limit: int = 10) -> list[Report]:
    return list(Report.objects.filter(assessment=assessment).select_related("requested_by")[:limit])


def latest_report(*, assessment: Assessment, language: str | None = None) -> Report | None:
    """The newest report, in ``language`` if given."""
    reports = Report.objects.filter(assessment=assessment)
    return (reports.filter(language=language) if language else reports).first()


def report_region(*, assessment: Assessment, membership: Membership, state: AssessmentState | None = None) -> dict:
    """The latest report of an assessment and what the user may do with it (the polled "report region").

    ``up_to_date`` (whether the latest PDF still shows the assessment as it is) needs the evaluated
    state: pass the page's own, or it is evaluated here, and only when there is a finished PDF to compare.
    """
    # The page's language: a report in another language is another report (listed on the reports page).
    language = translation.get_language() or settings.LANGUAGE_CODE
    latest = latest_report(assessment=assessment, language=language)
    stalled = bool(latest and is_stalled(latest))
    up_to_date = False
    if latest is not None and latest.status == Report.Status.DONE:
        state = state if state is not None else assessment_state(assessment)
        current = state_hash(state=state, items=gap_items_by_key(assessment=assessment),
                             report_date=timezone.localdate())
        up_to_date = current == latest.state_hash
    return {"assessment": assessment, "latest": latest, "stalled": stalled, "up_to_date": up_to_date,
            "pending": bool(latest and latest.is_pending and not stalled),
            "can_generate": membership.allows(Role.EDITOR), "language": language,
            "languages": settings.LANGUAGES}


def assessment_report_panel(request) -> Panel:
    """The PDF report panel of the results page (a panels.SIDE builder)."""
    return Panel("reports/_assessment_panel.html",
                 report_region(assessment=request.assessment, membership=request.membership, state=request.state))
