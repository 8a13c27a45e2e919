"""Reads for organizations: members, invitations."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from .models import INVITATION_LIFETIME, Invitation, Membership, Organization, Role, UserProfile


def members_of(*, organization: Organization) -> QuerySet[Membership]:
    return (Membership.objects.filter(organization=organization).select_related("user")
            .order_by("user__username"))


def owner_count(*, organization: Organization) -> int:
    return Membership.objects.filter(organization=organization, role=Role.OWNER).count()


def pending_invitations(*, organization: Organization) -> QuerySet[Invitation]:
    """Invitations not yet accepted and not expired, newest first."""
    return (Invitation.objects.filter(organization=organization, accepted_at=None,
                                      created_at__gt=timezone.now() - INVITATION_LIFETIME)
            .select_related("invited_by"))


def invitation_by_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("organization").filter(token=token).first()


def membership_of(*, user, organization: Organization) -> Membership | None:
    return Membership.objects.filter(user_id=user.pk, organization=organization).first()


def saved_language(*, user_id: int) -> str:
    """The user's chosen interface language, or "" to follow the browser."""
    return UserProfile.objects.filter(user_id=user_id).values_list("language", flat=True).first() or ""
