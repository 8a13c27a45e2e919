"""In a real browser: upload evidence on an obligation, see it on the tracker, download it, export the XLSX."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from compliance.gaps.models import Evidence
from tests.gaps.fixtures import load_sample, make_assessment
from tests.gaps.test_evidence import PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_upload_evidence_then_export_the_register(page, signed_in, owner, organization, tmp_path):
    tracked = make_assessment(organization, [load_sample()])
    base = signed_in(page, owner)
    page.goto(base + reverse("gaps:tracker", args=[tracked.pk]))
    row = page.locator("#gap-eu-ai-act-art4-ai-literacy")
    row.get_by_role("link", name="Upload evidence").click()
    expect(page.get_by_role("heading", name="Evidence: Support AI literacy of staff")).to_be_visible()

    wrong = tmp_path / "policy.pdf"
    wrong.write_bytes(b"<html><body>not a pdf</body></html>")
    page.get_by_label("File").set_input_files(str(wrong))
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("form[enctype]")).to_contain_text("is not what its name says")
    assert not Evidence.objects.exists()

    real = tmp_path / "AI literacy training.pdf"
    real.write_bytes(PDF)
    page.get_by_label("File").set_input_files(str(real))
    page.get_by_label("Description").fill("Attendance list")
    page.get_by_label("Review by").fill("2026-01-31")
    page.get_by_role("button", name="Upload").click()
    expect(page.locator("#messages")).to_contain_text("Uploaded “AI literacy training.pdf” as evidence.")
    files = page.locator("#evidence-files")
    expect(files).to_contain_text("Uploaded by olivia")
    expect(files).to_contain_text("Review overdue since 2026-01-31")

    with page.expect_download() as download_info:
        files.get_by_role("link", name="AI literacy training.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "AI literacy training.pdf"
    assert open(download.path(), "rb").read() == PDF

    page.get_by_role("link", name="Gap tracker").click()
    expect(row).to_contain_text("AI literacy training.pdf")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export XLSX").click()
    workbook = load_workbook(io.BytesIO(open(download_info.value.path(), "rb").read()))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Framework", "Citation", "Obligation")
    [literacy] = [r for r in rows if r[2] == "Support AI literacy of staff"]
    assert literacy[9] == "AI literacy training.pdf" and literacy[10].endswith("(olivia)")
    assert workbook.active.auto_filter.ref
