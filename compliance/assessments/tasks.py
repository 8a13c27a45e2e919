"""Celery tasks for stored results: thin wrappers around stored_results."""

from __future__ import annotations

from celery import shared_task

from .models import Assessment
from .stored_results import outdated, refresh_results

BATCH_SIZE = 250


@shared_task(acks_late=True)
def refresh_organization_results(organization_id: int) -> int:
    """Recompute every missing or outdated stored result of one organization, in batches."""
    ids = list(outdated(Assessment.objects.filter(organization_id=organization_id)).values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        refresh_results(assessment_ids=ids[start:start + BATCH_SIZE])
    return len(ids)


@shared_task(acks_late=True)
def refresh_all_results() -> int:
    """Daily: recompute every stored result whose inputs changed (e.g. after a deploy changed the engine)."""
    ids = list(Assessment.objects.values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), BATCH_SIZE):
        written += refresh_results(assessment_ids=ids[start:start + BATCH_SIZE])
    return written
