"""Creating, switching and renaming organizations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from compliance.concurrency import StaleEdit, edit_version

from .. import services
from ..access import active_membership, membership_for
from ..forms import OrganizationForm, OrganizationSettingsForm, SwitchOrganizationForm
from ..models import Role


@login_required
@require_http_methods(["GET", "POST"])
def create_organization(request):
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organization = services.create_organization(user=request.user, name=form.cleaned_data["name"])
        request.session["organization_id"] = organization.pk
        messages.success(request, gettext("Created %(organization)s. You are its owner.") % {"organization": organization})
        return redirect("assessments:system_list")
    return render(request, "organizations/create.html", {"form": form})


@login_required
@require_POST
def switch_organization(request):
    form = SwitchOrganizationForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose an organization to switch to."))
        return redirect("home")
    membership = membership_for(user=request.user, organization_id=form.cleaned_data["organization"])
    request.session["organization_id"] = membership.organization_id
    messages.info(request, gettext("You are now working in %(organization)s.") % {"organization": membership.organization})
    next_url = request.POST.get("next", "")
    # Only a path on this site: anything else (another host, or a bare word redirect() would take for a
    # view name) goes to the inventory.
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                                                    require_https=request.is_secure()):
        return HttpResponseRedirect(next_url)
    return redirect("assessments:system_list")


@login_required
@require_http_methods(["GET", "POST"])
def organization_settings(request):
    membership = active_membership(request, role=Role.OWNER)
    organization = membership.organization
    version = edit_version(organization, fields=services.SETTINGS_FIELDS,
                           key=services.settings_edit_key(organization))
    form = OrganizationSettingsForm(request.POST or None,
                                    initial={**OrganizationSettingsForm.initial_for(organization), "version": version})
    if request.method == "POST" and form.is_valid():
        try:
            services.rename_organization(organization=organization, user=request.user, **form.cleaned_data)
        except StaleEdit as exc:
            form = form.after_conflict(exc)
        else:
            messages.success(request, gettext("Saved the organization's name."))
            return redirect("organizations:settings")
    return render(request, "organizations/settings.html", {"form": form, "membership": membership})
