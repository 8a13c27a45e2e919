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


# A run of text between tags, and an SVG element (its <text> may not hold HTML spans).
_TEXT_OR_SVG = re.compile(r"<svg\b.*?</svg>|>([^<]+)(?=<)", re.S)
_HANGUL = re.compile("[\uac00-\ud7a3]")
LONGEST_KEPT_WORD = 12  # characters; a longer run (a law's name without spaces, a URL) may still break inside


WORD_JOINER = "\u2060"  # no line break here (Unicode line breaking class WJ); invisible, not in extracted text
_UNIT = re.compile(r"&#?\w+;|.", re.S)  # an escaped character (&amp;) is one unit


def keep_korean_words(html: str) -> SafeString:
    """Korean lines break between words, not inside them: the characters of each short word with Hangul are
    joined by WORD JOINER. WeasyPrint ignores ``word-break: keep-all`` (report.css keeps it for renderers that
    know it) and breaks Korean anywhere, e.g. 인공지능/을 at a line end, as in any CJK text. No element is added
    (a span per word doubled the render time and memory), and text extraction leaves the joiners out, so a
    PDF's text search and copy still find the words."""
    def joined(word: re.Match) -> str:
        text = word.group(0)
        units = _UNIT.findall(text)
        return WORD_JOINER.join(units) if _HANGUL.search(text) and len(units) <= LONGEST_KEPT_WORD else text

    def words(match: re.Match) -> str:
        if match.group(1) is None:
            return match.group(0)  # an SVG chart, unchanged
        return ">" + re.sub(r"\S+", joined, match.group(1))

    return mark_safe(_TEXT_OR_SVG.sub(words, html))  # noqa: S308 - adds invisible joiners to text already escaped


def report_chapters(content: ReportContent) -> list[Chapter]:
    def chapter(name: str, template: str, **extra) -> Chapter:
        return Chapter(name, keep_korean_words(render_to_string(f"reports/pdf/{template}",
                                                                {"report": content, **extra})))

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
