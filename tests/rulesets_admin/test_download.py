"""Downloading any version as YAML that loads back to the same content."""

from frameworks.loader import compile_text

from .conftest import admin_url


def test_download_round_trips_to_the_same_content_hash(client_for, publisher, eu_version):
    response = client_for(publisher).get(admin_url("rulesetversion_download", eu_version.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/yaml")
    assert 'attachment; filename="eu-ai-act-' in response["Content-Disposition"]
    rule_set = compile_text(response.content.decode("utf-8"), "downloaded.yaml")
    assert rule_set.content_hash == eu_version.content_hash


def test_drafts_download_too(client_for, rule_editor, draft):
    response = client_for(rule_editor).get(admin_url("rulesetversion_download", draft.pk))
    assert response.status_code == 200 and b"label: next-draft" in response.content


def test_permissions_and_unknown_ids(client_for, plain_staff, superuser, eu_version):
    assert client_for(plain_staff).get(admin_url("rulesetversion_download", eu_version.pk)).status_code == 403
    assert client_for(superuser).get(admin_url("rulesetversion_download", 999999)).status_code == 404
