"""The questionnaire's answer and note fields as HTML, without crispy-forms' template tree.

``{{ form.value|question_field }}`` renders the same markup as crispy-bootstrap5's ``as_crispy_field``
for the widgets a question uses (radio buttons, checkboxes, text, number and date inputs, text areas):
the same ids, names, classes (form-check, form-control, is-invalid, invalid-feedback), help text and
error ids and aria attributes. Crispy renders a dozen nested templates per field and one include per
choice; a questionnaire section has about twenty fields, and that was half of the section's time.
"""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.forms.widgets import ChoiceWidget, Input
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from compliance.widgets import flat_attrs

register = template.Library()


def _required(bound: BoundField) -> tuple[str, str]:
    """(label class, marker) of a required field, as crispy marks it."""
    return (" requiredField", '<span class="asteriskField">*</span>') if bound.field.required else ("", "")


def _label(bound: BoundField) -> str:
    return f"{conditional_escape(bound.label)}{_required(bound)[1]}"


def _errors(bound: BoundField) -> str:
    errors = bound.errors
    if not errors:
        return ""
    items = "".join(f'<p id="error_{number}_{bound.auto_id}"><strong>{conditional_escape(str(error))}</strong></p>'
                    for number, error in enumerate(errors, start=1))
    return f'<div id="{getattr(errors, "field_id", None)}_error" class="invalid-feedback">{items}</div>'


def _help(bound: BoundField) -> str:
    # Like crispy, help text is not escaped here: the form escapes rule-set text when it sets it.
    help_text = str(bound.help_text)
    if not help_text:
        return ""
    return f'<div id="{bound.auto_id}_helptext" class="form-text">{help_text}</div>'


def _choices(bound: BoundField, widget: ChoiceWidget) -> str:
    auto_id = widget.attrs.get("id") or bound.auto_id
    attrs = bound.build_widget_attrs({"id": auto_id} if auto_id else {})
    values = widget.format_value(bound.value())
    invalid = " is-invalid" if bound.errors else ""
    name = conditional_escape(bound.html_name)
    options = [option for _group, group_options, _index in widget.optgroups(name, values, attrs)
               for option in group_options]
    parts = []
    for number, option in enumerate(options, start=1):
        option_attrs = option["attrs"]
        parts.append(f'<div class="form-check"><input type="{option["type"]}" class="form-check-input{invalid}" '
                     f'name="{name}" value="{conditional_escape(option["value"])}"{flat_attrs(option_attrs)}>'
                     f'<label for="{conditional_escape(option_attrs.get("id", ""))}" class="form-check-label">'
                     f'{conditional_escape(option["label"])}</label>'
                     f'{_errors(bound) if number == len(options) else ""}</div>')
    described = bound.aria_describedby
    described_attr = f' aria-describedby="{conditional_escape(described)}"' if described else ""
    return (f'<fieldset{described_attr}><legend class="form-label{_required(bound)[0]} fs-6">{_label(bound)}</legend>'
            f'<div>{"".join(parts)}</div>{_help(bound)}</fieldset>')


def _input(bound: BoundField, widget: forms.Widget) -> str:
    css = widget.attrs.get("class", "")
    kind = type(widget).__name__.lower()
    if kind not in css.split():
        css = f"{css} {kind}" if css else kind
    css += " form-control is-invalid" if bound.errors else " form-control"
    attrs = bound.build_widget_attrs({**widget.attrs, "class": css})
    if bound.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    value = widget.format_value(bound.value())
    name = conditional_escape(bound.html_name)
    if isinstance(widget, forms.Textarea):
        tag = f'<textarea name="{name}"{flat_attrs(attrs)}>\n{conditional_escape(value) if value else ""}</textarea>'
    else:
        shown = f' value="{conditional_escape(value)}"' if value is not None else ""
        input_type = widget.input_type if isinstance(widget, Input) else "text"
        tag = f'<input type="{input_type}" name="{name}"{shown}{flat_attrs(attrs)}>'
    label_for = f' for="{conditional_escape(bound.id_for_label)}"' if bound.id_for_label else ""
    return (f'<label{label_for} class="form-label{_required(bound)[0]}">{_label(bound)}</label>'
            f'{tag}{_errors(bound)}{_help(bound)}')


@register.filter
def question_field(bound: BoundField) -> SafeString:
    """A question's field (not a single checkbox, not hidden) as crispy-bootstrap5 shows it."""
    widget = bound.field.widget
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        body = _choices(bound, widget)
    elif isinstance(widget, (Input, forms.Textarea)) and not isinstance(widget, forms.CheckboxInput):
        body = _input(bound, widget)
    else:
        raise TypeError(f"question_field does not render {type(widget).__name__}")
    return mark_safe(f'<div id="div_{bound.auto_id}" class="mb-3">{body}</div>')  # noqa: S308 - escaped above
