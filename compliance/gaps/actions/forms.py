from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from compliance.concurrency import ConcurrentEditForm
from compliance.gaps.form_errors import ServiceErrorsMixin

from ..models import ActionStatus
from .notifications import person_name
from .services import MAX_DESCRIPTION, MAX_TITLE


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return person_name(obj)


def member_field(members: list, *, label, required: bool = False) -> MemberChoiceField:
    from django.contrib.auth import get_user_model

    field = MemberChoiceField(queryset=get_user_model().objects.filter(pk__in=[m.pk for m in members]),
                              required=required, label=label, empty_label=_("Unassigned"))
    field.choices = [("", _("Unassigned")), *[(m.pk, person_name(m)) for m in members]]  # names, no query
    return field


class ActionForm(ServiceErrorsMixin, ConcurrentEditForm):
    title = forms.CharField(max_length=MAX_TITLE, label=_("Title"),
                            help_text=_("The piece of work, e.g. “Human oversight procedure v2”."))
    description = forms.CharField(required=False, max_length=MAX_DESCRIPTION, label=_("Description"),
                                  widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(choices=ActionStatus.choices, widget=forms.RadioSelect, label=_("Status"),
                               initial=ActionStatus.NOT_STARTED)
    due_date = forms.DateField(required=False, label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, members: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        self.fields["assignee"] = member_field(members, label=_("Assigned to"))
        self.order_fields(["title", "description", "status", "assignee", "due_date"])
        for name in ("title", "description", "due_date"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def _rebound(self, data):
        return type(self)(data, members=self.members)

    def _model_value(self, name: str) -> Any:
        value = self.cleaned_data.get(name)
        return value.pk if name == "assignee" and value is not None else value

    @classmethod
    def initial_for(cls, action) -> dict:
        return {"title": action.title, "description": action.description, "status": action.status,
                "assignee": action.assignee_id, "due_date": action.due_date}



class ObligationKeyForm(forms.Form):
    """Which obligation (of which assessment) a link or a suggestion is about: tampered values are refused."""

    assessment = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    framework = forms.SlugField(max_length=80)
    obligation = forms.SlugField(max_length=80)
