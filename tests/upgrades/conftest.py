"""Upgrade fixtures: the admin personas and rule-set fixtures, plus a recruiter assessment on the EU version."""

import pytest

from tests.browser.conftest import chromium, page  # noqa: F401  (Chromium fixtures for the browser test)
from tests.rulesets_admin.conftest import draft, eu_version, publisher, rule_editor, superuser  # noqa: F401
from tests.upgrades.support import eager_celery, recruiter_assessment  # noqa: F401


@pytest.fixture
def assessment(organization, owner, eu_version):  # noqa: F811
    return recruiter_assessment(organization=organization, user=owner, version=eu_version)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so the browser fixture can screenshot failures."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
