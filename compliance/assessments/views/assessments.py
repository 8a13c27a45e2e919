"""Starting assessments, listing them, and their results: overview, timeline, crosswalk."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from compliance.organizations.access import active_membership, get_owned
from compliance.organizations.models import Role

from .. import panels, results, selectors, services
from ..forms import StartAssessmentForm
from ..models import AISystem


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
                                                   as_of=form.cleaned_data["as_of"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Assessment started. Your answers save as you go; you can leave and resume.")
            return redirect("assessments:resume", pk=assessment.pk)
    return render(request, "assessments/start.html", {
        "system": system, "membership": membership, "form": form, "no_frameworks": not frameworks,
    }, status=422 if form.errors else 200)


@login_required
def assessment_list(request):
    try:
        membership = active_membership(request)
    except Http404:
        return redirect("organizations:create")
    assessments = list(selectors.assessments_for(organization=membership.organization))
    rows = [(a, selectors.progress_of(a)) for a in assessments]
    return render(request, "assessments/assessment_list.html", {"membership": membership, "rows": rows})


def _results_context(request, pk: int) -> dict:
    assessment, membership = selectors.owned_assessment(user=request.user, pk=pk)
    state = selectors.assessment_state(assessment)
    wizard = selectors.wizard_from_state(state)
    return {"assessment": assessment, "membership": membership, "state": state, "wizard": wizard,
            "can_edit": membership.allows(Role.EDITOR), "views": results.framework_views(state)}


@login_required
def assessment_detail(request, pk: int):
    context = _results_context(request, pk)
    panel_request = panels.PanelRequest(assessment=context["assessment"], state=context["state"], user=request.user,
                                        membership=context["membership"])
    return render(request, "assessments/detail.html", {
        **context, "tab": "results", "banners": panels.build(slot=panels.BANNER, request=panel_request),
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
