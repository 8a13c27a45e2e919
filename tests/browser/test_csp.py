"""The Content-Security-Policy allows no inline styles or scripts: Chromium reports no violation on the main
pages (signed out, signed in, forms swapped in by htmx, the rule-set admin and the API documentation)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from compliance.gaps.models import GapStatus
from tests.assessments.four_frameworks import four_framework_assessment
from tests.browser.test_results_layout import pages
from tests.gaps.fixtures import set_gap, signed_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Violations are both logged to the console and fired as events; the page keeps the events.
LISTEN = """document.addEventListener('securitypolicyviolation', e => {
  (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' '
    + (e.sourceFile || '') + ':' + e.lineNumber);
});"""


@pytest.fixture
def four(organization, owner, shipped_rule_sets):
    assessment = four_framework_assessment(organization, owner)
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.IN_PROGRESS, owner="People team")
    return assessment


class Watch:
    def __init__(self, page):
        self.page, self.console = page, []
        page.add_init_script(LISTEN)
        page.on("console", lambda message: self.console.append(message.text)
                if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)

    def visit(self, url: str) -> list[str]:
        self.console.clear()
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return self.violations()

    def violations(self) -> list[str]:
        return [*self.console, *self.page.evaluate("window.__csp || []")]


def test_no_csp_violation_on_the_main_pages(page, live_server, signed_in, owner, organization, four):  # noqa: F811
    watch = Watch(page)
    found = {}
    for name, path in {"landing": "/", "login": reverse("login"), "signup": reverse("organizations:signup"),
                       "password reset": reverse("password_reset")}.items():
        if violations := watch.visit(live_server.url + path):
            found[name] = violations
    base = signed_in(page, owner)
    for name, path in {**pages(four, organization),
                       "system edit": reverse("assessments:system_edit", args=[four.system_id]),
                       "new system": reverse("assessments:system_create"),
                       "import": reverse("inventory:import"),
                       "account": reverse("account:profile"),
                       "not found": "/systems/999999/"}.items():
        if violations := watch.visit(base + path):
            found[name] = violations
    # A form swapped in by htmx (the gap tracker's inline edit), then saved in place.
    watch.visit(base + reverse("gaps:tracker", args=[four.pk]))
    page.locator("a[hx-get*='/edit/'], button[hx-get*='/edit/']").first.click()
    page.locator("form.gap-form").first.wait_for()
    page.locator("form.gap-form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    if violations := watch.violations():
        found["tracker inline edit"] = violations
    assert not found, found


def test_no_csp_violation_in_the_admin_and_the_api_docs(page, live_server, signed_in, shipped_rule_sets):  # noqa: F811
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "a long admin pass phrase")
    watch = Watch(page)
    base = signed_in(page, admin)
    found = {}
    for name, path in {"admin": reverse("admin:index"),
                       "rule sets": reverse("admin:frameworks_rulesetversion_changelist"),
                       "users": reverse("admin:auth_user_changelist"),
                       "api docs": reverse("api:docs")}.items():
        if violations := watch.visit(base + path):
            found[name] = violations
    page.locator(".swagger-ui .info .title").wait_for()  # the documentation did start (its script is a file)
    assert not found, found
