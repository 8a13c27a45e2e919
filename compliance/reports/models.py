"""PDF gap reports, rendered by a Celery worker (see tasks.py and services.py)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from compliance.assessments.models import Assessment
from compliance.organizations.models import Organization


def report_upload_to(report: Report, filename: str) -> str:
    # Random stored names: the download view, not the storage path, decides who gets a file.
    return f"reports/{report.organization_id}/{uuid.uuid4().hex}.pdf"


class Report(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="reports")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reports")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # The language the PDF is written in; a report in another language is another report.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    error = models.TextField(blank=True, help_text="Why rendering failed, in words a user can act on.")
    state_hash = models.CharField(max_length=64, db_index=True,
                                  help_text="SHA-256 of the assessment state the report shows.")
    rule_set_versions = models.JSONField(default=list, help_text="Pinned versions: framework, label, content hash.")
    file = models.FileField(upload_to=report_upload_to, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["assessment", "state_hash"], name="report_assessment_state")]

    def __str__(self) -> str:
        return f"Report {self.pk} of {self.assessment} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
