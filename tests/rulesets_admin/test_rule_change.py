"""Editing a classification rule of a draft."""

from frameworks.models import ClassificationRule

from .conftest import admin_url
from .formdata import form_data


def test_assigns_offers_the_versions_tiers_roles_and_scope(client_for, rule_editor, draft):
    rule = draft.rules.filter(assign_kind="tier").first()
    response = client_for(rule_editor).get(admin_url("classificationrule_change", rule.pk))
    choices = dict(response.context["adminform"].form.fields["assign_value"].choices)
    assert {code for code, _ in choices["Tiers"]} == set(draft.tiers.values_list("code", flat=True))
    assert {code for code, _ in choices["Roles"]} == set(draft.roles.values_list("code", flat=True))


def test_a_kind_that_does_not_match_the_value_is_refused_at_the_field(client_for, rule_editor, draft):
    rule = draft.rules.filter(assign_kind="tier").first()
    client = client_for(rule_editor)
    data = form_data(client.get(admin_url("classificationrule_change", rule.pk)).content.decode(),
                     "classificationrule_form")
    data["assign_kind"] = ["role"]
    response = client.post(admin_url("classificationrule_change", rule.pk), data)
    assert response.status_code == 200
    assert "unknown role" in response.context["adminform"].form.errors["assign_value"][0]
    assert ClassificationRule.objects.get(pk=rule.pk).assign_kind == "tier"


def test_a_valid_condition_change_is_saved(client_for, rule_editor, draft):
    rule = draft.rules.get(code__startswith="annex-iii-4a")
    client = client_for(rule_editor)
    data = form_data(client.get(admin_url("classificationrule_change", rule.pk)).content.decode(),
                     "classificationrule_form")
    data["when"] = ["'recruitment' in employment_uses || 'work_decisions' in employment_uses"]
    assert client.post(admin_url("classificationrule_change", rule.pk), data).status_code == 302
    assert "work_decisions" in ClassificationRule.objects.get(pk=rule.pk).when
