"""Gap tracker per assessment, item editing (htmx fragments with a full-page fallback), dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from compliance.assessments.selectors import AssessmentState, assessment_state, owned_assessment
from compliance.organizations.access import active_membership, membership_for
from compliance.organizations.models import Role

from .forms import GapItemForm
from .selectors import (
    ROW_FILTERS,
    AssessmentGaps,
    GapRow,
    assessment_gaps,
    filtered_rows,
    find_row,
    gap_item_history,
    organization_dashboard,
)
from .services import record_gap


def _gaps_and_row(assessment, framework_code: str,
                  obligation_code: str) -> tuple[AssessmentState, AssessmentGaps, GapRow]:
    state = assessment_state(assessment)
    gaps = assessment_gaps(state=state, today=timezone.localdate())
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
    gaps = assessment_gaps(state=assessment_state(assessment), today=timezone.localdate())
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
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                return _saved(request, assessment, framework_code, obligation_code)
    else:
        form = GapItemForm(initial=GapItemForm.initial_for(row.item))
    context = {"assessment": assessment, "row": row, "form": form, "inline": bool(request.htmx)}
    if request.htmx:
        form.focus_first_field()
        return render(request, "gaps/_item_form.html", context)
    context["history"] = gap_item_history(item=row.item) if row.item else []
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
    membership = membership_for(user=request.user, organization_id=organization_id)
    today = timezone.localdate()
    summaries = organization_dashboard(organization=membership.organization, today=today)
    attention = sorted(
        ((s, row) for s in summaries if s.gaps for row in s.gaps.attention),
        key=lambda pair: (not pair[1].overdue, pair[1].due_date if pair[1].overdue else pair[1].legal_date))
    return render(request, "gaps/dashboard.html", {
        "organization": membership.organization, "summaries": summaries, "attention": attention, "today": today,
    })
