"""Reads of rule-set data: versions in force, documents, compiled rule sets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.utils.translation import get_language

from . import translations as tr
from .loader import shipped_framework_names
from .models import Framework, Obligation, RuleSetVersion
from .ruleset import CompiledRuleSet, compile_document
from .selection import in_force
from .serialization import version_document

_CACHE_SIZE = 64
_compiled: OrderedDict[tuple, CompiledRuleSet] = OrderedDict()
_lock = threading.Lock()


def versions_in_force(*, as_of: dt.date, framework_codes: Iterable[str] | None = None) -> list[RuleSetVersion]:
    """The version of each framework in force on ``as_of`` (frameworks with none are left out)."""
    versions = RuleSetVersion.objects.select_related("framework").exclude(status=RuleSetVersion.Status.DRAFT)
    if framework_codes is not None:
        versions = versions.filter(framework__code__in=list(framework_codes))
    by_framework: dict[str, list[RuleSetVersion]] = {}
    for version in versions:
        by_framework.setdefault(version.framework.code, []).append(version)
    chosen = []
    for code in sorted(by_framework):
        candidates = [(v, {"status": v.status, "in_force_from": v.in_force_from, "in_force_until": v.in_force_until,
                           "published_at": v.published_at})
                      for v in by_framework[code]]
        in_force_version = in_force(candidates, as_of)
        if in_force_version is not None:
            chosen.append(in_force_version)
    return chosen


def latest_published(*, framework_code: str) -> RuleSetVersion | None:
    return (RuleSetVersion.objects.filter(framework__code=framework_code, status=RuleSetVersion.Status.PUBLISHED)
            .select_related("framework").order_by("-in_force_from", "-published_at").first())


def _compile(version: RuleSetVersion) -> CompiledRuleSet:
    return dataclasses.replace(compile_document(version_document(version)), translations=version.translations,
                               texts_digest=version.translations_digest)


def _cached(key: tuple, build: Callable[[], CompiledRuleSet]) -> CompiledRuleSet:
    with _lock:
        cached = _compiled.get(key)
        if cached is not None:
            _compiled.move_to_end(key)
            return cached
    compiled = build()
    with _lock:
        _compiled[key] = compiled
        while len(_compiled) > _CACHE_SIZE:
            _compiled.popitem(last=False)
    return compiled


# The columns that identify a compiled version: enough to find it in the cache without loading its content.
VERSION_KEY_FIELDS = ("id", "content_hash", "status", "in_force_until", "translations_digest")
# Large columns of a version that only compiling reads (readers of many pins defer them).
VERSION_CONTENT_FIELDS = ("translations", "shared_questions", "definitions", "exceptions", "answer_mappings",
                          "sources", "notes")


def _key(version_id: int, content_hash: str, status: str, in_force_until: dt.date | None,
         translations_digest: str) -> tuple | None:
    """The cache key of a compiled version (English texts); None for drafts, which are compiled every time."""
    if status == RuleSetVersion.Status.DRAFT or not content_hash:
        return None
    return (version_id, content_hash, status, in_force_until, translations_digest)


def compiled_rulesets(keys: Iterable[tuple], *, localized: bool = True) -> dict[int, CompiledRuleSet]:
    """Compiled rule sets by version id, from rows of VERSION_KEY_FIELDS; localized to the active language
    unless ``localized`` is false (stored results and machine output read the English texts).

    Versions already compiled in this process cost no query; the others (and drafts) are loaded in one.
    """
    language = tr.language_code(get_language()) if localized else tr.SOURCE_LANGUAGE
    found: dict[int, CompiledRuleSet] = {}
    missing = []
    with _lock:
        for row in keys:
            key = _key(*row)
            if key is not None and language != tr.SOURCE_LANGUAGE:
                key = (*key, language)
            cached = _compiled.get(key) if key is not None else None
            if cached is None:
                missing.append(row[0])
            else:
                _compiled.move_to_end(key)  # type: ignore[arg-type]  # a found key is not None
                found[row[0]] = cached
    if missing:
        build = localized_ruleset if localized else compiled_ruleset
        for version in RuleSetVersion.objects.select_related("framework").filter(pk__in=missing):
            found[version.pk] = build(version)
    return found


def compiled_ruleset(version: RuleSetVersion) -> CompiledRuleSet:
    """The compiled form of a version (English texts), cached per process for published and retired versions.

    Their content cannot change, so (id, content hash) identifies the compiled result; the status and
    end date, which a later publish changes outside the hash, are part of the key too, and so are the
    translations, which may be corrected after publishing. Drafts are compiled fresh every time.
    """
    key = _key(version.pk, version.content_hash, version.status, version.in_force_until, version.translations_digest)
    if key is None:
        return _compile(version)
    return _cached(key, lambda: _compile(version))


def localized_ruleset(version: RuleSetVersion, language: str | None = None) -> CompiledRuleSet:
    """The compiled version with its texts in ``language`` (default: the active Django language).

    For screens and reports only: stored results and the API's machine output use ``compiled_ruleset``.
    Strings without a translation stay in English and are listed in ``localization.untranslated``.
    """
    language = tr.language_code(language if language is not None else get_language())
    english = compiled_ruleset(version)
    if language == tr.SOURCE_LANGUAGE:
        return english
    key = _key(version.pk, version.content_hash, version.status, version.in_force_until, version.translations_digest)
    if key is None:
        return tr.localize(english, language)
    return _cached((*key, language), lambda: tr.localize(english, language))


def obligation_codes_by_framework() -> dict[str, set[str]]:
    """Every obligation code stored, per framework (for crosswalk checks)."""
    codes: dict[str, set[str]] = {}
    for framework, code in Obligation.objects.values_list("version__framework__code", "code"):
        codes.setdefault(framework, set()).add(code)
    return codes


def framework_name(framework: Framework, language: str | None = None) -> str:
    """A framework's name in ``language`` (default: the active language): the shipped translation of its name,
    else its own (English) name. For screens that name a framework without a compiled version at hand."""
    language = tr.language_code(language if language is not None else get_language())
    if language == tr.SOURCE_LANGUAGE:
        return framework.name
    return shipped_framework_names(language).get(framework.code, framework.name)
