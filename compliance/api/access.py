"""The organization and role an API request acts with, and object lookups through it.

A token acts in its own organization; a browser session in the organization chosen in the session.
Objects of any other organization answer 404, exactly as on the pages.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404
from rest_framework.exceptions import NotAuthenticated, PermissionDenied

from compliance.organizations.access import active_membership
from compliance.organizations.models import Membership, Role

from .models import ApiToken
from .selectors import token_membership

M = TypeVar("M", bound=Model)


def request_membership(request, *, role: str = Role.VIEWER) -> Membership:
    if not request.user or not request.user.is_authenticated:
        raise NotAuthenticated()
    if isinstance(request.auth, ApiToken):
        membership = token_membership(token=request.auth)
        if membership is None:
            raise PermissionDenied("The token's user is no longer a member of its organization.")
    else:
        try:
            membership = active_membership(request._request, role=Role.VIEWER)
        except Http404:
            raise PermissionDenied("You are not a member of any organization.") from None
    if not membership.allows(role):
        raise PermissionDenied(f"This needs the {Role(role).label.lower()} role in {membership.organization}; "
                               f"{'the token acts' if isinstance(request.auth, ApiToken) else 'you act'} as "
                               f"{membership.get_role_display().lower()}.")
    return membership


def owned(queryset: QuerySet[M], *, membership: Membership, **lookup) -> M:
    """One object of the membership's organization, or 404."""
    if any(isinstance(v, int) and not 0 < v < 2**63 for v in lookup.values()):
        raise Http404("Not found.")  # an id no database column can hold
    obj = queryset.filter(organization_id=membership.organization_id, **lookup).first()
    if obj is None:
        raise Http404("Not found.")
    return obj
