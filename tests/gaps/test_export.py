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


def test_headers_and_statuses_in_the_users_language(client_for, owner, recorded):
    from compliance.organizations.models import UserProfile
    UserProfile.objects.create(user=owner, language="ko")
    header, *rows = csv_rows(client_for(owner).get(url(recorded, "csv")))
    assert header[0] == "프레임워크" and header[5] == "상태"


def test_assignee_and_linked_actions_in_the_gap_register(client_for, owner, teammate, organization, assessment):
    from compliance.gaps.models import Action, ActionLink
    teammate.first_name, teammate.last_name = "Ted", "Lee"
    teammate.save()
    item = set_gap(assessment, "art9-risk-management", assignee=teammate, owner="old text")
    for title in ("Risk procedure", "Annual review"):
        ActionLink.objects.create(organization=organization, gap_item=item,
                                  action=Action.objects.create(organization=organization, title=title))
    _header, *rows = csv_rows(client_for(owner).get(url(assessment, "csv")))
    [risk] = [r for r in rows if r[1] == "Art. 9"]
    assert risk[6] == "Ted Lee" and risk[8] == "Annual review; Risk procedure"


def test_action_register_rows_and_columns(client_for, owner, teammate, viewer, organization, assessment,
                                          other_organization):
    from compliance.gaps.models import Action, ActionLink, ActionStatus
    action = Action.objects.create(organization=organization, title="@Oversight procedure v2", assignee=teammate,
                                   due_date=dt.date(2027, 3, 1), status=ActionStatus.IN_PROGRESS,
                                   updated_by=owner)
    ActionLink.objects.create(organization=organization, action=action,
                              gap_item=set_gap(assessment, "art26-7-inform-workers"))
    ActionLink.objects.create(organization=organization, action=action,
                              gap_item=set_gap(assessment, "art9-risk-management"))
    client_for(owner).post(reverse("gaps:action_evidence", args=[action.pk]),
                           {"file": SimpleUploadedFile("procedure.pdf", PDF)})
    Action.objects.create(organization=organization, title="Unlinked work")
    Action.objects.create(organization=other_organization, title="Globex secret")
    client = client_for(viewer)
    response = client.get(reverse("gaps:action_register", args=["csv"]))
    header, *rows = csv_rows(response)
    assert header == ["Action", "Description", "Status", "Assignee", "Due date", "Linked obligations", "Evidence",
                      "Last change"]
    assert [r[0] for r in rows] == ["'@Oversight procedure v2", "Unlinked work"]
    first = rows[0]
    assert first[2:5] == ["In progress", "ted", "2027-03-01"]
    assert first[5] == ("CV screener: EU Inform workers before use at work (Art. 26(7)); "
                        "CV screener: EU Run a risk-management system (Art. 9)")
    assert first[6] == "procedure.pdf" and first[7].endswith("(olivia)")
    sheet = load_workbook(io.BytesIO(client.get(reverse("gaps:action_register", args=["xlsx"])).content)).active
    assert [c.value for c in sheet[1]] == header and sheet.auto_filter.ref == "A1:H3"
    assert sheet["A2"].value == "'@Oversight procedure v2" and sheet["E2"].is_date
    assert "Globex" not in response.content.decode("utf-8-sig")
