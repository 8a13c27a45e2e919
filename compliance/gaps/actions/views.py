"""Pages of actions: the organization's list, one action with what it serves and the crosswalk's suggestions,
creating (from an obligation or on its own), editing, linking and unlinking, and the work assigned to me."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from compliance.assessments.selectors import assessment_state, owned_assessment
from compliance.concurrency import StaleEdit, edit_version
from compliance.organizations.access import active_membership, get_owned
from compliance.organizations.models import Role

from ..models import Action, ActionLink, ActionStatus
from ..selectors import assessment_gaps, find_row
from . import selectors, services
from .forms import ActionForm, ObligationKeyForm

PAGE_SIZE = 25


def _owned_action(request, pk: int, role: str = Role.VIEWER):
    return get_owned(Action.objects.select_related("assignee", "organization", "created_by"), user=request.user,
                     role=role, pk=pk)


@login_required
@require_GET
def action_list(request):
    membership = active_membership(request)
    organization_id = membership.organization_id
    members = selectors.members_of(organization_id=organization_id)
    status = request.GET.get("status", "")
    status = status if status in ActionStatus.values else ""
    assignee = request.GET.get("assignee", "")
    member_ids = {str(m.pk) for m in members}
    assignee = assignee if assignee in member_ids or assignee in ("none", "me") else ""
    actions = selectors.actions_for(
        organization_id=organization_id, status=status, unassigned=assignee == "none",
        assignee_id=request.user.pk if assignee == "me" else (int(assignee) if assignee.isdigit() else None))
    page = Paginator(actions, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "gaps/actions/list.html", {
        "organization": membership.organization, "page": page, "members": members, "status": status,
        "assignee": assignee, "statuses": ActionStatus.choices, "query": params.urlencode(),
        "can_edit": membership.allows(Role.EDITOR)})


def _from_obligation(request, organization_id: int):
    """The obligation an action is created from (query string or form), checked against the organization."""
    key = ObligationKeyForm(request.POST if request.method == "POST" and "assessment" in request.POST
                            else request.GET)
    if not key.is_bound or not any(key.data.get(n) for n in key.fields):
        return None
    if not key.is_valid():
        raise Http404("No such obligation.")
    assessment, _membership = owned_assessment(user=request.user, pk=key.cleaned_data["assessment"],
                                               role=Role.EDITOR)
    if assessment.organization_id != organization_id:
        raise Http404("No such obligation.")
    state = assessment_state(assessment)
    row = find_row(gaps=assessment_gaps(state=state, today=timezone.localdate()),
                   framework_code=key.cleaned_data["framework"], obligation_code=key.cleaned_data["obligation"])
    if row is None:
        raise Http404("This obligation does not apply in this assessment.")
    return state, row


@login_required
@require_http_methods(["GET", "POST"])
def action_new(request):
    membership = active_membership(request, role=Role.EDITOR)
    organization_id = membership.organization_id
    origin = _from_obligation(request, organization_id)
    members = selectors.members_of(organization_id=organization_id)
    if request.method == "POST":
        form = ActionForm(request.POST, members=members)
        if form.is_valid():
            try:
                with transaction.atomic():
                    fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}  # a new action
                    action = services.create_action(organization_id=organization_id, user=request.user, **fields)
                    if origin is not None:
                        state, row = origin
                        services.link_action(action=action, state=state, framework_code=row.framework_code,
                                             obligation_code=row.code, user=request.user)
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                messages.success(request, _("Action created: “%(title)s”.") % {"title": action.title})
                return redirect("gaps:action", pk=action.pk)
    else:
        initial = {"status": ActionStatus.NOT_STARTED}
        if origin is not None:
            initial["title"] = origin[1].spec["title"]
        form = ActionForm(initial=initial, members=members)
    return render(request, "gaps/actions/new.html", {
        "form": form, "origin": origin[1] if origin else None,
        "origin_assessment": origin[0].assessment if origin else None, "organization": membership.organization})


@login_required
@require_GET
def action_detail(request, pk: int):
    action, membership = _owned_action(request, pk)
    linked = selectors.linked_obligations(action=action)
    can_edit = membership.allows(Role.EDITOR)
    return render(request, "gaps/actions/detail.html", {
        "action": action, "linked": linked, "can_edit": can_edit,
        "suggestions": selectors.crosswalk_suggestions(action=action, linked=linked) if can_edit else [],
        "history": selectors.action_history(action=action),
        "assignee_name": selectors.person_name(action.assignee)})


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk: int):
    action, membership = _owned_action(request, pk, role=Role.EDITOR)
    members = selectors.members_of(organization_id=action.organization_id)
    if request.method == "POST":
        form = ActionForm(request.POST, members=members)
        if form.is_valid():
            try:
                services.update_action(action=action, user=request.user, **form.cleaned_data)
            except StaleEdit as exc:
                form = form.after_conflict(exc)
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                messages.success(request, _("Saved: “%(title)s”.") % {"title": form.cleaned_data["title"]})
                return redirect("gaps:action", pk=action.pk)
    else:
        version = edit_version(action, fields=services.EDITED_FIELDS, key=services.edit_key(action=action))
        form = ActionForm(initial={**ActionForm.initial_for(action), "version": version}, members=members)
    return render(request, "gaps/actions/edit.html", {"action": action, "form": form})


@login_required
@require_POST
def action_link(request, pk: int):
    """Link the action to one obligation: a suggestion the user accepted, or an obligation chosen on its page."""
    action, _membership = _owned_action(request, pk, role=Role.EDITOR)
    key = ObligationKeyForm(request.POST)
    if not key.is_valid():
        raise Http404("No such obligation.")
    assessment, _m = owned_assessment(user=request.user, pk=key.cleaned_data["assessment"], role=Role.EDITOR)
    if assessment.organization_id != action.organization_id:
        raise Http404("No such obligation.")
    try:
        link = services.link_action(action=action, state=assessment_state(assessment),
                                    framework_code=key.cleaned_data["framework"],
                                    obligation_code=key.cleaned_data["obligation"], user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = selectors.obligation_texts({(assessment.pk, link.gap_item.framework_code,
                                            link.gap_item.obligation_code)}).popitem()[1]
        messages.success(request, _("Linked: this action now serves %(title)s (%(citation)s).")
                         % {"title": text.title, "citation": text.citation})
    return redirect(_next(request) or reverse("gaps:action", args=[action.pk]))


@login_required
@require_POST
def action_unlink(request, pk: int, link_pk: int):
    action, _membership = _owned_action(request, pk, role=Role.EDITOR)
    link = ActionLink.objects.select_related("gap_item__assessment").filter(pk=link_pk, action=action).first()
    if link is None:
        raise Http404("No such link.")
    try:
        item = services.unlink_action(link=link, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Unlinked. The obligation's status is now “%(status)s”.")
                         % {"status": item.get_status_display()})
    return redirect(_next(request) or reverse("gaps:action", args=[action.pk]))


def _next(request) -> str:
    """A page of this site to return to (never another host)."""
    target = request.POST.get("next", "")
    return target if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                  require_https=request.is_secure()) else ""


@login_required
@require_GET
def assigned_to_me(request):
    return render(request, "gaps/actions/assigned.html", {
        "actions": list(selectors.assigned_actions(user=request.user)),
        "items": selectors.assigned_gap_items(user=request.user)})
