"""Reading generated PDFs in tests."""

from __future__ import annotations

import io

from pypdf import PdfReader

from compliance.reports.models import Report


def pdf_reader(report: Report) -> PdfReader:
    with report.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def pdf_text(report: Report) -> str:
    return "\n".join(page.extract_text() or "" for page in pdf_reader(report).pages)


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles
