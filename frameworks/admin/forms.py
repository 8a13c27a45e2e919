"""Admin forms for rule-set content, written for people who know the law rather than JSON."""

from __future__ import annotations

import datetime as dt
import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join

from ..models import ClassificationRule, Obligation, Question, RuleSetVersion, Section

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
LABEL_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


class LinesField(forms.CharField):
    """A list of short texts, one per line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 80})

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ReadableJSONField(forms.JSONField):
    """JSON shown indented, with non-ASCII text (Korean, Japanese) left readable."""

    widget = forms.Textarea(attrs={"rows": 6, "cols": 80, "class": "vLargeTextField", "spellcheck": "false"})

    def prepare_value(self, value):
        if isinstance(value, forms.fields.InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, indent=2)


class DatedEntriesWidget(forms.MultiWidget):
    """Rows of (date, citation, condition) inputs, laid out as a table with a label on every input."""

    columns = ("Date", "Citation for the date", "Only when (condition; leave empty on the last row)")

    def __init__(self, rows: int):
        self.rows = rows
        widgets = []
        for _ in range(rows):
            widgets += [forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                        forms.TextInput(attrs={"size": 40}), forms.TextInput(attrs={"size": 40, "spellcheck": "false"})]
        super().__init__(widgets)

    def decompress(self, value):
        if isinstance(value, str):
            value = [{"date": value}]
        entries = value or []
        flat = []
        for i in range(self.rows):
            entry = entries[i] if i < len(entries) and isinstance(entries[i], dict) else {}
            flat += [entry.get("date") or "", entry.get("citation") or "", entry.get("when") or ""]
        return flat

    def get_context(self, name, value, attrs):
        # Stored entries are a list too (of mappings); MultiWidget only decompresses non-lists.
        if isinstance(value, str) or (isinstance(value, list) and any(isinstance(v, dict) for v in value)):
            value = self.decompress(value)
        return super().get_context(name, value, attrs)

    def render(self, name, value, attrs=None, renderer=None):
        subwidgets = self.get_context(name, value, attrs)["widget"]["subwidgets"]
        cells = []
        for i, (widget, sub) in enumerate(zip(self.widgets, subwidgets, strict=True)):
            sub_attrs = {**sub["attrs"], "aria-label": f"Row {i // 3 + 1}: {self.columns[i % 3].split(' (')[0].lower()}"}
            cells.append(widget.render(sub["name"], sub["value"], sub_attrs, renderer))
        rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                                (cells[i:i + 3] for i in range(0, len(cells), 3)))
        head = format_html_join("", '<th scope="col">{}</th>', ((c,) for c in self.columns))
        return format_html('<table class="dated-entries"><thead><tr>{}</tr></thead><tbody>{}</tbody></table>',
                           head, rows)


class DatedEntriesField(forms.MultiValueField):
    """``applies_from``: the first entry whose condition holds gives the date; the last has no condition."""

    def __init__(self, rows: int = 3, **kwargs):
        fields = []
        for _ in range(rows):
            fields += [forms.CharField(required=False), forms.CharField(required=False),
                       forms.CharField(required=False)]
        super().__init__(fields, require_all_fields=False, widget=DatedEntriesWidget(rows), **kwargs)

    def compress(self, values):
        entries = []
        for row in range(0, len(values), 3):
            day, citation, when = (str(v or "").strip() for v in values[row:row + 3])
            if not (day or citation or when):
                continue
            number = row // 3 + 1
            if not day:
                raise ValidationError(f"Row {number} needs a date.")
            try:
                dt.date.fromisoformat(day)
            except ValueError:
                raise ValidationError(f"Row {number}: '{day}' is not a date (YYYY-MM-DD).") from None
            # The canonical shape (see ruleset.canonicalize), so an unchanged form compares equal.
            entries.append({"when": when or None, "citation": citation, "date": day})
        if not entries:
            raise ValidationError("Give the date from which the obligation applies.")
        return entries


class DraftContentForm(forms.ModelForm):
    """Base for forms of version content; ``version`` is set by the admin when it knows the version."""

    version: RuleSetVersion | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:
            # New content can only go into a draft.
            self.fields["version"].queryset = (  # type: ignore[attr-defined]  # a ModelChoiceField
                RuleSetVersion.objects.filter(status=RuleSetVersion.Status.DRAFT))

    def current_version(self) -> RuleSetVersion | None:
        if self.version is not None:
            return self.version
        if getattr(self.instance, "version_id", None):
            return self.instance.version
        version_id = self.data.get(self.add_prefix("version")) or self.initial.get("version")
        if version_id and str(version_id).isdigit():
            return RuleSetVersion.objects.filter(pk=version_id).first()
        return None

    def code_choices(self, relation: str, current: list[str]) -> list[tuple[str, str]]:
        version = self.current_version()
        items = list(getattr(version, relation).values_list("code", "label")) if version else []
        known = {code for code, _ in items}
        # Keep codes that no longer exist selectable, so the validation can name them.
        return [(code, f"{label} ({code})") for code, label in items] + [
            (code, f"{code} (unknown)") for code in current if code not in known]


class VersionForm(forms.ModelForm):
    sources = ReadableJSONField(
        required=False, help_text='Source documents, e.g. [{"title": "Regulation (EU) 2024/1689", '
                                  '"url": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj", "date": "2024-07-12"}]')

    definitions = ReadableJSONField(
        required=False, help_text='Format 2: named conditions, e.g. [{"code": "is_provider", "when": "builds_system && '
                                  'offers_system", "description": "...", "citation": "Art. 3(3)"}]')
    exceptions = ReadableJSONField(
        required=False, help_text='Format 2: named exceptions, e.g. [{"code": "art2-3-military", "label": "...", '
                                  '"when": "purpose_military_only", "citation": "Art. 2(3)"}]')
    answer_mappings = ReadableJSONField(
        required=False, help_text='Format 2: [{"from": "old_code", "to": "new_code", "values": {"old": "new"}, '
                                  '"note": "..."}]')

    class Meta:
        model = RuleSetVersion
        fields = ["label", "title", "in_force_from", "in_force_until", "last_reviewed", "sources", "notes",
                  "market", "out_of_scope_reason", "supersedes", "definitions", "exceptions", "answer_mappings"]
        widgets = {"title": forms.TextInput(attrs={"class": "vLargeTextField", "size": 100})}

    def clean_label(self):
        label = self.cleaned_data["label"]
        if not LABEL_PATTERN.match(label):
            raise ValidationError("Use letters, digits, dots, hyphens or underscores, e.g. 2026.2.")
        taken = RuleSetVersion.objects.filter(framework_id=self.instance.framework_id, label=label)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError("Another version of this framework already has this label.")
        return label


class QuestionForm(DraftContentForm):
    citations = LinesField(required=False, help_text="Articles that ask for this fact, one per line.")

    class Meta:
        model = Question
        fields = ["version", "section", "position", "code", "prompt", "help", "type", "required", "unit", "minimum",
                  "maximum", "visible_if", "citations", "per_market", "allow_unknown", "if_unknown"]
        widgets = {"prompt": forms.Textarea(attrs={"rows": 2, "cols": 80}),
                   "visible_if": forms.Textarea(attrs={"rows": 2, "cols": 80, "spellcheck": "false"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "section" in self.fields:
            version = self.current_version()
            sections = Section.objects.filter(version__status=RuleSetVersion.Status.DRAFT)
            self.fields["section"].queryset = (  # type: ignore[attr-defined]  # a ModelChoiceField
                sections.filter(version=version) if version else sections)

    def clean(self):
        cleaned = super().clean() or {}
        version = cleaned.get("version") or self.current_version()
        section = cleaned.get("section")
        if version and section and section.version_id != version.pk:
            self.add_error("section", "Choose a section of the same version.")
        return cleaned


class RuleForm(DraftContentForm):
    source_url = forms.URLField(max_length=500, required=False, assume_scheme="https")
    unless = ReadableJSONField(
        required=False, help_text='Exceptions: a list of {"code", "label", "when", "citation"}. The rule does not fire '
                                  "when any exception's condition holds.")

    class Meta:
        model = ClassificationRule
        fields = ["version", "position", "code", "assign_kind", "assign_value", "precedence", "when", "unless",
                  "explanation", "citation", "source_url", "confidence"]
        widgets = {"when": forms.Textarea(attrs={"rows": 2, "cols": 80, "spellcheck": "false"}),
                   "explanation": forms.Textarea(attrs={"rows": 2, "cols": 80})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assign_value" in self.fields:
            current = self.initial.get("assign_value") or ""
            groups = [("Tiers", self.code_choices("tiers", [])), ("Roles", self.code_choices("roles", [])),
                      ("Scope", [("in", "in scope"), ("out", "out of scope")])]
            known = {code for _, items in groups for code, _ in items}
            choices = [("", "---------")] + groups + ([(current, f"{current} (unknown)")] if current not in known else [])
            self.fields["assign_value"] = forms.ChoiceField(
                choices=choices, label="Assigns", help_text="The tier, role or scope the rule assigns; it must match "
                                                          "the kind chosen above.")


class ObligationForm(DraftContentForm):
    source_url = forms.URLField(max_length=500, assume_scheme="https",
                                help_text="The official text, e.g. https://eur-lex.europa.eu/eli/reg/2024/1689/oj")
    roles = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text="Roles it binds; none ticked means any role.")
    tiers = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text="Tiers it needs; none ticked means any tier.")
    unless = ReadableJSONField(required=False, help_text='Exceptions: a list of {"code", "label", "when", "citation"}.')
    penalty = ReadableJSONField(
        required=False, help_text='e.g. {"summary": "Up to EUR 15 million or 3% of turnover", "citation": "Art. 99(4)", '
                                  '"max_amount": 15000000, "currency": "EUR", "max_turnover_percent": 3}')
    evidence = LinesField(required=False, help_text="What an auditor would accept, one item per line.")

    class Meta:
        model = Obligation
        fields = ["version", "position", "code", "title", "local_title", "summary", "citation", "source_url",
                  "confidence", "nature", "roles", "tiers", "when", "unless", "applies_from", "applies_until",
                  "deadline", "penalty", "evidence", "applies_despite_ban"]
        widgets = {"when": forms.Textarea(attrs={"rows": 2, "cols": 80, "spellcheck": "false"}),
                   "summary": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("roles", "tiers"):
            if name in self.fields:
                # A choice field.
                self.fields[name].choices = self.code_choices(  # type: ignore[attr-defined]
                    name, self.initial.get(name) or [])
        if "applies_from" in self.fields:
            existing = self.initial.get("applies_from") or []
            rows = max(3, (len(existing) if isinstance(existing, list) else 1) + 1)
            self.fields["applies_from"] = DatedEntriesField(
                rows=rows, label="Applies from",
                help_text="The first row whose condition holds gives the date; leave the condition of the last row "
                          "empty so every case has a date. The citation names the provision that sets the date.")


    def _in_stored_order(self, name: str) -> list[str]:
        # Order is content (it changes the hash), so ticking boxes keeps the stored order.
        chosen, before = self.cleaned_data[name], self.initial.get(name) or []
        return [c for c in before if c in chosen] + [c for c in chosen if c not in before]

    def clean_roles(self):
        return self._in_stored_order("roles")

    def clean_tiers(self):
        return self._in_stored_order("tiers")


class UploadForm(forms.Form):
    file = forms.FileField(label="Rule-set YAML file", help_text="One version, as written in frameworks/data/. "
                           "It is stored as a new draft whatever status it declares.",
                           widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,text/yaml"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError("The file is not UTF-8 text.") from None


class NewDraftForm(forms.Form):
    label = forms.CharField(max_length=40, label="Label of the new draft",
                            help_text="The year and a counter (2026.2), or the instrument's name.")
    in_force_from = forms.DateField(
        label="In force from", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="The date from which the new rules apply. Assessments dated earlier keep the old version.")

    def __init__(self, *args, framework, **kwargs):
        self.framework = framework
        super().__init__(*args, **kwargs)

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if not LABEL_PATTERN.match(label):
            raise ValidationError("Use letters, digits, dots, hyphens or underscores, e.g. 2026.2.")
        if RuleSetVersion.objects.filter(framework=self.framework, label=label).exists():
            raise ValidationError(f"{self.framework.name} already has a version {label}.")
        return label

    def clean_in_force_from(self):
        day = self.cleaned_data["in_force_from"]
        same_day = self.framework.versions.filter(status=RuleSetVersion.Status.PUBLISHED, in_force_from=day).first()
        if same_day is not None:
            raise ValidationError(f"{same_day.label} already enters into force on that day; a new version "
                                  "replaces it from a later date.")
        return day


def suggested_label(existing: list[str], today: dt.date) -> str:
    """The next free 'year.counter' label, e.g. 2026.2 after 2026.1."""
    numbers = [int(m.group(1)) for label in existing if (m := re.fullmatch(rf"{today.year}\.(\d+)", label))]
    return f"{today.year}.{max(numbers, default=0) + 1}"
