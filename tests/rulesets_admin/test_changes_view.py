"""The change history of a version: who changed what, when."""

from .conftest import admin_url
from .formdata import form_data


def test_lists_admin_edits_with_user_and_fields(client_for, rule_editor, publisher, draft):
    client = client_for(rule_editor)
    obligation = draft.obligations.get(code="art9-risk-management")
    data = form_data(client.get(admin_url("obligation_change", obligation.pk)).content.decode(), "obligation_form")
    data["title"] = ["Run a documented risk-management system"]
    assert client.post(admin_url("obligation_change", obligation.pk), data).status_code == 302

    response = client_for(publisher).get(admin_url("rulesetversion_changes", draft.pk))
    assert response.status_code == 200
    [entry] = [e for e in response.context["changes"] if e.kind == "obligation"]
    assert (entry.user, entry.action, entry.label) == ("erin", "changed", "art9-risk-management")
    assert [(f.name, f.new) for f in entry.fields] == [("title", "Run a documented risk-management system")]
    assert "Run a documented risk-management system" in response.content.decode()


def test_failed_edits_leave_no_history(client_for, rule_editor, draft):
    client = client_for(rule_editor)
    obligation = draft.obligations.get(code="art9-risk-management")
    data = form_data(client.get(admin_url("obligation_change", obligation.pk)).content.decode(), "obligation_form")
    data["when"] = ["no_such_question"]
    assert client.post(admin_url("obligation_change", obligation.pk), data).status_code == 200
    changes = client.get(admin_url("rulesetversion_changes", draft.pk)).context["changes"]
    assert not [e for e in changes if e.kind == "obligation"]


def test_plain_staff_is_refused(client_for, plain_staff, draft):
    assert client_for(plain_staff).get(admin_url("rulesetversion_changes", draft.pk)).status_code == 403


def test_structured_fields_are_shown_part_by_part(client_for, rule_editor, draft):
    client = client_for(rule_editor)
    obligation = draft.obligations.get(code="art9-risk-management")
    last = len(obligation.applies_from) - 1
    data = form_data(client.get(admin_url("obligation_change", obligation.pk)).content.decode(), "obligation_form")
    data[f"applies_from_{last * 3}"] = ["2028-06-01"]
    assert client.post(admin_url("obligation_change", obligation.pk), data).status_code == 302
    [entry] = [e for e in client.get(admin_url("rulesetversion_changes", draft.pk)).context["changes"]
               if e.kind == "obligation"]
    assert [(f.name, f.old, f.new) for f in entry.fields] == [
        (f"applies_from[{last}].date", obligation.applies_from[-1]["date"], "2028-06-01")]
