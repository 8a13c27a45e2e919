"""No admin path changes a published version's content: change, delete, bulk action, revert, inline, add."""

import pytest

from frameworks.models import (
    Choice,
    ClassificationRule,
    CrosswalkLink,
    Obligation,
    Question,
    Role,
    RuleSetVersion,
    Section,
    Tier,
)

from .conftest import admin_url

CONTENT = [(Section, "section"), (Question, "question"), (Role, "role"), (Tier, "tier"),
           (ClassificationRule, "classificationrule"), (Obligation, "obligation"), (CrosswalkLink, "crosswalklink")]


@pytest.mark.parametrize(("model", "name"), CONTENT, ids=[name for _, name in CONTENT])
def test_change_and_delete_are_refused_for_published_content(client_for, superuser, eu_version, model, name):
    item = model.objects.filter(version=eu_version).first()
    if item is None:
        pytest.skip(f"the EU version has no {name}")
    client = client_for(superuser)
    before = model.objects.filter(pk=item.pk).values().get()
    page = client.get(admin_url(f"{name}_change", item.pk))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(admin_url(f"{name}_change", item.pk), {"code": "changed"}).status_code == 403
    assert client.post(admin_url(f"{name}_delete", item.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=item.pk).values().get() == before


@pytest.mark.parametrize(("model", "name"), CONTENT, ids=[name for _, name in CONTENT])
def test_no_bulk_delete_action(client_for, superuser, eu_version, model, name):
    item = model.objects.filter(version=eu_version).first()
    if item is None:
        pytest.skip(f"the EU version has no {name}")
    response = client_for(superuser).post(admin_url(f"{name}_changelist"), {
        "action": "delete_selected", "_selected_action": [item.pk], "post": "yes"})
    assert response.status_code in (200, 302)
    assert model.objects.filter(pk=item.pk).exists()


def test_version_bulk_delete_action_is_not_offered(client_for, superuser, eu_version):
    client = client_for(superuser)
    response = client.get(admin_url("rulesetversion_changelist"))
    assert "delete_selected" not in response.content.decode()
    client.post(admin_url("rulesetversion_changelist"), {
        "action": "delete_selected", "_selected_action": [eu_version.pk], "post": "yes"})
    assert RuleSetVersion.objects.filter(pk=eu_version.pk).exists()


def test_choices_of_a_published_question_cannot_change_through_the_question_form(client_for, superuser, eu_version):
    question = eu_version.questions.get(code="employment_uses")
    choice = question.choices.first()
    response = client_for(superuser).post(admin_url("question_change", question.pk), {
        "choices-TOTAL_FORMS": "1", "choices-INITIAL_FORMS": "1", "choices-0-id": str(choice.pk),
        "choices-0-question": str(question.pk), "choices-0-label": "changed", "choices-0-DELETE": "on"})
    assert response.status_code == 403
    assert Choice.objects.get(pk=choice.pk).label == choice.label


def test_reverting_a_published_item_through_history_is_refused(client_for, superuser, draft):
    from frameworks.services import publish_version

    obligation = draft.obligations.get(code="art9-risk-management")
    obligation.title = "Edited in the draft"
    obligation.save()
    record = obligation.history.first()
    publish_version(version=draft)
    url = f"{admin_url('obligation_change', obligation.pk).removesuffix('change/')}history/{record.history_id}/"
    assert client_for(superuser).post(url, {"title": "Reverted"}).status_code == 403
    assert Obligation.objects.get(pk=obligation.pk).title == "Edited in the draft"
