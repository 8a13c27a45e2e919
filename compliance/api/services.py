"""Writes for API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.utils import timezone

from compliance.organizations.models import Membership

from .models import ApiToken

TOKEN_PREFIX = "aic_"  # noqa: S105  # a marker that makes leaked tokens easy to find, not a secret
MAX_ACTIVE_TOKENS = 20
# Writing last_used_at on every request would turn each read into a write; once a minute is precise enough.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


def token_digest(token: str) -> str:
    # Tokens carry 256 random bits, so a fast hash is enough: guessing is hopeless, and lookups stay cheap.
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, user, organization_id: int, name: str) -> tuple[ApiToken, str]:
    """A new token for one of the user's organizations; returns the record and the token, shown only now."""
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Give the token a name, e.g. the tool or script that will use it."]
    elif len(name) > 100:
        errors["name"] = ["Use at most 100 characters."]
    if not Membership.objects.filter(user_id=user.pk, organization_id=organization_id).exists():
        errors["organization"] = ["Choose one of your organizations."]
    elif ApiToken.objects.filter(user_id=user.pk, revoked_at=None).count() >= MAX_ACTIVE_TOKENS:
        errors["name"] = [f"You already have {MAX_ACTIVE_TOKENS} active tokens; revoke one you no longer use."]
    elif ApiToken.objects.filter(user_id=user.pk, revoked_at=None, name=name).exists():
        errors["name"] = ["You already have an active token with this name."]
    if errors:
        raise ValidationError(errors)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(user=user, organization_id=organization_id, name=name,
                                     prefix=token[:len(TOKEN_PREFIX) + 6], digest=token_digest(token))
    return record, token


def revoke_token(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def record_use(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
