"""Form widgets rendered in Python with Django's own markup, for pages that render many of them.

Django renders a select through a template per option (select.html, select_option.html and attrs.html
for each); the gap tracker's filter and bulk-edit forms have eight selects and about forty options.
"""

from __future__ import annotations

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


def flat_attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is True:
            out.append(f" {name}")
        elif value is not False:
            out.append(f' {name}="{conditional_escape(value if isinstance(value, str) else str(value))}"')
    return "".join(out)


class LeanSelect(forms.Select):
    """``forms.Select`` with the exact output of Django's select.html and select_option.html."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{flat_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                value = option["value"]
                parts.append(f'\n  <option value="{conditional_escape(value if isinstance(value, str) else str(value))}"'
                             f'{flat_attrs(option["attrs"])}>{conditional_escape(option["label"])}</option>\n')
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above
