from django import forms
from django.utils.translation import gettext_lazy as _


class NewTokenForm(forms.Form):
    name = forms.CharField(max_length=100, label=_("Token name"),
                           help_text=_("What will use it, e.g. “GRC sync” or “CI pipeline”."))
    organization = forms.TypedChoiceField(coerce=int, label=_("Organization"),
                                          help_text=_("The token acts with your role in this organization only."))

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(m.organization_id, f"{m.organization.name} ({m.get_role_display().lower()})")
                         for m in memberships]
