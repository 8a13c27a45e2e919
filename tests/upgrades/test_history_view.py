"""The upgrade history of an assessment, with the questions flagged for review."""

import pytest
from django.urls import reverse

from compliance.upgrades.models import AssessmentUpgrade
from compliance.upgrades.services import publish, upgrade_assessment
from frameworks.models import Question
from tests.querycount import assert_same_queries_at_two_sizes

from .support import move_annex_iii_date


@pytest.fixture
def upgraded(draft, assessment, owner):
    move_annex_iii_date(draft)
    section = draft.sections.order_by("position").last()
    Question.objects.create(version=draft, section=section, position=999, code="eu_new_fact", required=False,
                            prompt="Does the <b>new</b> fact apply?", type="yes_no")
    publish(version=draft, user=owner)
    [upgrade] = upgrade_assessment(assessment=assessment, user=owner, framework_codes=["eu-ai-act"])
    return upgrade


def url(assessment):
    return reverse("upgrades:history", args=[assessment.pk])


def test_lists_upgrades_changes_and_flagged_questions(client_for, teammate, assessment, upgraded,
                                                      django_assert_max_num_queries):
    client = client_for(teammate)
    with django_assert_max_num_queries(25):
        response = client.get(url(assessment))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2028-06-01" in page and "by olivia" in page
    assert "Does the &lt;b&gt;new&lt;/b&gt; fact apply?" in page  # user-facing text is escaped
    item = upgraded.review_items.get()
    assert reverse("upgrades:resolve_review", args=[assessment.pk, item.pk]) in page
    assert reverse("assessments:section", args=[assessment.pk, item_section(upgraded)]) + "#q-eu_new_fact" in page


def test_query_count_is_the_same_for_one_and_six_upgrades(client_for, teammate, assessment, upgraded):
    def five_more():
        for _ in range(5):
            items = list(upgraded.review_items.all())
            copy = AssessmentUpgrade.objects.get(pk=upgraded.pk)
            copy.pk = None
            copy.save()
            for item in items:
                item.pk, item.upgrade = None, copy
                item.save()

    count = assert_same_queries_at_two_sizes(client_for(teammate), url(assessment), five_more)
    assert count <= 15
    assert client_for(teammate).get(url(assessment)).content.decode().count("Does the &lt;b&gt;new") == 12  # six items, each in its text and its button label


def item_section(upgrade):
    return upgrade.to_version.questions.get(code="eu_new_fact").section.code


def test_viewer_sees_the_list_without_buttons(client_for, viewer, assessment, upgraded):
    page = client_for(viewer).get(url(assessment)).content.decode()
    assert "To review" in page and "Mark as reviewed" not in page


def test_outsider_gets_404(client_for, outsider, assessment, upgraded):
    assert client_for(outsider).get(url(assessment)).status_code == 404


def test_empty_state(client_for, owner, assessment):
    response = client_for(owner).get(url(assessment))
    assert "has not been moved to newer rules yet" in response.content.decode()
