"""Help only for the frameworks selected (issue 12): a shared question's neutral help is always shown,
how one law reads the fact (its ``help_by_framework``) only when that law is part of the assessment."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from compliance.assessments.selectors import wizard_state
from frameworks.selectors import versions_in_force
from tests.factories import AS_OF

from .conftest import pin_assessment

NEUTRAL = "Buying a finished system and configuring it is not building it."
EU_NOTE = "puts it on the market under its own name as its provider (Art. 3(3))"
KR_NOTE = "as an AI user-operator (Art. 2(7)(나))"
JP_NOTE = "call an organisation that offers AI systems or services to others an AI provider"


def section_page(client, system, owner, codes: list[str], language: str = "en") -> str:
    versions = versions_in_force(as_of=AS_OF, framework_codes=codes)
    assessment = pin_assessment(system, versions, user=owner)
    with translation.override(language):
        response = client.get(reverse("assessments:section", args=[assessment.pk, "activities"]),
                              HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("codes", "shown", "hidden"), [
    (["kr-ai-basic-act"], [KR_NOTE], [EU_NOTE, JP_NOTE]),
    (["eu-ai-act"], [EU_NOTE], [KR_NOTE, JP_NOTE]),
    (["us-federal"], [], [EU_NOTE, KR_NOTE, JP_NOTE]),
    (["eu-ai-act", "kr-ai-basic-act", "jp-ai-guidelines"], [EU_NOTE, KR_NOTE, JP_NOTE], []),
])
def test_a_law_reading_of_a_fact_shows_only_when_that_law_is_selected(client_for, owner, system,
                                                                       shipped_rule_sets, codes, shown, hidden):
    page = section_page(client_for(owner), system, owner, codes)
    assert NEUTRAL in page
    for text in shown:
        assert text in page
    for text in hidden:
        assert text not in page


def test_each_reading_is_labelled_with_its_law(client_for, owner, system, shipped_rule_sets):
    page = section_page(client_for(owner), system, owner, ["eu-ai-act", "kr-ai-basic-act"])
    for version in versions_in_force(as_of=AS_OF, framework_codes=["eu-ai-act", "kr-ai-basic-act"]):
        assert f'<dt class="fw-semibold">Under {escape(version.framework.name)}</dt>' in page


def test_readings_follow_the_language_and_one_language_never_leaks_into_another(client_for, owner, system,
                                                                                 shipped_rule_sets):
    client = client_for(owner)
    korean = section_page(client, system, owner, ["kr-ai-basic-act"], "ko")
    assert "인공지능이용사업자로 봅니다(제2조제7호나목)" in korean and KR_NOTE not in korean
    # The same pinned versions in English straight after: the merged questionnaire is cached per language.
    english = section_page(client, system, owner, ["kr-ai-basic-act"], "en")
    assert KR_NOTE in english and "인공지능이용사업자로 봅니다" not in english
    japanese = section_page(client, system, owner, ["kr-ai-basic-act"], "ja")
    assert "AI利用事業者" in japanese and KR_NOTE not in japanese


def test_the_start_form_says_up_front_how_long_the_questionnaire_is(client_for, owner, system, shipped_rule_sets):
    """The estimate counts each question once, however many of the ticked frameworks ask it (issue 12)."""
    page = client_for(owner).get(reverse("assessments:start", args=[system.pk])).content.decode()
    preselected = versions_in_force(as_of=AS_OF, framework_codes=["eu-ai-act", "kr-ai-basic-act"])
    assert {v.framework.code for v in preselected} == {"eu-ai-act", "kr-ai-basic-act"}  # the system's markets
    assessment = pin_assessment(system, preselected, user=owner)
    length = wizard_state(assessment).length  # what the questionnaire then shows before any answer
    assert f"About {length.shown} questions for the frameworks ticked, roughly {length.minutes} minutes." in page
    assert 'id="starting-questions"' in page and "length-estimate.js" in page
