"""Assessments for the gap and report tests, shared by tests/gaps and tests/reports.

They pin the small EU sample rule set (tests/fixtures/eu-sample.yaml), so that results do not
change when the shipped rule sets are edited. With the sample answers below the system is a
high-risk recruitment system with a chatbot, used and offered by its developer:

- applies now (as of 2026-11-22): art4-ai-literacy (2025-02-02), art50-1-disclose-interaction (2026-08-02)
- applies later: art9-risk-management, art26-7-inform-workers (both 2027-12-02)
- not applicable: art5-stop-prohibited (no prohibited practice)
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from compliance.assessments.models import Answer, Assessment, PinnedVersion
from compliance.gaps.models import GapItem
from frameworks.models import RuleSetVersion
from tests.factories import AS_OF, AISystemFactory

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "eu-sample.yaml"
EU = "eu-ai-act"
SAMPLE_ANSWERS = {
    "org_develops_system": True, "org_offers_system": True, "org_uses_system": True, "is_ai_system": True,
    "interacts_with_people": True, "profiles_people": True, "use_areas": ["employment"],
    "employment_uses": ["recruitment"],
}
APPLICABLE = ["art4-ai-literacy", "art9-risk-management", "art26-7-inform-workers", "art50-1-disclose-interaction"]
NOT_APPLICABLE = "art5-stop-prohibited"


def load_sample() -> RuleSetVersion:
    if not RuleSetVersion.objects.filter(framework__code=EU, label="sample-1").exists():
        call_command("load_rulesets", str(SAMPLE_PATH), stdout=io.StringIO())
    return RuleSetVersion.objects.select_related("framework").get(framework__code=EU, label="sample-1")


def make_assessment(organization, versions: list[RuleSetVersion], *, name: str = "CV screener",
                    answers: dict | None = None, notes: dict | None = None, as_of: dt.date = AS_OF) -> Assessment:
    system = AISystemFactory(organization=organization, name=name, markets=["eu"])
    assessment = Assessment.objects.create(organization=organization, system=system, as_of=as_of)
    PinnedVersion.objects.bulk_create([PinnedVersion(assessment=assessment, framework=v.framework, version=v)
                                       for v in versions])
    notes = notes or {}
    for code, value in (SAMPLE_ANSWERS if answers is None else answers).items():
        Answer.objects.create(assessment=assessment, question_code=code, value=value, note=notes.get(code, ""))
    return assessment


def set_gap(assessment: Assessment, obligation_code: str, framework_code: str = EU, **fields) -> GapItem:
    item, _ = GapItem.objects.update_or_create(
        assessment=assessment, framework_code=framework_code, obligation_code=obligation_code,
        defaults={"organization": assessment.organization, **fields})
    return item


@pytest.fixture
def sample_version(db) -> RuleSetVersion:
    return load_sample()


@pytest.fixture
def assessment(organization, sample_version) -> Assessment:
    return make_assessment(organization, [sample_version])


@pytest.fixture
def foreign_assessment(other_organization, sample_version) -> Assessment:
    """An assessment of another organization: every URL built from it must give Acme's users 404."""
    return make_assessment(other_organization, [sample_version], name="Globex secret system")


@pytest.fixture
def frozen_today(monkeypatch):
    """Make 'today' the assessments' as-of date, so highlights do not depend on the calendar."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: AS_OF)
    return AS_OF


@pytest.fixture
def signed_in(live_server, client):
    """Sign a persona in for the browser: ``signed_in(page, user)`` copies a session cookie into the page."""

    def sign_in(page, user):
        client.force_login(user)
        page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                   "url": live_server.url}])
        return live_server.url

    return sign_in
