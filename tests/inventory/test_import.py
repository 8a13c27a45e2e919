import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from compliance.assessments.models import AISystem
from tests.api.conftest import token_for
from tests.factories import AISystemFactory

HEADER = "name,description,purpose,owner,lifecycle_stage,markets\n"


def upload(client, name: str, data: bytes):
    return client.post(reverse("inventory:import"), {"file": _file(name, data)})


def _file(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_preview_stores_nothing_and_confirm_creates_every_row(client_for, owner, organization):
    client = client_for(owner)
    data = (HEADER + "Chatbot,Answers customers,Support,CX team,deployed,\"eu, jp\"\n"
            "Scorer,,Credit,,Development,Korea\n").encode()
    response = upload(client, "systems.csv", data)
    assert response.status_code == 200
    assert not AISystem.objects.exists()
    preview = response.context["preview"]
    assert [r.values["markets"] for r in preview.rows] == [["eu", "jp"], ["kr"]]
    response = client.post(reverse("inventory:confirm"), {"rows": response.context["signed"]})
    assert response.status_code == 302
    systems = {s.name: s for s in AISystem.objects.all()}
    assert set(systems) == {"Chatbot", "Scorer"}
    assert systems["Scorer"].lifecycle_stage == "development" and systems["Chatbot"].owner == "CX team"
    assert all(s.organization == organization and s.created_by == owner for s in systems.values())


def test_xlsx_files_import_the_same_way(client_for, owner):
    data = xlsx([["Name", "Markets", "Owner"], ["Vision QA", "us", "Plant 2"], [None, None, None]])
    response = upload(client_for(owner), "systems.xlsx", data)
    assert response.status_code == 200
    assert [r.values["name"] for r in response.context["preview"].rows] == ["Vision QA"]


def test_row_errors_are_listed_by_line_and_nothing_can_be_confirmed(client_for, owner, organization):
    AISystemFactory(organization=organization, name="Existing")
    data = (HEADER + ",no name,,,,\nExisting,,,,,\nOdd,,,,someday,mars\nGood,,,,,\nGood,,,,,\n").encode()
    response = upload(client_for(owner), "systems.csv", data)
    assert response.status_code == 422
    preview = response.context["preview"]
    errors = {r.line: r.errors for r in preview.rows}
    assert errors[2] == ["name: a name is required."]
    assert "already exists" in errors[3][0]
    assert any("someday" in e for e in errors[4]) and any("mars" in e for e in errors[4])
    assert errors[5] == [] and "appears earlier in the file" in errors[6][0]
    assert response.context["signed"] == ""
    assert "Import these systems" not in response.content.decode()
    assert AISystem.objects.count() == 1


@pytest.mark.parametrize(("name", "data", "message"), [
    ("s.csv", b"title,owner\nA,B\n", "Unknown columns: title"),
    ("s.csv", b"owner\nB\n", "Missing column: name"),
    ("s.csv", "name\nRésumé\n".encode("latin-1"), "not UTF-8"),
    ("s.csv", b"", "empty"),
    ("s.txt", b"name\nA\n", "Upload a .csv or .xlsx file"),
    ("s.xlsx", b"PK\x03\x04 not really a zip", "not a readable .xlsx workbook"),
    ("s.csv", b"name\n", "no systems"),
])
def test_malformed_files_get_a_clear_message(client_for, owner, name, data, message):
    response = upload(client_for(owner), name, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not AISystem.objects.exists()


def test_a_10_mb_file_is_refused_before_it_is_read(client_for, owner):
    data = HEADER.encode() + b"x" * (10 * 1024 * 1024)
    response = upload(client_for(owner), "big.csv", data)
    assert response.status_code == 422
    assert "files of up to 5 MB can be imported" in response.content.decode()


def test_a_tampered_or_foreign_preview_is_refused(client_for, owner, outsider):
    response = upload(client_for(owner), "s.csv", (HEADER + "A,,,,,\n").encode())
    signed = response.context["signed"]
    client = client_for(owner)
    assert client.post(reverse("inventory:confirm"), {"rows": signed[:-3] + "abc"}).status_code == 302
    assert not AISystem.objects.exists()
    other = client_for(outsider)
    other.post(reverse("inventory:confirm"), {"rows": signed})
    assert not AISystem.objects.exists()


def test_viewers_cannot_import(client_for, viewer):
    assert client_for(viewer).get(reverse("inventory:import")).status_code == 403


def test_template_files_list_the_columns(client_for, owner):
    client = client_for(owner)
    csv_text = client.get(reverse("inventory:template", args=["csv"])).content.decode("utf-8-sig")
    header = csv_text.splitlines()[0].split(",")
    assert header[:6] == ["name", "description", "purpose", "owner", "lifecycle_stage", "markets"]
    assert {"actor_type", "established_in", "assessed_subject", "trains_model"} <= set(header[6:])
    workbook = load_workbook(io.BytesIO(client.get(reverse("inventory:template", args=["xlsx"])).content))
    assert [c.value for c in workbook.active[1]][:2] == ["name", "description"]


def test_the_api_previews_and_confirms_an_import(client, owner, organization):
    token = token_for(owner)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    data = (HEADER + "Chatbot,,,,,eu\n").encode()
    response = client.post("/api/v1/systems/import/", {"file": _file("s.csv", data)}, **auth)
    assert response.status_code == 200 and response.json()["can_import"]
    assert not AISystem.objects.exists()
    response = client.post("/api/v1/systems/import/", {"file": _file("s.csv", data), "confirm": "true"}, **auth)
    assert response.status_code == 201 and [s["name"] for s in response.json()] == ["Chatbot"]
    response = client.post("/api/v1/systems/import/", {"file": _file("s.csv", data), "confirm": "true"}, **auth)
    assert response.status_code == 422
    assert "already exists" in response.json()["error"]["rows"][0]["problems"][0]
    assert AISystem.objects.count() == 1
