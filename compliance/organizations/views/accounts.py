"""Sign-up: a new account with its own organization, after its address is confirmed by e-mail.

The first step answers the same whether or not the address already has an account (issue 15, finding 10):
the owner of an existing account is told by e-mail that someone tried; a new address gets the link."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import services
from ..forms import ChoosePasswordForm, SignUpForm

BACKEND = "compliance.organizations.backends.EmailOrUsernameBackend"


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.request_sign_up(
            email=form.cleaned_data["email"], organization_name=form.cleaned_data["organization_name"],
            confirm_url_for=lambda token: request.build_absolute_uri(reverse("organizations:signup_confirm",
                                                                             args=[token])),
            sign_in_url=request.build_absolute_uri(reverse("login")),
            reset_url=request.build_absolute_uri(reverse("password_reset")))
        return redirect("organizations:signup_sent")
    return render(request, "registration/signup.html", {"form": form})


@require_GET
def sign_up_sent(request):
    return render(request, "registration/signup_sent.html")


@require_http_methods(["GET", "POST"])
def sign_up_confirm(request, token: str):
    """The link of the confirmation e-mail: choose a password, and the account and organization are created."""
    if request.user.is_authenticated:
        return redirect("home")
    pending = services.read_sign_up_token(token)
    if pending is None or services.account_exists(email=pending.email):
        return render(request, "registration/signup_link_unusable.html", {"used": pending is not None}, status=410)
    form = ChoosePasswordForm(request.POST or None, email=pending.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_up(email=pending.email, password=form.cleaned_data["new_password1"],
                                    organization_name=pending.organization_name, language=request.LANGUAGE_CODE)
        except ValidationError as exc:  # a double submit: the other one created the account
            form.add_error(None, exc)
            return render(request, "registration/signup_confirm.html", {"form": form, "pending": pending},
                          status=409)
        login(request, user, backend=BACKEND)
        request.session["organization_id"] = user.memberships.get().organization_id
        messages.success(request, _("Welcome! You own %(organization)s. Start by adding an AI system.")
                         % {"organization": pending.organization_name})
        return redirect("assessments:system_list")
    return render(request, "registration/signup_confirm.html", {"form": form, "pending": pending})
