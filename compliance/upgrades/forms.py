from django import forms
from django.utils.translation import gettext_lazy as _

from frameworks.selectors import framework_name


class UpgradeForm(forms.Form):
    frameworks = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}), label=_("Frameworks to upgrade"),
        error_messages={"required": _("Choose at least one framework to upgrade."),
                        "invalid_choice": _("%(value)s has no newer rule set to upgrade to; reload the page.")})

    def __init__(self, *args, updates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["frameworks"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(u.framework.code, f"{framework_name(u.framework)}: {u.from_version.label} → "
                                            f"{u.to_version.label}") for u in updates]
        self.fields["frameworks"].initial = [u.framework.code for u in updates]
