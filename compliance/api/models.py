"""Per-user API tokens. Only a SHA-256 digest of each token is stored; the token is shown once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from compliance.organizations.models import Organization


class ApiToken(models.Model):
    """A named token that acts for its user, with the user's current role in one organization."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, help_text="The start of the token, shown to tell tokens apart.")
    digest = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the whole token.")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) of {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
