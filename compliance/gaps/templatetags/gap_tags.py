"""Template helpers for gap tracking: status styles, the language of a text."""

from __future__ import annotations

import re

from django import template

from compliance.gaps.models import GapStatus
from frameworks import wording

register = template.Library()

STATUS_BADGES: dict[str, str] = {
    GapStatus.MET: "text-bg-success",
    GapStatus.IN_PROGRESS: "text-bg-primary",
    GapStatus.NOT_STARTED: "text-bg-secondary",
    GapStatus.NOT_APPLICABLE: "text-bg-light border",
    "done": "text-bg-success",
}
_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@register.filter
def status_badge(status: str) -> str:
    return STATUS_BADGES.get(status, "text-bg-secondary")


@register.filter
def text_lang(text) -> str:
    """'ko', 'ja' or 'zh' for text in those scripts (fonts and screen readers need it), else ''."""
    text = str(text or "")
    if _HANGUL.search(text):
        return "ko"
    if _KANA.search(text):
        return "ja"
    if _HAN.search(text):
        return "ja"  # Han characters without kana: the only such texts here are Japanese terms
    return ""


@register.filter
def engine_reason(text) -> str:
    """An engine reason ("Binds only: ...") in the active language."""
    return wording.reason(str(text or ""))


@register.filter
def review_overdue(evidence, today) -> bool:
    """Whether an evidence file's review-by date has passed."""
    return bool(evidence.review_overdue(today))
