"""Rendering a report in parts on several processes and stitching them (compliance/reports/split.py)."""

import os
import re
import subprocess
import threading
from html import unescape as html_unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from compliance.assessments.selectors import assessment_state
from compliance.gaps.models import GapStatus
from compliance.gaps.selectors import assessment_gaps
from compliance.reports import documents, rendering, split
from compliance.reports.content import report_content
from frameworks.selectors import latest_published
from tests.gaps.fixtures import make_assessment, set_gap

KOREAN_NAME = "채용 심사 시스템 <b>v2</b>"


@pytest.fixture
def content(organization, sample_version, frozen_today):
    versions = [sample_version]
    korean = latest_published(framework_code="kr-ai-basic-act")
    if korean is not None:
        versions.append(korean)
    assessment = make_assessment(organization, versions, name=KOREAN_NAME, notes={"is_ai_system": "모델 설명"})
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET, owner="HR 팀", evidence_notes="Training 2026")
    state = assessment_state(assessment)
    return report_content(state=state, gaps=assessment_gaps(state=state, today=frozen_today),
                          report_date=frozen_today)


def _page_words(path) -> list[list[tuple[str, float, float]]]:
    """Every word of every page with where it stands, to a tenth of a point."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [sorted((html_unescape(word), round(float(x), 1), round(float(y), 1))
                   for x, y, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</word>', page))
            for page in html.split("<page ")[1:]]


def _outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    entries = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def _link_targets(reader: PdfReader, page_index: int) -> list[int]:
    targets = []
    for annotation in reader.pages[page_index].get("/Annots") or []:
        annotation = annotation.get_object()
        destination = annotation.get("/Dest") or annotation.get("/A", {}).get("/D")
        if isinstance(destination, str):
            destination = reader.named_destinations[destination]
            targets.append(reader.get_destination_page_number(destination))
        else:
            targets.append(reader.get_page_number(destination[0].get_object()))
    return targets


@pytest.fixture
def both(content, tmp_path):
    whole = documents.write_report_pdf(content=content, target=tmp_path / "whole.pdf", processes=1)
    parts = documents.write_report_pdf(content=content, target=tmp_path / "parts.pdf", processes=2)
    return whole, parts


def test_parts_give_the_same_pages_words_outline_and_links_as_one_piece(both):
    """Every word in the same place on the same page, the same outline, the same contents links."""
    whole, parts = both
    assert parts.page_count == whole.page_count >= 8
    words = _page_words(whole.path)
    assert len(words) == whole.page_count and all(words)
    assert _page_words(parts.path) == words
    one, stitched = PdfReader(whole.path), PdfReader(parts.path)
    assert len(stitched.pages) == parts.page_count
    assert _outline(stitched) == _outline(one)
    assert _link_targets(stitched, 1) == _link_targets(one, 1) != []
    assert stitched.metadata.title == one.metadata.title


def test_each_page_is_numbered_once_and_part_two_keeps_the_running_headers(both):
    _, parts = both
    reader = PdfReader(parts.path)
    total = len(reader.pages)
    assert "Page" not in reader.pages[0].extract_text()  # the cover
    for number in range(2, total + 1):
        text = reader.pages[number - 1].extract_text()
        assert text.count(f"Page {number} of {total}") == 1, number
    last = reader.pages[total - 1].extract_text()
    assert "Disclaimer" in last and KOREAN_NAME in last  # the system, though the cover is in the other part


def test_contents_lead_to_the_chapters(both):
    _, parts = both
    reader = PdfReader(parts.path)
    contents = reader.pages[1].extract_text()
    for target in _link_targets(reader, 1):
        assert target > 1
    disclaimer_page = int(contents.split("Disclaimer")[-1].strip(". \n").split()[0])
    assert disclaimer_page == len(reader.pages)


@pytest.mark.parametrize(("sizes", "parts", "cuts"), [
    ([10, 10, 10, 10], 2, [2]),
    ([1, 1, 30, 1, 1, 1], 2, [3]),
    ([5, 5, 5, 5, 5, 5], 3, [2, 4]),
    ([100, 1, 1], 2, [1]),
    ([10, 10], 4, [1]),
    ([10], 2, []),
    ([10, 10, 10], 1, []),
])
def test_balanced_cuts(sizes, parts, cuts):
    assert split.balanced_cuts(sizes, parts) == cuts


def test_work_outside_the_chapters_makes_the_first_part_smaller():
    assert split.balanced_cuts([10, 10, 10, 10], 2, first_extra=12) == [1]
    assert split.balanced_cuts([10, 10, 10, 10], 2, first_extra=4) == [2]


def _fail_in_the_child(monkeypatch, failure):
    parent, lay_out = os.getpid(), rendering.lay_out

    def lay_out_or_fail(html):
        if os.getpid() != parent:
            failure()
        return lay_out(html)

    monkeypatch.setattr(rendering, "lay_out", lay_out_or_fail)


def _children() -> list[int]:
    """This process's children, zombies included (Linux /proc)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == os.getpid():
            children.append(int(stat.parent.name))
    return children


def test_an_error_in_a_child_fails_the_render_with_its_message(content, tmp_path, monkeypatch):
    def fail():
        raise ValueError("layout exploded")

    _fail_in_the_child(monkeypatch, fail)
    with pytest.raises(split.PartFailed, match="ValueError: layout exploded"):
        documents.write_report_pdf(content=content, target=tmp_path / "out.pdf", processes=2)
    assert not (tmp_path / "out.pdf").exists()
    assert _children() == []


def test_a_child_that_dies_fails_the_render(content, tmp_path, monkeypatch):
    _fail_in_the_child(monkeypatch, lambda: os._exit(3))
    with pytest.raises(split.PartFailed, match="ended without a result"):
        documents.write_report_pdf(content=content, target=tmp_path / "out.pdf", processes=2)
    assert _children() == []


def test_processes_follow_the_setting(settings, monkeypatch):
    monkeypatch.setattr(documents.threading, "active_count", lambda: 1)  # threads other tests left running
    settings.REPORT_RENDER_PROCESSES = 2
    assert documents.render_processes() == 2
    settings.REPORT_RENDER_PROCESSES = 1
    assert documents.render_processes() == 1


def test_a_process_running_other_threads_renders_in_one_piece(settings):
    settings.REPORT_RENDER_PROCESSES = 2
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert documents.render_processes() == 1
    finally:
        stop.set()
        thread.join()
