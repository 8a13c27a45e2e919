"""Template helpers for the PDF: static files as the renderer may fetch them, penalties in words."""

from __future__ import annotations

from django import template

from compliance.reports.content import penalty_short
from compliance.reports.fetcher import static_url

register = template.Library()


@register.simple_tag
def report_static(path: str) -> str:
    """A static file as the PDF renderer's fetcher accepts it."""
    return static_url(path)


@register.filter(name="penalty_short")
def penalty_short_filter(penalty) -> str:
    return penalty_short(penalty)
