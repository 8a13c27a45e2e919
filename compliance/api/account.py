"""The account page: who you are, and your API tokens (create, shown once; revoke)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from compliance.organizations.models import Membership

from . import services
from .forms import NewTokenForm
from .selectors import tokens_of


def _memberships(user):
    return list(Membership.objects.filter(user_id=user.pk).select_related("organization"))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    memberships = _memberships(request.user)
    form = NewTokenForm(request.POST or None, memberships=memberships,
                        initial={"organization": request.session.get("organization_id")})
    new_token = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                record, new_token = services.create_token(user=request.user, name=form.cleaned_data["name"],
                                                          organization_id=form.cleaned_data["organization"])
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form = NewTokenForm(memberships=memberships, initial={"organization": record.organization_id})
        if form.errors:
            status = 422
    return render(request, "api/profile.html", {
        "memberships": memberships, "form": form, "tokens": list(tokens_of(user=request.user)),
        "new_token": new_token, "api_docs": request.build_absolute_uri("/api/v1/docs/"),
    }, status=status)


@login_required
@require_POST
def revoke(request, pk: int):
    token = tokens_of(user=request.user).filter(pk=pk).first()
    if token is None:
        raise Http404("No such token.")
    services.revoke_token(token=token)
    messages.success(request, gettext("Revoked the token “%(name)s”. Programs using it are refused from now on.") % {
        "name": token.name})
    return redirect("account:profile")


app_name = "account"
urlpatterns = [
    path("", profile, name="profile"),
    path("tokens/<int:pk>/revoke/", revoke, name="revoke_token"),
]
