"""Ticking "None of these" clears the other choices of a question, and ticking a choice clears it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.gaps.fixtures import assessment, sample_version, signed_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tick(page: Page, value: str) -> None:
    with page.expect_response(re.compile(r"/answers/use_areas/$")) as saved:
        page.locator(f'input[name="use_areas-value"][value="{value}"]').check()
    assert saved.value.status == 200  # saved, not refused as a combination


def test_none_of_these_and_the_choices_exclude_each_other(page: Page, signed_in, owner, assessment):  # noqa: F811
    base = signed_in(page, owner)
    page.goto(base + reverse("assessments:section", args=[assessment.pk, "uses"]))
    none, employment = (page.locator(f'input[name="use_areas-value"][value="{v}"]') for v in ("__none__", "employment"))
    tick(page, "__none__")
    tick(page, "employment")
    expect(none).not_to_be_checked()
    expect(employment).to_be_checked()
    tick(page, "__none__")
    expect(employment).not_to_be_checked()
    expect(page.locator(".invalid-feedback, .alert-danger")).to_have_count(0)
    assessment.refresh_from_db()
    assert assessment.answers.get(question_code="use_areas").value == []
