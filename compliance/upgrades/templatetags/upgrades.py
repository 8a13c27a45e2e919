"""Template helpers for rule-set updates: the assessment banner and readable rule values."""

import json

from django import template

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
