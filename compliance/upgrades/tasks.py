"""Celery tasks: thin wrappers that load the publication and call the services."""

from celery import shared_task

from . import services
from .models import Publication


@shared_task(bind=True)
def reevaluate_after_publication(self, publication_id: int) -> int:
    """Fan out: one batch task per slice of the assessments pinned to older versions, on this task's queue."""
    publication = Publication.objects.select_related("version__framework").get(pk=publication_id)
    batches = services.reevaluation_batches(publication=publication)
    queue = (self.request.delivery_info or {}).get("routing_key")
    for assessment_ids in batches:
        reevaluate_batch.apply_async((publication_id, assessment_ids), queue=queue)
    return sum(len(batch) for batch in batches)


@shared_task
def reevaluate_batch(publication_id: int, assessment_ids: list[int]) -> int:
    publication = Publication.objects.select_related("version__framework").get(pk=publication_id)
    return services.reevaluate_assessments(publication=publication, assessment_ids=assessment_ids)
