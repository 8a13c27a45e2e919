"""The gap register as CSV and XLSX, read back with the csv module and openpyxl."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from compliance.gaps.models import GapStatus
from tests.gaps.fixtures import APPLICABLE, EU, set_gap
from tests.gaps.test_evidence import PDF

HEADER = ["Framework", "Citation", "Obligation", "Nature", "Confidence", "Status", "Assignee", "Due date",
          "Linked actions", "Evidence", "Last change"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def url(assessment, file_format):
    return reverse("gaps:gap_register", args=[assessment.pk, file_format])


@pytest.fixture
def recorded(client_for, owner, assessment):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.IN_PROGRESS, owner="=HYPERLINK(\"http://evil\")",
            due_date=dt.date(2027, 1, 31), links=["https://intranet.example.com/training"], updated_by=owner)
    client_for(owner).post(reverse("gaps:evidence", args=[assessment.pk, EU, "art4-ai-literacy"]),
                           {"file": SimpleUploadedFile("+training plan.pdf", PDF)})
    return assessment


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_has_one_row_per_tracked_obligation_with_exact_columns(client_for, viewer, recorded):
    header, *rows = csv_rows(client_for(viewer).get(url(recorded, "csv")))
    assert header == HEADER
    assert len(rows) == len(APPLICABLE)
    by_title = {r[2]: r for r in rows}
    literacy = by_title["Support AI literacy of staff"]
    assert literacy[:8] == ["EU Artificial Intelligence Act", "Art. 4", "Support AI literacy of staff", "Binding", "Primary source",
                            "In progress", "'=HYPERLINK(\"http://evil\")", "2027-01-31"]
    assert literacy[8] == ""
    assert literacy[9] == "'+training plan.pdf; https://intranet.example.com/training"
    assert literacy[10].endswith("(olivia)")
    others = [r for r in rows if r[2] != "Support AI literacy of staff"]
    assert all(r[5] == "Not started" and r[6] == r[7] == r[9] == r[10] == "" for r in others)


def test_xlsx_matches_the_csv_with_a_filterable_header_and_no_formulas(client_for, owner, recorded):
    client = client_for(owner)
    csv_header, *csv_body = csv_rows(client.get(url(recorded, "csv")))
    response = client.get(url(recorded, "xlsx"))
    assert response.status_code == 200 and "attachment;" in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == HEADER == csv_header
    assert sheet.auto_filter.ref == f"A1:K{len(APPLICABLE) + 1}"
    body = [["" if v is None else v.strftime("%Y-%m-%d") if isinstance(v, dt.datetime) else v for v in row]
            for row in values[1:]]
    assert body == csv_body
    [literacy] = [row for row in sheet.iter_rows(min_row=2) if row[2].value == "Support AI literacy of staff"]
    assert literacy[7].is_date and literacy[7].value == dt.datetime(2027, 1, 31)  # a date a spreadsheet can sort
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value[:1] in ("=", "+", "-", "@")]


def test_outsider_and_forged_ids_get_404(client_for, owner, outsider, assessment, foreign_assessment):
    assert client_for(outsider).get(url(assessment, "xlsx")).status_code == 404
    assert client_for(outsider).get(url(assessment, "csv")).status_code == 404
    assert client_for(owner).get(url(foreign_assessment, "csv")).status_code == 404
    assert client_for(owner).get(url(assessment, "json")).status_code == 404


def test_tracker_offers_both_exports(client_for, viewer, assessment):
    body = client_for(viewer).get(reverse("gaps:tracker", args=[assessment.pk])).content.decode()
    assert url(assessment, "xlsx") in body and url(assessment, "csv") in body
