"""The start form's length estimate follows the frameworks ticked (issue 12: say up front how long it is)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from compliance.assessments.selectors import starting_questions
from tests.factories import AISystemFactory
from tests.gaps.fixtures import signed_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ticking_frameworks_recounts_the_questions_once_each(page: Page, signed_in, organization, owner,  # noqa: F811
                                                             shipped_rule_sets):
    system = AISystemFactory(organization=organization, name="Chat assistant", markets=["kr"])
    questions = starting_questions(framework_codes=["eu-ai-act", "kr-ai-basic-act", "jp-ai-guidelines",
                                                    "us-federal"], as_of=timezone.localdate())
    korea = len(questions["kr-ai-basic-act"])
    korea_and_eu = len(set(questions["kr-ai-basic-act"]) | set(questions["eu-ai-act"]))
    assert korea < korea_and_eu < korea + len(questions["eu-ai-act"])  # shared questions counted once

    base = signed_in(page, owner)
    page.goto(base + reverse("assessments:start", args=[system.pk]))
    estimate = page.locator("#length-estimate")
    expect(estimate).to_contain_text(re.compile(rf"About {korea} questions"))
    page.locator('input[name="frameworks"][value="eu-ai-act"]').check()
    expect(estimate).to_contain_text(re.compile(rf"About {korea_and_eu} questions"))
    for code in ("eu-ai-act", "kr-ai-basic-act"):
        page.locator(f'input[name="frameworks"][value="{code}"]').uncheck()
    expect(estimate).to_contain_text("Tick at least one framework")
