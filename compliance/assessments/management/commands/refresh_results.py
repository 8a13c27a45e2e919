"""Recompute stored results whose inputs changed, e.g. after a deploy that changed the engine."""

from django.core.management.base import BaseCommand

from compliance.assessments.models import Assessment
from compliance.assessments.stored_results import refresh_results

BATCH_SIZE = 250


class Command(BaseCommand):
    help = "Recompute every stored assessment result whose inputs (versions, answers, engine) changed."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="recompute every result, changed or not")

    def handle(self, *args, **options):
        ids = list(Assessment.objects.order_by("pk").values_list("pk", flat=True))
        written = 0
        for start in range(0, len(ids), BATCH_SIZE):
            written += refresh_results(assessment_ids=ids[start:start + BATCH_SIZE], force=options["all"])
        self.stdout.write(f"Checked {len(ids)} assessments; recomputed {written}.")
