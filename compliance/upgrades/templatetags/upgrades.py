"""Template helpers for rule-set updates: the assessment banner and readable rule values."""

import json
import re

from django import template
from django.utils.translation import gettext, gettext_lazy

from .. import selectors

register = template.Library()


@register.simple_tag
def rules_updates(assessment):
    """Newer rule sets for the assessment, each with its effect on the assessment's results."""
    return selectors.pending_updates(assessment=assessment)


@register.simple_tag
def open_reviews(assessment) -> int:
    return selectors.open_review_count(assessment=assessment)


@register.filter
def rule_value(value) -> str:
    """A rule-set value as text: lists and mappings as indented JSON, nothing as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, indent=2)
    return str(value)


@register.filter
def dated_entries(entries) -> str:
    """``applies_from`` as text: '2027-12-02' or '2027-08-02 if …; otherwise 2028-08-02'."""
    if isinstance(entries, str):
        return entries
    parts = [f"{e['date']} if {e['when']}" if e.get("when") else e["date"] for e in entries or []]
    return "; otherwise ".join(parts)


@register.filter
def answer_of(answers: dict, code: str) -> str:
    """A stored answer from a {code: value} snapshot, as text."""
    return rule_value(answers.get(code)) if isinstance(answers, dict) else "—"


@register.filter
def section_of(sections: dict, code: str) -> str:
    """The questionnaire section that asks a question, or '' if no pinned version asks it."""
    return sections.get(code, "") if isinstance(sections, dict) else ""


# The engine (frameworks/impact.py) writes why a question needs review in English; the reason code says which
# sentence it is. Fixed sentences are shown in the reader's language; for the others the frame is translated
# around the parts the engine filled in (prompts and answers as the rule set had them).
_REVIEW_SENTENCES = {
    "new": gettext_lazy("A new question in this version."),
    "choices_changed": gettext_lazy("The question's choices changed; check your answer still holds."),
}
_REVIEW_PATTERNS = [
    (re.compile(r"^Your earlier answer no longer fits this question: (?P<problem>.*)\.$", re.S),
     lambda m: gettext("Your earlier answer no longer fits this question: %(problem)s.") % m.groupdict()),
    (re.compile(r"^Choices you had selected were withdrawn: (?P<withdrawn>.*)\.$", re.S),
     lambda m: gettext("Choices you had selected were withdrawn: %(withdrawn)s.") % m.groupdict()),
    (re.compile(r"^Your answer to “(?P<prompt>.*?)” was: (?P<before>.*?)\. It is not carried to this new question; "
                r"please answer it\.(?P<note>.*)$", re.S),
     lambda m: gettext("Your answer to “%(prompt)s” was: %(before)s. It is not carried to this new question; "
                       "please answer it.") % m.groupdict() + m["note"]),
    (re.compile(r"^Your answer to “(?P<prompt>.*?)” was: (?P<before>.*?)\. Carried over as: (?P<after>.*?)\. "
                r"Check it still holds\.(?P<note>.*)$", re.S),
     lambda m: gettext("Your answer to “%(prompt)s” was: %(before)s. Carried over as: %(after)s. Check it still "
                       "holds.") % m.groupdict() + m["note"]),
]


@register.filter
def review_detail(review) -> str:
    """Why a question needs review after an upgrade (a ReviewNeed or a stored ReviewItem), in the reader's language."""
    reason, detail = getattr(review, "reason", ""), str(getattr(review, "detail", "") or "")
    if reason in _REVIEW_SENTENCES:
        return str(_REVIEW_SENTENCES[reason])
    for pattern, render in _REVIEW_PATTERNS:
        match = pattern.match(detail)
        if match:
            return render(match)
    return detail
