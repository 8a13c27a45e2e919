"""Gap tracker per assessment, item editing (htmx fragments with a full-page fallback), dashboard."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from compliance.assessments.selectors import AssessmentState, assessment_state, owned_assessment
from compliance.concurrency import StaleEdit, edit_version
from compliance.organizations.access import active_membership, membership_for
from compliance.organizations.models import Role

from . import kept_pages, portfolio
from . import tracker as tracker_rows
from .actions.selectors import members_of, person_name
from .evidence_selectors import evidence_by_item, history_with_evidence, item_evidence
from .forms import BulkEditForm, GapItemForm, PortfolioFilterForm, TrackerFilterForm
from .models import Action, GapItem
from .selectors import (
    ROW_FILTERS,
    AssessmentGaps,
    GapRow,
    action_links_by_item,
    assessment_gaps,
    find_row,
    gap_item_history,
)
from .services import bulk_update_gaps, edit_key, edited_fields, record_gap


def _gaps_and_row(assessment, framework_code: str,
                  obligation_code: str) -> tuple[AssessmentState, AssessmentGaps, GapRow]:
    state = assessment_state(assessment)
    gaps = assessment_gaps(state=state, today=timezone.localdate(), evidence=evidence_by_item(assessment=assessment),
                           links=action_links_by_item(assessment=assessment))
    row = find_row(gaps=gaps, framework_code=framework_code, obligation_code=obligation_code)
    if row is None:
        raise Http404("This obligation does not apply in this assessment.")
    return state, gaps, row


@login_required
@require_GET
def tracker(request, assessment_id: int):
    """The applicable obligations, filtered, sorted and a page at a time, with bulk editing for editors."""
    assessment, membership = owned_assessment(user=request.user, pk=assessment_id)
    today = timezone.localdate()
    gaps = assessment_gaps(state=assessment_state(assessment), today=today,
                           evidence=evidence_by_item(assessment=assessment),
                           links=action_links_by_item(assessment=assessment))
    members = members_of(organization_id=assessment.organization_id)
    form = TrackerFilterForm(request.GET, frameworks=tracker_rows.framework_choices(gaps),
                             natures=tracker_rows.nature_choices(gaps), members=members)
    filters = form.to_filters()
    rows = tracker_rows.tracker_rows(gaps=gaps, filters=filters, user_id=request.user.pk, today=today)
    page = Paginator(rows, tracker_rows.PAGE_SIZE).get_page(request.GET.get("page"))
    can_edit = membership.allows(Role.EDITOR)
    return render(request, "gaps/tracker.html", {
        "assessment": assessment, "gaps": gaps, "form": form, "filters": filters, "page": page,
        "grouped": filters.sort == "framework", "shown": filters.show, "quick_filters": ROW_FILTERS,
        "query": _query_without_page(request), "can_edit": can_edit,
        "bulk_form": BulkEditForm(keys=[], members=members) if can_edit else None,
        "frameworks": gaps.frameworks,
    })


@login_required
@require_POST
def bulk_edit(request, assessment_id: int):
    """Set the status, assignee or due date of the selected obligations: one history entry per changed item."""
    assessment, _ = owned_assessment(user=request.user, pk=assessment_id, role=Role.EDITOR)
    state = assessment_state(assessment)
    gaps = assessment_gaps(state=state, today=timezone.localdate())
    form = BulkEditForm(request.POST, keys=[r.key for r in gaps.rows],
                        members=members_of(organization_id=assessment.organization_id))
    back = _safe_next(request, form.data.get("next", "")) or reverse("gaps:tracker", args=[assessment.pk])
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
        return redirect(back)
    try:
        changed, skipped = bulk_update_gaps(state=state, user=request.user, **form.changes())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    message = ngettext("Updated %(count)d obligation.", "Updated %(count)d obligations.", len(changed)) % {
        "count": len(changed)}
    if skipped:
        message += " " + ngettext(
            "%(count)d kept its status because it follows its linked actions.",
            "%(count)d kept their status because it follows their linked actions.", len(skipped)) % {
            "count": len(skipped)}
    messages.success(request, message)
    return redirect(back)


def _safe_next(request, target: str) -> str:
    return target if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()) else ""


@login_required
@require_GET
def item(request, assessment_id: int, framework_code: str, obligation_code: str):
    """One tracker row (htmx: the 'Cancel' of an inline form)."""
    assessment, membership = owned_assessment(user=request.user, pk=assessment_id)
    _, _, row = _gaps_and_row(assessment, framework_code, obligation_code)
    can_edit = membership.allows(Role.EDITOR)
    return render(request, "gaps/_item.html", {"assessment": assessment, "row": row, "focus": "focus" in request.GET,
                                               "can_edit": can_edit, "bulk": can_edit})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, assessment_id: int, framework_code: str, obligation_code: str):
    assessment, _ = owned_assessment(user=request.user, pk=assessment_id, role=Role.EDITOR)
    state, _, row = _gaps_and_row(assessment, framework_code, obligation_code)
    form_options: dict[str, Any] = {"members": members_of(organization_id=assessment.organization_id), "item": row.item,
                    "status_follows_actions": row.status_follows_actions}
    if request.method == "POST":
        form = GapItemForm(request.POST, **form_options)
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
        version = edit_version(row.item or GapItem(), key=edit_key(
            assessment_id=assessment.pk, framework_code=framework_code, obligation_code=obligation_code),
            fields=edited_fields(status_follows_actions=row.status_follows_actions))
        form = GapItemForm(initial={**GapItemForm.initial_for(row.item), "version": version}, **form_options)
    context = {"assessment": assessment, "row": row, "form": form, "inline": bool(request.htmx)}
    if request.htmx:
        form.focus_first_field()
        return render(request, "gaps/_item_form.html", context)
    current, removed = item_evidence(item=row.item)
    linked_ids = {link.action_id for link in row.action_links}
    context.update({
        "history": history_with_evidence(entries=gap_item_history(item=row.item) if row.item else [],
                                         evidence=current + removed),
        "other_actions": [a for a in Action.objects.filter(organization_id=assessment.organization_id)
                          .order_by("title", "pk") if a.pk not in linked_ids],
        "status_decider": person_name(row.item.status_set_by or row.item.updated_by) if row.item else "",
    })
    return render(request, "gaps/item_edit.html", context)


@login_required
@require_POST
def link_existing(request, assessment_id: int, framework_code: str, obligation_code: str):
    """Link an existing action of the organization to this obligation (chosen on the obligation's page)."""
    from .actions.services import link_action

    assessment, _ = owned_assessment(user=request.user, pk=assessment_id, role=Role.EDITOR)
    state, _, row = _gaps_and_row(assessment, framework_code, obligation_code)
    action_id = request.POST.get("action", "")
    action = (Action.objects.filter(organization_id=assessment.organization_id, pk=int(action_id)).first()
              if action_id.isdigit() and len(action_id) < 19 else None)
    if action is None:
        raise Http404("No such action.")
    try:
        link_action(action=action, state=state, framework_code=framework_code, obligation_code=obligation_code,
                    user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("Linked to the action “%(title)s”; the status now follows its actions.")
                         % {"title": action.title})
    return redirect("gaps:edit", assessment_id=assessment.pk, framework_code=framework_code,
                    obligation_code=obligation_code)


def _saved(request, assessment, framework_code: str, obligation_code: str):
    _, gaps, row = _gaps_and_row(assessment, framework_code, obligation_code)
    message = gettext("Saved: “%(title)s” is now %(status)s.") % {"title": row.spec["title"],
                                                                  "status": str(row.status_label).lower()}
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
    content = kept_pages.portfolio_content(
        request=request, membership=membership, page="dashboard", template="gaps/_dashboard_content.html",
        context=lambda refreshing: _dashboard_content(request, membership, refreshing))
    return render(request, "gaps/dashboard.html", {
        "organization": membership.organization, "membership": membership, "content": content})


def _dashboard_content(request, membership, refreshing: int) -> dict[str, Any]:
    organization, today = membership.organization, timezone.localdate()
    choices = portfolio.filter_choices(organization=organization)
    form = PortfolioFilterForm(request.GET, choices=choices)
    filters = replace(form.to_filter(), archived=False)
    page = Paginator(portfolio.portfolio_assessments(organization=organization, filters=filters, today=today),
                     portfolio.PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "organization": organization, "today": today, "form": form, "filters": filters,
        "page": page, "rows": portfolio.assessment_rows(assessments=list(page.object_list), today=today),
        "attention": portfolio.attention(organization=organization, today=today),
        "totals": portfolio.totals(organization=organization), "refreshing": refreshing,
        "query": _query_without_page(request), "natures": portfolio.NATURE_LABELS,
    }


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
