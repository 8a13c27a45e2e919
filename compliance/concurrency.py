"""Optimistic concurrency for full-form edits: a form that was opened before someone else saved is refused.

A form carries, in a signed hidden field, one short hash per edited field of the values it was opened with
(``edit_version``). The service, inside its transaction and with the row locked (``select_for_update``),
calls ``check_unchanged``: if any field's current value no longer matches, it raises ``StaleEdit`` naming the
other person's changes (field, their value, who and when where the model records ``updated_by``/``updated_at``)
and nothing is saved. ``ConcurrentEditForm.after_conflict`` then gives the user back their entries with a
fresh version, taking the other person's value in every field the user had not touched. See
/work/notes/concurrency.md (and the tests in tests/faults/test_concurrent_edits.py) for how to use it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self

from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

_SALT = "compliance.concurrency"


def _normalized(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").strip()
    return json.dumps(value, sort_keys=True, default=str)


def _digest(value: Any) -> str:
    return hashlib.sha256(_normalized(value).encode()).hexdigest()[:16]


def _model_field(instance: models.Model, name: str) -> models.Field:
    field = instance._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{name} is not a field of {instance._meta.label} that a form edits")
    return field


def _field_value(instance: models.Model, name: str) -> Any:
    return _model_field(instance, name).value_from_object(instance)  # a foreign key's id, not its object


def _shown_value(instance: models.Model, name: str) -> Any:
    """A related object itself (shown by its name), any other field's value."""
    return getattr(instance, name) if _model_field(instance, name).is_relation else _field_value(instance, name)


def snapshot(instance: models.Model, fields: Sequence[str]) -> dict[str, str]:
    """One hash per field of ``instance`` (unsaved instances give their defaults: 'did not exist yet')."""
    return {name: _digest(_field_value(instance, name)) for name in fields}


def edit_version(instance: models.Model, *, fields: Sequence[str], key: str) -> str:
    """The token a form carries: the hashes of ``fields`` as the user sees them, for the object named ``key``."""
    return signing.dumps({"k": key, "h": snapshot(instance, fields)}, salt=_SALT)


def read_version(token: str, *, key: str) -> dict[str, str] | None:
    """The hashes a form was opened with; None for an empty token (the API and old pages: no check).
    Raises ValidationError for a token that was tampered with or belongs to another object."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        data = None
    if not isinstance(data, dict) or data.get("k") != key or not isinstance(data.get("h"), dict):
        raise ValidationError(_("This form could not be checked against the saved version; reload the page and "
                                "enter your changes again."), code="bad_version")
    return data["h"]


@dataclass(frozen=True)
class OtherChange:
    field: str
    label: str
    theirs: Any


class StaleEdit(ValidationError):
    """Someone saved the object after the form was opened; nothing was saved."""

    def __init__(self, *, instance: models.Model, changes: list[OtherChange], fields: Sequence[str], key: str,
                 base: Mapping[str, str]) -> None:
        self.instance, self.changes, self.base = instance, changes, dict(base)
        self.version = edit_version(instance, fields=fields, key=key)
        self.changed_by = getattr(instance, "updated_by", None)
        self.changed_at = getattr(instance, "updated_at", None)
        super().__init__(conflict_message(changes=[(c.label, display(c.theirs)) for c in changes],
                                          by=self.changed_by, at=self.changed_at), code="stale")


def check_unchanged(*, instance: models.Model, fields: Sequence[str], key: str, token: str) -> None:
    """Call inside the write's transaction with ``instance`` locked (select_for_update) or freshly created
    unsaved when the row does not exist. Raises StaleEdit if a field changed since the form was opened."""
    base = read_version(token, key=key)
    if base is None:
        return
    current = snapshot(instance, fields)
    changed = [name for name in fields if name in base and base[name] != current[name]]
    if changed:
        changes = [OtherChange(field=name, label=str(_model_field(instance, name).verbose_name).capitalize(),
                               theirs=_shown_value(instance, name)) for name in changed]
        raise StaleEdit(instance=instance, changes=changes, fields=fields, key=key, base=base)


def display(value: Any) -> str:
    if value in (None, "", [], {}):
        return _("(empty)")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, AbstractBaseUser):
        return _person(value)
    text = str(value)
    return text if len(text) <= 200 else text[:200] + "…"


def _person(user: AbstractBaseUser) -> str:
    full_name = getattr(user, "get_full_name", lambda: "")()
    return full_name or user.get_username()


def conflict_message(*, changes: Sequence[tuple[str, str]], by, at: dt.datetime | None) -> str:
    """'Not saved: Ted changed this 2 minutes ago, after you opened the form. Their change: Owner: “Team B”. …'"""
    their_change = "; ".join(_("%(field)s: “%(value)s”") % {"field": label, "value": value} for label, value in changes)
    who = _person(by) if by is not None else _("Someone")
    if at is not None and timezone.now() - at >= dt.timedelta(minutes=1):
        head = _("Not saved: %(who)s changed this %(when)s ago, after you opened the form.") % {
            "who": who, "when": timesince(at)}
    elif at is not None:
        head = _("Not saved: %(who)s changed this a moment ago, after you opened the form.") % {"who": who}
    else:
        head = _("Not saved: %(who)s changed this after you opened the form.") % {"who": who}
    return " ".join([head, _("Their change: %(changes)s.") % {"changes": their_change},
                     _("Your entries are still in the form (fields you had not touched now show their value); "
                       "check them and save again.")])


class ConcurrentEditForm(forms.Form):
    """Mixin for a form that edits one object: a hidden ``version`` field and the conflict round trip.

    Subclasses define ``initial_for(instance) -> dict`` (the form's initial values of an object)."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    @classmethod
    def initial_for(cls, instance) -> dict:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def _model_value(self, name: str) -> Any:
        """A cleaned value, in the form the model stores (override for fields that differ)."""
        return self.cleaned_data.get(name)

    def after_conflict(self, error: StaleEdit) -> Self:
        """The same form again, bound to the user's entries except where only the other person changed a field,
        with the current version (so saving again is a deliberate choice) and the conflict shown above it."""
        data = QueryDict(mutable=True)
        for name, value in self.data.items():
            data.setlist(name, self.data.getlist(name) if isinstance(self.data, QueryDict)
                         else list(value) if isinstance(value, (list, tuple)) else [value])
        theirs = type(self).initial_for(error.instance)
        for change in error.changes:
            name = change.field
            if name not in self.fields or name not in theirs:
                continue
            untouched = _digest(self._model_value(name)) == error.base.get(name)
            if untouched:
                value = self.fields[name].widget.format_value(theirs[name])
                if isinstance(value, list):
                    data.setlist(name, [str(v) for v in value])
                else:
                    data[name] = "" if value is None else str(value)
        data["version"] = error.version
        form = self._rebound(data)
        form.is_valid()
        labels = [(str(form.fields[c.field].label or c.label) if c.field in form.fields else c.label,
                   _choice_display(form.fields.get(c.field), c.theirs)) for c in error.changes]
        form.add_error(None, ValidationError(conflict_message(changes=labels, by=error.changed_by,
                                                              at=error.changed_at), code="stale"))
        return form

    def _rebound(self, data: QueryDict) -> Self:
        """A new bound form of the same class; override when the constructor takes more arguments."""
        return type(self)(data)


def _choice_display(field: forms.Field | None, value: Any) -> str:
    choices = dict(getattr(field, "choices", None) or ()) if field is not None else {}
    if choices:
        if isinstance(value, (list, tuple)):
            return display([str(choices.get(v, v)) for v in value])
        return display(str(choices.get(value, value)) if value not in (None, "") else value)
    return display(value)

