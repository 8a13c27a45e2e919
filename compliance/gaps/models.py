"""Gap status of each obligation in an assessment.

A gap item is keyed by (assessment, framework code, obligation code), not by a foreign
key to a rule-set obligation row, so it carries over when the assessment is upgraded to
a newer rule-set version that keeps the obligation code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
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
    # A member of the organization; ``owner`` is the free text of earlier data, shown until an assignee replaces it.
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="assigned_gap_items", verbose_name=_("assigned to"))
    # Who decided the current status and when; with linked actions the status follows them (see derived_status).
    status_from_actions = models.BooleanField(default=False, verbose_name=_("status from linked actions"))
    status_set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name=_("status decided by"))
    status_set_at = models.DateTimeField(null=True, blank=True, verbose_name=_("status decided at"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()
    # Who django-simple-history records as the author of the next save (its documented hook), set by services.
    _history_user: Any

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "framework_code", "obligation_code"],
                                    name="one_gap_item_per_obligation"),
        ]
        indexes = [models.Index(fields=["organization", "status", "due_date"], name="gap_item_org_status_due")]
        ordering = ["framework_code", "obligation_code"]

    def __str__(self) -> str:
        return f"{self.framework_code}:{self.obligation_code} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


def derived_status(action_statuses: list[str]) -> str:
    """The gap status of an obligation with linked actions: met when every linked action is done, in progress
    when any has started (in progress or done), otherwise not started. Without linked actions the status is
    set directly and this rule does not apply."""
    if not action_statuses:
        raise ValueError("an obligation without linked actions has no derived status")
    if all(s == ActionStatus.DONE for s in action_statuses):
        return GapStatus.MET
    if any(s in (ActionStatus.IN_PROGRESS, ActionStatus.DONE) for s in action_statuses):
        return GapStatus.IN_PROGRESS
    return GapStatus.NOT_STARTED


class Action(models.Model):
    """A piece of work recorded once ("Human oversight procedure v2") and linked to every obligation it serves,
    in any framework and assessment of the organization."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=200, verbose_name=_("title"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED,
                              verbose_name=_("status"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="assigned_actions", verbose_name=_("assigned to"))
    due_date = models.DateField(null=True, blank=True, verbose_name=_("due date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["organization", "status", "due_date"], name="action_org_status_due")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status != ActionStatus.DONE


class ActionLink(models.Model):
    """An action serves an obligation (a gap item), linked by a person: never created by a suggestion alone."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="links")
    gap_item = models.ForeignKey(GapItem, on_delete=models.CASCADE, related_name="action_links")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    linked_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "gap_item"], name="one_link_per_action_and_item")]
        ordering = ["linked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} → {self.gap_item}"
