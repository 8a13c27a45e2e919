from typing import Any

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from compliance.concurrency import ConcurrentEditForm
from compliance.widgets import LeanSelect

from .form_errors import ServiceErrorsMixin
from .models import GapItem, GapStatus
from .services import MAX_TEXT, clean_links


class GapItemForm(ServiceErrorsMixin, ConcurrentEditForm):
    status = forms.ChoiceField(choices=GapStatus.choices, widget=forms.RadioSelect, label=_("Status"))
    justification = forms.CharField(
        required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Why it does not apply"), help_text=_("Required when the status is “Not applicable”."))
    due_date = forms.DateField(required=False, label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}),
                               help_text=_("Your own target date for closing the gap."))
    evidence_notes = forms.CharField(required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}),
                                     label=_("Evidence notes"))
    links = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Evidence links"),
                            help_text=_("One web address per line, starting with https://"))

    def __init__(self, *args, members: list, item: GapItem | None = None, status_follows_actions: bool = False,
                 **kwargs):
        from .actions.forms import member_field

        super().__init__(*args, **kwargs)
        self._options: dict[str, Any] = {"members": members, "item": item,
                                        "status_follows_actions": status_follows_actions}
        self.fields["assignee"] = member_field(members, label=_("Assigned to"))
        if item is not None and item.owner and item.assignee_id is None:
            self.fields["assignee"].help_text = _(
                "Recorded earlier as free text: “%(owner)s”. It stays until you choose a member.") % {
                "owner": item.owner}
        first: list = [InlineRadios("status"), "justification"]
        if status_follows_actions:  # set by the linked actions, not here
            del self.fields["status"], self.fields["justification"]
            first = []
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the surrounding template renders the form tag and token
        self.helper.layout = Layout(
            *first,
            Row(Column("assignee", css_class="col-md-6"), Column("due_date", css_class="col-md-6")),
            Row(Column("evidence_notes", css_class="col-md-6"), Column("links", css_class="col-md-6")),
            Field("version"),
        )

    def _rebound(self, data):
        return type(self)(data, members=self._options["members"], item=self._options["item"],
                          status_follows_actions=self._options["status_follows_actions"])

    def _model_value(self, name: str):
        value = self.cleaned_data.get(name)
        return value.pk if name == "assignee" and value is not None else value

    def focus_first_field(self) -> None:
        """Keyboard focus on the first field with an error, else on the status (inline forms swapped in by htmx)."""
        visible = [n for n in self.fields if not self.fields[n].widget.is_hidden]
        name = next((n for n in visible if n in self.errors), visible[0])
        self.fields[name].widget.attrs["autofocus"] = True

    @classmethod
    def initial_for(cls, item: GapItem | None) -> dict:
        if item is None:
            return {"status": GapStatus.NOT_STARTED}
        return {"status": item.status, "justification": item.justification, "assignee": item.assignee_id,
                "due_date": item.due_date, "evidence_notes": item.evidence_notes, "links": "\n".join(item.links)}

    def clean_links(self) -> list[str]:
        return clean_links(self.cleaned_data["links"].splitlines())




