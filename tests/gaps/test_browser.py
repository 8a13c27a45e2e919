"""The gap tracker in a real browser: inline editing with htmx, focus, announcements, no-JS fallback."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from compliance.gaps.models import GapItem, GapStatus
from tests.gaps.fixtures import load_sample, make_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tracked(organization):
    return make_assessment(organization, [load_sample()])


def test_update_a_gap_inline_and_see_scores_change(page, signed_in, owner, teammate, tracked):
    base = signed_in(page, owner)
    page.goto(base + reverse("gaps:tracker", args=[tracked.pk]))
    row = page.locator("#gap-eu-ai-act-art4-ai-literacy")
    row.get_by_role("link", name="Update").click()

    form = row.locator("form")
    expect(form).to_be_visible()
    expect(form.locator("[name=status]").first).to_be_focused()  # focus moved into the form
    form.get_by_label("Met", exact=True).check()
    form.get_by_label("Assigned to").select_option(label="ted")
    form.get_by_label("Due date").fill("2027-01-31")
    form.get_by_label("Due date").press("Enter")

    expect(page.locator("#gap-announcer")).to_contain_text("is now met")
    expect(row).to_contain_text("Assigned to ted")
    expect(page.locator("#gap-scores")).to_contain_text("25% of binding duties met")
    expect(row.get_by_role("link", name="Update")).to_be_focused()  # focus back on the row
    item = GapItem.objects.get()
    assert (item.status, item.assignee, item.history.get().history_user) == (GapStatus.MET, teammate, owner)


def test_errors_show_inline_and_focus_the_field(page, signed_in, owner, tracked):
    base = signed_in(page, owner)
    page.goto(base + reverse("gaps:tracker", args=[tracked.pk]))
    row = page.locator("#gap-eu-ai-act-art9-risk-management")
    row.get_by_role("link", name="Update").click()
    row.locator("form").get_by_label("Not applicable").check()
    row.locator("form").get_by_role("button", name="Save").click()
    expect(row).to_contain_text("Explain why the obligation does not apply")
    expect(row.locator("[name=justification]")).to_be_focused()
    assert not GapItem.objects.exists()


def test_without_javascript_the_update_link_opens_a_full_page_form(page_without_javascript, signed_in, owner,
                                                                      tracked):
    page = page_without_javascript
    base = signed_in(page, owner)
    page.goto(base + reverse("gaps:tracker", args=[tracked.pk]))
    page.locator("#gap-eu-ai-act-art4-ai-literacy").get_by_role("link", name="Update").click()
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#messages")).to_contain_text("is now in progress")
    assert page.url.endswith("#gap-eu-ai-act-art4-ai-literacy")
