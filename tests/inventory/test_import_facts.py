"""Issue 14: an import takes questionnaire facts as default answers (columns named by shared question code,
checked as the questionnaire checks them, per-row errors); an assessment of the system starts with them,
marked as coming from the import, and a person's save in the questionnaire replaces them."""

import datetime as dt
import re

from django.urls import reverse

from compliance.assessments import services
from compliance.assessments.models import AISystem, Answer
from tests.api.conftest import token_for
from tests.inventory.test_import import _file, upload, xlsx

HEADER = "name,markets,actor_type,established_in,assessed_subject,trains_model,org_size\n"


def test_facts_are_checked_like_answers_and_kept_as_defaults(client_for, owner, organization):
    client = client_for(owner)
    data = (HEADER + 'Chatbot,eu,company,"eu, kr",system,no,\n'
                     'Model,jp,Company,Japan,model_only,Yes,sme\n').encode()
    response = upload(client, "systems.csv", data)
    assert response.status_code == 200, response.context["preview"].rows
    client.post(reverse("inventory:confirm"), {"rows": response.context["signed"]})
    systems = {s.name: s for s in AISystem.objects.all()}
    assert systems["Chatbot"].default_answers == {"actor_type": "company", "established_in": ["eu", "kr"],
                                                  "assessed_subject": "system", "trains_model": False}
    # Codes in any case and the choices' labels are read as the questionnaire's codes.
    assert systems["Model"].default_answers == {"actor_type": "company", "established_in": ["jp"],
                                                "assessed_subject": "model_only", "trains_model": True,
                                                "org_size": "sme"}


def test_bad_facts_are_row_errors_in_the_questionnaire_s_words(client_for, owner):
    client = client_for(owner)
    data = (HEADER + "Chatbot,eu,robot,\"eu, mars\",system,perhaps,\n").encode()
    response = upload(client, "systems.csv", data)
    assert response.status_code == 422
    (row,) = response.context["preview"].rows
    assert any(e.startswith("actor_type: 'robot' is not one of the choices") for e in row.errors)
    assert any(e.startswith("established_in: 'mars' not among the choices") for e in row.errors)
    assert any(e.startswith("trains_model: expected yes or no") for e in row.errors)
    assert not AISystem.objects.exists()


def test_an_unknown_column_is_still_refused(client_for, owner):
    response = upload(client_for(owner), "s.csv", b"name,favourite_colour\nChatbot,blue\n")
    assert response.status_code == 422 and "favourite_colour" in response.content.decode()


def test_xlsx_and_the_api_take_facts_too(client_for, client, owner):
    web = client_for(owner)
    response = upload(web, "s.xlsx", xlsx([["name", "actor_type"], ["Scorer", "public_body"]]))
    web.post(reverse("inventory:confirm"), {"rows": response.context["signed"]})
    assert AISystem.objects.get(name="Scorer").default_answers == {"actor_type": "public_body"}
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token_for(owner)}"}
    bad = client.post("/api/v1/systems/import/", {"file": _file("s.csv", b"name,trains_model\nBot,maybe\n")}, **auth)
    assert bad.status_code == 422 and "trains_model: expected yes or no" in str(bad.json())
    response = client.post("/api/v1/systems/import/", {"file": _file("s.csv", b"name,trains_model\nBot,yes\n"),
                                                       "confirm": "true"}, **auth)
    assert response.status_code == 201
    assert AISystem.objects.get(name="Bot").default_answers == {"trains_model": True}


def test_an_assessment_starts_with_the_imported_facts(owner, organization, shipped_rule_sets):
    system = AISystem.objects.create(organization=organization, name="Chatbot", markets=["eu"], default_answers={
        "actor_type": "company", "assessed_subject": "system", "trains_model": False,
        "builds_system": True, "not_a_question": True})
    assessment = services.start_assessment(system=system, user=owner, framework_codes=["eu-ai-act"],
                                           as_of=dt.date(2026, 12, 1))
    answers = {a.question_code: a for a in Answer.objects.filter(assessment=assessment)}
    assert {code: a.value for code, a in answers.items()} == {
        "actor_type": "company", "assessed_subject": "system", "trains_model": False, "builds_system": True}
    assert {a.origin for a in answers.values()} == {"inventory"}


def test_facts_hidden_by_other_facts_are_left_out(owner, organization, shipped_rule_sets):
    """builds_system is asked only when the subject is not 'only a model': the questionnaire would refuse it."""
    system = AISystem.objects.create(organization=organization, name="Weights", markets=["eu"], default_answers={
        "assessed_subject": "model_only", "builds_system": True})
    assessment = services.start_assessment(system=system, user=owner, framework_codes=["eu-ai-act"],
                                           as_of=dt.date(2026, 12, 1))
    assert dict(Answer.objects.filter(assessment=assessment).values_list("question_code", "value")) == {
        "assessed_subject": "model_only"}


def test_the_questionnaire_shows_them_as_imported_and_a_save_makes_them_the_user_s(client_for, owner, organization,
                                                                                  shipped_rule_sets):
    system = AISystem.objects.create(organization=organization, name="Chatbot", markets=["eu"],
                                     default_answers={"actor_type": "company", "assessed_subject": "system"})
    client = client_for(owner)
    client.post(reverse("assessments:start", args=[system.pk]),
                {"frameworks": ["eu-ai-act"], "as_of": "2026-12-01"})
    assessment = system.assessments.get()

    def imported_badges() -> int:
        return sum(client.get(reverse("assessments:section", args=[assessment.pk, code])).content.decode()
                   .count("From the inventory import") for code in ("actor", "activities"))

    assert imported_badges() == 2
    page = client.get(reverse("assessments:section", args=[assessment.pk, "actor"])).content.decode()
    assert re.search(r'value="company"[^>]*checked', page)  # prefilled, and editable as any answer
    services.save_answers(assessment=assessment, user=owner, changes={"actor_type": {"value": "public_body"}})
    assert imported_badges() == 1
    assert Answer.objects.get(assessment=assessment, question_code="actor_type").origin == ""
