"""Findings 1 and 4 for re-evaluation: a publication whose re-evaluation cannot be queued says so and can be
queued again; progress counts a batch delivered twice once."""

import pytest
from django.urls import reverse

from compliance.upgrades import services
from compliance.upgrades.models import Publication
from frameworks.services import publish_version
from tests.faults.test_broker_down import UNREACHABLE, broker

from .support import move_annex_iii_date


@pytest.fixture
def publication(assessment, draft):
    move_annex_iii_date(draft)
    return Publication.objects.create(version=publish_version(version=draft))


def test_a_batch_delivered_twice_is_counted_once(publication, assessment):
    [batch] = services.reevaluation_batches(publication=publication)
    services.reevaluate_assessments(publication=publication, assessment_ids=batch)
    services.reevaluate_assessments(publication=publication, assessment_ids=batch)  # redelivered
    publication.refresh_from_db()
    assert (publication.assessments_done, publication.assessments_total) == (1, 1)
    assert publication.reevaluation_finished


def test_restarting_the_fan_out_counts_from_zero(publication, assessment):
    [batch] = services.reevaluation_batches(publication=publication)
    services.reevaluate_assessments(publication=publication, assessment_ids=batch)
    services.reevaluation_batches(publication=publication)  # the fan-out task delivered again
    publication.refresh_from_db()
    assert publication.assessments_done == 0
    services.reevaluate_assessments(publication=publication, assessment_ids=batch)
    publication.refresh_from_db()
    assert publication.assessments_done == 1


def test_publishing_with_redis_down_publishes_and_says_the_reevaluation_was_not_queued(
        client, publisher, assessment, draft, django_capture_on_commit_callbacks):
    move_annex_iii_date(draft)
    client.force_login(publisher)
    with broker(UNREACHABLE), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:frameworks_rulesetversion_publish", args=[draft.pk]))
    assert response.status_code == 302
    publication = Publication.objects.get(version=draft)
    assert publication.reevaluation_error == services.QUEUE_UNAVAILABLE
    page = client.get(response["Location"]).content.decode()
    assert "could not be queued" in page and "Re-evaluate the assessments now" in page

    # Redis is back (tasks run in-process here): the admin queues it again and it completes.
    from compliance.celery import app as celery_app
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("admin:frameworks_rulesetversion_publication", args=[draft.pk]))
    finally:
        celery_app.conf.task_always_eager = saved
    assert response.status_code == 302
    publication.refresh_from_db()
    assert publication.reevaluation_error == "" and publication.assessments_done == publication.assessments_total == 1


def test_only_publishers_can_queue_a_reevaluation_again(client, rule_editor, assessment, publication):
    client.force_login(rule_editor)
    response = client.post(reverse("admin:frameworks_rulesetversion_publication", args=[publication.version.pk]))
    assert response.status_code == 403
