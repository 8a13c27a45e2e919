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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.concurrency import ConcurrentEditForm
from frameworks.document import UNKNOWN
from frameworks.engine import MAX_TEXT_LENGTH
from frameworks.selectors import framework_name

from .models import AISystem, Market
from .selectors import MergedQuestion

NONE_OF_THESE = "__none__"
_NUMBER_SEPARATORS = re.compile(r"[\s,_]")


class AISystemForm(forms.ModelForm):
    markets = forms.MultipleChoiceField(
        choices=Market.choices, widget=forms.CheckboxSelectMultiple, required=False, label=gettext_lazy("Markets"),
        help_text=gettext_lazy("Where the system is offered or used. This preselects the frameworks of an assessment."),
        error_messages={"invalid_choice": gettext_lazy("“%(value)s” is not one of the markets.")})

    class Meta:
        model = AISystem
        fields = ("name", "description", "purpose", "owner", "lifecycle_stage", "markets")
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "purpose": forms.Textarea(attrs={"rows": 2})}
        labels = {"name": gettext_lazy("Name"), "description": gettext_lazy("Description"),
                  "purpose": gettext_lazy("Purpose"), "owner": gettext_lazy("Accountable owner"),
                  "lifecycle_stage": gettext_lazy("Lifecycle stage")}


class AISystemEditForm(ConcurrentEditForm, AISystemForm):
    """The system form of an existing system, refused if someone saved the system after it was opened."""

    @classmethod
    def initial_for(cls, instance) -> dict:
        return {name: getattr(instance, name) for name in AISystemForm.Meta.fields}


class StartAssessmentForm(forms.Form):
    frameworks = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, label=gettext_lazy("Frameworks to assess"),
        help_text=gettext_lazy("Preselected from the system's markets. The assessment keeps the rule-set versions in "
                               "force on the date below, even when newer versions are published."),
        error_messages={"required": gettext_lazy("Choose at least one framework."),
                        "invalid_choice": gettext_lazy("“%(value)s” is not one of the available frameworks.")})
    as_of = forms.DateField(
        label=gettext_lazy("Assess the law as of"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Usually today. Choose a later date to see which obligations will apply then."))

    label = forms.CharField(
        required=False, max_length=120, label=gettext_lazy("Label (optional)"),
        help_text=gettext_lazy("A name of its own, so that assessments of one system are told apart, "
                               "e.g. “Korea launch”."))

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["frameworks"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(f.code, framework_name(f)) for f in frameworks]
        self.fields["as_of"].initial = timezone.localdate()


class AssessmentLabelForm(forms.Form):
    label = forms.CharField(required=False, max_length=120, label=gettext_lazy("Label"),
                            error_messages={"max_length": gettext_lazy(
                                "Use at most %(limit_value)d characters for the label.")})


UNKNOWN_CHOICE = (UNKNOWN, gettext_lazy("I don't know"))
MARKET_LABELS = {"eu": gettext_lazy("EU"), "kr": gettext_lazy("Korea"), "us": gettext_lazy("United States"),
                 "jp": gettext_lazy("Japan"), "other": gettext_lazy("Elsewhere")}


def _yes_no_value(value: str):
    return UNKNOWN if value == UNKNOWN else value == "yes"


def _yes_no_field(spec: dict) -> forms.Field:
    choices = [("yes", _("Yes")), ("no", _("No"))] + ([UNKNOWN_CHOICE] if spec.get("allow_unknown") else [])
    return forms.TypedChoiceField(
        choices=choices, widget=forms.RadioSelect, coerce=_yes_no_value,
        empty_value=None, error_messages={"invalid_choice": _("Answer yes or no.")})


def _choice_field(spec: dict) -> forms.Field:
    choices = [(c["code"], c["label"]) for c in spec["choices"]]
    if spec.get("allow_unknown"):
        choices.append(UNKNOWN_CHOICE)
    invalid = {"invalid_choice": _("“%(value)s” is not one of the choices for this question. Reload the page; "
                                   "nothing was saved.")}
    if spec["type"] == "single_choice":
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, error_messages=invalid)
    return forms.MultipleChoiceField(choices=[*choices, (NONE_OF_THESE, _("None of these"))],
                                     widget=forms.CheckboxSelectMultiple, error_messages=invalid)


def _value_field(spec: dict) -> forms.Field:
    kind = spec["type"]
    if kind == "yes_no":
        return _yes_no_field(spec)
    if kind in ("single_choice", "multiple_choice"):
        return _choice_field(spec)
    if kind == "number":
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
    if kind == "date":
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}))
    return forms.CharField(max_length=MAX_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))


