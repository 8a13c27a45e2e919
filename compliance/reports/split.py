"""Render one report on several cores: its chapters in parts at once, then stitched into one PDF.

WeasyPrint lays out a document on one core. Every chapter of the report starts on a new page, so
the pages a chapter takes do not depend on what comes before it; only their numbers do. So:

1. The chapters are cut into consecutive parts of about equal size (``balanced_cuts``). The first
   part is rendered in this process and each other one in a forked child, each into its own PDF
   with the running headers but without page numbers or the contents' entries.
2. As soon as a part is laid out it reports, page by page, where its anchors and bookmarks are.
3. This process then renders the folio document: one page per content page, carrying the page
   number, the contents (whose target pages are now known) and invisible marks at the parts'
   anchors and bookmarks, so the outline and the contents' links are WeasyPrint's own.
4. pikepdf puts each content page under its folio page (qpdf's form XObjects: no content stream
   is parsed), and the result keeps the folio document's metadata, outline and links.

A child shares nothing with this process after the fork but the files it writes: it reports over a
pipe, touches neither the database nor Django's connections, and leaves with ``os._exit``.
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from .rendering import RenderedPdf, write_pdf


class PartFailed(RuntimeError):
    """A part could not be rendered in its child process."""


@dataclass(frozen=True)
class Mark:
    """A point of a content page: an anchor (element id) or a bookmark, in CSS pixels from the top left."""

    x: float
    y: float
    anchor: str = ""
    bookmark_level: int = 0
    bookmark_label: str = ""


@dataclass
class PageLayout:
    marks: list[Mark] = field(default_factory=list)

    def has_anchor(self, name: str) -> bool:
        return any(mark.anchor == name for mark in self.marks)


def page_layouts(document) -> list[PageLayout]:
    """Where each page's anchors and bookmarks are (WeasyPrint's public Page.anchors and .bookmarks)."""
    layouts = []
    for page in document.pages:
        marks = [Mark(x=box[0], y=box[1], anchor=name) for name, box in page.anchors.items()]
        marks += [Mark(x=x, y=y, bookmark_level=level, bookmark_label=label)
                  for level, label, (x, y), _state in page.bookmarks]
        layouts.append(PageLayout(marks))
    return layouts


def _to_json(layouts: list[PageLayout]) -> list:
    return [[[m.x, m.y, m.anchor, m.bookmark_level, m.bookmark_label] for m in page.marks] for page in layouts]


def _from_json(pages: list) -> list[PageLayout]:
    return [PageLayout([Mark(*mark) for mark in page]) for page in pages]


def balanced_cuts(sizes: list[int], parts: int, *, first_extra: int = 0) -> list[int]:
    """Where to cut a run of chapters of these sizes into at most ``parts`` consecutive, non-empty
    parts of about equal work: the start index of every part after the first. ``first_extra`` is
    work the first part's process does besides its chapters (in ``render_in_parts``, the folios)."""
    parts = max(1, min(parts, len(sizes)))
    total = sum(sizes) + first_extra
    cuts: list[int] = []
    running = first_extra
    for index, size in enumerate(sizes):
        share = total * (len(cuts) + 1) / parts  # where the next part should start
        if index > (cuts[-1] if cuts else 0) and len(cuts) < parts - 1 and running + size / 2 > share:
            cuts.append(index)
        running += size
    return cuts


class _Child:
    """A forked process rendering one part; it writes a JSON line when laid out and one when written."""

    def __init__(self, html: str, target: Path):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child, which coverage does not follow
            os.close(read_end)
            _child_main(html, target, write_end)
        os.close(write_end)
        self.pid: int | None = pid
        self.channel = os.fdopen(read_end, "r", encoding="utf-8")

    def _message(self) -> dict:
        line = self.channel.readline()
        if not line:
            raise PartFailed("a part's rendering process ended without a result")
        message = json.loads(line)
        if "error" in message:
            raise PartFailed(f"a part could not be rendered: {message['error']}")
        return message

    def layouts(self) -> list[PageLayout]:
        return _from_json(self._message()["pages"])

    def wait_written(self) -> None:
        self._message()
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if status != 0:
            raise PartFailed(f"a part's rendering process exited with status {status}")

    def close(self) -> None:
        """End the child if it still runs (this process failed or was stopped first)."""
        self.channel.close()
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None


def _child_main(html: str, target: Path, write_end: int) -> None:  # pragma: no cover - child process
    status = 1
    try:
        with os.fdopen(write_end, "w", encoding="utf-8") as channel:
            def send(message: dict) -> None:
                channel.write(json.dumps(message) + "\n")
                channel.flush()

            try:
                write_pdf(html=html, target=target,
                          on_laid_out=lambda document: send({"pages": _to_json(page_layouts(document))}))
                send({"written": True})
                status = 0
            except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
                send({"error": f"{type(exc).__name__}: {exc}"})
    finally:
        os._exit(status)  # no exit handlers: they belong to the parent (database connections, Celery)


def _stitch(*, folios: Path, parts: list[Path], target: Path) -> None:
    with pikepdf.open(folios) as result:
        sources = [pikepdf.open(path) for path in parts]
        try:
            content = [page for source in sources for page in source.pages]
            for folio, page in zip(result.pages, content, strict=True):
                folio.add_underlay(result.copy_foreign(page.as_form_xobject()))
            result.save(target)
        finally:
            for source in sources:
                source.close()


def render_in_parts(*, parts: list[str], folios_html: Callable[[list[PageLayout]], str],
                    target: Path) -> RenderedPdf:
    """Render the part documents at once, then the folio document ``folios_html(pages)`` built from
    all their pages' layouts, and write the stitched PDF to ``target``."""
    with tempfile.TemporaryDirectory(prefix="report-parts-") as directory:
        paths = [Path(directory) / f"part-{index}.pdf" for index in range(len(parts))]
        children: list[_Child] = []
        try:
            for html, path in zip(parts[1:], paths[1:], strict=True):
                children.append(_Child(html, path))
            pages: list[PageLayout] = []
            write_pdf(html=parts[0], target=paths[0], on_laid_out=lambda document: pages.extend(page_layouts(document)))
            for child in children:
                pages.extend(child.layouts())
            # Drawn while the children still write their PDFs.
            folios = write_pdf(html=folios_html(pages), target=Path(directory) / "folios.pdf")
            if folios.page_count != len(pages):
                raise PartFailed(f"the folio document has {folios.page_count} pages for {len(pages)} content pages")
            for child in children:
                child.wait_written()
        finally:
            for child in children:
                child.close()
        _stitch(folios=folios.path, parts=paths, target=target)
    return RenderedPdf(path=target, page_count=len(pages))
