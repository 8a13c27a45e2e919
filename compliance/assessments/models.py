"""AI systems, their assessments, and the answers given in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from compliance.organizations.models import Organization
from frameworks.models import Framework, RuleSetVersion


class Market(models.TextChoices):
    EU = "eu", "European Union"
    KR = "kr", "Korea"
    US = "us", "United States"
    JP = "jp", "Japan"


# The framework that covers each market; used to preselect frameworks.
MARKET_FRAMEWORKS = {
    Market.EU: "eu-ai-act",
    Market.KR: "kr-ai-basic-act",
    Market.US: "us-federal",
    Market.JP: "jp-ai-guidelines",
}


class AISystem(models.Model):
    class Stage(models.TextChoices):
        DESIGN = "design", "Design"
        DEVELOPMENT = "development", "Development"
        DEPLOYED = "deployed", "Deployed"
        RETIRED = "retired", "Retired"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="systems")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    purpose = models.TextField(blank=True, help_text="What the system is for, in a sentence or two.")
    owner = models.CharField(max_length=200, blank=True, help_text="Person or team accountable for the system.")
    lifecycle_stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.DESIGN)
    markets = models.JSONField(default=list, blank=True, help_text="Market codes: eu, kr, us, jp.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def framework_codes(self) -> list[str]:
        return [MARKET_FRAMEWORKS[m] for m in self.markets if m in MARKET_FRAMEWORKS]


class Assessment(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="assessments")
    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="assessments")
    as_of = models.DateField(help_text="The date the law is assessed at.")
    current_section = models.CharField(max_length=80, blank=True, help_text="Where the user left off.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.system} as of {self.as_of:%Y-%m-%d}"


class PinnedVersion(models.Model):
    """The rule-set version an assessment uses for one framework. Changes only by an explicit upgrade."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="pinned_versions")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(RuleSetVersion, on_delete=models.PROTECT, related_name="pinned_by")
    pinned_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "framework"], name="one_version_per_framework")]
        ordering = ["framework__code"]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.version}"


class Answer(models.Model):
    """One answer, keyed by question code so that it survives rule-set upgrades.

    ``value`` is None when only a note was written. Answers are never deleted by upgrades.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question_code = models.CharField(max_length=80)
    value = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "question_code"], name="one_answer_per_question")]
        ordering = ["question_code"]

    def __str__(self) -> str:
        return f"{self.question_code} = {self.value!r}"
