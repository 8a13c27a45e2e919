"""AI systems, their assessments, and the answers given in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compliance.organizations.models import Organization
from frameworks.models import Framework, RuleSetVersion


class Market(models.TextChoices):
    EU = "eu", _("European Union")
    KR = "kr", _("Korea")
    US = "us", _("United States")
    JP = "jp", _("Japan")


# The framework that covers each market; used to preselect frameworks.
MARKET_FRAMEWORKS = {
    Market.EU: "eu-ai-act",
    Market.KR: "kr-ai-basic-act",
    Market.US: "us-federal",
    Market.JP: "jp-ai-guidelines",
}


class AISystem(models.Model):
    class Stage(models.TextChoices):
        DESIGN = "design", _("Design")
        DEVELOPMENT = "development", _("Development")
        DEPLOYED = "deployed", _("Deployed")
        RETIRED = "retired", _("Retired")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="systems")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    purpose = models.TextField(blank=True, help_text=_("What the system is for, in a sentence or two."))
    owner = models.CharField(max_length=200, blank=True, help_text=_("Person or team accountable for the system."))
    lifecycle_stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.DESIGN)
    markets = models.JSONField(default=list, blank=True, help_text="Market codes: eu, kr, us, jp.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", help_text="Who last edited the system's details.")
    default_answers = models.JSONField(default=dict, blank=True, help_text=(
        "Questionnaire facts from an inventory import ({question code: answer}): the first answers of each "
        "assessment that asks them."))

    class Meta:
        ordering = ["name"]
        # The portfolio pages' stamp reads the newest change per organization (compliance.gaps.kept_pages).
        indexes = [models.Index(fields=["organization", "updated_at"], name="system_org_updated")]

    def __str__(self) -> str:
        return self.name

    @property
    def framework_codes(self) -> list[str]:
        return [MARKET_FRAMEWORKS[m] for m in self.markets if m in MARKET_FRAMEWORKS]


class Assessment(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="assessments")
    system = models.ForeignKey(AISystem, on_delete=models.CASCADE, related_name="assessments")
    as_of = models.DateField(help_text="The date the law is assessed at.")
    label = models.CharField(max_length=120, blank=True,
                             help_text="A name of its own, e.g. 'Korea launch' or 'After the 2027 redesign'.")
    archived_at = models.DateTimeField(null=True, blank=True,
                                       help_text="Set when superseded: kept and readable, but read-only and out of the counts.")
    archived_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    current_section = models.CharField(max_length=80, blank=True, help_text="Where the user left off.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "updated_at"], name="assessment_org_updated")]

    def __str__(self) -> str:
        return f"{self.system}: {self.title}"

    @property
    def title(self) -> str:
        """The assessment's own label, or its date when it has none (in the reader's language)."""
        return self.label or gettext("as of %(date)s") % {"date": f"{self.as_of:%Y-%m-%d}"}

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


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
    # "inventory": prefilled from the system's imported facts and not yet saved by a person (who may change it).
    origin = models.CharField(max_length=16, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "question_code"], name="one_answer_per_question")]
        ordering = ["question_code"]

    def __str__(self) -> str:
        return f"{self.question_code} = {self.value!r}"


# --- stored results (written by compliance.assessments.stored_results, read by the portfolio pages) ---------


class DocumentJSONField(models.JSONField):
    """A JSONField for large documents written in bulk.

    Django inserts many rows on PostgreSQL through UNNEST(arrays), and psycopg escapes every quote of an
    array element in Python: for results of tens of kilobytes that took most of a batch's time. A
    placeholder of its own makes Django use plain VALUES rows for this field's table.
    """

    def get_placeholder(self, value, compiler, connection):
        return "%s"


class ResultSummary(models.Model):
    """What an assessment's evaluation came to, stored so portfolio pages never evaluate.

    ``fingerprint`` identifies the inputs (pinned versions' content hashes, answers, as-of
    date, engine code); a summary whose fingerprint no longer matches is recomputed before
    it is shown. ``assessment_updated_at`` lets one query find summaries older than their
    assessment. Counts are by nature (binding / effort / voluntary) and never mixed.
    """

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="result_summary")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)
    engine = models.CharField(max_length=16, blank=True, help_text="The engine code's hash the results came from.")
    assessment_updated_at = models.DateTimeField()
    computed_at = models.DateTimeField(default=timezone.now)
    problem = models.TextField(blank=True, help_text="Why the answers could not be evaluated, if they could not.")
    answered = models.PositiveIntegerField(default=0, help_text="Required questions shown and answered.")
    required = models.PositiveIntegerField(default=0, help_text="Required questions shown.")
    top_tier_rank = models.IntegerField(null=True, blank=True, help_text="The highest tier rank across frameworks.")
    tier_keys = models.TextField(blank=True, help_text="' framework:tier ' for every tier assigned, for filtering.")
    binding_now = models.PositiveIntegerField(default=0)
    binding_later = models.PositiveIntegerField(default=0)
    effort_now = models.PositiveIntegerField(default=0)
    effort_later = models.PositiveIntegerField(default=0)
    voluntary_now = models.PositiveIntegerField(default=0)
    voluntary_later = models.PositiveIntegerField(default=0)
    unverified = models.PositiveIntegerField(default=0, help_text="Applicable items resting on unverified sources.")
    next_legal_date = models.DateField(null=True, blank=True,
                                       help_text="The first date after the as-of date from which a binding or effort duty applies.")

    class Meta:
        indexes = [models.Index(fields=["organization", "top_tier_rank"]),
                   models.Index(fields=["organization", "computed_at"], name="result_org_computed")]

    def __str__(self) -> str:
        return f"Results of {self.assessment_id}"

    @property
    def complete(self) -> bool:
        return self.answered >= self.required

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.required) if self.required else 100


class FrameworkSummary(models.Model):
    """One framework's stored result for an assessment: the engine's output without its trace."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="framework_summaries")
    framework_code = models.SlugField(max_length=80)
    version = models.ForeignKey(RuleSetVersion, on_delete=models.PROTECT, related_name="+")
    in_scope = models.BooleanField()
    tiers = models.JSONField(default=list, help_text="[{code, label, rank}] in the order the rules assigned them.")
    roles = models.JSONField(default=list, help_text="[{code, label}].")
    counts = models.JSONField(default=dict, help_text="{nature: {status: n, 'unverified': n}} over every obligation.")
    next_legal_date = models.DateField(null=True, blank=True)
    result = DocumentJSONField(help_text="The engine's result for this framework (classify format) without the trace "
                                        "and without the rule set's own obligation texts.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "framework_code"],
                                               name="one_summary_per_framework")]
        ordering = ["framework_code"]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.framework_code}"

    @property
    def top_tier(self) -> dict | None:
        return max(self.tiers, key=lambda t: t.get("rank") or 0) if self.tiers else None


class ObligationSummary(models.Model):
    """An obligation that applies to an assessed system (any status but not applicable), with its legal date.

    Dashboards join these with gap items to find overdue work and legal dates that are near.
    """

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="obligation_summaries")
    framework_code = models.SlugField(max_length=80)
    obligation_code = models.SlugField(max_length=80)
    nature = models.CharField(max_length=16)
    status = models.CharField(max_length=24)
    confidence = models.CharField(max_length=16)
    applies_from = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "framework_code", "obligation_code"],
                                               name="one_summary_per_obligation")]
        indexes = [models.Index(fields=["organization", "applies_from"])]

    def __str__(self) -> str:
        return f"{self.assessment_id}: {self.framework_code}:{self.obligation_code}"
