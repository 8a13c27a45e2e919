"""The results page in Korean and Japanese on a phone: the rule texts are in the reader's language, CJK text
wraps (no sideways scrolling), and the translation notice appears where the text is the product's own."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.assessments.four_frameworks import four_framework_assessment
from tests.gaps.fixtures import signed_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLES = {"ko": "설명 방안의 수립·시행", "ja": "説明方策の策定・実施"}
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


@pytest.mark.parametrize("language", ["ko", "ja"])
def test_results_in_the_readers_language_fit_a_phone(chromium, signed_in, owner, organization,  # noqa: F811
                                                      shipped_rule_sets, language):
    assessment = four_framework_assessment(organization, owner)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale=language)
    page = context.new_page()
    try:
        base = signed_in(page, owner)
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        page.goto(base + reverse("assessments:detail", args=[assessment.pk]))
        korea = page.locator("#fw-kr-ai-basic-act")
        korea.locator("li.obligation summary", has_text=TITLES[language]).first.click()
        expect(korea.get_by_text(TITLES[language]).first).to_be_visible()
        expect(page.locator("#fw-eu-ai-act .translation-notice")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/results-{language}.png", full_page=False)
            korea.scroll_into_view_if_needed()
            korea.screenshot(path=f"{SHOTS}/results-{language}-korea.png")
    finally:
        context.close()
