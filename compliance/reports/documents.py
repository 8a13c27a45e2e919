"""The report's HTML (Django templates) and its PDF: in one piece, or in parts on several cores.

Imports WeasyPrint (through rendering and split): only the code that renders imports this module.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from . import rendering, split
from .content import ReportContent

logger = logging.getLogger(__name__)

STYLESHEETS = ["css/report.css"]
PART_STYLESHEETS = [*STYLESHEETS, "css/report-part.css"]
FOLIO_STYLESHEETS = [*STYLESHEETS, "css/report-folios.css"]
CONTENTS = "contents"


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
        chapter(CONTENTS, "_contents.html"),
        chapter("summary", "_summary.html"),
        *(chapter(f"fw-{section.gaps.code}", "_framework.html", section=section) for section in content.sections),
        chapter("roadmap", "_roadmap.html"),
        chapter("appendices", "_appendix.html"),
        chapter("disclaimer", "_disclaimer.html"),
    ]


def report_html(content: ReportContent, chapters: list[Chapter] | None = None, *,
                stylesheets: list[str] = STYLESHEETS) -> str:
    chapters = report_chapters(content) if chapters is None else chapters
    return render_to_string("reports/pdf/report.html",
                            {"report": content, "chapters": chapters, "stylesheets": stylesheets})


def _part_html(content: ReportContent, chapters: list[Chapter]) -> str:
    reserved = Chapter(CONTENTS, render_to_string("reports/pdf/_contents_reserved.html"))
    return report_html(content, [reserved if c.name == CONTENTS else c for c in chapters],
                       stylesheets=PART_STYLESHEETS)


@dataclass(frozen=True)
class Sheet:
    """One page of the folio document."""

    marks: list[split.Mark]
    is_cover: bool
    is_contents: bool


def _folios_html(content: ReportContent, contents: Chapter, pages: list[split.PageLayout]) -> str:
    contents_page = next(i for i, page in enumerate(pages) if page.has_anchor(CONTENTS))
    sheets = [Sheet(marks=[m for m in page.marks if m.anchor != CONTENTS], is_cover=index < contents_page,
                    is_contents=index == contents_page) for index, page in enumerate(pages)]
    return render_to_string("reports/pdf/folios.html", {
        "report": content, "stylesheets": FOLIO_STYLESHEETS, "contents": contents.html, "sheets": sheets})


def render_processes() -> int:
    """How many processes may render one report: REPORT_RENDER_PROCESSES, and only by forking a
    process that runs no other thread (a fork copies one thread; another's locks would stay held)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    return max(1, settings.REPORT_RENDER_PROCESSES)


def write_report_pdf(*, content: ReportContent, target: Path, processes: int | None = None) -> rendering.RenderedPdf:
    chapters = report_chapters(content)
    processes = render_processes() if processes is None else processes
    sizes = [len(c.html) for c in chapters]
    # The first part's process also renders the folio document, about a tenth of the work.
    cuts = split.balanced_cuts(sizes, processes, first_extra=sum(sizes) // 10)
    logger.info("Rendering a report of %d chapters in %d part(s)", len(chapters), len(cuts) + 1)
    if not cuts:
        return rendering.write_pdf(html=report_html(content, chapters), target=target)
    bounds = [0, *cuts, len(chapters)]
    parts = [_part_html(content, chapters[start:end]) for start, end in itertools.pairwise(bounds)]
    contents = next(c for c in chapters if c.name == CONTENTS)
    return split.render_in_parts(parts=parts, folios_html=lambda pages: _folios_html(content, contents, pages),
                                 target=target)
