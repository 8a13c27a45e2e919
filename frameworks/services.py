"""Writes to rule-set data: import, export, drafts, publishing. Each write is atomic."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

import yaml
from django.db import transaction
from django.utils import timezone

from . import translations as tr
from .document import explanatory_texts
from .loader import LoadedFile, compile_text, cross_file_problems
from .models import (
    Choice,
    ClassificationRule,
    CrosswalkLink,
    Framework,
    Obligation,
    Question,
    Role,
    RuleSetVersion,
    Section,
    Tier,
)
from .ruleset import Problem, RuleSetInvalid, compile_document
from .selectors import obligation_codes_by_framework
from .serialization import version_document, version_fields, write_version_content


@dataclass(frozen=True)
class ImportOutcome:
    name: str
    framework: str
    label: str
    action: str
    content_hash: str

    def __str__(self) -> str:
        return f"{self.name}: {self.framework} {self.label} {self.action} ({self.content_hash[:12]})"


def import_rule_set_files(*, files: list[LoadedFile]) -> list[ImportOutcome]:
    """Store compiled files in one transaction: all of them, or none if any conflicts."""
    with transaction.atomic():
        problems = cross_file_problems(files, obligation_codes_by_framework())
        if problems:
            raise RuleSetInvalid(problems)
        outcomes = [_import_one(f) for f in files]
        for f in files:
            if f.rule_set.version["status"] == RuleSetVersion.Status.PUBLISHED:
                outcomes += _retire_superseded(f.name, f.rule_set.framework_code, f.rule_set.version.get("supersedes"))
        return outcomes


def _retire_superseded(name: str, framework_code: str, label: str | None) -> list[ImportOutcome]:
    """A published correction retires the version it supersedes (its period stays: it is retired, not ended)."""
    if not label:
        return []
    old = (RuleSetVersion.objects.select_for_update()
           .filter(framework__code=framework_code, label=label, status=RuleSetVersion.Status.PUBLISHED).first())
    if old is None:
        return []
    old.status = RuleSetVersion.Status.RETIRED
    old.save()
    return [ImportOutcome(name, framework_code, label, "retired (superseded)", old.content_hash)]


def _sync_framework(document: dict) -> Framework:
    fw = document["framework"]
    framework, _ = Framework.objects.update_or_create(code=fw["code"], defaults={
        "name": fw["name"], "local_name": fw["local_name"], "jurisdiction": fw["jurisdiction"],
        "description": fw["description"], "official_languages": fw["official_languages"]})
    return framework


def _create_version(framework: Framework, document: dict, content_hash: str, status: str,
                    translations: dict | None = None) -> RuleSetVersion:
    meta = document["version"]
    translations = translations or {}
    version = RuleSetVersion.objects.create(
        framework=framework, label=meta["label"], title=meta["title"], sources=meta["sources"], notes=meta["notes"],
        in_force_from=meta["in_force_from"], in_force_until=meta["in_force_until"],
        last_reviewed=meta["last_reviewed"], content_hash=content_hash, status=RuleSetVersion.Status.DRAFT,
        translations=translations, translations_digest=display_digest(translations, document),
        **version_fields(document))
    write_version_content(version, document)
    if status == RuleSetVersion.Status.DRAFT:
        _record_starting_point(version)
    if status != RuleSetVersion.Status.DRAFT:
        version.status = status
        version.published_at = timezone.now()
        version.save()
    version.refresh_from_db()  # dates were given as text; callers get real dates
    return version


STARTING_POINT = "starting point"


def _record_starting_point(version: RuleSetVersion) -> None:
    """History rows for a new draft's content (bulk inserts record none), so later edits show what changed."""
    for model in (Section, Question, Role, Tier, ClassificationRule, Obligation, CrosswalkLink):
        model.history.bulk_history_create(list(model.objects.filter(version=version)),
                                          default_change_reason=STARTING_POINT)
    Choice.history.bulk_history_create(list(Choice.objects.filter(question__version=version)),
                                       default_change_reason=STARTING_POINT)


