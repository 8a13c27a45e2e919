"""The four-framework case at a desktop (1366x900) and a phone (390x844): no page scrolls sideways, the
results page is a fraction of its old height, and its filters work in place and without JavaScript.

The heights are printed (run with -s) and recorded in the README next to the old 18,500 / 31,500 px.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from compliance.gaps.models import GapStatus
from compliance.reports.models import Report
from tests.assessments.four_frameworks import four_framework_assessment
from tests.gaps.fixtures import set_gap, signed_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
# The old page: 18,500 px on a desktop and 31,500 on a phone. The redesign must be a fraction of that.
MAX_HEIGHT = {"desktop": 18_500 // 3, "phone": 31_500 // 3}
OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth, width: innerWidth,
  inner: [...document.querySelectorAll('.table-responsive, pre')]
    .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.className || e.tagName),
})"""


@pytest.fixture
def four(organization, owner, shipped_rule_sets):
    assessment = four_framework_assessment(organization, owner)
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.IN_PROGRESS, owner="People team <HR>")
    for index in range(2):  # earlier reports, so the reports page shows its table
        Report.objects.create(organization=organization, assessment=assessment, state_hash=f"old{index}",
                              status=Report.Status.FAILED, error="The worker stopped before the report was done.")
    return assessment


def pages(assessment, organization) -> dict[str, str]:
    return {
        "results": reverse("assessments:detail", args=[assessment.pk]),
        "questionnaire": reverse("assessments:resume", args=[assessment.pk]),
        "answers": reverse("assessments:review", args=[assessment.pk]),
        "timeline": reverse("assessments:timeline", args=[assessment.pk]),
        "crosswalk": reverse("assessments:crosswalk", args=[assessment.pk]),
        "tracker": reverse("gaps:tracker", args=[assessment.pk]),
        "dashboard": reverse("gaps:dashboard", args=[organization.pk]),
        "reports": reverse("reports:assessment", args=[assessment.pk]),
        "systems": reverse("assessments:system_list"),
        "system": reverse("assessments:system_detail", args=[assessment.system_id]),
        "assessments": reverse("assessments:list"),
        "members": reverse("organizations:members"),
        "settings": reverse("organizations:settings"),
    }


@pytest.mark.parametrize("size", SIZES)
def test_no_page_scrolls_sideways_and_the_results_are_short(chromium, signed_in, owner, organization, four,  # noqa: F811
                                                             size):
    width, height = SIZES[size]
    context = chromium.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        base = signed_in(page, owner)
        overflowing = {}
        for name, path in pages(four, organization).items():
            page.goto(base + path)
            measured = page.evaluate(OVERFLOW)
            if measured["page"] > measured["width"] or measured["inner"]:
                overflowing[name] = measured
        assert not overflowing, overflowing

        page.goto(base + pages(four, organization)["results"])
        results_height = page.evaluate("document.documentElement.scrollHeight")
        print(f"\nresults page height at {width}x{height}: {results_height} px")
        assert results_height <= MAX_HEIGHT[size]
    finally:
        context.close()


def test_filters_apply_in_place_and_keep_the_address(page, signed_in, owner, four):  # noqa: F811
    base = signed_in(page, owner)
    page.goto(base + reverse("assessments:detail", args=[four.pk]))
    page.evaluate("window.notReloaded = true")
    total = page.locator("li.obligation").count()
    page.get_by_label("Framework", exact=True).select_option("kr-ai-basic-act")
    page.get_by_label("Binding or voluntary").select_option("binding")
    shown = page.locator("li.obligation:visible, li.obligation:not([hidden])")
    korean_binding = page.locator('li.obligation[data-framework="kr-ai-basic-act"][data-nature="binding"]').count()
    expect(page.locator("li.obligation:not([hidden])")).to_have_count(korean_binding)
    expect(page.locator("#filter-count")).to_have_text(f"Showing {korean_binding} of {total} obligations")
    expect(page.locator("#fw-eu-ai-act")).to_be_hidden()
    expect(page.locator("#fw-kr-ai-basic-act")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    assert "framework=kr-ai-basic-act" in page.url and "nature=binding" in page.url
    assert shown.count() >= korean_binding
    # Details on demand: a row opens to what to do and the penalty, stated once above.
    row = page.locator('li.obligation[data-framework="kr-ai-basic-act"]:not([hidden])').first
    row.locator("summary").click()
    expect(row.locator(".obligation-body")).to_be_visible()
    penalty = row.locator('a[href^="#penalty-"]')
    if penalty.count():
        penalty.click()
        expect(page.locator(penalty.get_attribute("href"))).to_be_visible()
    page.get_by_role("link", name="Clear filters").click()
    expect(page.locator("li.obligation:not([hidden])")).to_have_count(total)


def test_filters_work_without_javascript(page_without_javascript, signed_in, owner, four):  # noqa: F811
    page = page_without_javascript
    base = signed_in(page, owner)
    page.goto(base + reverse("assessments:detail", args=[four.pk]))
    page.get_by_label("Status").select_option("applies_later")
    page.get_by_role("button", name="Apply filters").click()
    assert "status=applies_later" in page.url
    later = page.locator('li.obligation[data-status="applies_later"]').count()
    assert later
    expect(page.locator("li.obligation:not([hidden])")).to_have_count(later)
    expect(page.locator("#fw-jp-ai-guidelines")).to_be_hidden()  # nothing of Japan's applies later
