"""Publishing: a preview with the diff and the impact on assessments, then an atomic, recorded publish."""

import pytest

from compliance.upgrades.models import Publication, RulesUpdate
from frameworks.models import Obligation, RuleSetVersion
from tests.upgrades.support import move_annex_iii_date, recruiter_assessment

from .conftest import admin_url


@pytest.fixture
def assessment(organization, owner, eu_version):
    return recruiter_assessment(organization=organization, user=owner, version=eu_version)


def test_preview_shows_the_diff_and_which_results_would_change(client_for, publisher, draft, assessment, eu_version):
    _, old_date = move_annex_iii_date(draft)
    response = client_for(publisher).get(admin_url("rulesetversion_publish", draft.pk))
    assert response.status_code == 200
    impact = response.context["impact"]
    assert impact.pinned_total == 1 and impact.pinned_by_version == [(eu_version.label, 1)]
    [row] = impact.sample
    assert row.assessment_id == assessment.pk
    assert [(o.code, o.old_date, o.new_date) for o in row.change.date_changes] == [
        ("art9-risk-management", old_date, "2028-06-01")]
    assert [i.code for i in response.context["diff"].items] == ["art9-risk-management"]
    page = response.content.decode()
    assert f"{old_date} → 2028-06-01" in page and "Publish next-draft" in page
    # The preview changes nothing.
    assert RuleSetVersion.objects.get(pk=draft.pk).is_draft


def test_publishing_is_recorded_retires_the_old_version_and_reevaluates(
        client_for, publisher, draft, assessment, eu_version, django_capture_on_commit_callbacks, eager_celery):
    move_annex_iii_date(draft)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(publisher).post(admin_url("rulesetversion_publish", draft.pk))
    assert response.status_code == 302
    draft.refresh_from_db()
    eu_version.refresh_from_db()
    assert draft.status == "published" and eu_version.status == "retired"
    publication = Publication.objects.get(version=draft)
    assert publication.published_by == publisher and publication.retired_labels == [eu_version.label]
    assert (publication.assessments_total, publication.assessments_done) == (1, 1)
    update = RulesUpdate.objects.get(assessment=assessment)
    assert (update.from_version, update.to_version) == (eu_version, draft)
    assert update.changes["obligations"][0]["new_date"] == "2028-06-01"
    # The version page now shows who published it and the re-evaluation progress.
    page = client_for(publisher).get(admin_url("rulesetversion_change", draft.pk)).content.decode()
    assert "by paul" in page and "1 of 1" in page


def test_an_invalid_draft_cannot_be_published_and_nothing_changes(client_for, superuser, draft, eu_version):
    Obligation.objects.filter(version=draft, code="art9-risk-management").update(when="no_such_question")
    client = client_for(superuser)
    response = client.get(admin_url("rulesetversion_publish", draft.pk))
    assert response.status_code == 200 and response.context["problems"]
    assert "cannot be published yet" in response.content.decode()
    response = client.post(admin_url("rulesetversion_publish", draft.pk))
    assert response.status_code == 200
    assert RuleSetVersion.objects.get(pk=draft.pk).is_draft
    assert RuleSetVersion.objects.get(pk=eu_version.pk).status == "published"
    assert not Publication.objects.filter(version=draft).exists()


def test_a_draft_entering_into_force_on_the_same_day_is_refused(client_for, superuser, eu_version):
    from frameworks.services import create_draft_from

    same_day = create_draft_from(version=eu_version, label="same-day")
    response = client_for(superuser).post(admin_url("rulesetversion_publish", same_day.pk))
    assert response.status_code == 200
    assert [p.location for p in response.context["problems"]] == ["version.in_force_from"]
    assert RuleSetVersion.objects.get(pk=same_day.pk).is_draft
    assert RuleSetVersion.objects.get(pk=eu_version.pk).status == "published"


def test_a_published_version_is_not_published_again(client_for, superuser, eu_version):
    response = client_for(superuser).post(admin_url("rulesetversion_publish", eu_version.pk))
    assert response.status_code == 302 and not Publication.objects.filter(version=eu_version).exists()


def test_publishing_needs_the_publish_permission(client_for, rule_editor, plain_staff, draft):
    assert client_for(rule_editor).get(admin_url("rulesetversion_publish", draft.pk)).status_code == 403
    assert client_for(rule_editor).post(admin_url("rulesetversion_publish", draft.pk)).status_code == 403
    assert client_for(plain_staff).post(admin_url("rulesetversion_publish", draft.pk)).status_code == 403
    assert RuleSetVersion.objects.get(pk=draft.pk).is_draft


def test_progress_fragment(client_for, publisher, draft):
    from compliance.upgrades.services import publish

    publish(version=draft, user=publisher)
    response = client_for(publisher).get(admin_url("rulesetversion_publication", draft.pk))
    assert response.status_code == 200 and "Published" in response.content.decode()
