"""What a valid answer is, and what an unanswered question counts as (pure)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .document import MARKETS, UNKNOWN

if TYPE_CHECKING:
    from .ruleset import CompiledQuestion

MAX_TEXT_LENGTH = 5000


def neutral_value(question_type: str) -> Any:
    """What an unanswered or hidden question counts as inside conditions."""
    if question_type == "yes_no":
        return False
    if question_type == "multiple_choice":
        return ()
    if question_type in ("single_choice", "text"):
        return ""
    return None


def answer_problem(question: CompiledQuestion, value: Any) -> str | None:
    """Why ``value`` is not a valid answer to ``question``, or None if it is.

    ``"unknown"`` is valid where the question allows "I don't know". A per-market mapping is
    checked market by market with ``per_market_problem``.
    """
    kind = question.type
    if value == UNKNOWN and question.allow_unknown:
        return None
    if kind == "yes_no":
        return None if isinstance(value, bool) else "expected yes or no (true or false)"
    if kind == "single_choice":
        if not isinstance(value, str):
            return "expected one choice code"
        if value not in question.choices:
            return f"'{value}' is not one of the choices: {', '.join(sorted(question.choices))}"
        return None
    if kind == "multiple_choice":
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            return "expected a list of choice codes"
        unknown = [v for v in value if v not in question.choices]
        if unknown:
            return f"{', '.join(repr(v) for v in unknown)} not among the choices: {', '.join(sorted(question.choices))}"
        if len(set(value)) != len(value):
            return "a choice is listed twice"
        return None
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return "expected a number"
        unit = f" {question.spec['unit']}" if question.spec.get("unit") else ""
        if question.minimum is not None and value < question.minimum:
            return f"must be at least {question.minimum:g}{unit}"
        if question.maximum is not None and value > question.maximum:
            return f"must be at most {question.maximum:g}{unit}"
        return None
    if kind == "date":
        try:
            if isinstance(value, str) and len(value) == 10:
                dt.date.fromisoformat(value)
                return None
        except ValueError:
            pass
        return "expected a date as YYYY-MM-DD"
    if not isinstance(value, str):
        return "expected text"
    if len(value) > MAX_TEXT_LENGTH:
        return f"text is longer than {MAX_TEXT_LENGTH} characters"
    return None


def per_market_problem(question: CompiledQuestion, value: Mapping) -> str | None:
    """Why a {market: value} answer is not valid for ``question``, or None if it is."""
    if not question.per_market:
        return "this question takes one answer for every market, not an answer per market"
    unknown = [k for k in value if k not in MARKETS]
    if unknown:
        return f"{', '.join(map(repr, unknown))} not among the markets: {', '.join(MARKETS)}"
    for market, entry in value.items():
        message = answer_problem(question, entry)
        if message:
            return f"{market}: {message}"
    return None


def _merged(question_type: str, entries: list) -> Any:
    """One value for a framework without a market from a per-market answer: any market counts."""
    if question_type == "multiple_choice":
        out: list = []
        for entry in entries:
            out += [v for v in entry if v not in out]
        return out
    if question_type == "yes_no":
        return any(entry is True for entry in entries)
    return entries[0] if entries and all(e == entries[0] for e in entries) else None


MISSING = object()


def market_value(question_type: str, value: Any, market: str | None) -> Any:
    """The plain answer a framework of ``market`` reads; MISSING when that market was not answered.

    A plain value applies to every market. A framework without a market (format 1) reads a
    per-market answer as the union over markets (a use in any market counts).
    """
    if not isinstance(value, Mapping):
        return value
    if market is not None:
        return value.get(market, MISSING)
    entries = [v for v in value.values() if v != UNKNOWN]
    if not entries:
        return UNKNOWN if value else MISSING
    merged = _merged(question_type, entries)
    return MISSING if merged is None else merged
