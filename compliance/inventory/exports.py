"""The inventory as a table: one row per system and framework of its latest assessment, with the results."""

from __future__ import annotations

from collections import Counter

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from compliance.assessments.models import AISystem, Assessment, PinnedVersion
from compliance.assessments.selectors import assessment_state
from compliance.organizations.models import Organization
from frameworks.engine import APPLIES_LATER, APPLIES_NOW, MOOT, NOT_APPLICABLE


def export_header() -> list[str]:
    return [_("System"), _("Description"), _("Purpose"), _("Owner"), _("Lifecycle stage"), _("Markets"),
            _("Assessment"), _("Assessed as of"), _("Framework"), _("Market"), _("Rule-set version"), _("In scope"),
            _("Scope reason"), _("Risk tiers"), _("Roles"),
            # Binding duties, duties to endeavour and voluntary practices are counted apart, never added up.
            _("Binding duties applying now"), _("Binding duties applying later"), _("Duties to endeavour applying"),
            _("Voluntary practices recommended"), _("Obligations not applicable"), _("Obligations moot")]


def _latest_assessments(organization: Organization) -> dict[int, Assessment]:
    pins = PinnedVersion.objects.select_related("framework", "version")
    latest: dict[int, Assessment] = {}
    for assessment in (Assessment.objects.filter(organization=organization).select_related("system", "organization")
                       .prefetch_related(Prefetch("pinned_versions", queryset=pins), "answers")
                       .order_by("system_id", "-created_at", "-pk")):
        latest.setdefault(assessment.system_id, assessment)
    return latest


def export_rows(*, organization: Organization) -> list[list]:
    latest = _latest_assessments(organization)
    rows: list[list] = []
    for system in AISystem.objects.filter(organization=organization).order_by("name", "pk"):
        stage = system.get_lifecycle_stage_display()
        base = [system.name, system.description, system.purpose, system.owner, str(stage), ", ".join(system.markets)]
        assessment = latest.get(system.pk)
        if assessment is None:
            rows.append([*base, _("not assessed"), *[""] * (len(export_header()) - len(base) - 1)])
            continue
        state = assessment_state(assessment)
        for result in state.evaluation.results.values():
            counts = Counter(o.status for o in result.obligations)
            applying = Counter((o.spec["nature"], o.status) for o in result.obligations)
            tiers = [str(result.rule_set.tiers[t]["label"]) for t in result.tiers]
            roles = [str(result.rule_set.roles[r]["label"]) for r in result.roles]
            rows.append([*base, assessment.pk, assessment.as_of.isoformat(), result.framework["name"],
                         result.market or "", result.version["label"], _("yes") if result.in_scope else _("no"),
                         result.scope_reason, "; ".join(tiers), "; ".join(roles),
                         applying["binding", APPLIES_NOW], applying["binding", APPLIES_LATER],
                         applying["effort", APPLIES_NOW] + applying["effort", APPLIES_LATER],
                         applying["voluntary", APPLIES_NOW] + applying["voluntary", APPLIES_LATER],
                         counts[NOT_APPLICABLE], counts[MOOT]])
    return rows
