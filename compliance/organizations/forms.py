from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from compliance.concurrency import ConcurrentEditForm

from .models import Invitation, Role


class SignUpForm(forms.Form):
    """Step one of sign-up: the address to confirm and the organization to create. Whether the address
    already has an account is never said here (issue 15, finding 10): both get the same page and an e-mail."""

    email = forms.EmailField(label=_("Email address"),
                             help_text=_("We send a link to this address to confirm it; you sign in with it."))
    organization_name = forms.CharField(
        max_length=200, label=_("Organization name"),
        help_text=_("Your company or team. You become its owner and can invite colleagues later."))


class ChoosePasswordForm(SetPasswordForm):
    """The last step of sign-up (from the confirmation link or an invitation): only a password, checked by
    the password validators against the new account's address."""

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(get_user_model()(username=email, email=email), *args, **kwargs)


class OrganizationForm(forms.Form):
    name = forms.CharField(max_length=200, label=_("Organization name"))


class OrganizationSettingsForm(ConcurrentEditForm):
    """The owner's settings, refused if another owner saved them after the form was opened."""

    name = forms.CharField(max_length=200, label=_("Organization name"))

    @classmethod
    def initial_for(cls, instance) -> dict:
        return {"name": instance.name}


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ("email", "role")
        labels = {"email": _("Email address"), "role": _("Role")}
        help_texts = {"role": _("Owners manage members and settings; editors create and answer assessments; "
                                "viewers read results and download reports.")}


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label=_("Role"),
                             error_messages={"invalid_choice": _("“%(value)s” is not a role.")})


class SwitchOrganizationForm(forms.Form):
    organization = forms.IntegerField(widget=forms.HiddenInput)


class SignInForm(AuthenticationForm):
    """Sign in with the e-mail address (accounts made by sign-up) or the user name (older and admin accounts)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address or user name")
