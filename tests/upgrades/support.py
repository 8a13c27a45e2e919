"""Assessments for upgrade tests, answered like a recruiting tool sold and used in the EU."""

from __future__ import annotations

import datetime as dt

import pytest

from compliance.assessments.models import Assessment
from compliance.assessments.services import save_answers, start_assessment
from frameworks.models import Obligation, RuleSetVersion
from frameworks.selectors import compiled_ruleset
from tests.factories import AISystemFactory

AS_OF = dt.date(2026, 11, 22)
# A superset for the shipped EU data (format 2: shared facts) and the test sample (format 1: old codes);
# each version keeps the questions it asks.
RECRUITER_ANSWERS = {
    "org_develops_system": True, "org_offers_system": True, "org_uses_system": True, "is_ai_system": True,
    "eu_places_on_market": True, "eu_established": True, "use_areas": ["employment"],
    "actor_type": "company", "established_in": ["eu"], "assessed_subject": "system", "builds_system": True,
    "offers_system": True, "uses_system": True, "offer_markets": ["eu"], "use_markets": ["eu"],
    "sensitive_areas": ["employment"], "employment_uses": ["recruitment"],
}


def answers_for(version: RuleSetVersion) -> dict:
    asked = {q.code for q in compiled_ruleset(version).questions}
    return {code: value for code, value in RECRUITER_ANSWERS.items() if code in asked}


def recruiter_assessment(*, organization, user, version: RuleSetVersion) -> Assessment:
    system = AISystemFactory(organization=organization, markets=["eu"], name="Candidate ranker")
    assessment = start_assessment(system=system, user=user, framework_codes=[version.framework.code], as_of=AS_OF)
    assert assessment.pinned_versions.get().version == version
    save_answers(assessment=assessment, user=user,
                 changes={code: {"value": value} for code, value in answers_for(version).items()})
    return assessment


def move_annex_iii_date(draft: RuleSetVersion, *, new_date: str = "2028-06-01") -> tuple[Obligation, str]:
    """Change the Annex III date of the risk-management obligation in a draft; return it with the old date."""
    obligation = draft.obligations.get(code="art9-risk-management")
    entries = obligation.applies_from
    old_date = entries[-1]["date"]
    obligation.applies_from = [*entries[:-1], {**entries[-1], "date": new_date}]
    obligation.save()
    return obligation, old_date


@pytest.fixture
def eager_celery():
    """Run Celery tasks in the test process, even when REDIS_URL points at a broker."""
    from compliance.celery import app

    saved = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = saved
