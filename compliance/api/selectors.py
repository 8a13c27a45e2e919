"""Reads for API tokens and the membership an API request acts with."""

from __future__ import annotations

from django.db.models import QuerySet

from compliance.organizations.models import Membership

from .models import ApiToken
from .services import TOKEN_PREFIX, token_digest


def active_token(*, token: str) -> ApiToken | None:
    """The unrevoked token record of a presented token, with its user and organization."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    return (ApiToken.objects.select_related("user", "organization")
            .filter(digest=token_digest(token), revoked_at=None, user__is_active=True).first())


def tokens_of(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk).select_related("organization")


def token_membership(*, token: ApiToken) -> Membership | None:
    """The token user's membership in the token's organization (None once they left it)."""
    return Membership.objects.select_related("organization").filter(
        user_id=token.user_id, organization_id=token.organization_id).first()
