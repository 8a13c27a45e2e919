"""LeanSelect renders exactly what Django's select templates render."""

from __future__ import annotations

import pytest
from django import forms
from django.utils.safestring import mark_safe

from compliance.widgets import LeanSelect

CHOICES = [("", "Anyone"), ("me", "Me & <you>"), (3, "Kim \"K\""), ("Group", [("a", "A"), ("b", "B")])]


@pytest.mark.parametrize("value", [None, "", "me", "3", "b", "<x>"])
@pytest.mark.parametrize("attrs", [{}, {"class": "form-select form-select-sm", "id": "id_x"},
                                   {"disabled": True, "data-x": mark_safe("<ok>"), "hidden": False}])
def test_lean_select_is_django_select(value, attrs):
    django_select, lean = forms.Select(choices=CHOICES), LeanSelect(choices=CHOICES)
    assert lean.render("who", value, attrs=attrs) == django_select.render("who", value, attrs=attrs)


def test_tracker_forms_render_the_same_html_with_django_selects():
    from compliance.gaps.forms import BulkEditForm, TrackerFilterForm

    class Member:
        def __init__(self, pk, name):
            self.pk, self.first_name, self.last_name, self.username, self.email = pk, name, "", name, ""

        def get_full_name(self):
            return self.first_name

        def get_username(self):
            return self.username

    members = [Member(1, "Ann <A>"), Member(2, "Bo")]
    filters = TrackerFilterForm({"status": "open", "assignee": "2"}, frameworks=[("eu-ai-act", "EU AI Act")],
                                natures=[("binding", "Binding")], members=members)
    bulk = BulkEditForm(keys=["eu-ai-act:a"], members=members)
    for form in (filters, bulk):
        for name, field in form.fields.items():
            if isinstance(field.widget, LeanSelect):
                lean = str(form[name])
                django_widget = forms.Select(attrs=field.widget.attrs, choices=field.widget.choices)
                assert lean == form[name].as_widget(widget=django_widget), name
