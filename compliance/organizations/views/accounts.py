"""Sign-up: a new account with its own organization."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import SignUpForm


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.sign_up(username=data["username"], email=data["email"], password=data["password1"],
                                    organization_name=data["organization_name"])
        except ValidationError as exc:  # a double submit: the other one created the account
            form.add_error(None, exc)
            return render(request, "registration/signup.html", {"form": form}, status=409)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session["organization_id"] = user.memberships.get().organization_id
        messages.success(request, f"Welcome! You own {data['organization_name']}. Start by adding an AI system.")
        return redirect("assessments:system_list")
    return render(request, "registration/signup.html", {"form": form})
