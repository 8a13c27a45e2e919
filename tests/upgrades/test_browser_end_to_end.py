"""The same journey in Chromium: admin screens, publish, then the user's banner and upgrade."""

import re

import pytest
from playwright.sync_api import Page, expect

from compliance.organizations.models import Role
from frameworks.models import RuleSetVersion
from frameworks.selectors import latest_published
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, UserFactory

from .support import recruiter_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_DATE = "2028-06-01"


@pytest.fixture
def people(shipped_rule_sets):
    admin = UserFactory(username="ada", is_staff=True, is_superuser=True)
    user = MembershipFactory(role=Role.OWNER, organization__name="Talent Co", user__username="hana").user
    version = latest_published(framework_code="eu-ai-act")
    assessment = recruiter_assessment(organization=user.memberships.get().organization, user=user, version=version)
    return admin, user, assessment, version


def sign_in(page: Page, url: str, username: str, button: str) -> None:
    page.goto(url)
    page.locator('input[name="username"]').fill(username)  # the admin form and the app form label it differently
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=button).click()


def test_admin_publishes_a_new_annex_iii_date_and_the_user_upgrades(page: Page, live_server, people, eager_celery):
    admin, user, assessment, version = people
    obligation = version.obligations.get(code="art9-risk-management")
    row = len(obligation.applies_from)
    old_date = obligation.applies_from[-1]["date"]

    sign_in(page, f"{live_server.url}/admin/login/", admin.username, "Log in")
    page.goto(f"{live_server.url}/admin/frameworks/rulesetversion/{version.pk}/change/")
    expect(page.get_by_text("Read-only:")).to_be_visible()
    page.get_by_role("link", name="Create draft from this version").click()
    page.get_by_label("Label of the new draft").fill("2026.3")
    page.get_by_role("button", name="Create draft").click()
    expect(page.get_by_text("Created draft 2026.3")).to_be_visible()

    page.get_by_role("link", name="art9-risk-management", exact=True).click()
    page.get_by_label(f"Row {row}: date").fill(NEW_DATE)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    page.get_by_role("link", name=re.compile("Review and publish")).click()
    expect(page.get_by_text("1 assessment uses an older version")).to_be_visible()
    expect(page.get_by_text(f"{old_date} → {NEW_DATE}").first).to_be_visible()
    page.get_by_role("button", name="Publish 2026.3").click()
    expect(page.get_by_text("Published EU")).to_be_visible()
    expect(page.get_by_text("1 of 1")).to_be_visible()
    assert RuleSetVersion.objects.get(framework=version.framework, label="2026.3").status == "published"

    page.context.clear_cookies()
    sign_in(page, f"{live_server.url}/accounts/login/", user.username, "Sign in")
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    banner = page.get_by_role("region", name="Rules updated")
    expect(banner).to_contain_text(f"applies from {NEW_DATE} (was {old_date})")
    banner.get_by_role("link", name="Review and upgrade").click()
    expect(page.get_by_role("heading", name="Upgrade the rules of this assessment")).to_be_visible()
    page.get_by_role("button", name="Upgrade").click()
    expect(page.get_by_role("heading", name="Rule-set upgrades")).to_be_visible()
    page.get_by_role("link", name="Back to the results").click()
    expect(page.get_by_text(f"From {NEW_DATE}").first).to_be_visible()
    expect(page.get_by_role("region", name="Rules updated")).to_have_count(0)
