"""Template helpers for reports: the assessment panel's data, static files in the PDF."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils import timezone

from compliance.assessments.selectors import AssessmentState, assessment_state
from compliance.gaps.selectors import gap_items_by_key
from compliance.organizations.access import membership_for
from compliance.organizations.models import Role
from compliance.reports.content import penalty_short
from compliance.reports.fetcher import static_url
from compliance.reports.models import Report
from compliance.reports.selectors import is_stalled, latest_report, state_hash

register = template.Library()


@dataclass
class PanelStatus:
    latest: Report | None
    stalled: bool
    up_to_date: bool
    can_generate: bool


@register.simple_tag
def assessment_report_status(assessment, user, state=None) -> PanelStatus:
    """The latest report, whether it shows the current state, and whether the user may generate one."""
    latest = latest_report(assessment=assessment)
    up_to_date = False
    if latest is not None and latest.status == Report.Status.DONE:
        if not isinstance(state, AssessmentState) or state.assessment.pk != assessment.pk:
            state = assessment_state(assessment)
        current = state_hash(state=state, items=gap_items_by_key(assessment=assessment),
                             report_date=timezone.localdate())
        up_to_date = current == latest.state_hash
    membership = membership_for(user=user, organization_id=assessment.organization_id)
    return PanelStatus(latest, bool(latest and is_stalled(latest)), up_to_date, membership.allows(Role.EDITOR))


@register.simple_tag
def report_static(path: str) -> str:
    """A static file as the PDF renderer's fetcher accepts it."""
    return static_url(path)


@register.filter(name="penalty_short")
def penalty_short_filter(penalty) -> str:
    return penalty_short(penalty)
