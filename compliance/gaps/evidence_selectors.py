"""Reads for evidence files: per assessment (one query for a whole tracker), per item, and one for download."""

from __future__ import annotations

from django.utils.translation import gettext as _

from compliance.assessments.models import Assessment
from compliance.organizations.access import get_owned
from compliance.organizations.models import Membership, Role

from .models import Action, Evidence, GapItem

ItemKey = tuple[str, str]  # (framework code, obligation code)


def evidence_by_item(*, assessment: Assessment) -> dict[ItemKey, list[Evidence]]:
    """Current (not removed) evidence of every gap item of an assessment, oldest first."""
    grouped: dict[ItemKey, list[Evidence]] = {}
    rows = (Evidence.objects.filter(gap_item__assessment=assessment, removed_at=None)
            .select_related("gap_item", "uploaded_by").order_by("uploaded_at", "pk"))
    for evidence in rows:
        item = evidence.gap_item
        assert item is not None
        grouped.setdefault((item.framework_code, item.obligation_code), []).append(evidence)
    return grouped


def item_evidence(*, item: GapItem | None = None, action: Action | None = None
                  ) -> tuple[list[Evidence], list[Evidence]]:
    """(current, removed) evidence of one gap item or action; removed files stay listed with who removed them."""
    if item is None and action is None:
        return [], []
    found = Evidence.objects.filter(gap_item=item) if item is not None else Evidence.objects.filter(action=action)
    rows = list(found.select_related("uploaded_by", "removed_by").order_by("uploaded_at", "pk"))
    return [e for e in rows if e.removed_at is None], [e for e in rows if e.removed_at is not None]


def owned_evidence(*, user, pk: int, role: str = Role.VIEWER) -> tuple[Evidence, Membership]:
    """One evidence file of one of the user's organizations: 404 for anyone else, 403 below ``role``."""
    return get_owned(Evidence.objects.select_related("gap_item__assessment__system", "action", "organization"),
                     user=user, role=role, pk=pk)


def history_with_evidence(*, entries: list[dict], evidence: list[Evidence]) -> list[dict]:
    """A gap item's history entries (see selectors.gap_item_history) with each upload and removal of its
    evidence files added, newest first."""
    events = list(entries)
    for item in evidence:
        events.append({"when": item.uploaded_at, "who": item.uploaded_by,
                       "changes": [(_("Evidence file uploaded"), None, item.name)]})
        if item.removed_at is not None:
            events.append({"when": item.removed_at, "who": item.removed_by,
                           "changes": [(_("Evidence file removed"), None, item.name)]})
    return sorted(events, key=lambda e: e["when"], reverse=True)


def owned_action(*, user, pk: int, role: str = Role.VIEWER) -> tuple[Action, Membership]:
    return get_owned(Action.objects.select_related("organization", "assignee"), user=user, role=role, pk=pk)


def linked_action_evidence(*, assessment: Assessment) -> list[Evidence]:
    """Current evidence of the actions linked to any obligation of an assessment."""
    return list(Evidence.objects.filter(action__links__gap_item__assessment=assessment, removed_at=None)
                .select_related("action", "uploaded_by").distinct().order_by("action__title", "uploaded_at", "pk"))


def evidence_fingerprint(*, assessment: Assessment) -> list[list]:
    """What a report shows of the evidence: subject, name, content hash and review-by date of each file."""
    rows = [[f"{fw}:{ob}", e.name, e.sha256, e.review_by.isoformat() if e.review_by else None]
            for (fw, ob), files in evidence_by_item(assessment=assessment).items() for e in files]
    rows += [[f"action:{e.action_id}", e.name, e.sha256, e.review_by.isoformat() if e.review_by else None]
             for e in linked_action_evidence(assessment=assessment)]
    return sorted(rows)