class PortfolioFilterForm(forms.Form):
    """The filters and sort order of the dashboard and the lists, from the query string."""

    framework = forms.ChoiceField(required=False, label=_("Framework"))
    tier = forms.ChoiceField(required=False, label=_("Tier"))
    overdue = forms.BooleanField(required=False, label=_("Overdue work only"))
    assignee = forms.ChoiceField(required=False, label=_("Owner of open work"))  # a member or a free-text owner
    sort = forms.ChoiceField(required=False, label=_("Sort by"))
    archived = forms.BooleanField(required=False, label=_("Archived assessments"))

    def __init__(self, data, *, choices, **kwargs):
        super().__init__(data, **kwargs)
        for name, options in (("framework", [("", _("All frameworks")), *choices.frameworks]),
                              ("tier", [("", _("All tiers")), *choices.tiers]),
                              ("assignee", [("", _("Anyone")), *choices.assignees]),
                              ("sort", choices.sorts)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = options

    def to_filter(self):
        from .portfolio import PortfolioFilter

        self.is_valid()  # fields with a value that is not a choice are left out; the others still apply
        data = self.cleaned_data
        return PortfolioFilter(framework=data.get("framework", ""), tier=data.get("tier", ""),
                               overdue=bool(data.get("overdue")), assignee=data.get("assignee", ""),
                               archived=bool(data.get("archived")), sort=data.get("sort") or "system")


def _set_choices(form: forms.Form, name: str, choices: list) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class TrackerFilterForm(forms.Form):
    """The tracker's filters and sort order, from the query string; values that are not choices are ignored."""

    framework = forms.ChoiceField(required=False, widget=LeanSelect, label=_("Framework"))
    status = forms.ChoiceField(required=False, widget=LeanSelect, label=_("Status"))
    nature = forms.ChoiceField(required=False, widget=LeanSelect, label=_("Nature"))
    assignee = forms.ChoiceField(required=False, widget=LeanSelect, label=_("Assigned to"))
    due = forms.ChoiceField(required=False, widget=LeanSelect, label=_("Due"))
    sort = forms.ChoiceField(required=False, widget=LeanSelect, label=_("Sort by"))
    show = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, frameworks, natures, members, **kwargs):
        from .actions.notifications import person_name
        from .tracker import DUE_WINDOWS, SORTS, STATUS_FILTERS

        super().__init__(data, auto_id="filter_%s", **kwargs)  # ids apart from the row forms on the same page
        _set_choices(self, "framework", [("", _("All frameworks")), *frameworks])
        _set_choices(self, "status", [("", _("Any status")), *STATUS_FILTERS.items()])
        _set_choices(self, "nature", [("", _("Binding, effort and voluntary")), *natures])
        _set_choices(self, "assignee", [("", _("Anyone or nobody")), ("me", _("Me")), ("none", _("Unassigned")),
                                        *[(str(m.pk), person_name(m)) for m in members]])
        _set_choices(self, "due", [("", _("Any due date")), *DUE_WINDOWS.items()])
        _set_choices(self, "sort", list(SORTS.items()))
        for name in ("framework", "status", "nature", "assignee", "due", "sort"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"

    def to_filters(self):
        from .selectors import ROW_FILTERS
        from .tracker import TrackerFilters

        self.is_valid()  # fields with a value that is not a choice are left out; the others still apply
        data = {name: value for name, value in self.cleaned_data.items() if value}
        show = data.pop("show", "all")
        return TrackerFilters(**data, show=show if show in ROW_FILTERS else "all")


KEEP_VALUE = ""


class BulkEditForm(forms.Form):
    """Set the status, assignee or due date of the selected obligations; left blank, a field is not changed."""

    item = forms.MultipleChoiceField(label=_("Obligations"), error_messages={
        "required": _("Select at least one obligation."),
        "invalid_choice": _("An obligation you selected is no longer in this assessment; reload the page.")})
    status = forms.ChoiceField(required=False, widget=LeanSelect, label=_("Set status"))
    assignee = forms.ChoiceField(required=False, widget=LeanSelect, label=_("Assign to"))
    due_date = forms.DateField(required=False, label=_("Set due date"),
                               widget=forms.DateInput(attrs={"type": "date"}))
    clear_due_date = forms.BooleanField(required=False, label=_("Remove the due date"))
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, keys: list[str], members: list, **kwargs):
        from .actions.notifications import person_name

        super().__init__(*args, **kwargs)
        _set_choices(self, "item", [(k, k) for k in keys])
        _set_choices(self, "status", [(KEEP_VALUE, _("Keep each status")),
                                      *[(s.value, s.label) for s in GapStatus if s != GapStatus.NOT_APPLICABLE]])
        _set_choices(self, "assignee", [(KEEP_VALUE, _("Keep each assignee")), ("none", _("Unassigned")),
                                        *[(str(m.pk), person_name(m)) for m in members]])
        self.members = {str(m.pk): m for m in members}
        self.auto_id = "id_bulk_%s"
        self.fields["status"].widget.attrs["class"] = self.fields["assignee"].widget.attrs["class"] = (
            "form-select form-select-sm")
        self.fields["due_date"].widget.attrs["class"] = "form-control form-control-sm"
        self.fields["clear_due_date"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean() or {}
        if data.get("clear_due_date") and data.get("due_date"):
            self.add_error("due_date", _("Either set a due date or remove it, not both."))
        return data

    def changes(self) -> dict:
        """The service's arguments: only what the user chose to change."""
        from .services import KEEP

        data = self.cleaned_data
        assignee = data.get("assignee") or KEEP_VALUE
        return {
            "keys": [tuple(k.split(":", 1)) for k in data["item"]],
            "status": data.get("status") or None,
            "assignee": KEEP if assignee == KEEP_VALUE else (None if assignee == "none" else self.members[assignee]),
            "due_date": None if data.get("clear_due_date") else (data.get("due_date") or KEEP),
        }
