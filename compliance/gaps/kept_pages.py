"""Page content rendered once per state of the organization and kept (compliance.kept_html).

The dashboard and the two lists aggregate over all of an organization's assessments, and the results page
renders about 200 obligations (400 KB): far more work than showing the result again. What they show changes
only when one of the organization's assessments, systems, gap items or stored results changes, when the rule
sets change, or when the day does. ``content_key`` reads that state in two small queries, before any of the
data it stands for, and adds everything else the content shows (the page, its query string, the reader's
role, language and time zone). A change makes a new key, so kept content is never shown stale.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django.db import connection
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from compliance.kept_html import KeptHtml
from compliance.organizations.models import Membership, Organization
from frameworks.models import RuleSetVersion
from frameworks.selectors import VERSION_KEY_FIELDS

from . import portfolio

# A page's content is 20–80 KB; a hundred kept contents stay under about 8 MB per process.
MAX_KEPT = 100
_kept = KeptHtml(limit=MAX_KEPT)

# Per table the newest change: the last entry of its (organization, changed-at) index, a column every save
# sets to the time of the save. Plain SQL: building this with the ORM took longer than running it.
_STATE_SQL = """
SELECT o.name, o.portfolio_changes,
  (SELECT updated_at FROM assessments_assessment WHERE organization_id = o.id ORDER BY updated_at DESC LIMIT 1),
  (SELECT updated_at FROM assessments_aisystem WHERE organization_id = o.id ORDER BY updated_at DESC LIMIT 1),
  (SELECT updated_at FROM gaps_gapitem WHERE organization_id = o.id ORDER BY updated_at DESC LIMIT 1),
  (SELECT computed_at FROM assessments_resultsummary WHERE organization_id = o.id ORDER BY computed_at DESC LIMIT 1)
FROM organizations_organization o WHERE o.id = %s
"""


def organization_state(*, organization: Organization) -> tuple:
    """What the organization's kept pages show depends on, in one query: per table the newest change (the last
    entry of its (organization, changed-at) index), and ``Organization.portfolio_changes``, which services
    count inside their transactions (organizations.services.note_portfolio_change): a timestamp taken by a
    transaction that commits later than a newer one, or a change that leaves no timestamp (archiving,
    renaming, edits and deletions in the Django admin), still makes a new state."""
    with connection.cursor() as cursor:
        cursor.execute(_STATE_SQL, [organization.pk])
        return tuple(cursor.fetchone() or ())


def rules_state() -> tuple:
    """The rule sets as the portfolio pages show them (tier labels, framework names, filter choices): the key of
    every version that is not a draft (content hash, status, end date, translations)."""
    return tuple(RuleSetVersion.objects.exclude(status=RuleSetVersion.Status.DRAFT).order_by("pk").values_list(
        "framework__code", "framework__name", "in_force_from", *VERSION_KEY_FIELDS))


def content_key(*, page: Hashable, membership: Membership, query: QueryDict) -> Hashable:
    """Everything a kept page's content shows, as a key: read before the content's data."""
    return (page, membership.organization_id, membership.role, organization_state(organization=membership.organization),
            rules_state(), timezone.localdate(), get_current_timezone_name(), get_language(),
            tuple(sorted((name, tuple(values)) for name, values in query.lists())))


def kept_content(*, page: Hashable, membership: Membership, query: QueryDict, render: Callable[[int], str],
                 refresh: Callable[[], int] | None = None) -> SafeString:
    """The page's content kept for the organization's current state, else rendered and kept.

    ``refresh`` brings stored results up to date and returns how many are still being refreshed in the
    background; ``render(refreshing)`` renders the content. Content that says results are still being
    refreshed is not kept (the next request refreshes again)."""
    key = content_key(page=page, membership=membership, query=query)
    kept = _kept.get(key)
    if kept is not None:
        return kept
    refreshing = 0
    if refresh is not None:
        refreshing = refresh()
        key = content_key(page=page, membership=membership, query=query)  # the refresh may have changed the state
    html = render(refreshing)
    return SafeString(html) if refreshing else _kept.keep(key, html)


def portfolio_content(*, request: HttpRequest, membership: Membership, page: str, template: str,
                      context: Callable[[int], dict[str, Any]]) -> SafeString:
    """A portfolio page's content (dashboard, lists), its stored results brought up to date first;
    ``context(refreshing)`` builds what ``template`` shows."""
    return kept_content(page=page, membership=membership, query=request.GET,
                        refresh=lambda: portfolio.ensure_current(organization=membership.organization),
                        render=lambda refreshing: render_to_string(template, context(refreshing)))


def forget_kept_content() -> None:
    _kept.clear()
