"""The assessments list's Archive and Restore buttons, in Chromium: the list's content is kept per state of the
organization without any per-request value, so each button submits the page's one form (its CSRF token and
the page to come back to) with the assessment's own action."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.gaps.fixtures import make_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_archive_and_restore_from_the_list(page, signed_in, owner, organization, sample_version):
    kept = make_assessment(organization, [sample_version], name="Chat assistant")
    old = make_assessment(organization, [sample_version], name="Legacy scorer")
    base = signed_in(page, owner)
    listed = base + reverse("assessments:list") + "?sort=updated"
    page.goto(listed)
    page.get_by_role("button", name="Archive Legacy scorer").click()
    expect(page.get_by_role("link", name="Legacy scorer", exact=True)).to_have_count(0)
    assert page.url == listed  # back on the same filtered page
    expect(page.get_by_role("link", name="Chat assistant", exact=True)).to_be_visible()

    page.goto(base + reverse("assessments:list") + "?archived=on")
    expect(page.get_by_role("link", name="Legacy scorer", exact=True)).to_be_visible()
    if os.environ.get("SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["SCREENSHOTS"], "archived-list.png"), full_page=True)
    page.get_by_role("button", name="Restore Legacy scorer").click()
    expect(page.get_by_role("link", name="Legacy scorer", exact=True)).to_have_count(0)  # back, and no longer archived
    page.goto(base + reverse("assessments:list"))
    for assessment in (kept, old):
        expect(page.locator(f'a[href="{reverse("assessments:detail", args=[assessment.pk])}"]').first).to_be_visible()
