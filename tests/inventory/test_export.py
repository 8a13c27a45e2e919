import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from compliance.inventory.spreadsheets import escape_cell
from tests.factories import AISystemFactory


def test_export_has_each_systems_latest_results(client_for, owner, assessment):
    AISystemFactory(organization=assessment.organization, name="Unassessed", markets=[])
    text = client_for(owner).get(reverse("inventory:export", args=["csv"])).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    by_name = {r["System"]: r for r in rows}
    row = by_name["CV screener"]
    assert row["Framework"] == "EU Artificial Intelligence Act" and row["Rule-set version"] == "sample-1"
    assert row["In scope"] == "yes" and row["Binding duties applying now"] == "2"
    assert row["Binding duties applying later"] == "2" and row["Obligations not applicable"] == "1"
    assert row["Duties to endeavour applying"] == "0" and row["Voluntary practices recommended"] == "0"
    assert by_name["Unassessed"]["Assessment"] == "not assessed"


def test_export_never_shows_another_organizations_systems(client_for, owner, assessment, foreign_assessment):
    text = client_for(owner).get(reverse("inventory:export", args=["csv"])).content.decode("utf-8-sig")
    assert "Globex" not in text and "CV screener" in text


def test_formulas_in_cells_are_escaped_in_csv_and_xlsx(client_for, owner, organization):
    AISystemFactory(organization=organization, name="=HYPERLINK(\"http://evil\")", owner="+1 555", purpose="@SUM(A1)",
                    description="-2+3", markets=[])
    client = client_for(owner)
    text = client.get(reverse("inventory:export", args=["csv"])).content.decode("utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert "'=HYPERLINK(\"http://evil\")" in cells
    workbook = load_workbook(io.BytesIO(client.get(reverse("inventory:export", args=["xlsx"])).content))
    values = [c.value for row in workbook.active.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [v for v in values if v[:1] in ("=", "+", "-", "@")]
    assert all(c.data_type != "f" for row in workbook.active.iter_rows() for c in row)


def test_escape_cell():
    assert escape_cell("=1+1") == "'=1+1"
    assert escape_cell("\tx") == "'\tx"
    assert escape_cell("plain") == "plain" and escape_cell(None) == ""


def test_export_reads_stored_results_and_reads_them_in_the_users_language(client_for, owner, organization,
                                                                          shipped_rule_sets, monkeypatch):
    """Issue 16: exports read the stored summaries (no evaluation per assessment); issue 11: labels and the
    scope reason in the reader's language although stored results are kept in English."""
    from compliance.assessments import selectors
    from compliance.assessments.stored_results import refresh_results
    from compliance.organizations.models import UserProfile
    from tests.assessments.four_frameworks import four_framework_assessment

    assessment = four_framework_assessment(organization, owner)
    refresh_results(assessment_ids=[assessment.pk])

    def no_evaluation(*args, **kwargs):
        raise AssertionError("the export evaluated an assessment")

    monkeypatch.setattr(selectors, "evaluate", no_evaluation)
    UserProfile.objects.create(user=owner, language="ko")
    text = client_for(owner).get(reverse("inventory:export", args=["csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    korea = next(r for r in body if "인공지능 기본법" in " ".join(r))
    assert any("고영향 인공지능" in cell for cell in korea)
    reason = korea[header.index("적용 여부의 근거")]
    assert reason.startswith("적용 대상") or "때문" in reason or "이므로" in reason, reason
    assert "because" not in reason
