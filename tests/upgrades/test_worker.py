"""Integration: publishing in the admin makes real Celery worker processes re-evaluate the assessments.

Needs REDIS_URL and PostgreSQL; skipped otherwise unless REQUIRE_SERVICES=1 (see tests/reports/test_worker.py,
whose worker fixture this reuses).
"""

import time

import pytest
from django.urls import reverse

from compliance.upgrades.models import Publication, RulesUpdate
from tests.reports.test_worker import worker, worker_queue  # noqa: F401  (a real `celery worker` on a private queue)

from .support import move_annex_iii_date, recruiter_assessment

pytestmark = [pytest.mark.worker]


def test_publishing_reevaluates_assessments_in_a_real_worker(worker, client, superuser, organization, owner,  # noqa: F811
                                                             eu_version, draft):
    assessments = [recruiter_assessment(organization=organization, user=owner, version=eu_version) for _ in range(3)]
    move_annex_iii_date(draft)
    client.force_login(superuser)
    response = client.post(reverse("admin:frameworks_rulesetversion_publish", args=[draft.pk]))
    assert response.status_code == 302

    publication = Publication.objects.get(version=draft)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not publication.reevaluation_finished:
        time.sleep(0.3)
        publication.refresh_from_db()
    assert publication.reevaluation_finished, "\n".join(worker.lines[-40:])
    assert publication.assessments_total == 3
    updates = RulesUpdate.objects.filter(to_version=draft)
    assert sorted(updates.values_list("assessment_id", flat=True)) == sorted(a.pk for a in assessments)
    assert all(u.changes["obligations"][0]["new_date"] == "2028-06-01" for u in updates)
