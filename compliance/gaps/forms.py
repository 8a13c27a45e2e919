from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError

from compliance.concurrency import ConcurrentEditForm

from .models import GapItem, GapStatus
from .services import MAX_OWNER, MAX_TEXT, clean_links


class GapItemForm(ConcurrentEditForm):
    status = forms.ChoiceField(choices=GapStatus.choices, widget=forms.RadioSelect, label="Status")
    justification = forms.CharField(
        required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}),
        label="Why it does not apply", help_text="Required when the status is “Not applicable”.")
    owner = forms.CharField(required=False, max_length=MAX_OWNER, label="Owner",
                            help_text="Person or team responsible.")
    due_date = forms.DateField(required=False, label="Due date", widget=forms.DateInput(attrs={"type": "date"}),
                               help_text="Your own target date for closing the gap.")
    evidence_notes = forms.CharField(required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3}),
                                     label="Evidence notes")
    links = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Evidence links",
                            help_text="One web address per line, starting with https://")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the surrounding template renders the form tag and token
        self.helper.layout = Layout(
            InlineRadios("status"), "justification",
            Row(Column("owner", css_class="col-md-6"), Column("due_date", css_class="col-md-6")),
            Row(Column("evidence_notes", css_class="col-md-6"), Column("links", css_class="col-md-6")),
            Field("version"),
        )

    def focus_first_field(self) -> None:
        """Keyboard focus on the first field with an error, else on the status (inline forms swapped in by htmx)."""
        name = next((n for n in self.fields if n in self.errors), "status")
        self.fields[name].widget.attrs["autofocus"] = True

    @classmethod
    def initial_for(cls, item: GapItem | None) -> dict:
        if item is None:
            return {"status": GapStatus.NOT_STARTED}
        return {"status": item.status, "justification": item.justification, "owner": item.owner,
                "due_date": item.due_date, "evidence_notes": item.evidence_notes, "links": "\n".join(item.links)}

    def clean_links(self) -> list[str]:
        return clean_links(self.cleaned_data["links"].splitlines())

    def clean(self):
        data = super().clean() or {}
        if data.get("status") == GapStatus.NOT_APPLICABLE and not (data.get("justification") or "").strip():
            self.add_error("justification", "Explain why the obligation does not apply to this system.")
        return data

    def apply_errors(self, error: ValidationError) -> None:
        """Show a service's ValidationError on the fields it names (or above the form)."""
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                self.add_error(name if name in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)


class PortfolioFilterForm(forms.Form):
    """The filters and sort order of the dashboard and the lists, from the query string."""

    framework = forms.ChoiceField(required=False, label="Framework")
    tier = forms.ChoiceField(required=False, label="Tier")
    overdue = forms.BooleanField(required=False, label="Overdue work only")
    assignee = forms.ChoiceField(required=False, label="Owner of open work")
    sort = forms.ChoiceField(required=False, label="Sort by")
    archived = forms.BooleanField(required=False, label="Archived assessments")

    def __init__(self, data, *, choices, **kwargs):
        super().__init__(data, **kwargs)
        for name, options in (("framework", [("", "All frameworks"), *choices.frameworks]),
                              ("tier", [("", "All tiers"), *choices.tiers]),
                              ("assignee", [("", "Anyone"), *[(a, a) for a in choices.assignees]]),
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
