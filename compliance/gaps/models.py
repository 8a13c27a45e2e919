"""Gap status of each obligation in an assessment.

A gap item is keyed by (assessment, framework code, obligation code), not by a foreign
key to a rule-set obligation row, so it carries over when the assessment is upgraded to
a newer rule-set version that keeps the obligation code.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compliance.assessments.models import Assessment
from compliance.organizations.models import Organization


class GapStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    MET = "met", _("Met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


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
        indexes = [models.Index(fields=["organization", "status", "due_date"], name="gap_item_org_status_due"),
                   models.Index(fields=["organization", "updated_at"], name="gap_item_org_updated")]
        ordering = ["framework_code", "obligation_code"]

    def __str__(self) -> str:
        return f"{self.framework_code}:{self.obligation_code} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def responsible(self) -> str:
        """Who holds the item: the assigned member's name, else the free text of earlier data."""
        if self.assignee is not None:
            return self.assignee.get_full_name() or self.assignee.get_username()
        return self.owner


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
    _history_user: Any  # who made the change, for django-simple-history (set by the services)

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
    _history_user: Any

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "gap_item"], name="one_link_per_action_and_item")]
        ordering = ["linked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} → {self.gap_item}"
def evidence_upload_to(evidence: Evidence, filename: str) -> str:
    # Random stored names without the uploader's extension: the download view, not the path, decides who gets
    # a file and with which type.
    return f"evidence/{evidence.organization_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A file uploaded as evidence for an obligation's gap item or for an action. Removing it keeps the row and the file
    (``removed_at``), so nothing recorded as evidence is silently lost."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="evidence_files")
    # Evidence of exactly one thing: an obligation's gap item or an action.
    gap_item = models.ForeignKey(GapItem, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="evidence_files")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, null=True, blank=True, related_name="evidence_files")
    file = models.FileField(upload_to=evidence_upload_to, max_length=200)
    name = models.CharField(_("file name"), max_length=200, help_text=_("The name the file was uploaded with."))
    content_type = models.CharField(max_length=120, help_text=_("Detected from the file's content."))
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=500, blank=True)
    review_by = models.DateField(_("review by"), null=True, blank=True,
                                 help_text=_("When this evidence should be checked again."))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["organization", "review_by"], name="evidence_org_review_by")]
        constraints = [models.CheckConstraint(
            condition=models.Q(gap_item__isnull=False, action__isnull=True)
            | models.Q(gap_item__isnull=True, action__isnull=False), name="evidence_of_an_item_or_an_action")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    def review_overdue(self, today: dt.date) -> bool:
        return self.review_by is not None and self.review_by < today


class ReminderKind(models.TextChoices):
    DUE_DATE = "due_date", _("Due date")
    EVIDENCE_REVIEW = "evidence_review", _("Evidence review")


class ReminderSent(models.Model):
    """One reminder about one item to one person in one period. The unique constraint makes concurrent runs
    send it once: a run claims the row before sending and deletes its claim if sending fails."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    subject = models.CharField(max_length=40, help_text=_("What the reminder is about, e.g. gap:12 or evidence:7."))
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period_start = models.DateField(help_text=_("First day of the reminder period this reminder belongs to."))
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "subject", "recipient", "period_start"],
                                               name="one_reminder_per_item_recipient_period")]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} to {self.recipient_id} ({self.period_start})"
