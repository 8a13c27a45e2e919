"""Report pages: request a PDF, watch its progress (a polled fragment), retry, download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from compliance.assessments.selectors import owned_assessment
from compliance.organizations.access import get_owned
from compliance.organizations.models import Membership, Role

from .models import Report
from .selectors import is_stalled, recent_reports, report_region
from .services import request_report, retry_report


def _report(request, report_id: int, role: str = Role.VIEWER) -> tuple[Report, Membership]:
    return get_owned(Report.objects.select_related("assessment__system", "requested_by"), user=request.user,
                     role=role, pk=report_id)


def _status_context(report: Report, membership, *, reused: bool = False) -> dict:
    return {"report": report, "stalled": is_stalled(report), "reused": reused, "self_poll": True,
            "can_generate": membership.allows(Role.EDITOR)}


@login_required
@require_http_methods(["GET", "POST"])
def assessment_reports(request, assessment_id: int):
    """GET: the reports of an assessment. POST: generate a PDF, or offer the existing one if nothing changed.

    With htmx the POST answers with the report region (the new report's progress, the button disabled
    while it is made); without, it redirects to the report's page.
    """
    role = Role.EDITOR if request.method == "POST" else Role.VIEWER
    assessment, membership = owned_assessment(user=request.user, pk=assessment_id, role=role)
    if request.method == "POST":
        report, reused = request_report(assessment=assessment, user=request.user,
                                         language=request.POST.get("language") or request.LANGUAGE_CODE)
        if request.htmx:
            return render(request, "reports/_region.html",
                          {**report_region(assessment=assessment, membership=membership), "reused": reused})
        if reused:
            messages.info(request, gettext("Nothing has changed since this report was made, so here it is."))
        return redirect("reports:detail", report_id=report.pk)
    region = report_region(assessment=assessment, membership=membership)
    earlier = [r for r in recent_reports(assessment=assessment) if r != region["latest"]]
    return render(request, "reports/assessment_reports.html", {**region, "earlier": earlier})


@login_required
@require_GET
def region(request, assessment_id: int):
    """The report region the results and reports pages poll while a report is being made."""
    assessment, membership = owned_assessment(user=request.user, pk=assessment_id)
    return render(request, "reports/_region.html", report_region(assessment=assessment, membership=membership))


@login_required
@require_GET
def detail(request, report_id: int):
    report, membership = _report(request, report_id)
    return render(request, "reports/detail.html", {**_status_context(report, membership),
                                                   "assessment": report.assessment})


@login_required
@require_GET
def status(request, report_id: int):
    """The small fragment the page polls while the report is queued or rendering."""
    report, membership = _report(request, report_id)
    return render(request, "reports/_status.html", _status_context(report, membership))


@login_required
@require_POST
def retry(request, report_id: int):
    report, membership = _report(request, report_id, role=Role.EDITOR)
    try:
        report = retry_report(report=report, user=request.user)
    except ValidationError as exc:
        if request.htmx:
            return render(request, "reports/_status.html", {**_status_context(report, membership),
                                                            "problem": exc.messages[0]})
        messages.error(request, exc.messages[0])
        return redirect("reports:detail", report_id=report.pk)
    if request.htmx:
        return render(request, "reports/_status.html", _status_context(report, membership))
    return redirect("reports:detail", report_id=report.pk)


def download_name(report: Report) -> str:
    """``<system name>-gap-report-<date>.pdf`` in the report's language (갭-분석-보고서, ギャップ分析レポート):
    letters, digits and hyphens only (any script)."""
    stem = slugify(report.assessment.system.name, allow_unicode=True)[:80].strip("-") or "ai-system"
    day = timezone.localtime(report.finished_at).date() if report.finished_at else timezone.localdate()
    with translation.override(report.language):
        kind = pgettext("file name of a PDF report", "gap-report")
    return f"{stem}-{kind}-{day:%Y-%m-%d}.pdf"


@login_required
@require_GET
def download(request, report_id: int):
    report, _ = _report(request, report_id)
    if report.status != Report.Status.DONE or not report.file:
        raise Http404(gettext("This report has no PDF yet."))
    try:
        handle = report.file.open("rb")
    except FileNotFoundError:
        raise Http404(gettext("The PDF file is missing; generate the report again.")) from None
    return FileResponse(handle, as_attachment=True, filename=download_name(report), content_type="application/pdf")
