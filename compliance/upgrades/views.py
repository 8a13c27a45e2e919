"""Moving an assessment to newer rule sets: preview and upgrade, history, reviewing flagged questions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from compliance.assessments.models import Assessment
from compliance.assessments.selectors import owned_assessment
from compliance.organizations.access import require_role
from compliance.organizations.models import Role
from frameworks.selectors import compiled_ruleset, framework_name

from . import selectors, services
from .forms import UpgradeForm
from .models import AssessmentUpgrade, ReviewItem


def _sections_by_question(assessment: Assessment) -> dict[str, str]:
    """Where each question of the pinned versions is asked, to link flagged questions to the questionnaire."""
    pins = assessment.pinned_versions.select_related("version__framework")
    return {q.code: q.section for pin in pins for q in compiled_ruleset(pin.version).questions}


@login_required
@require_http_methods(["GET", "POST"])
def upgrade(request, assessment_id: int):
    assessment, membership = owned_assessment(user=request.user, pk=assessment_id)
    updates = selectors.available_updates(assessment=assessment)
    can_edit = membership.allows(Role.EDITOR)
    form = UpgradeForm(request.POST if request.method == "POST" else None, updates=updates)
    if request.method == "POST":
        require_role(membership, Role.EDITOR)
        if form.is_valid():
            try:
                done = services.upgrade_assessment(assessment=assessment, user=request.user,
                                                   framework_codes=form.cleaned_data["frameworks"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                names = ", ".join(f"{framework_name(u.framework)} {u.to_version.label}" for u in done)
                flagged = sum(u.review_items.count() for u in done)
                if flagged:
                    message = ngettext("Upgraded to %(names)s. All answers were kept; %(count)d question to review "
                                       "below.", "Upgraded to %(names)s. All answers were kept; %(count)d questions "
                                       "to review below.", flagged) % {"names": names, "count": flagged}
                else:
                    message = gettext("Upgraded to %(names)s. All answers were kept.") % {"names": names}
                messages.success(request, message)
                return HttpResponseRedirect(reverse("upgrades:history", args=[assessment.pk]))
    plan = selectors.upgrade_plan(assessment=assessment, updates=updates, localized=True) if updates else None
    return render(request, "upgrades/upgrade.html", {
        "assessment": assessment, "updates": updates, "plan": plan, "form": form, "can_edit": can_edit,
        "changes": [(u, plan.changes[u.framework.code]) for u in updates] if plan else [],
    }, status=400 if form.errors else 200)


@login_required
def history(request, assessment_id: int):
    assessment, membership = owned_assessment(user=request.user, pk=assessment_id)
    return render(request, "upgrades/history.html", {
        "assessment": assessment, "entries": selectors.history_entries(assessment=assessment),
        "can_edit": membership.allows(Role.EDITOR), "sections": _sections_by_question(assessment),
    })


@login_required
@require_POST
def resolve_review(request, assessment_id: int, item_id: int):
    assessment, membership = owned_assessment(user=request.user, pk=assessment_id, role=Role.EDITOR)
    item = ReviewItem.objects.select_related("upgrade").filter(
        pk=item_id, upgrade__in=AssessmentUpgrade.objects.filter(assessment=assessment)).first()
    if item is None:
        raise Http404("No such question to review.")
    services.resolve_review_item(item=item, user=request.user)
    if request.htmx:
        state = next(s for s in selectors.review_states(upgrade=item.upgrade) if s.item.pk == item.pk)
        return render(request, "upgrades/_review_row.html", {
            "assessment": assessment, "state": state, "can_edit": True,
            "sections": _sections_by_question(assessment), "announce": True})
    messages.success(request, gettext("Marked “%(prompt)s” as reviewed.") % {"prompt": item.prompt})
    return HttpResponseRedirect(reverse("upgrades:history", args=[assessment.pk]) + f"#review-{item.pk}")