class QuestionForm(forms.Form):
    """One question: its answer and the user's note. Prefixed with the question code.

    With ``markets`` (two or more) a per-market question is a grid: one answer per market
    (``value_<market>``), with a "same answer in every market" shortcut (``same``). ``mode``
    says which of the two the page showed, so switching keeps the answer.
    """

    note = forms.CharField(
        required=False, max_length=MAX_TEXT_LENGTH, widget=forms.Textarea(attrs={"rows": 2}),
        label=gettext_lazy("Your note (optional)"),
        help_text=gettext_lazy("Carried into the results and the report, e.g. why you answered so."))

    def __init__(self, data=None, *, question: MergedQuestion, markets: list[str] | tuple = (),
                 several_markets: bool = False, **kwargs):
        super().__init__(data, prefix=question.code, **kwargs)
        self.question = question
        spec = question.spec
        self.markets = list(markets) if spec.get("per_market") and len(markets) > 1 else []
        # A per-market follow-up asked for one of the user's several markets only: say which.
        self.only_market = (MARKET_LABELS.get(markets[0], markets[0])
                            if spec.get("per_market") and several_markets and len(markets) == 1 else "")
        field = _value_field(spec)
        field.required = False
        field.label = spec["prompt"] if spec["required"] else _("%(prompt)s (optional)") % {"prompt": spec["prompt"]}
        # Crispy renders help text unescaped; rule-set text is escaped here like any other text.
        field.help_text = escape(self._help_text(spec))
        fields = {"value": field}
        if self.markets:
            fields["same"] = forms.BooleanField(required=False, label=_("Same answer in every market"))
            fields["mode"] = forms.ChoiceField(choices=[("same", "same"), ("grid", "grid")], required=False,
                                               widget=forms.HiddenInput)
            for market in self.markets:
                fields[f"value_{market}"] = _value_field(spec)
                fields[f"value_{market}"].required = False
                fields[f"value_{market}"].label = MARKET_LABELS.get(market, market)
        self.fields = {**fields, "note": self.fields["note"]}

    @property
    def is_grid(self) -> bool:
        """Whether the page shows one answer per market (else one answer for all)."""
        if not self.markets:
            return False
        same = self["same"].value() if self.is_bound else self.initial.get("same", False)
        return not same

    def grid_rows(self) -> list[dict]:
        """Rows = choices, one cell per market: for the template's choice x market table."""
        rows = []
        choices: list[tuple[str, str]] = list(self.fields["value"].choices)  # type: ignore[attr-defined]  # a ChoiceField
        for code, label in choices:
            cells = []
            for market in self.markets:
                bound = self[f"value_{market}"]
                current = bound.value()
                chosen = code in current if isinstance(current, (list, tuple)) else current == code
                cells.append({"market": market, "name": bound.html_name, "id": f"{bound.auto_id}_{code}",
                              "checked": chosen})
            rows.append({"code": code, "label": label, "cells": cells})
        return rows

    @property
    def market_labels(self) -> list[str]:
        return [MARKET_LABELS.get(m, m) for m in self.markets]

    @property
    def grid_input_type(self) -> str:
        return "checkbox" if self.question.spec["type"] == "multiple_choice" else "radio"

    @staticmethod
    def _help_text(spec: dict) -> str:
        parts = [spec.get("help", "")]
        if spec["type"] == "number" and spec.get("unit"):
            parts.append(_("Unit: %(unit)s.") % {"unit": spec["unit"]})
        elif spec["type"] == "multiple_choice":
            parts.append(_("Tick every choice that applies, or “None of these”."))
        return " ".join(p for p in parts if p)

    def clean_value(self):
        return self._typed(self.cleaned_data.get("value"))

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if not self.markets or "value" in self.errors:
            return cleaned
        try:
            per_market = {m: self._typed(cleaned.get(f"value_{m}")) for m in self.markets}
        except forms.ValidationError as exc:
            self.add_error("value", exc)
            return cleaned
        given = {m: v for m, v in per_market.items() if v is not None}
        showed_grid = cleaned.get("mode") == "grid"
        if cleaned.get("same"):
            if showed_grid:  # switching from the grid to one answer: only if the markets agree
                values = list(per_market.values())
                if any(v != values[0] for v in values):
                    self.add_error("same", _("Your answers differ between markets. Make them the same, or clear "
                                             "them, before answering once for every market."))
                    return cleaned
                cleaned["value"] = values[0]
        elif showed_grid:
            cleaned["value"] = given or None
        elif cleaned.get("value") is not None:  # switching from one answer to the grid: every market starts with it
            cleaned["value"] = {m: cleaned["value"] for m in self.markets}
        return cleaned

    def _typed(self, value):
        """The browser's strings as the engine's typed value (None when not answered)."""
        kind = self.question.spec["type"]
        if isinstance(value, str) and value == UNKNOWN:
            return UNKNOWN
        if kind == "multiple_choice":
            if not value:
                return None
            if NONE_OF_THESE in value or UNKNOWN in value:
                if len(value) > 1:
                    if self.question.spec.get("allow_unknown"):
                        raise forms.ValidationError(
                            _("“None of these” and “I don't know” cannot be combined with other choices."))
                    raise forms.ValidationError(_("“None of these” cannot be combined with other choices."))
                return UNKNOWN if UNKNOWN in value else []
            return list(value)
        if value in (None, ""):
            return None
        if kind == "number":
            return parse_number(value, unit=self.question.spec.get("unit", ""))
        if kind == "date":
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                raise forms.ValidationError(_("Enter a date as YYYY-MM-DD, for example 2026-08-02.")) from None
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
        if unit:
            raise forms.ValidationError(_("Enter a number (in %(unit)s), such as 2.5, 1000 or 3e24.") % {"unit": unit}) \
                from None
        raise forms.ValidationError(_("Enter a number, such as 2.5, 1000 or 3e24.")) from None
    if not math.isfinite(number):
        raise forms.ValidationError(_("Enter a finite number."))
    if number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number


