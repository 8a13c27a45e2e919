"""Rule-set data: frameworks, their versions, and each version's content.

A published or retired version is immutable. Every write path (save, delete,
queryset update/delete, bulk create/update) refuses to change it or its children;
only the status moves forward (draft -> published -> retired).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .document import EXPLANATORY_QUESTION_FIELDS


class ImmutableVersionError(Exception):
    """Raised on any attempt to change a published or retired rule-set version."""


class Framework(models.Model):
    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    local_name = models.CharField(max_length=300, blank=True)
    official_languages = models.JSONField(default=list, blank=True,
                                          help_text="Languages with an official text of the law; in any other "
                                          "language the product's texts are its own translation.")
    jurisdiction = models.CharField(max_length=200)
    description = models.TextField()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RuleSetVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    # Status moves only forward; content is frozen once it leaves draft.
    ALLOWED_TRANSITIONS = {
        (Status.DRAFT, Status.PUBLISHED), (Status.DRAFT, Status.RETIRED), (Status.PUBLISHED, Status.RETIRED),
    }
    # Translations are not legal content (not hashed): a corrected translation needs no new version.
    MUTABLE_AFTER_PUBLISH = {"status", "published_at", "in_force_until", "translations", "translations_digest"}

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="versions")
    label = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    sources = models.JSONField(default=list, help_text="Source documents: title, url, date.")
    notes = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    in_force_from = models.DateField()
    in_force_until = models.DateField(null=True, blank=True)
    last_reviewed = models.DateField(null=True, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Format 2 (issue 10): the file format, the market its per-market answers come from, and
    # version-level rule data (named definitions and exceptions, shared questions, answer mappings).
    format = models.PositiveSmallIntegerField(default=1)
    market = models.CharField(max_length=8, blank=True)
    out_of_scope_reason = models.TextField(blank=True)
    supersedes = models.CharField(max_length=40, blank=True)
    shared_questions = models.JSONField(default=list, blank=True)
    definitions = models.JSONField(default=list, blank=True)
    exceptions = models.JSONField(default=list, blank=True)
    answer_mappings = models.JSONField(default=list, blank=True)
    # Issue 11: Korean and Japanese texts, {"ko": {key: text}, "ja": {...}} (frameworks/translations.py).
    translations = models.JSONField(default=dict, blank=True)
    translations_digest = models.CharField(max_length=16, blank=True, help_text="Changes with any translation.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework__code", "-in_force_from", "label"]
        constraints = [models.UniqueConstraint(fields=["framework", "label"], name="unique_version_label")]
        permissions = [("publish_rulesetversion", "Can publish rule-set versions")]

    def __str__(self) -> str:
        return f"{self.framework.code} {self.label} ({self.status})"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            old: dict | None = dict(RuleSetVersion.objects.filter(pk=self.pk).values().first() or {}) or None
            if old and old["status"] != self.Status.DRAFT:
                changed = {f.attname for f in self._meta.concrete_fields if getattr(self, f.attname) != old[f.attname]}
                frozen = changed - self.MUTABLE_AFTER_PUBLISH
                if frozen:
                    raise ImmutableVersionError(f"{self} is {old['status']}; its content cannot change ({', '.join(sorted(frozen))}).")
                if old["status"] != self.status and (old["status"], self.status) not in self.ALLOWED_TRANSITIONS:
                    raise ImmutableVersionError(f"{self}: cannot move from {old['status']} to {self.status}.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if RuleSetVersion.objects.filter(pk=self.pk).exclude(status=self.Status.DRAFT).exists():
            raise ImmutableVersionError(f"{self} is not a draft and cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


def _refuse_unless_drafts(version_ids) -> None:
    locked = RuleSetVersion.objects.filter(pk__in=set(version_ids)).exclude(status=RuleSetVersion.Status.DRAFT)
    if locked.exists():
        raise ImmutableVersionError(f"{locked.first()} is not a draft; its content cannot change.")


class VersionContentQuerySet(models.QuerySet):
    """Bulk writes check that every affected version is still a draft."""

    version_path = "version_id"

    def _affected_versions(self):
        return self.values_list(self.version_path, flat=True)

    def update(self, **kwargs):
        _refuse_unless_drafts(self._affected_versions())
        return super().update(**kwargs)

    def delete(self):
        _refuse_unless_drafts(self._affected_versions())
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        _refuse_unless_drafts(o.owning_version_id for o in objs)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        _refuse_unless_drafts(o.owning_version_id for o in objs)
        return super().bulk_update(objs, *args, **kwargs)


class ChoiceQuerySet(VersionContentQuerySet):
    version_path = "question__version_id"


class VersionContent(models.Model):
    """Base for every child of a version: refuses writes once the version is published."""

    position = models.PositiveIntegerField(default=0)
    objects = VersionContentQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position"]

    # Fields outside the content hash (help texts): a published version's may be corrected, alone.
    EXPLANATORY_FIELDS: frozenset[str] = frozenset()

    def save(self, *args, **kwargs) -> None:
        fields = kwargs.get("update_fields")
        if not (fields and set(fields) <= self.EXPLANATORY_FIELDS):
            _refuse_unless_drafts([self.owning_version_id])
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_unless_drafts([self.owning_version_id])
        return super().delete(*args, **kwargs)

    @property
    def owning_version_id(self) -> int:
        return self.version_id  # type: ignore[attr-defined]  # every subclass but Choice has a version


class Confidence(models.TextChoices):
    PRIMARY = "primary", "Primary source"
    SECONDARY = "secondary", "Secondary sources"
    UNVERIFIED = "unverified", "Unverified"


class Section(VersionContent):
    version = models.ForeignKey(RuleSetVersion, on_delete=models.CASCADE, related_name="sections")
    code = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta(VersionContent.Meta):
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_section_code")]

    def __str__(self) -> str:
        return self.title


class Question(VersionContent):
    class Type(models.TextChoices):
        YES_NO = "yes_no", "Yes / no"
        SINGLE_CHOICE = "single_choice", "Single choice"
        MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
        NUMBER = "number", "Number"
        DATE = "date", "Date"
        TEXT = "text", "Text"

    version = models.ForeignKey(RuleSetVersion, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=80)
    prompt = models.TextField()
    help = models.TextField(blank=True)
    help_by_framework = models.JSONField(default=dict, blank=True,
                                         help_text="How each framework reads the fact (framework code: text).")
    type = models.CharField(max_length=20, choices=Type.choices)
    required = models.BooleanField(default=True)
    unit = models.CharField(max_length=40, blank=True)
    minimum = models.FloatField(null=True, blank=True)
    maximum = models.FloatField(null=True, blank=True)
    visible_if = models.TextField(blank=True, help_text="CEL condition over earlier answers; empty means always shown.")
    citations = models.JSONField(default=list, blank=True)
    per_market = models.BooleanField(default=False, help_text="Format 2: the answer may differ per market.")
    allow_unknown = models.BooleanField(default=False, help_text="Format 2: 'I don't know' is a valid answer.")
    if_unknown = models.JSONField(null=True, blank=True, help_text="Format 2: the answer assumed for 'I don't know'.")
    history = HistoricalRecords()
    EXPLANATORY_FIELDS = frozenset(EXPLANATORY_QUESTION_FIELDS)

    class Meta(VersionContent.Meta):
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_question_code")]

    def __str__(self) -> str:
        return self.code


class Choice(VersionContent):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    code = models.CharField(max_length=80)
    label = models.CharField(max_length=1000)  # some choices quote a legal list item verbatim
    help = models.TextField(blank=True)
    objects = ChoiceQuerySet.as_manager()  # type: ignore[misc]  # checks drafts through the question
    history = HistoricalRecords()
    EXPLANATORY_FIELDS = frozenset({"help"})

    class Meta(VersionContent.Meta):
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="unique_choice_code")]

    def __str__(self) -> str:
        return self.label

    @property
    def owning_version_id(self) -> int:
        return self.question.version_id


class Role(VersionContent):
    version = models.ForeignKey(RuleSetVersion, on_delete=models.CASCADE, related_name="roles")
    code = models.SlugField(max_length=80)
    label = models.CharField(max_length=200)
    local_label = models.CharField(max_length=200, blank=True)
    description = models.TextField()
    citation = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta(VersionContent.Meta):
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_role_code")]

    def __str__(self) -> str:
        return self.label


class Tier(VersionContent):
    version = models.ForeignKey(RuleSetVersion, on_delete=models.CASCADE, related_name="tiers")
    code = models.SlugField(max_length=80)
    label = models.CharField(max_length=200)
    local_label = models.CharField(max_length=200, blank=True)
    rank = models.PositiveIntegerField(help_text="Severity: higher is more severe.")
    description = models.TextField()
    citation = models.CharField(max_length=300, blank=True)
    prohibits_use = models.BooleanField(default=False, help_text="Format 2: a prohibited practice; duties that "
                                        "assume lawful use become moot.")
    history = HistoricalRecords()

    class Meta(VersionContent.Meta):
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_tier_code")]

    def __str__(self) -> str:
        return self.label


class ClassificationRule(VersionContent):
    class Assigns(models.TextChoices):
        TIER = "tier", "Tier"
        ROLE = "role", "Role"
        SCOPE = "scope", "Scope"

    version = models.ForeignKey(RuleSetVersion, on_delete=models.CASCADE, related_name="rules")
    code = models.SlugField(max_length=80)
    assign_kind = models.CharField(max_length=10, choices=Assigns.choices)
    assign_value = models.CharField(max_length=80, help_text="Tier or role code, or 'in'/'out' for scope.")
    precedence = models.IntegerField(default=0)
    when = models.TextField(help_text="CEL condition.")
    unless = models.JSONField(default=list, blank=True, help_text="Exceptions: code, label, when, citation.")
    explanation = models.TextField()
    citation = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500, blank=True)
    confidence = models.CharField(max_length=12, choices=Confidence.choices)
    history = HistoricalRecords()

    class Meta(VersionContent.Meta):
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_rule_code")]

    def __str__(self) -> str:
        return self.code


class Obligation(VersionContent):
    class Nature(models.TextChoices):
        BINDING = "binding", "Binding duty"
        EFFORT = "effort", "Duty to endeavour"
        VOLUNTARY = "voluntary", "Voluntary recommendation"

    version = models.ForeignKey(RuleSetVersion, on_delete=models.CASCADE, related_name="obligations")
    code = models.SlugField(max_length=80)
    title = models.CharField(max_length=300)
    local_title = models.CharField(max_length=300, blank=True)
    summary = models.TextField()
    citation = models.CharField(max_length=300)
    source_url = models.URLField(max_length=500)
    confidence = models.CharField(max_length=12, choices=Confidence.choices)
    nature = models.CharField(max_length=10, choices=Nature.choices, default=Nature.BINDING)
    roles = models.JSONField(default=list, blank=True, help_text="Role codes it binds; empty means any role.")
    tiers = models.JSONField(default=list, blank=True, help_text="Tier codes it needs; empty means any tier.")
    when = models.TextField(blank=True, help_text="CEL condition; empty means always.")
    unless = models.JSONField(default=list, blank=True)
    applies_from = models.JSONField(help_text="List of {date, when, citation}; the first entry whose condition holds gives the date.")
    applies_until = models.DateField(null=True, blank=True)
    deadline = models.TextField(blank=True)
    penalty = models.JSONField(null=True, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    applies_despite_ban = models.BooleanField(default=False, help_text="Format 2: binds even under a ban.")
    history = HistoricalRecords()

    class Meta(VersionContent.Meta):
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_obligation_code")]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class CrosswalkLink(VersionContent):
    class Kind(models.TextChoices):
        EQUIVALENT = "equivalent", "Equivalent"
        OVERLAPS = "overlaps", "Overlaps"
        RELATED = "related", "Related"

    version = models.ForeignKey(RuleSetVersion, on_delete=models.CASCADE, related_name="crosswalk_links")
    obligation_code = models.SlugField(max_length=80)
    target_framework = models.SlugField(max_length=80)
    target_obligation = models.SlugField(max_length=80)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.obligation_code} -> {self.target_framework}:{self.target_obligation} ({self.kind})"
