"""The inventory as a table: one row per system and framework of its latest assessment, with the results.

Reads the stored results (no evaluation), brought up to date first for the assessments it lists.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from compliance.assessments.models import AISystem, Assessment, FrameworkSummary
from compliance.assessments.stored_results import outdated, refresh_results
from compliance.organizations.models import Organization
from frameworks import wording
from frameworks.engine import APPLIES_LATER, APPLIES_NOW, MOOT, NOT_APPLICABLE
from frameworks.models import RuleSetVersion
from frameworks.ruleset import CompiledRuleSet
from frameworks.selectors import localized_ruleset


def export_header() -> list[str]:
    return [_("System"), _("Description"), _("Purpose"), _("Owner"), _("Lifecycle stage"), _("Markets"),
            _("Assessment"), _("Assessed as of"), _("Framework"), _("Market"), _("Rule-set version"), _("In scope"),
            _("Scope reason"), _("Risk tiers"), _("Roles"),
            # Binding duties, duties to endeavour and voluntary practices are counted apart, never added up.
            _("Binding duties applying now"), _("Binding duties applying later"), _("Duties to endeavour applying"),
            _("Voluntary practices recommended"), _("Obligations not applicable"), _("Obligations moot")]


def _latest_assessment_ids(organization: Organization) -> dict[int, int]:
    latest: dict[int, int] = {}
    for system_id, pk in (Assessment.objects.filter(organization=organization)
                          .order_by("system_id", "-created_at", "-pk").values_list("system_id", "pk")):
        latest.setdefault(system_id, pk)
    return latest


def _latest_assessments(organization: Organization) -> dict[int, Assessment]:
    """Each system's latest assessment with its stored results, refreshed first where missing or outdated."""
    ids = list(_latest_assessment_ids(organization).values())
    stale = list(outdated(Assessment.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    if stale:
        refresh_results(assessment_ids=stale)
    summaries = FrameworkSummary.objects.select_related("version__framework").order_by("framework_code")
    return {a.system_id: a for a in Assessment.objects.filter(pk__in=ids)
            .prefetch_related(Prefetch("framework_summaries", queryset=summaries))}


class _Texts:
    """Names, labels and scope reasons in the reader's language (stored results are in English)."""

    def __init__(self) -> None:
        self._rule_sets: dict[int, CompiledRuleSet] = {}

    def rule_set(self, version: RuleSetVersion) -> CompiledRuleSet:
        if version.pk not in self._rule_sets:
            self._rule_sets[version.pk] = localized_ruleset(version)
        return self._rule_sets[version.pk]

    def label(self, version: RuleSetVersion, kind: str, item: dict) -> str:
        rule_set = self.rule_set(version)
        found = (rule_set.tiers if kind == "tier" else rule_set.roles).get(item["code"])
        return str(found["label"]) if found else item["label"]

    def scope_reason(self, version: RuleSetVersion, summary: FrameworkSummary) -> str:
        return wording.scope_reason(self.rule_set(version), in_scope=summary.in_scope,
                                    scope_rules=summary.result.get("scope_rules", []),
                                    stored=summary.result.get("scope_reason", ""))


def _count(counts: dict, nature: str, *statuses: str) -> int:
    return sum(counts.get(nature, {}).get(status, 0) for status in statuses)


def export_rows(*, organization: Organization) -> list[list]:
    latest = _latest_assessments(organization)
    texts = _Texts()
    rows: list[list] = []
    for system in AISystem.objects.filter(organization=organization).order_by("name", "pk"):
        stage = system.get_lifecycle_stage_display()
        base = [system.name, system.description, system.purpose, system.owner, str(stage), ", ".join(system.markets)]
        assessment = latest.get(system.pk)
        if assessment is None:
            rows.append([*base, _("not assessed"), *[""] * (len(export_header()) - len(base) - 1)])
            continue
        for summary in assessment.framework_summaries.all():
            version, counts, data = summary.version, summary.counts, summary.result
            rows.append([*base, assessment.pk, assessment.as_of.isoformat(), texts.rule_set(version).framework["name"],
                         data.get("market") or "", version.label, _("yes") if summary.in_scope else _("no"),
                         texts.scope_reason(version, summary),
                         "; ".join(texts.label(version, "tier", t) for t in summary.tiers),
                         "; ".join(texts.label(version, "role", r) for r in summary.roles),
                         _count(counts, "binding", APPLIES_NOW), _count(counts, "binding", APPLIES_LATER),
                         _count(counts, "effort", APPLIES_NOW, APPLIES_LATER),
                         _count(counts, "voluntary", APPLIES_NOW, APPLIES_LATER),
                         sum(_count(counts, nature, NOT_APPLICABLE) for nature in counts),
                         sum(_count(counts, nature, MOOT) for nature in counts)])
    return rows
