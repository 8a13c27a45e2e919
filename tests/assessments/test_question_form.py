"""Turning the strings a browser sends into typed answers."""

import pytest

from compliance.assessments.forms import NONE_OF_THESE, QuestionForm, initial_for
from compliance.assessments.models import Answer
from compliance.assessments.selectors import MergedQuestion


def question(kind, **spec):
    spec = {"prompt": "Q?", "help": "", "type": kind, "required": True, "choices": [], "unit": "", **spec}
    return MergedQuestion("q", spec, "s")


CHOICES = [{"code": "a", "label": "A"}, {"code": "b", "label": "B"}]


@pytest.mark.parametrize(("kind", "spec", "sent", "expected"), [
    ("yes_no", {}, "yes", True),
    ("yes_no", {}, "no", False),
    ("yes_no", {}, "", None),
    ("single_choice", {"choices": CHOICES}, "b", "b"),
    ("multiple_choice", {"choices": CHOICES}, ["a", "b"], ["a", "b"]),
    ("multiple_choice", {"choices": CHOICES}, [NONE_OF_THESE], []),
    ("multiple_choice", {"choices": CHOICES}, [], None),
    ("number", {"unit": "FLOP"}, "3e24", 3e24),
    ("number", {}, "1,000,000", 1_000_000),
    ("number", {}, "2.5", 2.5),
    ("number", {}, " 42 ", 42),
    ("date", {}, "2026-08-02", "2026-08-02"),
    ("text", {}, "Some words", "Some words"),
    ("text", {}, "", None),
])
def test_parses_typed_values(kind, spec, sent, expected):
    form = QuestionForm({"q-value": sent}, question=question(kind, **spec))
    assert form.is_valid(), form.errors
    value = form.cleaned_data["value"]
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(("kind", "spec", "sent", "message"), [
    ("yes_no", {}, "perhaps", "Answer yes or no."),
    ("single_choice", {"choices": CHOICES}, "c", "“c” is not one of the choices for this question."),
    ("multiple_choice", {"choices": CHOICES}, ["a", NONE_OF_THESE], "cannot be combined"),
    ("number", {"unit": "KRW"}, "a lot", "Enter a number (in KRW), such as 2.5, 1000 or 3e24."),
    ("number", {}, "inf", "Enter a finite number."),
    ("date", {}, "2026-02-30", "Enter a date as YYYY-MM-DD"),
])
def test_refuses_with_a_specific_message(kind, spec, sent, message):
    form = QuestionForm({"q-value": sent}, question=question(kind, **spec))
    assert not form.is_valid()
    assert message in form.errors["value"][0]


def test_help_text_is_escaped_and_explains_the_unit():
    form = QuestionForm(question=question("number", unit="FLOP", help="<b>Compute</b> used"))
    assert form.fields["value"].help_text == "&lt;b&gt;Compute&lt;/b&gt; used Unit: FLOP."


def test_optional_questions_say_so():
    assert QuestionForm(question=question("yes_no", required=False)).fields["value"].label == "Q? (optional)"


@pytest.mark.parametrize(("kind", "stored", "shown"), [
    ("yes_no", True, "yes"), ("multiple_choice", [], [NONE_OF_THESE]), ("number", 3e24, "3e+24"),
    ("number", 7, "7"), ("number", 3 * 10**24, "3e+24"), ("number", 2.5, "2.5"), ("yes_no", None, None),
])
def test_initial_from_the_stored_answer(kind, stored, shown):
    assert initial_for(question(kind, choices=CHOICES), Answer(value=stored, note="n")) == {"value": shown, "note": "n"}
