"""The report's HTML (Django templates) and its PDF.

Imports WeasyPrint (through rendering): only the code that renders imports this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from . import rendering
from .content import ReportContent

STYLESHEETS = ["css/report.css"]


@dataclass(frozen=True)
class Chapter:
    """A run of the report that starts on a new page (report.css breaks before each)."""

    name: str
    html: SafeString


def report_chapters(content: ReportContent) -> list[Chapter]:
    def chapter(name: str, template: str, **extra) -> Chapter:
        return Chapter(name, render_to_string(f"reports/pdf/{template}", {"report": content, **extra}))

    return [
        chapter("cover", "_cover.html"),
        chapter("contents", "_contents.html"),
        chapter("summary", "_summary.html"),
        *(chapter(f"fw-{section.gaps.code}", "_framework.html", section=section) for section in content.sections),
        chapter("roadmap", "_roadmap.html"),
        chapter("appendices", "_appendix.html"),
        chapter("disclaimer", "_disclaimer.html"),
    ]


def _css_string(text: str) -> str:
    """A quoted CSS string; '<' escaped too, so the text can never close the <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ")
    return f'"{escaped}"'


def page_margin_css() -> SafeString:
    """The running footer in the report's language: CSS ``content`` values for the page's margin boxes.

    "Page %(page)s of %(pages)s" becomes `"Page " counter(page) " of " counter(pages)`, so each language keeps
    its own order ("42쪽 중 12쪽").
    """
    pattern = gettext("Page %(page)s of %(pages)s")
    parts = re.split(r"(%\((?:page|pages)\)s)", pattern)
    counter = " ".join(f"counter({part[2:-2]})" if part in ("%(page)s", "%(pages)s") else _css_string(part)
                       for part in parts if part)
    note = _css_string(gettext("Self-assessment, not legal advice"))
    css = f"@page {{ @bottom-left {{ content: {note}; }} @bottom-right {{ content: {counter}; }} }}"
    return mark_safe(css)  # noqa: S308 - only quoted, escaped strings and counters (_css_string)


def report_html(content: ReportContent) -> str:
    return render_to_string("reports/pdf/report.html",
                            {"report": content, "chapters": report_chapters(content), "stylesheets": STYLESHEETS,
                             "page_margins": page_margin_css()})


def write_report_pdf(*, content: ReportContent, target: Path) -> rendering.RenderedPdf:
    return rendering.write_pdf(html=report_html(content), target=target)