def _import_one(loaded: LoadedFile) -> ImportOutcome:
    rule_set = loaded.rule_set
    document = rule_set.document
    status = document["version"]["status"]
    framework = _sync_framework(document)
    existing = RuleSetVersion.objects.filter(framework=framework, label=rule_set.label).first()

    def outcome(action: str) -> ImportOutcome:
        return ImportOutcome(loaded.name, framework.code, rule_set.label, action, rule_set.content_hash)

    if existing is None:
        _create_version(framework, document, rule_set.content_hash, status, rule_set.translations)
        return outcome(f"created as {status}")
    if existing.content_hash != rule_set.content_hash and \
            compile_document(version_document(existing)).content_hash == rule_set.content_hash:
        # Same content, stored under a hash computed by an earlier version of content_hash(): record the new one.
        RuleSetVersion.objects.filter(pk=existing.pk).update(content_hash=rule_set.content_hash)
        existing.content_hash = rule_set.content_hash
    if existing.content_hash != rule_set.content_hash:
        pass  # different content: replaced below if a draft, refused if published
    elif (help_corrected := _correct_help_texts(existing, document)) or existing.translations != rule_set.translations:
        # Translations and help texts are not legal content: a correction updates the version in place.
        translated = existing.translations != rule_set.translations
        existing.translations = rule_set.translations
        existing.translations_digest = display_digest(rule_set.translations, document)
        existing.save()
        _import_status(existing, status)
        return outcome(" and ".join([*(["translations updated"] if translated else []),
                                     *(["help texts corrected"] if help_corrected else [])]))
    elif existing.status != status and (existing.status, status) in RuleSetVersion.ALLOWED_TRANSITIONS:
        existing.status = status
        existing.published_at = existing.published_at or timezone.now()
        existing.save()
        return outcome(f"status changed to {status}")
    else:
        return outcome("unchanged")
    if existing.is_draft:
        existing.delete()
        _create_version(framework, document, rule_set.content_hash, status, rule_set.translations)
        return outcome(f"draft replaced, now {status}")
    raise RuleSetInvalid([Problem(
        loaded.name,
        f"version {rule_set.label} of {framework.code} is already {existing.status} with different content; "
        "published versions never change, so give the new content a new version label")])


def display_digest(translations: dict, document: dict) -> str:
    """Identifies a version's texts outside its content hash (translations, help texts), for caches."""
    return tr.digest({"translations": translations, "help": explanatory_texts(document)})


def _keep_starting_point(model, item) -> None:
    """Published content has no history rows (bulk inserts): record the text before its first correction."""
    if not item.history.exists():
        model.history.bulk_history_create([item], default_change_reason=STARTING_POINT)


def _correct_help_texts(version: RuleSetVersion, document: dict) -> bool:
    """Put a file's help texts into a stored version (any status: they are not legal content).

    Each changed question or choice is saved on its own, so the version's history shows the correction.
    Returns whether anything changed.
    """
    wanted = explanatory_texts(document)
    changed = False
    for question in Question.objects.filter(version=version).prefetch_related("choices"):
        texts = wanted.get(question.code)
        if texts is None:
            continue
        touched = False
        if (question.help, question.help_by_framework) != (texts["help"], texts["help_by_framework"]):
            _keep_starting_point(Question, question)
            question.help, question.help_by_framework = texts["help"], texts["help_by_framework"]
            question._change_reason = "help text corrected"  # type: ignore[attr-defined]  # simple_history
            question.save(update_fields=list(Question.EXPLANATORY_FIELDS))
            touched = True
        for choice in question.choices.all():
            help_text = texts["choices"].get(choice.code, choice.help)
            if choice.help != help_text:
                _keep_starting_point(Choice, choice)
                choice.help = help_text
                choice._change_reason = "help text corrected"  # type: ignore[attr-defined]  # simple_history
                choice.save(update_fields=["help"])
                touched = True
        changed = changed or touched
    return changed


def _import_status(existing: RuleSetVersion, status: str) -> None:
    if existing.status != status and (existing.status, status) in RuleSetVersion.ALLOWED_TRANSITIONS:
        existing.status = status
        existing.published_at = existing.published_at or timezone.now()
        existing.save()


def set_translations(*, version: RuleSetVersion, language: str, strings: dict) -> RuleSetVersion:
    """Replace one language's translations of a version (any status: translations are not legal content).

    Checked against the version's English strings: unknown keys, empty texts and English left in are
    refused; missing strings are allowed and fall back to English, visibly marked.
    """
    if language not in tr.LANGUAGES:
        raise RuleSetInvalid([Problem("language", f"'{language}' is not one of {', '.join(tr.LANGUAGES)}")])
    source = tr.source_strings(compile_document(version_document(version)).document)
    problems = tr.problems(source=source, translated=strings, language=language, name=str(version), complete=False)
    if problems:
        raise RuleSetInvalid(problems)
    with transaction.atomic():
        version = RuleSetVersion.objects.select_for_update().get(pk=version.pk)
        translations = {**version.translations, language: dict(strings)}
        version.translations = translations
        version.translations_digest = display_digest(translations, version_document(version))
        version.save()
        return version


