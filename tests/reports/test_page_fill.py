"""The full four-framework report has no near-empty page: no chapter's last lines, heading or lone table row
alone on a page (issue 12 counted 4 such pages; report.css lets chapters run on and keeps rows together)."""

import pytest

from compliance.reports.models import Report
from compliance.reports.services import request_report
from tests.assessments.four_frameworks import four_framework_assessment
from tests.reports.helpers import pdf_reader

# Every page carries 4 lines of running header and footer; a page with content has dozens more.
MIN_LINES = 15


@pytest.fixture
def four_framework_report(organization, owner, shipped_rule_sets, django_capture_on_commit_callbacks) -> Report:
    assessment = four_framework_assessment(organization, owner)
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = request_report(assessment=assessment, user=owner)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    return report


def test_no_page_of_the_four_framework_report_is_near_empty(four_framework_report):
    reader = pdf_reader(four_framework_report)
    lines = [len([line for line in (page.extract_text() or "").splitlines() if line.strip()]) for page in reader.pages]
    assert len(lines) > 20
    contents = 1  # the table of contents is short by nature, as is the last page
    sparse = [number + 1 for number, count in enumerate(lines[:-1]) if number != contents and count < MIN_LINES]
    assert not sparse, f"near-empty pages {sparse} (lines per page: {lines})"
    # Each framework chapter still opens with its title, and the bookmarks still lead to them.
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    for name in ("EU Artificial Intelligence Act", "Korea AI Basic Act", "US federal AI policy"):
        assert name in text
