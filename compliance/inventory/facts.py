"""Questionnaire facts in an inventory import: columns named by a shared question's code
(frameworks/data/shared-questions.yaml), kept on the system as default answers.

A cell is read into the value the questionnaire would store and checked by the engine's own answer check
(``value_problem``), so an import accepts exactly what the questionnaire accepts. Questions answered per
market (a choice x market grid) are not offered: one cell cannot say which market an answer is for.
When an assessment of the system starts, the defaults its rule sets ask are saved as its first answers
(compliance.assessments.services.start_assessment), marked as coming from the import until someone saves
them in the questionnaire.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from frameworks.document import UNKNOWN
from frameworks.engine import value_problem
from frameworks.loader import shared_translations
from frameworks.ruleset import CompiledQuestion
from frameworks.shared import catalogue_questions
from frameworks.translations import SOURCE_LANGUAGE, language_code

_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0"}
_UNKNOWN_WORDS = {"unknown", "i don't know", "don't know", "?"}


@cache
def importable_facts() -> dict[str, CompiledQuestion]:
    """The shared questions an import can answer, by code, in catalogue order."""
    facts = {}
    for code, q in catalogue_questions().items():
        if q.get("per_market"):
            continue
        facts[code] = CompiledQuestion(
            code=code, type=q["type"], section=q["section"], required=bool(q.get("required", True)),
            choices=frozenset(c["code"] for c in q.get("choices", [])), minimum=q.get("minimum"),
            maximum=q.get("maximum"), visible_if=None, spec=q, allow_unknown=bool(q.get("allow_unknown")),
            if_unknown=q.get("if_unknown"))
    return facts


def _prompt(question: CompiledQuestion) -> str:
    """The question's prompt in the active language (the shared catalogue's translation), else in English."""
    prompt = question.spec.get("prompt", "")
    language = language_code(get_language())
    if language == SOURCE_LANGUAGE:
        return prompt
    strings, _problems = shared_translations(language)
    return str(strings.get(f"questions.{question.code}.prompt", prompt))


def fact_help(question: CompiledQuestion, *, html: bool = False) -> str:
    """What a fact column takes, for the template file and (``html``: choice codes marked as code) the import page."""
    prompt = _prompt(question)
    codes = [c["code"] for c in question.spec.get("choices", [])]
    listed: str = format_html_join(", ", "<code>{}</code>", ((c,) for c in codes)) if html else ", ".join(codes)
    if question.type == "yes_no":
        accepted = _("yes or no")
    elif question.type == "single_choice":
        accepted = _("one of: %(codes)s") % {"codes": listed}
    elif question.type == "multiple_choice":
        accepted = _("codes separated by commas: %(codes)s") % {"codes": listed}
    elif question.type == "number":
        accepted = _("a number")
    elif question.type == "date":
        accepted = _("a date as YYYY-MM-DD")
    else:
        accepted = _("text")
    if question.allow_unknown:
        accepted += _(" (or unknown)")
    if html:
        template = escape(_("Questionnaire fact: %(prompt)s Answer %(accepted)s."))
        return SafeString(template % {"prompt": escape(prompt), "accepted": accepted if codes else escape(accepted)})
    return _("Questionnaire fact: %(prompt)s Answer %(accepted)s.") % {"prompt": prompt, "accepted": accepted}


def _choice(question: CompiledQuestion, word: str) -> str:
    by_label = {str(c.get("label", "")).casefold(): c["code"] for c in question.spec.get("choices", [])}
    lowered = word.strip().casefold()
    for code in question.choices:
        if code.casefold() == lowered:
            return code
    return by_label.get(lowered, word.strip())


def read_cell(question: CompiledQuestion, text: str) -> Any:
    """The questionnaire's value for a cell (checked afterwards by ``fact_problem``)."""
    word = text.strip()
    if question.allow_unknown and word.casefold() in _UNKNOWN_WORDS:
        return UNKNOWN
    if question.type == "yes_no":
        lowered = word.casefold()
        return True if lowered in _YES else False if lowered in _NO else word
    if question.type == "single_choice":
        return _choice(question, word)
    if question.type == "multiple_choice":
        return [_choice(question, part) for part in word.replace(";", ",").split(",") if part.strip()]
    if question.type == "number":
        try:
            number = float(word.replace(",", "").replace(" ", ""))
        except ValueError:
            return word
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if question.type == "date":
        try:
            return dt.date.fromisoformat(word).isoformat()
        except ValueError:
            return word
    return word


def read_facts(cells: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Default answers from a row's fact columns (empty cells give none), and one error per bad cell."""
    facts, errors = {}, []
    for code, question in importable_facts().items():
        text = cells.get(code, "")
        if not text.strip():
            continue
        value = read_cell(question, text)
        problem = value_problem([question], value)
        if problem:
            errors.append(_("%(column)s: %(problem)s.") % {"column": code, "problem": problem})
        else:
            facts[code] = value
    return facts, errors
