"""Gap tracker per assessment, item editing (htmx fragments with a full-page fallback), dashboard."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from compliance.assessments.selectors import AssessmentState, assessment_state, owned_assessment
from compliance.concurrency import StaleEdit, edit_version
from compliance.organizations.access import active_membership, membership_for
from compliance.organizations.models import Role

from . import portfolio
from .evidence_selectors import evidence_by_item, history_with_evidence, item_evidence
from .forms import GapItemForm, PortfolioFilterForm
from .models import GapItem
from .selectors import (
    ROW_FILTERS,
    AssessmentGaps,
    GapRow,
    assessment_gaps,
    filtered_rows,
    find_row,
    gap_item_history,
)
from .services import EDITED_FIELDS, edit_key, record_gap


def _gaps_and_row(assessment, framework_code: str,
                  obligation_code: str) -> tuple[AssessmentState, AssessmentGaps, GapRow]:
    state = assessment_state(assessment)
    gaps = assessment_gaps(state=state, today=timezone.localdate(), evidence=evidence_by_item(assessment=assessment))
    row = find_row(gaps=gaps, framework_code=framework_code, obligation_code=obligation_code)
    if row is None:
        raise Http404("This obligation does not apply in this assessment.")
    return state, gaps, row


@login_required
@require_GET
def tracker(request, assessment_id: int):
    assessment, membership = owned_assessment(user=request.user, pk=assessment_id)
    shown = request.GET.get("show", "all")
    if shown not in ROW_FILTERS:
        shown = "all"
    gaps = assessment_gaps(state=assessment_state(assessment), today=timezone.localdate(),
                           evidence=evidence_by_item(assessment=assessment))
    frameworks = [(fw, filtered_rows(rows=fw.rows, show=shown)) for fw in gaps.frameworks]
    return render(request, "gaps/tracker.html", {
        "assessment": assessment, "gaps": gaps, "frameworks": frameworks, "shown": shown,
        "filters": ROW_FILTERS, "can_edit": membership.allows(Role.EDITOR),
    })


@login_required
@require_GET
def item(request, assessment_id: int, framework_code: str, obligation_code: str):
    """One tracker row (htmx: the 'Cancel' of an inline form)."""
    assessment, membership = owned_assessment(user=request.user, pk=assessment_id)
    _, _, row = _gaps_and_row(assessment, framework_code, obligation_code)
    return render(request, "gaps/_item.html", {"assessment": assessment, "row": row, "focus": "focus" in request.GET,
                                               "can_edit": membership.allows(Role.EDITOR)})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, assessment_id: int, framework_code: str, obligation_code: str):
    assessment, _ = owned_assessment(user=request.user, pk=assessment_id, role=Role.EDITOR)
    state, _, row = _gaps_and_row(assessment, framework_code, obligation_code)
    if request.method == "POST":
        form = GapItemForm(request.POST)
        if form.is_valid():
            try:
                record_gap(state=state, user=request.user, framework_code=framework_code,
                           obligation_code=obligation_code, **form.cleaned_data)
            except StaleEdit as exc:
                form = form.after_conflict(exc)
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                return _saved(request, assessment, framework_code, obligation_code)
    else:
        version = edit_version(row.item or GapItem(), fields=EDITED_FIELDS, key=edit_key(
            assessment_id=assessment.pk, framework_code=framework_code, obligation_code=obligation_code))
        form = GapItemForm(initial={**GapItemForm.initial_for(row.item), "version": version})
    context = {"assessment": assessment, "row": row, "form": form, "inline": bool(request.htmx)}
    if request.htmx:
        form.focus_first_field()
        return render(request, "gaps/_item_form.html", context)
    current, removed = item_evidence(item=row.item)
    context["history"] = history_with_evidence(entries=gap_item_history(item=row.item) if row.item else [],
                                               evidence=current + removed)
    return render(request, "gaps/item_edit.html", context)


def _saved(request, assessment, framework_code: str, obligation_code: str):
    _, gaps, row = _gaps_and_row(assessment, framework_code, obligation_code)
    message = f"Saved: “{row.spec['title']}” is now {row.status_label.lower()}."
    if request.htmx:
        return render(request, "gaps/_item_saved.html", {
            "assessment": assessment, "row": row, "gaps": gaps, "can_edit": True, "message": message})
    messages.success(request, message)
    return redirect(reverse("gaps:tracker", args=[assessment.pk]) + f"#{row.anchor}")


@login_required
@require_GET
def my_dashboard(request):
    """The dashboard of the organization chosen in this session."""
    membership = active_membership(request)
    return redirect("gaps:dashboard", organization_id=membership.organization_id)


@login_required
@require_GET
def dashboard(request, organization_id: int):
    """Every assessment that is not archived, with what needs attention across all of them."""
    membership = membership_for(user=request.user, organization_id=organization_id)
    organization, today = membership.organization, timezone.localdate()
    refreshing = portfolio.ensure_current(organization=organization)
    choices = portfolio.filter_choices(organization=organization)
    form = PortfolioFilterForm(request.GET, choices=choices)
    filters = replace(form.to_filter(), archived=False)
    page = Paginator(portfolio.portfolio_assessments(organization=organization, filters=filters, today=today),
                     portfolio.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "gaps/dashboard.html", {
        "organization": organization, "membership": membership, "today": today, "form": form, "filters": filters,
        "page": page, "rows": portfolio.assessment_rows(assessments=list(page.object_list), today=today),
        "attention": portfolio.attention(organization=organization, today=today),
        "totals": portfolio.totals(organization=organization), "refreshing": refreshing,
        "query": _query_without_page(request), "can_edit": membership.allows(Role.EDITOR),
        "natures": portfolio.NATURE_LABELS,
    })


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
