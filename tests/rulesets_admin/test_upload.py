"""Uploading a YAML file as a new draft: all or nothing, every problem shown with its location."""

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from frameworks.models import Framework, RuleSetVersion
from frameworks.services import export_yaml

from .conftest import admin_url


def upload(client, text: str, name="rules.yaml"):
    return client.post(admin_url("rulesetversion_upload"), {"file": SimpleUploadedFile(name, text.encode("utf-8"))})


def exported_document(version) -> dict:
    return yaml.safe_load(export_yaml(version=version))


def test_a_valid_file_becomes_a_draft_whatever_status_it_declares(client_for, rule_editor, eu_version):
    document = exported_document(eu_version)
    document["version"]["label"] = "2099.1"
    document["version"]["status"] = "published"
    response = upload(client_for(rule_editor), yaml.safe_dump(document, allow_unicode=True))
    draft = RuleSetVersion.objects.get(framework=eu_version.framework, label="2099.1")
    assert response.status_code == 302 and response["Location"] == admin_url("rulesetversion_change", draft.pk)
    assert draft.status == "draft"
    assert draft.obligations.count() == eu_version.obligations.count()


def test_an_invalid_file_lists_every_problem_and_stores_nothing(client_for, rule_editor, eu_version):
    document = exported_document(eu_version)
    document["version"]["label"] = "2099.2"
    document["rules"][0]["when"] = "no_such_question"
    document["obligations"][0]["applies_from"] = "2027-02-30"
    document["obligations"][1]["roles"] = ["emperor"]
    versions_before = RuleSetVersion.objects.count()
    response = upload(client_for(rule_editor), yaml.safe_dump(document, allow_unicode=True), name="amended.yaml")
    assert response.status_code == 200
    locations = [p.location for p in response.context["problems"]]
    assert f"amended.yaml: rules[{document['rules'][0]['code']}].when" in locations
    assert f"amended.yaml: obligations[{document['obligations'][0]['code']}].applies_from[0].date" in locations
    assert f"amended.yaml: obligations[{document['obligations'][1]['code']}].roles" in locations
    page = response.content.decode()
    assert "Nothing was stored" in page and "unknown question code" in page
    assert RuleSetVersion.objects.count() == versions_before


def test_yaml_syntax_errors_give_the_line(client_for, rule_editor, eu_version):
    response = upload(client_for(rule_editor), "format: 1\nframework: [unclosed\n", name="broken.yaml")
    assert response.status_code == 200
    assert response.context["problems"][0].location.startswith("broken.yaml:")


def test_a_file_may_not_rename_a_published_framework(client_for, rule_editor, eu_version):
    document = exported_document(eu_version)
    document["version"]["label"] = "2099.3"
    document["framework"]["name"] = "Renamed act"
    response = upload(client_for(rule_editor), yaml.safe_dump(document, allow_unicode=True))
    assert response.status_code == 200
    assert any(p.location.endswith("framework.name") for p in response.context["problems"])
    assert Framework.objects.get(pk=eu_version.framework_id).name == eu_version.framework.name
    assert not RuleSetVersion.objects.filter(label="2099.3").exists()


def test_an_existing_label_is_refused(client_for, rule_editor, eu_version):
    response = upload(client_for(rule_editor), export_yaml(version=eu_version))
    assert response.status_code == 200
    assert any("already exists" in p.message for p in response.context["problems"])


def test_not_utf8_is_refused_with_a_message(client_for, rule_editor, eu_version):
    response = client_for(rule_editor).post(admin_url("rulesetversion_upload"),
                                            {"file": SimpleUploadedFile("x.yaml", b"\xff\xfe\x00bad")})
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file is not UTF-8 text."]


def test_permissions(client_for, publisher, plain_staff, eu_version):
    text = export_yaml(version=eu_version)
    assert client_for(publisher).get(admin_url("rulesetversion_upload")).status_code == 403
    assert upload(client_for(publisher), text).status_code == 403
    assert upload(client_for(plain_staff), text).status_code == 403
