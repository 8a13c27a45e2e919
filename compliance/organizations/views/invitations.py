"""Accepting an invitation: as a signed-in user, or by creating an account from the link."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..forms import ChoosePasswordForm
from .accounts import BACKEND


def _usable_invitation_or_page(request, token: str):
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None or not invitation.is_usable:
        return None, render(request, "organizations/invitation_unusable.html", status=404 if invitation is None else 410)
    return invitation, None


def _joined(request, membership):
    request.session["organization_id"] = membership.organization_id
    messages.success(request, gettext("You joined %(organization)s as %(role)s.") % {"organization": membership.organization, "role": membership.get_role_display().lower()})
    return redirect("assessments:system_list")


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    invitation, unusable = _usable_invitation_or_page(request, token)
    if unusable:
        return unusable
    error = ""
    existing = selectors.membership_of(user=request.user, organization=invitation.organization) \
        if request.user.is_authenticated else None
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.accept_invitation(invitation=invitation, user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return _joined(request, membership)
    return render(request, "organizations/accept_invitation.html", {
        "invitation": invitation, "error": error, "existing": existing,
        "email_matches": request.user.is_authenticated
        and (request.user.email or "").casefold() == invitation.email.casefold(),
    }, status=422 if error else 200)


@require_http_methods(["GET", "POST"])
def invited_sign_up(request, token: str):
    invitation, unusable = _usable_invitation_or_page(request, token)
    if unusable:
        return unusable
    if request.user.is_authenticated:
        return redirect("organizations:accept_invitation", token=token)
    form = ChoosePasswordForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_up_from_invitation(invitation=invitation,
                                                    password=form.cleaned_data["new_password1"],
                                                    language=request.LANGUAGE_CODE)
        except ValidationError as exc:  # a double submit: the other one used the invitation
            form.add_error(None, exc)
            return render(request, "organizations/invited_signup.html", {"form": form, "invitation": invitation},
                          status=409)
        login(request, user, backend=BACKEND)
        return _joined(request, user.memberships.get(organization=invitation.organization))
    return render(request, "organizations/invited_signup.html", {"form": form, "invitation": invitation})
