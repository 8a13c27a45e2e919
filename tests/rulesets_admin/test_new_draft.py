"""Create draft from this version: a full, editable copy under a new label."""

from frameworks.models import RuleSetVersion

from .conftest import admin_url


def test_suggests_a_label_and_copies_everything(client_for, rule_editor, eu_version):
    client = client_for(rule_editor)
    response = client.get(admin_url("rulesetversion_new_draft", eu_version.pk))
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert initial["label"] and initial["label"] != eu_version.label
    assert initial["in_force_from"] > eu_version.in_force_from
    response = client.post(admin_url("rulesetversion_new_draft", eu_version.pk),
                           {"label": "2027.1", "in_force_from": "2027-01-01"})
    draft = RuleSetVersion.objects.get(framework=eu_version.framework, label="2027.1")
    assert response.status_code == 302 and response["Location"] == admin_url("rulesetversion_change", draft.pk)
    assert draft.is_draft and draft.title == eu_version.title and str(draft.in_force_from) == "2027-01-01"
    assert (draft.questions.count(), draft.rules.count(), draft.obligations.count()) == (
        eu_version.questions.count(), eu_version.rules.count(), eu_version.obligations.count())
    eu_version.refresh_from_db()
    assert eu_version.status == "published"


def test_a_taken_or_malformed_label_is_refused(client_for, rule_editor, eu_version):
    client = client_for(rule_editor)
    count = RuleSetVersion.objects.count()
    response = client.post(admin_url("rulesetversion_new_draft", eu_version.pk),
                           {"label": eu_version.label, "in_force_from": "2027-01-01"})
    assert response.status_code == 200 and "already has a version" in response.context["form"].errors["label"][0]
    response = client.post(admin_url("rulesetversion_new_draft", eu_version.pk),
                           {"label": "<script>", "in_force_from": "2027-01-01"})
    assert response.status_code == 200 and "label" in response.context["form"].errors
    response = client.post(admin_url("rulesetversion_new_draft", eu_version.pk),
                           {"label": "2027.9", "in_force_from": eu_version.in_force_from.isoformat()})
    assert "already enters into force" in response.context["form"].errors["in_force_from"][0]
    assert RuleSetVersion.objects.count() == count


def test_permissions(client_for, publisher, plain_staff, eu_version):
    assert client_for(publisher).post(admin_url("rulesetversion_new_draft", eu_version.pk), {"label": "x1", "in_force_from": "2027-01-01"}).status_code == 403
    assert client_for(plain_staff).get(admin_url("rulesetversion_new_draft", eu_version.pk)).status_code == 403
    assert not RuleSetVersion.objects.filter(label="x1").exists()
