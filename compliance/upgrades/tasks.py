"""Celery tasks: thin wrappers that load the publication and call the services."""

from celery import shared_task

from . import services
from .models import Publication

# Hard limits below the broker's visibility timeout (settings.TASK_REDELIVERY_AFTER): a batch of 250 takes ~1 s.
SOFT_TIME_LIMIT = 120
TIME_LIMIT = 150


@shared_task(bind=True, soft_time_limit=SOFT_TIME_LIMIT, time_limit=TIME_LIMIT)
def reevaluate_after_publication(self, publication_id: int) -> int:
    """Fan out: one batch task per slice of the assessments pinned to older versions, on this task's queue."""
    publication = Publication.objects.select_related("version__framework").get(pk=publication_id)
    batches = services.reevaluation_batches(publication=publication)
    queue = (self.request.delivery_info or {}).get("routing_key")
    for assessment_ids in batches:
        reevaluate_batch.apply_async((publication_id, assessment_ids), queue=queue)
    return sum(len(batch) for batch in batches)


@shared_task(soft_time_limit=SOFT_TIME_LIMIT, time_limit=TIME_LIMIT)
def reevaluate_batch(publication_id: int, assessment_ids: list[int]) -> int:
    publication = Publication.objects.select_related("version__framework").get(pk=publication_id)
    return services.reevaluate_assessments(publication=publication, assessment_ids=assessment_ids)