def import_yaml_as_draft(*, text: str, name: str) -> RuleSetVersion:
    """Admin upload: store a YAML file as a new draft, whatever status it declares."""
    rule_set = compile_text(text, name)
    document = copy.deepcopy(rule_set.document)
    document["version"]["status"] = RuleSetVersion.Status.DRAFT
    with transaction.atomic():
        problems = cross_file_problems([LoadedFile(name, rule_set)], obligation_codes_by_framework())
        if RuleSetVersion.objects.filter(framework__code=rule_set.framework_code, label=rule_set.label).exists():
            problems.append(Problem(name, f"version label {rule_set.label} already exists for {rule_set.framework_code}"))
        problems += _framework_change_problems(name, document["framework"])
        if problems:
            raise RuleSetInvalid(problems)
        framework = _sync_framework(document)
        return _create_version(framework, document, rule_set.content_hash, RuleSetVersion.Status.DRAFT)


def _framework_change_problems(name: str, framework: dict) -> list[Problem]:
    """An upload may not rename a framework that has published versions: their content would change with it."""
    stored = Framework.objects.filter(code=framework["code"]).first()
    if stored is None or not stored.versions.exclude(status=RuleSetVersion.Status.DRAFT).exists():
        return []
    return [Problem(f"{name}: framework.{field}", f"differs from the published versions ('{getattr(stored, field)}'); "
                    "the framework block is shared by every version, so copy it unchanged")
            for field in ("name", "local_name", "jurisdiction", "description", "official_languages")
            if framework[field] != getattr(stored, field)]


def export_yaml(*, version: RuleSetVersion) -> str:
    """YAML that loads back to the same content hash."""
    header = (f"# {version.framework.name}: {version.title}\n"
              f"# Exported {timezone.now():%Y-%m-%d}; content hash {version.content_hash}\n")
    body = yaml.safe_dump(version_document(version), sort_keys=False, allow_unicode=True, width=110)
    return header + body


def refresh_draft_hash(*, version: RuleSetVersion) -> str:
    """Recompute a draft's hash after edits (published versions keep theirs)."""
    if not version.is_draft:
        return version.content_hash
    rule_set = compile_document(version_document(version))
    RuleSetVersion.objects.filter(pk=version.pk).update(content_hash=rule_set.content_hash)
    version.content_hash = rule_set.content_hash
    return version.content_hash


def publish_version(*, version: RuleSetVersion) -> RuleSetVersion:
    """Validate a draft and publish it; the version it replaces gets an end date and is retired."""
    with transaction.atomic():
        version = RuleSetVersion.objects.select_for_update().select_related("framework").get(pk=version.pk)
        if not version.is_draft:
            raise RuleSetInvalid([Problem(str(version), f"only drafts can be published; this one is {version.status}")])
        rule_set = compile_document(version_document(version))
        problems = cross_file_problems([LoadedFile(str(version), rule_set)], obligation_codes_by_framework())
        problems += replacement_problems(version=version)
        if problems:
            raise RuleSetInvalid(problems)
        _retire_superseded(str(version), version.framework.code, version.supersedes)
        previous = (RuleSetVersion.objects.select_for_update()
                    .filter(framework=version.framework, status=RuleSetVersion.Status.PUBLISHED,
                            in_force_from__lte=version.in_force_from)
                    .exclude(pk=version.pk))
        for old in previous:
            old.status = RuleSetVersion.Status.RETIRED
            if old.in_force_until is None or old.in_force_until > version.in_force_from:
                old.in_force_until = version.in_force_from
            old.save()
        version.content_hash = rule_set.content_hash
        version.status = RuleSetVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        version.save()
        return version


def replacement_problems(*, version: RuleSetVersion) -> list[Problem]:
    """A new version replaces the one in force from a later date.

    On the same date the replaced version would be left with an empty in-force window,
    and assessments pinned to it could no longer be evaluated.
    """
    same_day = (RuleSetVersion.objects.filter(framework_id=version.framework_id, status=RuleSetVersion.Status.PUBLISHED,
                                              in_force_from=version.in_force_from)
                .exclude(pk=version.pk).exclude(label=version.supersedes or None).first())
    if same_day is None:
        return []
    return [Problem("version.in_force_from", f"{same_day.label} already enters into force on "
                    f"{same_day.in_force_from:%Y-%m-%d}; give the date from which this version's rules apply")]


def create_draft_from(*, version: RuleSetVersion, label: str, in_force_from: dt.date | None = None) -> RuleSetVersion:
    """Copy any version into a new, editable draft under a new label (and in-force date, if given)."""
    document = version_document(version)
    document["version"].update(label=label, status=RuleSetVersion.Status.DRAFT)
    document["version"].pop("in_force_until", None)
    if in_force_from is not None:
        document["version"]["in_force_from"] = in_force_from.isoformat()
    rule_set = compile_document(document)
    with transaction.atomic():
        if RuleSetVersion.objects.filter(framework=version.framework, label=label).exists():
            raise RuleSetInvalid([Problem("label", f"version label {label} already exists for {version.framework.code}")])
        return _create_version(version.framework, rule_set.document, rule_set.content_hash, RuleSetVersion.Status.DRAFT,
                               version.translations)
