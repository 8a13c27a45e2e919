"""The merged questionnaire is kept per process for each combination of versions: one per language of its texts,
so a page in Korean never shows the questions of an English page that came first (or the reverse)."""

import pytest
from django.utils import translation

from compliance.assessments.selectors import merged_questionnaire, pinned_rule_sets
from tests.assessments.four_frameworks import four_framework_assessment


def prompt_of(sections, code: str) -> str:
    return next(q.spec["prompt"] for s in sections for q in s.questions if q.code == code)


@pytest.mark.django_db
def test_each_language_gets_its_own_merged_questionnaire(organization, owner, shipped_rule_sets):
    four = four_framework_assessment(organization, owner)
    with translation.override("en"):
        english = prompt_of(merged_questionnaire(pinned_rule_sets(four)), "actor_type")
    with translation.override("ko"):
        korean = prompt_of(merged_questionnaire(pinned_rule_sets(four)), "actor_type")
    with translation.override("ja"):
        japanese = prompt_of(merged_questionnaire(pinned_rule_sets(four)), "actor_type")
    assert english.startswith("Who is responsible")
    assert korean != english and any("\uac00" <= c <= "\ud7a3" for c in korean)
    assert japanese != english and any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in japanese)
