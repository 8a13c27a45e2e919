"""Marking a flagged question as reviewed, with htmx and without JavaScript."""

import pytest
from django.urls import reverse

from compliance.upgrades.models import ReviewItem
from compliance.upgrades.services import publish, upgrade_assessment
from frameworks.models import Question

from .support import move_annex_iii_date


@pytest.fixture
def item(draft, assessment, owner) -> ReviewItem:
    move_annex_iii_date(draft)
    section = draft.sections.order_by("position").last()
    Question.objects.create(version=draft, section=section, position=999, code="eu_new_fact", required=False,
                            prompt="A new fact?", type="yes_no")
    publish(version=draft, user=owner)
    [upgrade] = upgrade_assessment(assessment=assessment, user=owner, framework_codes=["eu-ai-act"])
    return upgrade.review_items.get()


def url(assessment, item):
    return reverse("upgrades:resolve_review", args=[assessment.pk, item.pk])


def test_without_javascript_redirects_back_to_the_history(client_for, teammate, assessment, item):
    response = client_for(teammate).post(url(assessment, item))
    assert response.status_code == 302
    assert response["Location"] == reverse("upgrades:history", args=[assessment.pk]) + f"#review-{item.pk}"
    item.refresh_from_db()
    assert item.resolved_by == teammate and item.resolved_at is not None


def test_htmx_gets_the_row_and_an_announcement(client_for, owner, assessment, item):
    response = client_for(owner).post(url(assessment, item), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="review-{item.pk}"' in page and "Reviewed by olivia" in page and 'hx-swap-oob="true"' in page


def test_banner_counts_open_reviews_until_done(client_for, owner, assessment, item):
    from compliance.upgrades.selectors import open_review_count

    assert open_review_count(assessment=assessment) == 1
    client_for(owner).post(url(assessment, item))
    assert open_review_count(assessment=assessment) == 0


def test_viewer_gets_403_and_outsider_404(client_for, viewer, outsider, assessment, item):
    assert client_for(viewer).post(url(assessment, item)).status_code == 403
    assert client_for(outsider).post(url(assessment, item)).status_code == 404
    item.refresh_from_db()
    assert item.resolved_at is None


def test_an_item_of_another_assessment_is_not_found(client_for, owner, organization, assessment, item, draft):
    from .support import recruiter_assessment

    other = recruiter_assessment(organization=organization, user=owner, version=draft)
    assert client_for(owner).post(url(other, item)).status_code == 404


def test_get_is_not_allowed(client_for, owner, assessment, item):
    assert client_for(owner).get(url(assessment, item)).status_code == 405
