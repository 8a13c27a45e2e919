"""Editing a draft question with its choices inline; shared questions must stay as the catalogue has them."""

from frameworks.models import Choice, Question

from .conftest import admin_url
from .formdata import form_data


def question_form(client, question):
    response = client.get(admin_url("question_change", question.pk))
    assert response.status_code == 200
    return form_data(response.content.decode(), "question_form")


def test_relabelling_a_choice_is_saved(client_for, rule_editor, draft):
    question = draft.questions.get(code="employment_uses")
    client = client_for(rule_editor)
    data = question_form(client, question)
    key = next(k for k, v in data.items() if k.endswith("-code") and v == ["recruitment"])
    data[key.replace("-code", "-label")] = ["Recruits or selects people (screening, ranking)"]
    response = client.post(admin_url("question_change", question.pk), data)
    assert response.status_code == 302
    assert Choice.objects.get(question=question, code="recruitment").label == "Recruits or selects people (screening, ranking)"


def test_deleting_a_choice_a_rule_uses_is_refused_and_shown(client_for, rule_editor, draft):
    question = draft.questions.get(code="employment_uses")
    client = client_for(rule_editor)
    data = question_form(client, question)
    key = next(k for k, v in data.items() if k.endswith("-code") and v == ["recruitment"])
    data[key.replace("-code", "-DELETE")] = ["on"]
    response = client.post(admin_url("question_change", question.pk), data)
    assert response.status_code == 200
    messages = [p.message for p in response.context["draft_problems"]]
    assert any("'recruitment'" in m for m in messages)
    assert "Nothing was saved" in response.content.decode()
    assert Choice.objects.filter(question=question, code="recruitment").exists()


def test_changing_a_shared_question_is_refused_next_to_the_question(client_for, rule_editor, draft):
    question = draft.questions.get(code="employment_uses")
    client = client_for(rule_editor)
    data = question_form(client, question)
    data["visible_if"] = ["size(sensitive_areas) > 1"]
    response = client.post(admin_url("question_change", question.pk), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert any("differs from the shared question" in e for e in form.non_field_errors())
    assert Question.objects.get(pk=question.pk).visible_if == question.visible_if


def test_a_section_of_another_version_cannot_be_chosen(client_for, rule_editor, draft, eu_version):
    question = draft.questions.get(code="employment_uses")
    client = client_for(rule_editor)
    data = question_form(client, question)
    data["section"] = [str(eu_version.sections.first().pk)]
    response = client.post(admin_url("question_change", question.pk), data)
    assert response.status_code == 200 and "section" in response.context["adminform"].form.errors
    assert Question.objects.get(pk=question.pk).section_id == question.section_id


def test_deleting_a_role_obligations_use_is_refused(client_for, rule_editor, draft):
    role = draft.roles.get(code="deployer")
    response = client_for(rule_editor).post(admin_url("role_delete", role.pk), {"post": "yes"}, follow=True)
    assert draft.roles.filter(code="deployer").exists()
    assert "Not deleted" in response.content.decode() and "unknown role &#x27;deployer&#x27;" in response.content.decode()


def test_choices_of_published_questions_are_read_only(client_for, superuser, eu_version):
    question = eu_version.questions.get(code="employment_uses")
    response = client_for(superuser).get(admin_url("question_change", question.pk))
    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0]
    assert not inline.has_change_permission and not inline.has_add_permission and not inline.has_delete_permission
