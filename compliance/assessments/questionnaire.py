"""The questionnaire as the wizard shows it: visible questions, progress, steps, answer display.

Pure functions over the merged questionnaire, the visibility map and the stored answers;
``selectors.wizard_state`` does the reads.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frameworks.document import UNKNOWN
from frameworks.engine import visibility
from frameworks.ruleset import CompiledRuleSet

from .models import Answer, Assessment

if TYPE_CHECKING:
    from .selectors import MergedQuestion, MergedSection

REVIEW_STEP = "review"
MARKET_ORDER = ("eu", "kr", "us", "jp")
MARKET_QUESTIONS = ("offer_markets", "use_markets", "output_markets")


def questionnaire_fingerprint(rule_sets: list[CompiledRuleSet]) -> str:
    """Identifies the pinned versions a form was rendered from, so a stale form can be refused."""
    text = "|".join(f"{rs.framework_code}:{rs.content_hash}" for rs in rule_sets)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


MARKET_NAMES = {"eu": gettext_lazy("EU"), "kr": gettext_lazy("Korea"), "us": gettext_lazy("US"),
                "jp": gettext_lazy("Japan"), "other": gettext_lazy("elsewhere")}
UNKNOWN_LABEL = gettext_lazy("I don't know")


def display_value(spec: dict, value: Any) -> str:
    """An answer in words, with the question's choice labels: the one formatter for screens and the PDF.

    Per-market answers are shown market by market; "unknown" as "I don't know".
    """
    if value is None or value == "":
        return _("Not answered")
    if isinstance(value, dict):
        if not value:
            return _("Not answered for any market")
        return "; ".join(f"{MARKET_NAMES.get(m, m)}: {display_value(spec, v)}" for m, v in value.items())
    if value == UNKNOWN and spec.get("allow_unknown"):
        return str(UNKNOWN_LABEL)
    kind = spec["type"]
    if kind == "yes_no":
        return _("Yes") if value else _("No")
    labels = {c["code"]: c["label"] for c in spec.get("choices", [])}
    if kind == "single_choice":
        return labels.get(value, str(value))
    if kind == "multiple_choice":
        return "; ".join(labels.get(v, str(v)) for v in value) if value else _("None of these")
    if kind == "number":
        # Large numbers read better in scientific notation (PostgreSQL may hand them back as int).
        number = f"{float(value):g}" if abs(value) >= 1e15 else f"{value:,}"
        return f"{number} {spec['unit']}".strip() if spec.get("unit") else number
    return str(value)


# A rough pace for the length estimate: most questions are a yes/no or a short choice list.
SECONDS_PER_QUESTION = 30


@dataclass
class Length:
    """How long the questionnaire is, for the frameworks chosen: what is asked now, and what may follow."""

    shown: int
    follow_ups: int

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.shown * SECONDS_PER_QUESTION / 60))  # as static/js/length-estimate.js


@dataclass
class Progress:
    answered: int
    total: int
    # Required questions not asked under the current answers that other answers may still bring up.
    may_appear: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


@dataclass
class Step:
    code: str
    title: str
    number: int
    status: str  # done, started, todo, optional
    current: bool = False

    STATUS_LABELS = {"done": gettext_lazy("complete"), "started": gettext_lazy("in progress"),
                     "todo": gettext_lazy("not started"), "optional": gettext_lazy("optional questions only")}

    @property
    def status_label(self) -> str:
        return str(self.STATUS_LABELS[self.status])


@dataclass
class Wizard:
    """Everything the wizard pages need, computed from one read of the assessment."""

    assessment: Assessment
    rule_sets: list[CompiledRuleSet]
    sections: list[MergedSection]
    answers: dict[str, Answer]
    visible: dict[str, bool]

    @property
    def fingerprint(self) -> str:
        return questionnaire_fingerprint(self.rule_sets)

    @property
    def values(self) -> dict[str, Any]:
        return {code: a.value for code, a in self.answers.items() if a.value is not None}

    @property
    def grid_markets(self) -> list[str]:
        """The user's markets among the selected frameworks' markets; per-market questions become a
        choice x market grid when there are two or more."""
        framework_markets = {rs.market for rs in self.rule_sets if rs.market}
        chosen: set[str] = set()
        for code in MARKET_QUESTIONS:
            value = self.values.get(code)
            if isinstance(value, list):
                chosen.update(value)
        return [m for m in MARKET_ORDER if m in framework_markets and m in chosen]

    def markets_for(self, code: str) -> list[str]:
        """The grid's markets for one question: those whose framework asks it under the current answers
        (a follow-up about biometric uses gets no column for a market without biometric uses)."""
        if not hasattr(self, "_shown_by_market"):
            values = self.values
            self._shown_by_market = {
                market: visibility([rs for rs in self.rule_sets if rs.market == market], values)
                for market in self.grid_markets}
        return [m for m in self.grid_markets if self._shown_by_market[m].get(code, False)]

    def question(self, code: str) -> MergedQuestion | None:
        return next((q for s in self.sections for q in s.questions if q.code == code), None)

    def section(self, code: str) -> MergedSection | None:
        return next((s for s in self.sections if s.code == code), None)

    def is_visible(self, code: str) -> bool:
        return self.visible.get(code, False)

    def is_answered(self, code: str) -> bool:
        answer = self.answers.get(code)
        return answer is not None and answer.value is not None

    def visible_questions(self, section: MergedSection) -> list[MergedQuestion]:
        return [q for q in section.questions if self.is_visible(q.code)]

    @property
    def visible_sections(self) -> list[MergedSection]:
        """Sections with at least one question shown under the current answers."""
        return [s for s in self.sections if self.visible_questions(s)]

    def _required_visible(self, sections: list[MergedSection]) -> list[MergedQuestion]:
        return [q for s in sections for q in self.visible_questions(s) if q.spec["required"]]

    @property
    def progress(self) -> Progress:
        required = self._required_visible(self.sections)
        hidden = sum(q.spec["required"] and not self.is_visible(q.code) for s in self.sections for q in s.questions)
        return Progress(sum(self.is_answered(q.code) for q in required), len(required), hidden)

    @property
    def length(self) -> Length:
        shown = sum(len(self.visible_questions(s)) for s in self.sections)
        return Length(shown=shown, follow_ups=sum(len(s.questions) for s in self.sections) - shown)

    @property
    def unanswered_required(self) -> list[MergedQuestion]:
        return [q for q in self._required_visible(self.sections) if not self.is_answered(q.code)]

    def section_status(self, section: MergedSection) -> str:
        shown = self.visible_questions(section)
        required = [q for q in shown if q.spec["required"]]
        answered_required = sum(self.is_answered(q.code) for q in required)
        any_answered = any(self.is_answered(q.code) for q in shown)
        if required and answered_required == len(required):
            return "done"
        if not required:
            return "done" if any_answered else "optional"
        return "started" if any_answered else "todo"

    def steps(self, current: str | None) -> list[Step]:
        steps = [Step(s.code, s.title, i, self.section_status(s), s.code == current)
                 for i, s in enumerate(self.visible_sections, start=1)]
        review_status = "done" if self.progress.complete else "todo"
        steps.append(Step(REVIEW_STEP, _("Review your answers"), len(steps) + 1, review_status, current == REVIEW_STEP))
        return steps

    def neighbours(self, code: str) -> tuple[str | None, str]:
        """The visible sections before and after ``code``; after the last one comes the review."""
        codes = [s.code for s in self.visible_sections]
        if code not in codes:
            return (codes[-1] if codes else None), REVIEW_STEP
        index = codes.index(code)
        previous = codes[index - 1] if index > 0 else None
        following = codes[index + 1] if index + 1 < len(codes) else REVIEW_STEP
        return previous, following

    @property
    def resume_section(self) -> str:
        """Where the user left off, or the first section that still needs answers."""
        codes = [s.code for s in self.visible_sections]
        if self.assessment.current_section in codes or self.assessment.current_section == REVIEW_STEP:
            return self.assessment.current_section
        for section in self.visible_sections:
            if self.section_status(section) in ("todo", "started"):
                return section.code
        return codes[0] if codes else REVIEW_STEP

    @property
    def orphan_answers(self) -> list[Answer]:
        """Stored answers to questions none of the pinned rule sets asks any more (kept, not used)."""
        known = {q.code for s in self.sections for q in s.questions}
        return [a for code, a in sorted(self.answers.items()) if code not in known and a.value is not None]


@dataclass
class ReviewRow:
    question: MergedQuestion
    answer_text: str
    note: str
    status: str  # answered, missing (required, unanswered), skipped (optional, unanswered), not_used (hidden)


def review_sections(wizard: Wizard) -> list[tuple[MergedSection, list[ReviewRow]]]:
    """Every section with its shown questions, plus hidden questions that keep an earlier answer."""
    out = []
    for section in wizard.sections:
        rows = []
        for q in section.questions:
            answer = wizard.answers.get(q.code)
            note = answer.note if answer else ""
            answered = wizard.is_answered(q.code)
            text = display_value(q.spec, answer.value) if answered and answer else _("Not answered")
            if not wizard.is_visible(q.code):
                if answered:
                    rows.append(ReviewRow(q, text, note, "not_used"))
                continue
            status = "answered" if answered else ("missing" if q.spec["required"] else "skipped")
            rows.append(ReviewRow(q, text, note, status))
        if rows:
            out.append((section, rows))
    return out
