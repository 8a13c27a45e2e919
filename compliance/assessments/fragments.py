"""Template fragments rendered once per distinct input and kept per process.

A results page renders about 200 obligation rows, and most of them look the same on every visit and
in many assessments (same published version, same status, same language). Rendering a row through
Django templates costs far more than comparing its data, so ``cached_fragment`` keys the rendered HTML
by everything the fragment can read: the template, the active language and time zone, and the complete
data passed to it (every field of every dataclass, recursively). The fragment gets only that data as its context
(no request, no context processors), so it cannot read anything the key leaves out and is never stale.
Data with a value no key can stand for (an object that is not a dataclass) is rendered every time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from django.template.loader import get_template
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from compliance.kept_html import KeptHtml

MAX_FRAGMENTS = 2000  # a four-framework results page has about 200 rows; a kept row (key and HTML) takes about 6.5 KB
_fragments = KeptHtml(limit=MAX_FRAGMENTS)
_FIELDS: dict[type, Callable[[Any], tuple]] = {}  # a dataclass's field values, in order
_PLAIN = (str, int, bool, type(None))


def frozen(value: Any) -> Any:
    """``value`` as a hashable key that differs whenever the value renders differently.

    Types are part of the key where they change the output (a safe string is not escaped, a float is
    not an int); lazy translations are keyed by their text in the active language.
    """
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind in (list, tuple):
        return (kind, tuple(item if type(item) in _PLAIN else frozen(item) for item in value))
    if kind is dict:
        return (dict, tuple((frozen(k), v if type(v) in _PLAIN else frozen(v)) for k, v in value.items()))
    if isinstance(value, (str, int, float, dt.date)):  # safe strings, str and int enums, datetimes
        return (kind, value)
    if isinstance(value, Promise):
        return (Promise, str(value))
    values = _FIELDS.get(kind)
    if values is None:
        if not dataclasses.is_dataclass(value):
            raise TypeError(f"a cached fragment cannot be keyed on a {kind.__name__}")
        names = [f.name for f in dataclasses.fields(value)]
        getter = attrgetter(*names)
        values = _FIELDS[kind] = (lambda v: (getter(v),)) if len(names) == 1 else getter
    return (kind, tuple(item if type(item) in _PLAIN else frozen(item) for item in values(value)))


def cached_fragment(template_name: str, context: dict[str, Any]) -> SafeString:
    """``template_name`` rendered with ``context`` alone, from this process's cache when rendered before."""
    template = get_template(template_name)
    # The compiled template is the cached loader's object (the backend wraps it anew on every call):
    # a template reloaded in development is a new key.
    try:
        data = frozen(context)
    except TypeError:  # something no key can stand for: rendered every time, never wrong
        return SafeString(template.render(context))
    key = (getattr(template, "template", template), get_language(), get_current_timezone_name(), data)
    return _fragments.get_or_render(key, lambda: template.render(context))


def forget_fragments() -> None:
    _fragments.clear()
