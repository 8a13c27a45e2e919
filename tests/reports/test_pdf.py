"""The PDF itself: sections, classification, citations, Korean text, navigation aids, escaping."""

import re
import shutil
import subprocess

import pytest

from compliance.gaps.models import GapStatus
from compliance.reports import rendering
from compliance.reports.models import Report
from compliance.reports.services import request_report
from frameworks.selectors import latest_published
from tests.gaps.fixtures import make_assessment, set_gap
from tests.reports.helpers import outline_titles, pdf_reader, pdf_text

KOREAN_NAME = "채용 심사 시스템"
HOSTILE_NOTE = ('<b>bold</b> <img src="file:///etc/passwd"> <img src="https://evil.example/pixel.png"> '
                '<link rel="stylesheet" href="https://evil.example/x.css"> https://evil.example/page')


@pytest.fixture
def report(organization, owner, sample_version, frozen_today, django_capture_on_commit_callbacks) -> Report:
    versions = [sample_version]
    korean = latest_published(framework_code="kr-ai-basic-act")
    if korean is not None:
        versions.append(korean)
    assessment = make_assessment(organization, versions, name=KOREAN_NAME,
                                 notes={"is_ai_system": "모델은 이력서를 분석합니다.", "use_areas": HOSTILE_NOTE})
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET, owner="HR 팀",
            evidence_notes="Training records 2026", links=["https://intranet.example.com/training"])
    set_gap(assessment, "art50-1-disclose-interaction", status=GapStatus.IN_PROGRESS, owner="Product",
            due_date=frozen_today.replace(year=2026, month=1, day=15))
    with django_capture_on_commit_callbacks(execute=True):
        report, reused = request_report(assessment=assessment, user=owner)
    assert not reused
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    return report


def test_pdf_has_every_section_in_order(report):
    text = pdf_text(report)
    headings = ["Contents", "Executive summary", "EU Artificial Intelligence Act", "Remediation roadmap",
                "Appendix A: answers and notes", "Appendix B: rule sets and sources", "Disclaimer"]
    positions = [text.index(h, text.index("Contents")) for h in headings]
    assert positions == sorted(positions)
    assert "not legal advice" in text


def test_pdf_shows_classification_citations_statuses_and_dates(report):
    text = pdf_text(report)
    for expected in ["High-risk", "Transparency obligations", "Provider", "Deployer",
                     "because the system is used to recruit or select people", "Annex III point 4(a)",
                     "Art. 26(7)", "Art. 50(1)", "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
                     "Support AI literacy of staff", "2027-12-02", "Met", "In progress", "Not started",
                     "Stop the prohibited practice", "Training records 2026", "2026-01-15", "OVERDUE",
                     "sample-1", "Law assessed as of", "2026-11-22"]:
        assert expected in text, expected


def test_pdf_renders_korean_text(report):
    text = pdf_text(report)
    assert KOREAN_NAME in text
    assert "모델은 이력서를 분석합니다." in text
    assert "HR 팀" in text
    korean = latest_published(framework_code="kr-ai-basic-act")
    if korean is not None and korean.framework.local_name:
        assert korean.framework.local_name.split()[0] in text


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) is not installed")
def test_pdf_embeds_cjk_fonts(report):
    fonts = subprocess.run(["pdffonts", report.file.path], capture_output=True, text=True, check=True).stdout
    assert "Noto-Sans-CJK" in fonts
    assert "no " not in fonts.split("\n", 2)[2]  # every font is embedded


def test_pdf_has_page_numbers_running_headers_bookmarks_and_metadata(report):
    reader = pdf_reader(report)
    pages = len(reader.pages)
    assert pages == report.page_count and pages >= 6
    second = reader.pages[2].extract_text()
    assert f"Page 3 of {pages}" in second
    assert KOREAN_NAME in second  # running header: the system
    titles = outline_titles(reader)
    assert {"Executive summary", "Remediation roadmap", "Disclaimer"} <= set(titles)
    assert reader.metadata.title == f"AI compliance gap report: {KOREAN_NAME}"


def test_table_of_contents_gives_real_page_numbers(report):
    reader = pdf_reader(report)
    contents = reader.pages[1].extract_text()
    match = re.search(r"Remediation roadmap\W*(\d+)", contents)
    assert match, contents
    page = int(match.group(1))
    assert "Remediation roadmap" in reader.pages[page - 1].extract_text()


def test_user_html_is_printed_as_text_and_fetches_nothing(organization, owner, sample_version, monkeypatch,
                                                         django_capture_on_commit_callbacks):
    fetched = []
    original = rendering.StaticFilesFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(rendering.StaticFilesFetcher, "fetch", spy)
    assessment = make_assessment(organization, [sample_version], name='<img src="file:///etc/passwd">',
                                 notes={"use_areas": HOSTILE_NOTE})
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = request_report(assessment=assessment, user=owner)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    assert "static-file:css/report.css" in fetched
    assert set(fetched) == {"static-file:css/report.css"}
    text = pdf_text(report)
    flat = " ".join(text.split())
    assert "<b>bold</b>" in flat
    assert '<img src="file:///etc/passwd">' in flat
    assert "https://evil.example/pixel.png" in flat
    assert "root:x:0:0" not in text


def test_pdf_is_tagged_with_language_title_and_bookmarks(report):
    """PDF/UA: a structure tree screen readers follow, the document language, its title shown, an outline."""
    import pikepdf

    with report.file.open("rb") as handle, pikepdf.open(handle) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        tree = root.StructTreeRoot
        assert "/ParentTree" in tree and len(tree.K) > 0
        kinds = set()
        stack = [tree.K]
        while stack and len(kinds) < 50:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                kinds.add(str(node.S))
                if "/K" in node:
                    stack.append(node.K)
        assert {"/H1", "/Table", "/P"} <= kinds, kinds
        assert str(root.Lang) == "en"
        assert root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as meta:
            assert KOREAN_NAME in meta.get("dc:title", "")
            assert meta.get("pdfuaid:part") == "1"
        titles = [item.title for item in pdf.open_outline().root]
        assert "Executive summary" in titles and "Remediation roadmap" in titles
        assert all("/StructParents" in page.obj for page in pdf.pages)
