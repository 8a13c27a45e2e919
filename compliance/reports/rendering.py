"""WeasyPrint, which may load the project's static files only.

WeasyPrint takes most of a second to import, so only the code that renders imports this module.
"""

from __future__ import annotations

import gc
import mimetypes
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from weasyprint import HTML, Document
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .fetcher import resolve_static


class StaticFilesFetcher(URLFetcher):
    """Serves the project's static files (see fetcher.resolve_static) and refuses everything else."""

    def fetch(self, url, headers=None):
        path = resolve_static(url)
        mime_type, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(url, body=path.read_bytes(),
                                  headers={"Content-Type": mime_type or "application/octet-stream"})


@dataclass(frozen=True)
class RenderedPdf:
    path: Path
    page_count: int


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one render, then collect what the render left.

    WeasyPrint allocates millions of short-lived objects, and the collector's repeated passes over
    them cost about an eighth of a full report's rendering time. While it is paused nothing is
    promoted, so collecting the youngest generation afterwards frees the render's cycles without
    walking the rest of the process. If the collector was already off, it stays off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)


# PDF/UA-1: a tagged PDF (structure tree, reading order, alternative texts) that screen readers can
# read, with the document's language and title; WeasyPrint tags it while laying it out.
PDF_VARIANT = "pdf/ua-1"


def lay_out(html: str) -> Document:
    """Lay out ``html``, tagged. No base URL: relative links resolve to nothing."""
    return HTML(string=html, base_url=None, url_fetcher=StaticFilesFetcher()).render(pdf_variant=PDF_VARIANT)


def write_pdf(*, html: str, target: Path) -> RenderedPdf:
    """Lay out ``html`` and write the PDF to ``target``."""
    with cyclic_gc_paused():
        document = lay_out(html)
        document.write_pdf(target, pdf_variant=PDF_VARIANT)
        page_count = len(document.pages)
        del document  # so the collection on leaving can free its layout
    return RenderedPdf(path=target, page_count=page_count)
