"""The report's HTML (Django templates) and its PDF.

Imports WeasyPrint (through rendering): only the code that renders imports this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

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


def report_html(content: ReportContent) -> str:
    return render_to_string("reports/pdf/report.html",
                            {"report": content, "chapters": report_chapters(content), "stylesheets": STYLESHEETS})


def write_report_pdf(*, content: ReportContent, target: Path) -> rendering.RenderedPdf:
    return rendering.write_pdf(html=report_html(content), target=target)
