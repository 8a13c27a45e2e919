"""Membership checks. Every view reaches user data through these.

A user who is not a member of the owning organization gets 404, never a hint that
the object exists; a member whose role is too low gets 403.
"""

from __future__ import annotations

from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext

from .models import Membership, Role


def membership_for(*, user, organization_id: int) -> Membership:
    membership = Membership.objects.select_related("organization").filter(
        user_id=user.pk, organization_id=organization_id).first() if user.is_authenticated else None
    if membership is None:
        raise Http404("No such organization.")
    return membership


def require_role(membership: Membership, role: str) -> None:
    if not membership.allows(role):
        raise PermissionDenied(gettext("This needs the %(label)s role in %(organization)s.") % {"label": Role(role).label.lower(), "organization": membership.organization})


OwnedModel = TypeVar("OwnedModel", bound=Model)


def get_owned(queryset: QuerySet[OwnedModel], *, user, role: str = Role.VIEWER,
              **lookup) -> tuple[OwnedModel, Membership]:
    """Fetch one object through its organization, checking membership (404) and role (403)."""
    if not user.is_authenticated:
        raise Http404
    obj = queryset.filter(organization__memberships__user_id=user.pk, **lookup).first()
    if obj is None:
        raise Http404("Not found.")
    membership = membership_for(user=user, organization_id=obj.organization_id)  # type: ignore[attr-defined]
    require_role(membership, role)
    return obj, membership


def active_membership(request, *, role: str = Role.VIEWER) -> Membership:
    """The membership of the organization chosen in this session (404 if there is none, 403 if too low).

    Falls back to the user's first membership, as the navigation does.
    """
    user = request.user
    if not user.is_authenticated:
        raise Http404
    chosen_id = request.session.get("organization_id")
    memberships = Membership.objects.select_related("organization").filter(user_id=user.pk)
    membership = memberships.filter(organization_id=chosen_id).first() if chosen_id else None
    membership = membership or memberships.first()
    if membership is None:
        raise Http404("You are not a member of any organization.")
    require_role(membership, role)
    return membership
