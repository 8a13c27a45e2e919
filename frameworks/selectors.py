"""Reads of rule-set data: versions in force, documents, compiled rule sets."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.utils.translation import get_language

from . import translations as tr
from .models import Obligation, RuleSetVersion
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
    return dataclasses.replace(compile_document(version_document(version)), translations=version.translations)


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


def compiled_ruleset(version: RuleSetVersion) -> CompiledRuleSet:
    """The compiled form of a version (English texts), cached per process for published and retired versions.

    Their content cannot change, so (id, content hash) identifies the compiled result; the status and
    end date, which a later publish changes outside the hash, are part of the key too, and so are the
    translations, which may be corrected after publishing. Drafts are compiled fresh every time.
    """
    if version.is_draft or not version.content_hash:
        return _compile(version)
    key = (version.pk, version.content_hash, version.status, version.in_force_until, version.translations_digest)
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
    if version.is_draft or not version.content_hash:
        return tr.localize(english, language)
    key = (version.pk, version.content_hash, version.status, version.in_force_until, version.translations_digest,
           language)
    return _cached(key, lambda: tr.localize(english, language))


def obligation_codes_by_framework() -> dict[str, set[str]]:
    """Every obligation code stored, per framework (for crosswalk checks)."""
    codes: dict[str, set[str]] = {}
    for framework, code in Obligation.objects.values_list("version__framework__code", "code"):
        codes.setdefault(framework, set()).add(code)
    return codes
