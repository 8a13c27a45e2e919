"""Forms: the AI system, starting an assessment, and one form per questionnaire question.

Question forms turn the strings a browser sends into the typed values the engine expects
(yes/no -> bool, number -> int or float, date -> 'YYYY-MM-DD', several choices -> list).
"""

from __future__ import annotations

import datetime as dt
import math
import re

from django import forms
from django.utils import timezone
from django.utils.html import escape

from frameworks.engine import MAX_TEXT_LENGTH

from .models import AISystem, Market
from .selectors import MergedQuestion

NONE_OF_THESE = "__none__"
_NUMBER_SEPARATORS = re.compile(r"[\s,_]")


class AISystemForm(forms.ModelForm):
    markets = forms.MultipleChoiceField(
        choices=Market.choices, widget=forms.CheckboxSelectMultiple, required=False,
        help_text="Where the system is offered or used. This preselects the frameworks of an assessment.",
        error_messages={"invalid_choice": "“%(value)s” is not one of the markets."})

    class Meta:
        model = AISystem
        fields = ("name", "description", "purpose", "owner", "lifecycle_stage", "markets")
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "purpose": forms.Textarea(attrs={"rows": 2})}
        labels = {"owner": "Accountable owner", "lifecycle_stage": "Lifecycle stage"}


class StartAssessmentForm(forms.Form):
    frameworks = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, label="Frameworks to assess",
        help_text="Preselected from the system's markets. The assessment keeps the rule-set versions in force on "
                  "the date below, even when newer versions are published.",
        error_messages={"required": "Choose at least one framework.",
                        "invalid_choice": "“%(value)s” is not one of the available frameworks."})
    as_of = forms.DateField(
        label="Assess the law as of", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Usually today. Choose a later date to see which obligations will apply then.")

    label = forms.CharField(
        required=False, max_length=120, label="Label (optional)",
        help_text="A name of its own, so that assessments of one system are told apart, e.g. “Korea launch”.")

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["frameworks"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(f.code, f.name) for f in frameworks]
        self.fields["as_of"].initial = timezone.localdate()


class AssessmentLabelForm(forms.Form):
    label = forms.CharField(required=False, max_length=120, label="Label",
                            error_messages={"max_length": "Use at most %(limit_value)d characters for the label."})


def _yes_no_field() -> forms.Field:
    return forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        empty_value=None, error_messages={"invalid_choice": "Answer yes or no."})


def _choice_field(spec: dict) -> forms.Field:
    choices = [(c["code"], c["label"]) for c in spec["choices"]]
    invalid = {"invalid_choice": "“%(value)s” is not one of the choices for this question. Reload the page; "
                                 "nothing was saved."}
    if spec["type"] == "single_choice":
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, error_messages=invalid)
    return forms.MultipleChoiceField(choices=[*choices, (NONE_OF_THESE, "None of these")],
                                     widget=forms.CheckboxSelectMultiple, error_messages=invalid)


class QuestionForm(forms.Form):
    """One question: its answer and the user's note. Prefixed with the question code."""

    note = forms.CharField(
        required=False, max_length=MAX_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 2}),
        label="Your note (optional)", help_text="Carried into the results and the report, e.g. why you answered so.")

    def __init__(self, data=None, *, question: MergedQuestion, **kwargs):
        super().__init__(data, prefix=question.code, **kwargs)
        self.question = question
        spec = question.spec
        kind = spec["type"]
        if kind == "yes_no":
            field = _yes_no_field()
        elif kind in ("single_choice", "multiple_choice"):
            field = _choice_field(spec)
        elif kind == "number":
            field = forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        elif kind == "date":
            field = forms.CharField(widget=forms.DateInput(attrs={"type": "date"}))
        else:
            field = forms.CharField(max_length=MAX_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))
        field.required = False
        field.label = spec["prompt"] if spec["required"] else f"{spec['prompt']} (optional)"
        # Crispy renders help text unescaped; rule-set text is escaped here like any other text.
        field.help_text = escape(self._help_text(spec))
        self.fields = {"value": field, "note": self.fields["note"]}

    @staticmethod
    def _help_text(spec: dict) -> str:
        parts = [spec.get("help", "")]
        if spec["type"] == "number" and spec.get("unit"):
            parts.append(f"Unit: {spec['unit']}.")
        elif spec["type"] == "multiple_choice":
            parts.append("Tick every choice that applies, or “None of these”.")
        return " ".join(p for p in parts if p)

    def clean_value(self):
        value = self.cleaned_data.get("value")
        kind = self.question.spec["type"]
        if kind == "multiple_choice":
            if not value:
                return None
            if NONE_OF_THESE in value:
                if len(value) > 1:
                    raise forms.ValidationError("“None of these” cannot be combined with other choices.")
                return []
            return list(value)
        if value in (None, ""):
            return None
        if kind == "number":
            return parse_number(value, unit=self.question.spec.get("unit", ""))
        if kind == "date":
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                raise forms.ValidationError("Enter a date as YYYY-MM-DD, for example 2026-08-02.") from None
        return value

    def change(self) -> dict:
        """The change for ``services.save_answers`` (call after is_valid)."""
        return {"value": self.cleaned_data["value"], "note": self.cleaned_data["note"]}


def parse_number(text: str, *, unit: str = "") -> int | float:
    """'1,000', '2.5' or '3e24' -> a number; whole numbers become int."""
    cleaned = _NUMBER_SEPARATORS.sub("", text)
    try:
        number = float(cleaned)
    except ValueError:
        unit_text = f" (in {unit})" if unit else ""
        raise forms.ValidationError(f"Enter a number{unit_text}, such as 2.5, 1000 or 3e24.") from None
    if not math.isfinite(number):
        raise forms.ValidationError("Enter a finite number.")
    if number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def initial_for(question: MergedQuestion, answer) -> dict:
    """Form initial data from a stored answer (or nothing)."""
    if answer is None:
        return {}
    value = answer.value
    kind = question.spec["type"]
    shown: str | list[str] | None
    if value is None:
        shown = None
    elif kind == "yes_no":
        shown = "yes" if value else "no"
    elif kind == "multiple_choice":
        shown = list(value) or [NONE_OF_THESE]
    elif kind == "number":
        shown = repr(float(value)) if abs(value) >= 1e15 else str(value)
    else:
        shown = value
    return {"value": shown, "note": answer.note}
