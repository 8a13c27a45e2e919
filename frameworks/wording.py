"""The engine's own sentences (scope and obligation reasons) in the active language.

The engine is pure and writes its reasons in English around rule texts ("Binds only: <labels>.").
Evaluated on a localized rule set, the rule texts inside are already translated; these functions
translate the frame with Django's gettext, so screens and reports read in one language. A reason
no pattern knows is returned unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

from .engine import scope_reason_text

# (pattern of the engine's English sentence, its translation with the captured parts put back)
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"^In scope because (?P<reasons>.*)\.$", re.S),
     lambda m: _("In scope because %(reasons)s.") % {"reasons": _and(m["reasons"])}),
    (re.compile(r"^Out of scope because (?P<reasons>.*)\.$", re.S),
     lambda m: _("Out of scope because %(reasons)s.") % {"reasons": _and(m["reasons"])}),
    (re.compile(r"^This rule set has no scope rules: it applies to every AI system\.$"),
     lambda m: _("This rule set has no scope rules: it applies to every AI system.")),
    (re.compile(r"^No scope rule of this framework reaches the system\.$"),
     lambda m: _("No scope rule of this framework reaches the system.")),
    (re.compile(r"^The framework does not apply to this system\.$"),
     lambda m: _("The framework does not apply to this system.")),
    (re.compile(r"^Binds only: (?P<labels>.*)\.$", re.S),
     lambda m: _("Binds only: %(labels)s.") % {"labels": m["labels"]}),
    (re.compile(r"^Applies only to: (?P<labels>.*)\.$", re.S),
     lambda m: _("Applies only to: %(labels)s.") % {"labels": m["labels"]}),
    (re.compile(r"^Its condition is not met by your answers\.$"),
     lambda m: _("Its condition is not met by your answers.")),
    (re.compile(r"^Exception applies: (?P<exception>.*)\.$", re.S),
     lambda m: _("Exception applies: %(exception)s.") % {"exception": m["exception"]}),
    (re.compile(r"^Applied only until (?P<date>\d{4}-\d{2}-\d{2})\.$"),
     lambda m: _("Applied only until %(date)s.") % {"date": m["date"]}),
    (re.compile(r"^Moot: the practice is prohibited \((?P<ban>.*)\)\.$", re.S),
     lambda m: _("Moot: the practice is prohibited (%(ban)s).") % {"ban": m["ban"]}),
    (re.compile(r"^You answered \"I don't know\"; the result assumes the more demanding answer\. Review it\.$"),
     lambda m: _("You answered \"I don't know\"; the result assumes the more demanding answer. Review it.")),
]


def _and(reasons: str) -> str:
    """The engine joins several reasons with '; and '."""
    return _("; and ").join(reasons.split("; and "))


def reason(text: str) -> str:
    """An engine reason (scope, obligation status, assumed answer) in the active language."""
    for pattern, render in _PATTERNS:
        match = pattern.match(text)
        if match:
            return render(match)
    return text


def scope_reason(rule_set, *, in_scope: bool, scope_rules: list, stored: str) -> str:
    """A stored scope reason (written in English when the result was stored) in the active language.

    ``rule_set`` is the localized version the result came from; the reason is put together again from the
    deciding rules' codes (``scope_rules`` of the stored result), as the engine does, with their translated
    explanations. A reason whose rules the version does not know is only translated around its texts.
    """
    explanations = {rule.code: rule.spec.get("explanation", "") for rule in rule_set.rules}
    entries = [e for e in scope_rules or [] if isinstance(e, dict)]
    if entries and all(explanations.get(e.get("code")) for e in entries):
        deciding = [{"citation": "", **e, "explanation": explanations[e["code"]]} for e in entries]
        return reason(scope_reason_text(rule_set, in_scope=in_scope, deciding=deciding))
    if not in_scope and not entries and rule_set.framework.get("out_of_scope_reason"):
        return rule_set.framework["out_of_scope_reason"]
    return reason(stored)
