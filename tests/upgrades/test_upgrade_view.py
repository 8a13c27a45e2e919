"""The upgrade page: what a newer rule set changes, and the upgrade itself (editors and owners only)."""

import pytest
from django.urls import reverse

from compliance.upgrades.models import AssessmentUpgrade
from compliance.upgrades.services import publish

from .support import move_annex_iii_date


@pytest.fixture
def published_update(draft, assessment):
    _, old_date = move_annex_iii_date(draft)
    publish(version=draft, user=None)
    return old_date


def url(assessment):
    return reverse("upgrades:upgrade", args=[assessment.pk])


def test_owner_sees_the_change_in_their_results(client_for, owner, assessment, published_update, draft,
                                                django_assert_max_num_queries):
    client = client_for(owner)
    client.get(url(assessment))  # published versions are compiled once per process: measure a warm request
    with django_assert_max_num_queries(25):
        response = client.get(url(assessment))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"{draft.label}" in page and "2028-06-01" in page and f"was {published_update}" in page
    assert 'name="frameworks"' in page and "Upgrade</button>" in page


def test_teammate_upgrades_and_is_taken_to_the_history(client_for, teammate, assessment, published_update, draft):
    response = client_for(teammate).post(url(assessment), {"frameworks": ["eu-ai-act"]})
    assert response.status_code == 302
    assert response["Location"] == reverse("upgrades:history", args=[assessment.pk])
    assert assessment.pinned_versions.get().version == draft
    assert AssessmentUpgrade.objects.get(assessment=assessment).upgraded_by == teammate


def test_viewer_sees_the_preview_but_cannot_upgrade(client_for, viewer, assessment, published_update, eu_version):
    client = client_for(viewer)
    response = client.get(url(assessment))
    assert response.status_code == 200 and "Viewers can see what would change" in response.content.decode()
    assert client.post(url(assessment), {"frameworks": ["eu-ai-act"]}).status_code == 403
    assert assessment.pinned_versions.get().version == eu_version


def test_outsider_gets_404_for_forged_ids(client_for, outsider, assessment, published_update, eu_version):
    client = client_for(outsider)
    assert client.get(url(assessment)).status_code == 404
    assert client.post(url(assessment), {"frameworks": ["eu-ai-act"]}).status_code == 404
    assert assessment.pinned_versions.get().version == eu_version


def test_tampered_framework_choice_changes_nothing(client_for, owner, assessment, published_update, eu_version):
    response = client_for(owner).post(url(assessment), {"frameworks": ["kr-ai-basic-act"]})
    assert response.status_code == 400
    assert "has no newer rule set" in response.content.decode()
    response = client_for(owner).post(url(assessment), {})
    assert response.status_code == 400 and "Choose at least one framework" in response.content.decode()
    assert assessment.pinned_versions.get().version == eu_version
    assert not AssessmentUpgrade.objects.exists()


def test_up_to_date_assessment_says_so(client_for, owner, assessment):
    response = client_for(owner).get(url(assessment))
    assert response.status_code == 200 and "already uses the newest" in response.content.decode()


def test_anonymous_is_sent_to_login(client, assessment):
    response = client.get(url(assessment))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
