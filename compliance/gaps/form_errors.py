"""Showing a service's ValidationError on the form that called it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class ServiceErrorsMixin:
    """For forms whose service re-checks the data: its errors go on the fields they name, or above the form."""

    fields: dict[str, forms.Field]

    def apply_errors(self, error: ValidationError) -> None:
        add_error = self.add_error  # type: ignore[attr-defined]
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                add_error(name if name in self.fields else None, messages)
        else:
            add_error(None, error.messages)
