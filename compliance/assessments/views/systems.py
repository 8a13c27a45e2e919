"""The AI system inventory of the current organization."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from compliance.concurrency import StaleEdit, edit_version
from compliance.gaps import kept_pages, portfolio
from compliance.gaps.forms import PortfolioFilterForm
from compliance.organizations.access import active_membership, get_owned
from compliance.organizations.models import Role

from .. import selectors, services
from ..forms import AISystemEditForm, AISystemForm
from ..models import AISystem


@login_required
def system_list(request):
    try:
        membership = active_membership(request)
    except Http404:
        messages.info(request, gettext("Create an organization first; its AI systems are listed here."))
        return redirect("organizations:create")
    content = kept_pages.portfolio_content(
        request=request, membership=membership, page="systems", template="assessments/_system_list_content.html",
        context=lambda _refreshing: _system_list_content(request, membership))
    return render(request, "assessments/system_list.html", {"membership": membership, "content": content})


def _system_list_content(request, membership) -> dict:
    organization = membership.organization
    form = PortfolioFilterForm(request.GET, choices=portfolio.filter_choices(organization=organization))
    filters = form.to_filter()
    systems = portfolio.system_rows(organization=organization, filters=filters, today=timezone.localdate())
    page = Paginator(systems, portfolio.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"membership": membership, "systems": list(page.object_list), "page": page, "form": form,
            "filters": filters, "query": query.urlencode()}


@login_required
@require_http_methods(["GET", "POST"])
def system_create(request):
    membership = active_membership(request, role=Role.EDITOR)
    form = AISystemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        system = services.create_system(organization=membership.organization, user=request.user, **form.cleaned_data)
        messages.success(request, gettext("Added %(system)s. Start an assessment to see which rules apply to it.") % {
            "system": system})
        return redirect("assessments:system_detail", pk=system.pk)
    return render(request, "assessments/system_form.html", {"form": form, "membership": membership},
                  status=422 if form.errors else 200)


@login_required
def system_detail(request, pk: int):
    system, membership = get_owned(AISystem.objects.select_related("organization"), user=request.user, pk=pk)
    assessments = list(selectors.assessments_of(system=system).select_related("result_summary")
                       .prefetch_related(None).prefetch_related("pinned_versions__framework",
                                                                "pinned_versions__version"))
    rows = portfolio.assessment_rows(assessments=assessments, today=timezone.localdate())
    return render(request, "assessments/system_detail.html", {
        "system": system, "membership": membership, "rows": [r for r in rows if not r.assessment.archived_at],
        "archived_rows": [r for r in rows if r.assessment.archived_at],
        "can_edit": membership.allows(Role.EDITOR),
    })


@login_required
@require_http_methods(["GET", "POST"])
def system_edit(request, pk: int):
    system, membership = get_owned(AISystem.objects.select_related("organization"), user=request.user,
                                   role=Role.EDITOR, pk=pk)
    version = edit_version(system, fields=services.SYSTEM_FIELDS, key=services.system_edit_key(system))
    form = AISystemEditForm(request.POST or None, initial={**AISystemEditForm.initial_for(system), "version": version})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_system(system=system, user=request.user, **form.cleaned_data)
        except StaleEdit as exc:
            form = form.after_conflict(exc)
        else:
            messages.success(request, gettext("Saved %(system)s.") % {"system": system})
            return redirect("assessments:system_detail", pk=system.pk)
    return render(request, "assessments/system_form.html", {"form": form, "system": system, "membership": membership},
                  status=422 if form.errors else 200)
