"""Template helpers for gap tracking: status styles, the language of a text."""

from __future__ import annotations

import re

from django import template

from compliance.assessments.fragments import cached_fragment
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


def _named(obligation) -> dict:
    return {"spec": {"title": obligation.spec.get("title", ""), "citation": obligation.spec.get("citation", "")},
            "reason": obligation.reason}


@register.simple_tag
def gap_frameworks(gaps):
    """The tracker's framework summaries (gaps/_frameworks.html), rendered once per distinct content.

    The template gets only what it shows, as plain values (the count of tracked rows as their codes),
    and the process keeps the HTML keyed by exactly that (compliance.assessments.fragments).
    """
    frameworks = [{"code": fw.code, "name": fw.name, "local_name": fw.local_name, "in_scope": fw.in_scope,
                   "tiers": fw.tiers, "roles": fw.roles, "rows": [row.obligation.code for row in fw.rows],
                   "scope_reason": fw.scope_reason, "moot": [_named(o) for o in fw.moot],
                   "not_applicable": [_named(o) for o in fw.not_applicable]} for fw in gaps.frameworks]
    return cached_fragment("gaps/_frameworks.html", {"gaps": {"frameworks": frameworks}})
