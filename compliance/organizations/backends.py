"""Sign in with an e-mail address as well as a user name."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    """Accounts made by sign-up are named by their address; older and admin accounts by a user name. An entry
    with an "@" that is some account's address (case-insensitively, unique: organizations/migrations/0002)
    signs in to that account; anything else is a user name, as in Django's ModelBackend."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            account = get_user_model().objects.filter(email__iexact=username.strip()).first()
            if account is not None:
                username = account.get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_username(request, credentials) -> str | None:
    """The account django-axes counts failures against (AXES_USERNAME_CALLABLE): an address and its account's
    user name, in any letter case, are one account, so that spelling it differently does not reset the count."""
    entry = (credentials or {}).get("username") if credentials else getattr(request, "POST", {}).get("username")
    if not entry:
        return entry
    entry = entry.strip()
    if "@" in entry:
        account = get_user_model().objects.filter(email__iexact=entry).first()
        return account.get_username() if account is not None else entry.lower()
    return entry
