"""The questionnaire's fields render the markup crispy-bootstrap5 gave them, for every shared question."""

from __future__ import annotations

import re

import pytest
from django.template import engines

from compliance.assessments.forms import QuestionForm
from compliance.assessments.selectors import MergedQuestion
from frameworks.loader import shared_questions

CRISPY = "{% load crispy_forms_tags %}{{ form.value|as_crispy_field }}|{{ form.note|as_crispy_field }}"
LEAN = "{% load question_fields %}{{ form.value|question_field }}|{{ form.note|question_field }}"
EXTRA = {  # kinds the shared catalogue does not use today, but rule sets may
    "when": {"type": "date", "prompt": "When <b>?", "help": "Give a date & time.", "section": "x"},
    "what": {"type": "text", "prompt": "What?", "help": "", "section": "x"},
    "unsure": {"type": "yes_no", "prompt": "Sure?", "allow_unknown": True, "section": "x"},
}


def _normalized(html: str) -> str:
    """Whitespace next to tags and runs of whitespace do not change what a browser shows."""
    html = html.replace("<div >", "<div>")
    return re.sub(r"\s+", " ", re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html))).strip()


def _states(code: str, spec: dict):
    question = MergedQuestion(code=code, spec={"required": False, "help": "", **spec}, section=spec["section"])
    kind = spec["type"]
    first = [c["code"] for c in spec.get("choices", [])][:2]
    shown = {"yes_no": "yes", "single_choice": first[:1] and first[0], "multiple_choice": first,
             "number": "12", "date": "2026-01-02"}.get(kind, "t <x> & y")
    wrong = {"yes_no": "maybe", "single_choice": "nope", "multiple_choice": ["nope"], "number": "many",
             "date": "2026-13-01"}.get(kind, "x" * 5001)
    yield "empty", QuestionForm(question=question)
    yield "answered", QuestionForm(question=question, initial={"value": shown, "note": "why & <how>"})
    invalid = QuestionForm({f"{code}-value": wrong, f"{code}-note": "n" * 5001}, question=question)
    assert not invalid.is_valid()
    yield "invalid", invalid
    required = QuestionForm(question=question)
    required.fields["value"].required = True
    yield "required", required


@pytest.mark.parametrize("code", [*sorted(shared_questions()), *EXTRA])
def test_question_field_renders_what_crispy_rendered(code):
    spec = EXTRA.get(code) or shared_questions()[code]
    crispy, lean = engines["django"].from_string(CRISPY), engines["django"].from_string(LEAN)
    for state, form in _states(code, spec):
        assert _normalized(lean.render({"form": form})) == _normalized(crispy.render({"form": form})), state


def test_textarea_keeps_the_leading_newline_and_escapes_values():
    spec = {"type": "text", "prompt": "<i>What</i>?", "section": "x"}
    form = QuestionForm(question=MergedQuestion("what", {"required": False, "help": "", **spec}, "x"),
                        initial={"value": "</textarea><script>", "note": ""})
    html = engines["django"].from_string(LEAN).render({"form": form})
    assert 'id="id_what-value">\n&lt;/textarea&gt;&lt;script&gt;</textarea>' in html
    assert "&lt;i&gt;What&lt;/i&gt;?" in html