def initial_for(question: MergedQuestion, answer, markets: list[str] | tuple = ()) -> dict:
    """Form initial data from a stored answer (or nothing); per market where the form is a grid."""
    grid = bool(question.spec.get("per_market") and len(markets) > 1)
    if answer is None:
        return {"mode": "grid", "same": False} if grid else {}
    if grid:
        if isinstance(answer.value, dict):
            initial = {f"value_{m}": _shown(question, answer.value.get(m)) for m in markets}
            return {**initial, "mode": "grid", "same": False, "note": answer.note}
        return {"value": _shown(question, answer.value), "mode": "same", "same": True, "note": answer.note}
    value = answer.value
    if isinstance(value, dict):  # answered per market, now asked once: show it only if the markets agree
        values = list(value.values())
        value = values[0] if values and all(v == values[0] for v in values) else None
    return {"value": _shown(question, value), "note": answer.note}


def _shown(question: MergedQuestion, value):
    kind = question.spec["type"]
    shown: str | list[str] | None
    if value is None:
        shown = None
    elif value == UNKNOWN:
        shown = [UNKNOWN] if kind == "multiple_choice" else UNKNOWN
    elif kind == "yes_no":
        shown = "yes" if value else "no"
    elif kind == "multiple_choice":
        shown = list(value) or [NONE_OF_THESE]
    elif kind == "number":
        shown = repr(float(value)) if abs(value) >= 1e15 else str(value)
    else:
        shown = value
    return shown
