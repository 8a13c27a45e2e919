"""Starting assessments, listing them, and their results: overview, timeline, crosswalk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from compliance.gaps import kept_pages, portfolio
from compliance.gaps.forms import PortfolioFilterForm
from compliance.organizations.access import active_membership, get_owned
from compliance.organizations.models import Role

from .. import panels, results, results_page, selectors, services
from ..forms import AssessmentLabelForm, StartAssessmentForm
from ..models import AISystem, Assessment
from ..questionnaire import SECONDS_PER_QUESTION, Length


@login_required
@require_http_methods(["GET", "POST"])
def assessment_start(request, pk: int):
    system, membership = get_owned(AISystem.objects.select_related("organization"), user=request.user,
                                   role=Role.EDITOR, pk=pk)
    frameworks = selectors.frameworks_with_versions()
    available = {f.code for f in frameworks}
    form = StartAssessmentForm(request.POST or None, frameworks=frameworks,
                               initial={"frameworks": [c for c in system.framework_codes if c in available]})
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(system=system, user=request.user,
                                                   framework_codes=form.cleaned_data["frameworks"],
                                                   as_of=form.cleaned_data["as_of"],
                                                   label=form.cleaned_data["label"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            length = selectors.wizard_state(assessment).length
            messages.success(request, gettext(
                "Assessment started: about %(shown)d questions for the frameworks you chose, roughly %(minutes)d "
                "minutes; follow-up questions appear depending on your answers. Your answers save as you go; you "
                "can leave and resume.") % {"shown": length.shown, "minutes": length.minutes})
            return redirect("assessments:resume", pk=assessment.pk)
    questions = selectors.starting_questions(framework_codes=sorted(available), as_of=timezone.localdate())
    chosen = request.POST.getlist("frameworks") if form.is_bound else form.initial["frameworks"]
    estimate = Length(shown=len({code for f in chosen for code in questions.get(f, [])}), follow_ups=0)
    return render(request, "assessments/start.html", {
        "system": system, "membership": membership, "form": form, "no_frameworks": not frameworks,
        "starting_questions": questions, "estimate": estimate, "seconds_per_question": SECONDS_PER_QUESTION,
    }, status=422 if form.errors else 200)


@login_required
def assessment_list(request):
    """The organization's assessments from stored results: filtered, sorted, a page at a time."""
    try:
        membership = active_membership(request)
    except Http404:
        return redirect("organizations:create")
    content = kept_pages.portfolio_content(
        request=request, membership=membership, page="assessments", template="assessments/_assessment_list_content.html",
        context=lambda _refreshing: _assessment_list_content(request, membership))
    return render(request, "assessments/assessment_list.html", {"membership": membership, "content": content})


def _assessment_list_content(request, membership) -> dict:
    organization, today = membership.organization, timezone.localdate()
    form = PortfolioFilterForm(request.GET, choices=portfolio.filter_choices(organization=organization))
    filters = form.to_filter()
    page = Paginator(portfolio.portfolio_assessments(organization=organization, filters=filters, today=today),
                     portfolio.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "organization": organization, "form": form, "filters": filters, "page": page, "query": query.urlencode(),
        "rows": portfolio.assessment_rows(assessments=list(page.object_list), today=today),
        "can_edit": membership.allows(Role.EDITOR),
    }


def _back(request, assessment) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("assessments:detail", args=[assessment.pk])


@login_required
@require_POST
def assessment_archive(request, pk: int):
    assessment, _ = selectors.owned_assessment(user=request.user, pk=pk, role=Role.EDITOR)
    services.archive_assessment(assessment=assessment, user=request.user)
    messages.success(request, gettext("Archived %(assessment)s. It is kept, read-only, and left out of the dashboard's "
                                      "counts.") % {"assessment": assessment})
    return redirect(_back(request, assessment))


@login_required
@require_POST
def assessment_restore(request, pk: int):
    assessment, _ = get_owned(Assessment.objects.select_related("system"), user=request.user, role=Role.EDITOR, pk=pk)
    services.restore_assessment(assessment=assessment)
    messages.success(request, gettext("Restored %(assessment)s; it counts on the dashboard again.") % {
        "assessment": assessment})
    return redirect(_back(request, assessment))


@login_required
@require_POST
def assessment_rename(request, pk: int):
    assessment, _ = selectors.owned_assessment(user=request.user, pk=pk, role=Role.EDITOR)
    form = AssessmentLabelForm(request.POST)
    if form.is_valid():
        services.rename_assessment(assessment=assessment, label=form.cleaned_data["label"])
        messages.success(request, gettext("Renamed the assessment to “%(title)s”.") % {"title": assessment.title})
    else:
        messages.error(request, gettext("Nothing was renamed: %(errors)s") % {
            "errors": " ".join(str(error) for error in form.errors.get("label", []))})
    return redirect(_back(request, assessment))


def _results_context(request, pk: int) -> dict:
    assessment, membership = selectors.owned_assessment(user=request.user, pk=pk)
    state = selectors.assessment_state(assessment)
    wizard = selectors.wizard_from_state(state)
    return {"assessment": assessment, "membership": membership, "state": state, "wizard": wizard,
            "can_edit": membership.allows(Role.EDITOR), "views": results.framework_views(state)}


@login_required
def assessment_detail(request, pk: int):
    assessment, membership = selectors.owned_assessment(user=request.user, pk=pk)
    state: selectors.AssessmentState | None = None

    def render_main(_refreshing: int) -> str:
        nonlocal state  # evaluated after the organization's state is read, so kept content is never older than its key
        state = selectors.assessment_state(assessment)
        page = results_page.results_page(results.framework_views(state), query=request.GET, as_of=assessment.as_of)
        return render_to_string("assessments/_results_main.html", {
            "assessment": assessment, "page": page, "results_path": request.path})

    main = kept_pages.kept_content(page=("results", assessment.pk), membership=membership, query=request.GET,
                                   render=render_main)
    if state is None:  # the main column was kept: the banners and side panels still need the current state
        state = selectors.assessment_state(assessment)
    panel_request = panels.PanelRequest(assessment=assessment, state=state, user=request.user, membership=membership)
    return render(request, "assessments/detail.html", {
        "assessment": assessment, "membership": membership, "state": state,
        "wizard": selectors.wizard_from_state(state), "can_edit": membership.allows(Role.EDITOR), "tab": "results",
        "main": main, "banners": panels.build(slot=panels.BANNER, request=panel_request),
        "side_panels": panels.build(slot=panels.SIDE, request=panel_request)})


@login_required
def assessment_timeline(request, pk: int):
    context = _results_context(request, pk)
    dates = results.timeline(context["views"], as_of=context["assessment"].as_of)
    return render(request, "assessments/timeline.html", {**context, "dates": dates, "tab": "timeline"})


@login_required
def assessment_crosswalk(request, pk: int):
    context = _results_context(request, pk)
    actions = results.crosswalk(context["state"], context["views"])
    return render(request, "assessments/crosswalk.html", {**context, "actions": actions, "tab": "crosswalk"})
