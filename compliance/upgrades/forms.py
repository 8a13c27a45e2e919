from django import forms


class UpgradeForm(forms.Form):
    frameworks = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}), label="Frameworks to upgrade",
        error_messages={"required": "Choose at least one framework to upgrade.",
                        "invalid_choice": "%(value)s has no newer rule set to upgrade to; reload the page."})

    def __init__(self, *args, updates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["frameworks"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (u.framework.code, f"{u.framework.name}: {u.from_version.label} → {u.to_version.label}") for u in updates]
        self.fields["frameworks"].initial = [u.framework.code for u in updates]
