"""Gap status of each obligation in an assessment.

A gap item is keyed by (assessment, framework code, obligation code), not by a foreign
key to a rule-set obligation row, so it carries over when the assessment is upgraded to
a newer rule-set version that keeps the obligation code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from compliance.assessments.models import Assessment
from compliance.organizations.models import Organization


class GapStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    MET = "met", "Met"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


# Statuses that still need work; overdue and near-deadline flags only concern these.
OPEN_STATUSES = frozenset({GapStatus.NOT_STARTED, GapStatus.IN_PROGRESS})


class GapItem(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="gap_items")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="gap_items")
    framework_code = models.SlugField(max_length=80)
    obligation_code = models.SlugField(max_length=80)
    status = models.CharField(max_length=16, choices=GapStatus.choices, default=GapStatus.NOT_STARTED)
    justification = models.TextField(blank=True, help_text="Why the obligation does not apply (required for 'not applicable').")
    owner = models.CharField(max_length=200, blank=True, help_text="Person or team responsible.")
    due_date = models.DateField(null=True, blank=True)
    evidence_notes = models.TextField(blank=True)
    links = models.JSONField(default=list, blank=True, help_text="Evidence links (http or https URLs).")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "framework_code", "obligation_code"],
                                    name="one_gap_item_per_obligation"),
        ]
        ordering = ["framework_code", "obligation_code"]

    def __str__(self) -> str:
        return f"{self.framework_code}:{self.obligation_code} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
