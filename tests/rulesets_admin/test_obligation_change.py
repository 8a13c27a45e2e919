"""Editing one obligation of a draft: structured dates, roles and tiers, checked against the whole version."""

from frameworks.models import Obligation

from .conftest import admin_url
from .formdata import form_data


def obligation_form(client, obligation):
    response = client.get(admin_url("obligation_change", obligation.pk))
    assert response.status_code == 200
    return form_data(response.content.decode(), "obligation_form")


def test_changing_a_date_saves_it_as_a_dated_entry(client_for, rule_editor, draft):
    obligation = draft.obligations.get(code="art9-risk-management")
    last = len(obligation.applies_from) - 1
    client = client_for(rule_editor)
    data = obligation_form(client, obligation)
    assert data[f"applies_from_{last * 3}"] == [obligation.applies_from[-1]["date"]]
    data[f"applies_from_{last * 3}"] = ["2028-06-01"]
    response = client.post(admin_url("obligation_change", obligation.pk), data)
    assert response.status_code == 302
    assert response["Location"] == admin_url("rulesetversion_change", draft.pk)
    obligation.refresh_from_db()
    assert obligation.applies_from[-1]["date"] == "2028-06-01"
    assert obligation.applies_from[:-1] == Obligation.objects.get(pk=obligation.pk).applies_from[:-1]
    assert obligation.history.first().history_user == rule_editor


def test_a_bad_condition_is_shown_next_to_its_field_and_nothing_changes(client_for, rule_editor, draft):
    obligation = draft.obligations.get(code="art9-risk-management")
    client = client_for(rule_editor)
    data = obligation_form(client, obligation)
    data["when"] = ["'recruitment' in no_such_question"]
    data["title"] = ["Changed title that must not be saved"]
    response = client.post(admin_url("obligation_change", obligation.pk), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "unknown question code 'no_such_question'" in errors["when"][0]
    assert Obligation.objects.get(pk=obligation.pk).title == obligation.title


def test_a_role_that_does_not_exist_is_refused(client_for, rule_editor, draft):
    obligation = draft.obligations.get(code="art9-risk-management")
    client = client_for(rule_editor)
    data = obligation_form(client, obligation)
    data["roles"] = ["provider", "emperor"]
    response = client.post(admin_url("obligation_change", obligation.pk), data)
    assert response.status_code == 200
    assert "emperor" in response.context["adminform"].form.errors["roles"][0]
    assert Obligation.objects.get(pk=obligation.pk).roles == obligation.roles


def test_a_date_row_without_a_date_is_refused(client_for, rule_editor, draft):
    obligation = draft.obligations.get(code="art9-risk-management")
    client = client_for(rule_editor)
    data = obligation_form(client, obligation)
    empty_row = len(obligation.applies_from)
    data[f"applies_from_{empty_row * 3 + 1}"] = ["Art. 113"]
    response = client.post(admin_url("obligation_change", obligation.pk), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["applies_from"] == [f"Row {empty_row + 1} needs a date."]


def test_adding_an_obligation_to_a_published_version_is_refused(client_for, superuser, eu_version):
    client = client_for(superuser)
    source = eu_version.obligations.get(code="art9-risk-management")
    response = client.post(admin_url("obligation_add"), {
        "version": str(eu_version.pk), "position": "99", "code": "smuggled", "title": "Smuggled", "summary": "x",
        "citation": "Art. 1", "source_url": source.source_url, "confidence": "primary", "nature": "binding",
        "applies_from_0": "2027-01-01"})
    assert response.status_code == 200
    assert "version" in response.context["adminform"].form.errors
    assert not Obligation.objects.filter(code="smuggled").exists()


def test_published_obligation_is_read_only(client_for, superuser, eu_version):
    obligation = eu_version.obligations.get(code="art9-risk-management")
    client = client_for(superuser)
    page = client.get(admin_url("obligation_change", obligation.pk)).content.decode()
    assert 'name="_save"' not in page and "read-only" in page
    assert client.post(admin_url("obligation_change", obligation.pk), {"title": "x"}).status_code == 403
    assert client.post(admin_url("obligation_delete", obligation.pk), {"post": "yes"}).status_code == 403
    assert Obligation.objects.get(pk=obligation.pk).title == obligation.title


def test_history_can_be_viewed_but_not_restored(client_for, superuser, draft):
    obligation = draft.obligations.get(code="art9-risk-management")
    obligation.title = "Edited once"
    obligation.save()
    record = obligation.history.first()
    client = client_for(superuser)
    url = f"{admin_url('obligation_change', obligation.pk).removesuffix('change/')}history/{record.history_id}/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"title": "Restored"}).status_code == 403
    assert Obligation.objects.get(pk=obligation.pk).title == "Edited once"


def test_plain_staff_and_publishers_cannot_edit(client_for, plain_staff, publisher, draft):
    obligation = draft.obligations.get(code="art9-risk-management")
    assert client_for(plain_staff).get(admin_url("obligation_change", obligation.pk)).status_code == 403
    assert client_for(publisher).post(admin_url("obligation_change", obligation.pk), {"title": "x"}).status_code == 403
