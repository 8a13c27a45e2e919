"""Publishing rule-set versions and moving assessments onto them.

- Publication: who published a version and when, and how far re-evaluating the
  assessments pinned to older versions has got.
- RulesUpdate: a newer version than the one an assessment is pinned to, with what it
  would change in that assessment's results (computed by the batch re-evaluation).
- AssessmentUpgrade: one framework of one assessment moved to a newer version, with
  everything needed to see what happened (previous answers, result changes).
- ReviewItem: a question the user should look at again after an upgrade.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from compliance.assessments.models import Assessment
from compliance.organizations.models import Organization
from frameworks.impact import ResultChange
from frameworks.models import Framework, RuleSetVersion


class Publication(models.Model):
    version = models.OneToOneField(RuleSetVersion, on_delete=models.PROTECT, related_name="publication")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    published_at = models.DateTimeField(default=timezone.now)
    retired_labels = models.JSONField(default=list, blank=True, help_text="Versions this publication retired.")
    assessments_total = models.PositiveIntegerField(default=0)
    assessments_done = models.PositiveIntegerField(default=0)
    reevaluated_at = models.DateTimeField(null=True, blank=True, help_text="When the last batch finished.")
    reevaluation_error = models.TextField(blank=True, help_text="Why re-evaluating could not be queued, if so.")

    class Meta:
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return f"{self.version} published {self.published_at:%Y-%m-%d %H:%M}"

    @property
    def reevaluation_error_text(self) -> str:
        """The stored error (an English catalog message) in the reader's language."""
        return gettext(self.reevaluation_error) if self.reevaluation_error else ""

    @property
    def reevaluation_finished(self) -> bool:
        return self.assessments_done >= self.assessments_total

    @property
    def progress_percent(self) -> int:
        if not self.assessments_total:
            return 100
        return min(100, round(100 * self.assessments_done / self.assessments_total))


class ReevaluatedBatch(models.Model):
    """One re-evaluated batch of a publication, recorded once however often its task is delivered,
    so progress counts each assessment once."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="batches")
    first_assessment_id = models.PositiveBigIntegerField()
    size = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["publication", "first_assessment_id"],
                                               name="one_record_per_batch")]

    def __str__(self) -> str:
        return f"{self.size} assessments from {self.first_assessment_id} of {self.publication}"


class RulesUpdate(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="rules_updates")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    from_version = models.ForeignKey(RuleSetVersion, on_delete=models.PROTECT, related_name="+")
    to_version = models.ForeignKey(RuleSetVersion, on_delete=models.PROTECT, related_name="+")
    changes = models.JSONField(help_text="frameworks.impact.ResultChange.to_dict() for the assessment's answers.")
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "from_version", "to_version"],
                                               name="one_update_per_version_pair")]
        ordering = ["framework__code"]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.from_version.label} -> {self.to_version.label}"


class AssessmentUpgrade(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="upgrades")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    from_version = models.ForeignKey(RuleSetVersion, on_delete=models.PROTECT, related_name="+")
    to_version = models.ForeignKey(RuleSetVersion, on_delete=models.PROTECT, related_name="+")
    upgraded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    upgraded_at = models.DateTimeField(default=timezone.now)
    changes = models.JSONField(help_text="The result change at the time of the upgrade (ResultChange.to_dict()).")
    unused_answers = models.JSONField(default=list, blank=True,
                                      help_text="Answered questions the new version no longer asks (answers kept).")
    previous_answers = models.JSONField(default=dict, blank=True,
                                        help_text="Every answer value before the upgrade, by question code.")

    class Meta:
        ordering = ["-upgraded_at", "framework__code"]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.framework.code} {self.from_version.label} -> {self.to_version.label}"

    @property
    def result_change(self) -> ResultChange:
        return ResultChange.from_dict(self.changes)


class ReviewItem(models.Model):
    class Reason(models.TextChoices):
        NEW = "new", _("New question")
        CHOICES_CHANGED = "choices_changed", _("Choices changed")
        ANSWER_CLEARED = "answer_cleared", _("Answer no longer fits")
        ANSWER_ADAPTED = "answer_adapted", _("Withdrawn choices removed")
        MAPPED = "mapped", _("Carried over from an older question")
        NOT_CARRIED = "not_carried", _("Older answer not carried: answer again")

    upgrade = models.ForeignKey(AssessmentUpgrade, on_delete=models.CASCADE, related_name="review_items")
    question_code = models.CharField(max_length=80)
    prompt = models.TextField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    detail = models.TextField(blank=True)
    previous_value = models.JSONField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["upgrade", "question_code"], name="one_review_per_question")]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.get_reason_display()}"
