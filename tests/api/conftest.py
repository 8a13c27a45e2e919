"""API personas: a token (and a client sending it) for the owner, editor, viewer and outsider."""

from __future__ import annotations

import itertools

import pytest
from rest_framework.test import APIClient

from compliance.api.services import create_token
from compliance.organizations.models import Membership
from compliance.reports.models import Report
from tests.gaps.fixtures import assessment, foreign_assessment, sample_version  # noqa: F401

_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache; every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def token_for(user) -> str:
    membership = Membership.objects.filter(user=user).first()
    _, token = create_token(user=user, organization_id=membership.organization_id, name=f"script {next(_numbers)}")
    return token


@pytest.fixture
def api_for(db):
    """``api_for(user)``: an API client that sends a fresh token of that user."""

    def make(user) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        return client

    return make


@pytest.fixture
def finished_report(assessment, tmp_path, settings):  # noqa: F811  # the imported fixture, used
    """A rendered report record with a small PDF file (rendering itself is tested in tests/reports)."""
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    report = Report.objects.create(organization=assessment.organization, assessment=assessment, state_hash="x" * 64,
                                   status=Report.Status.DONE, page_count=1)
    report.file.save("r.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"), save=True)
    return report
