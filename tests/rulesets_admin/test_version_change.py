"""The version page: drafts are edited and validated as a whole; published versions are read-only."""

from frameworks.models import RuleSetVersion, Tier

from .conftest import admin_url
from .formdata import form_data


def current_form(client, version):
    response = client.get(admin_url("rulesetversion_change", version.pk))
    assert response.status_code == 200
    return form_data(response.content.decode(), "rulesetversion_form")


def test_draft_page_shows_the_tools_and_the_content(client_for, superuser, draft):
    page = client_for(superuser).get(admin_url("rulesetversion_change", draft.pk)).content.decode()
    for text in ("Download YAML", "Compare with another version", "Change history", "Review and publish",
                 'name="_save"', "Add an obligation"):
        assert text in page
    first = draft.obligations.order_by("position").first()
    assert admin_url("obligation_change", first.pk) in page


def test_a_valid_edit_is_saved_and_the_hash_refreshed(client_for, rule_editor, draft):
    client = client_for(rule_editor)
    data = current_form(client, draft)
    data["title"] = ["Amended edition"]
    data["in_force_from"] = ["2027-01-01"]
    response = client.post(admin_url("rulesetversion_change", draft.pk), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Amended edition" and str(draft.in_force_from) == "2027-01-01"
    old_hash = RuleSetVersion.objects.get(pk=draft.pk).content_hash
    assert old_hash and old_hash == draft.content_hash
    assert draft.history.first().history_user == rule_editor


def test_an_invalid_edit_shows_the_error_at_the_field_and_changes_nothing(client_for, rule_editor, draft):
    client = client_for(rule_editor)
    draft.refresh_from_db()
    before = (draft.title, draft.in_force_from, draft.content_hash)
    data = current_form(client, draft)
    data["title"] = ["Should not be saved"]
    data["in_force_until"] = ["2000-01-01"]
    response = client.post(admin_url("rulesetversion_change", draft.pk), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["in_force_until"] == ["must be after in_force_from"]
    assert "Nothing was saved" in response.content.decode()
    draft.refresh_from_db()
    assert (draft.title, draft.in_force_from, draft.content_hash) == before


def test_an_inline_edit_that_breaks_references_is_refused(client_for, rule_editor, draft):
    client = client_for(rule_editor)
    data = current_form(client, draft)
    tier = draft.tiers.order_by("position").first()
    prefix = next(k for k, v in data.items() if k.endswith("-code") and v == [tier.code] and k.startswith("tiers"))
    data[prefix] = ["renamed-tier"]
    response = client.post(admin_url("rulesetversion_change", draft.pk), data)
    assert response.status_code == 200
    problems = response.context["draft_problems"]
    assert any(f"unknown tier '{tier.code}'" in p.message for p in problems)
    assert Tier.objects.filter(version=draft, code=tier.code).exists()
    assert not Tier.objects.filter(version=draft, code="renamed-tier").exists()


def test_published_version_is_read_only(client_for, superuser, eu_version):
    client = client_for(superuser)
    response = client.get(admin_url("rulesetversion_change", eu_version.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="_save"' not in page and "Read-only" in page and "Create draft from this version" in page
    assert "Review and publish" not in page
    assert not response.context["inline_admin_formsets"] or all(
        not f.has_change_permission for f in response.context["inline_admin_formsets"])
    response = client.post(admin_url("rulesetversion_change", eu_version.pk), {"title": "Rewritten"})
    assert response.status_code == 403
    assert RuleSetVersion.objects.get(pk=eu_version.pk).title == eu_version.title


def test_publisher_without_edit_permission_cannot_change_a_draft(client_for, publisher, draft):
    client = client_for(publisher)
    response = client.get(admin_url("rulesetversion_change", draft.pk))
    assert response.status_code == 200 and 'name="_save"' not in response.content.decode()
    assert "Review and publish" in response.content.decode()
    assert client.post(admin_url("rulesetversion_change", draft.pk), {"title": "x"}).status_code == 403


def test_plain_staff_cannot_see_versions(client_for, plain_staff, draft):
    assert client_for(plain_staff).get(admin_url("rulesetversion_change", draft.pk)).status_code == 403


def test_adding_an_empty_version_leads_to_the_upload(client_for, rule_editor):
    response = client_for(rule_editor).get(admin_url("rulesetversion_add"))
    assert response.status_code == 302 and response["Location"] == admin_url("rulesetversion_upload")


def test_drafts_can_be_deleted_but_published_versions_cannot(client_for, rule_editor, superuser, draft, eu_version):
    response = client_for(rule_editor).post(admin_url("rulesetversion_delete", draft.pk), {"post": "yes"})
    assert response.status_code == 302 and not RuleSetVersion.objects.filter(pk=draft.pk).exists()
    response = client_for(superuser).post(admin_url("rulesetversion_delete", eu_version.pk), {"post": "yes"})
    assert response.status_code == 403 and RuleSetVersion.objects.filter(pk=eu_version.pk).exists()
