"""The members page of the current organization (owners only): roles, removal, invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services
from ..access import active_membership, get_owned
from ..forms import InvitationForm, RoleForm
from ..models import Invitation, Membership, Role


def _members_page(request, membership, invitation_form=None, status=200):
    organization = membership.organization
    members = list(selectors.members_of(organization=organization))
    rows = [(m, RoleForm(initial={"role": m.role}, prefix=f"m{m.pk}")) for m in members]
    invitations = list(selectors.pending_invitations(organization=organization))
    for invitation in invitations:
        # An attribute for the template only.
        invitation.accept_url = request.build_absolute_uri(  # type: ignore[attr-defined]
            reverse("organizations:accept_invitation", args=[invitation.token]))
    return render(request, "organizations/members.html", {
        "membership": membership, "organization": organization, "rows": rows, "invitations": invitations,
        "invitation_form": invitation_form or InvitationForm(),
    }, status=status)


@login_required
def members(request):
    membership = active_membership(request, role=Role.OWNER)
    return _members_page(request, membership)


@login_required
@require_POST
def invite(request):
    membership = active_membership(request, role=Role.OWNER)
    form = InvitationForm(request.POST)
    if not form.is_valid():
        return _members_page(request, membership, invitation_form=form, status=422)
    try:
        invitation = services.invite_member(organization=membership.organization, invited_by=request.user,
                                            email=form.cleaned_data["email"], role=form.cleaned_data["role"])
    except ValidationError as exc:
        form.add_error("email", exc)
        return _members_page(request, membership, invitation_form=form, status=422)
    accept_url = request.build_absolute_uri(reverse("organizations:accept_invitation", args=[invitation.token]))
    if services.send_invitation_email(invitation=invitation, accept_url=accept_url):
        messages.success(request, gettext("Invitation sent to %(email)s.") % {"email": invitation.email})
    else:
        messages.warning(request, gettext("The invitation to %(email)s was created but the email could not be "
                                          "sent. Copy its link from the list below and send it yourself.")
                         % {"email": invitation.email})
    return redirect("organizations:members")


@login_required
@require_POST
def change_role(request, pk: int):
    member, _ = get_owned(Membership.objects.select_related("user", "organization"), user=request.user,
                          role=Role.OWNER, pk=pk)
    form = RoleForm(request.POST, prefix=f"m{member.pk}")
    if not form.is_valid():
        messages.error(request, gettext("Choose one of the roles owner, editor or viewer."))
        return redirect("organizations:members")
    try:
        services.change_member_role(membership=member, role=form.cleaned_data["role"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("%(name)s is now %(role)s.") % {"name": member.user.get_username(), "role": member.get_role_display().lower()})
    return redirect("organizations:members")


@login_required
@require_http_methods(["GET", "POST"])
def remove_member(request, pk: int):
    member, acting = get_owned(Membership.objects.select_related("user", "organization"), user=request.user,
                               role=Role.OWNER, pk=pk)
    is_self = member.pk == acting.pk
    if request.method == "POST":
        try:
            services.remove_member(membership=member)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("organizations:members")
        if is_self:
            request.session.pop("organization_id", None)
            messages.success(request, gettext("You left %(organization)s.") % {"organization": member.organization})
            return redirect("home")
        messages.success(request, gettext("Removed %(name)s from %(organization)s.") % {"name": member.user.get_username(), "organization": member.organization})
        return redirect("organizations:members")
    return render(request, "organizations/remove_member.html", {"member": member, "is_self": is_self})


@login_required
@require_POST
def revoke_invitation(request, pk: int):
    invitation, _ = get_owned(Invitation.objects.all(), user=request.user, role=Role.OWNER, pk=pk)
    services.revoke_invitation(invitation=invitation)
    messages.success(request, gettext("Withdrew the invitation to %(email)s.") % {"email": invitation.email})
    return redirect("organizations:members")
