"""The gap register as CSV or XLSX: one row per tracked obligation, the same rows as the tracker shows."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from compliance.assessments.selectors import assessment_state, owned_assessment
from compliance.inventory.spreadsheets import write_csv, write_xlsx

from .evidence_selectors import evidence_by_item
from .selectors import AssessmentGaps, GapRow, assessment_gaps

FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def nature_label(nature: str) -> str:
    return {"binding": _("Binding"), "effort": _("Duty to endeavour"), "voluntary": _("Voluntary")}.get(nature, nature)


def confidence_label(confidence: str) -> str:
    return {"primary": _("Primary source"), "secondary": _("Secondary source"),
            "unverified": _("Unverified")}.get(confidence, confidence)


def gap_register_header() -> list[str]:
    return [_("Framework"), _("Citation"), _("Obligation"), _("Nature"), _("Confidence"), _("Status"),
            _("Assignee"), _("Due date"), _("Linked actions"), _("Evidence"), _("Last change")]


def _last_change(row: GapRow) -> str:
    """When the obligation's record last changed (its status or an evidence upload), and by whom."""
    changes = [(e.uploaded_at, e.uploaded_by) for e in row.evidence]
    if row.item is not None:
        changes.append((row.item.updated_at, row.item.updated_by))
    if not changes:
        return ""
    when, who = max(changes, key=lambda change: change[0])
    stamp = timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
    return f"{stamp} ({who.get_username()})" if who is not None else stamp


def gap_register_rows(*, gaps: AssessmentGaps) -> list[list]:
    rows: list[list] = []
    for row in gaps.rows:
        item = row.item
        evidence = [e.name for e in row.evidence] + (list(item.links) if item else [])
        rows.append([row.framework_name, row.spec["citation"], row.spec["title"], nature_label(row.nature),
                     confidence_label(row.spec["confidence"]), str(row.status_label), item.owner if item else "",
                     row.due_date, "", "; ".join(evidence), _last_change(row)])
    return rows


@login_required
@require_GET
def gap_register(request, assessment_id: int, file_format: str):
    if file_format not in FORMATS:
        raise Http404("Export as .csv or .xlsx.")
    assessment, _membership = owned_assessment(user=request.user, pk=assessment_id)
    today = timezone.localdate()
    gaps = assessment_gaps(state=assessment_state(assessment), today=today,
                           evidence=evidence_by_item(assessment=assessment))
    header, rows = gap_register_header(), gap_register_rows(gaps=gaps)
    if file_format == "xlsx":
        data = write_xlsx(title=_("Gap register"), header=header, rows=rows)
    else:
        data = write_csv(header=header, rows=rows)
    stem = slugify(assessment.system.name, allow_unicode=True)[:60].strip("-") or "ai-system"
    response = HttpResponse(data, content_type=FORMATS[file_format])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{stem}-gap-register-{today:%Y-%m-%d}.{file_format}")
    return response
