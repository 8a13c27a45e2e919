from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

from compliance.concurrency import ConcurrentEditForm

from .models import Invitation, Role


class SignUpForm(UserCreationForm):
    """A new account and the organization it will own."""

    email = forms.EmailField(help_text="Used to reset your password and to match invitations.")
    organization_name = forms.CharField(
        max_length=200, label="Organization name",
        help_text="Your company or team. You become its owner and can invite colleagues later.")

    class Meta:
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this email address already exists. Sign in instead, "
                                        "or reset your password.")
        return email


class InvitedSignUpForm(UserCreationForm):
    """A new account for an invited address: the email comes from the invitation."""

    class Meta:
        model = get_user_model()
        fields = ("username",)


class OrganizationForm(forms.Form):
    name = forms.CharField(max_length=200, label="Organization name")


class OrganizationSettingsForm(ConcurrentEditForm):
    """The owner's settings, refused if another owner saved them after the form was opened."""

    name = forms.CharField(max_length=200, label="Organization name")

    @classmethod
    def initial_for(cls, instance) -> dict:
        return {"name": instance.name}


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ("email", "role")
        labels = {"email": "Email address"}
        help_texts = {"role": "Owners manage members and settings; editors create and answer assessments; "
                              "viewers read results and download reports."}


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices, label="Role",
                             error_messages={"invalid_choice": "“%(value)s” is not a role."})


class SwitchOrganizationForm(forms.Form):
    organization = forms.IntegerField(widget=forms.HiddenInput)
