"""What the Korean and Japanese journeys share: answering the questionnaire by clicking, screenshots, and reading
the downloaded PDF with pdftotext (poppler-utils)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.upgrades.support import eager_celery  # noqa: F401


def value_inputs(page: Page, code: str, value: str):
    """The inputs giving ``value``: one, or one per market where the question is a market grid."""
    return page.locator(f'input[name="{code}-value"][value="{value}"], input[name^="{code}-value_"][value="{value}"]')


def choose(page: Page, code: str, value: str) -> None:
    """Give an answer the way a user does (in every market column of a grid), waiting until htmx saved it."""
    inputs = value_inputs(page, code, value)
    for i in range(inputs.count()):
        if inputs.nth(i).is_checked():
            continue
        with page.expect_response(re.compile(rf"/answers/{code}/$")) as saved:
            inputs.nth(i).check()
        assert saved.value.status == 200


def _open_question(page: Page, answers: dict) -> tuple[str, str] | None:
    """The first shown question still to answer in this section, and the answer to give: the scenario's answer,
    or "no" to any other yes/no question left open."""
    for code in page.eval_on_selector_all("div.question", "blocks => blocks.map(b => b.id.slice(2))"):
        if code in answers:
            wanted = answers[code] if isinstance(answers[code], list) else [answers[code]]
            for value in wanted:
                inputs = value_inputs(page, code, value)
                if any(not inputs.nth(i).is_checked() for i in range(inputs.count())):
                    return code, value
            continue
        options = page.locator(f'input[name="{code}-value"]')
        if options.count() == 2 and options.first.get_attribute("type") == "radio" \
                and not page.locator(f'input[name="{code}-value"]:checked').count():
            return code, "no"
    return None


def answer_the_questionnaire(page: Page, answers: dict, *, next_button: re.Pattern, shots: Path | None = None) -> None:
    """Answer section after section, clicking the next button, until the review page.

    Answers can show or hide later questions, so each section is looked at again after each answer."""
    for section in range(25):
        if "/review/" in page.url:
            return
        for _ in range(40):
            question = _open_question(page, answers)
            if question is None:
                break
            choose(page, *question)
        else:
            raise AssertionError("the section kept asking new questions")
        if shots is not None and section in (0, 4):
            shot(page, shots, f"questions-{section}")
        current = page.url
        page.locator("form").get_by_role("button", name=next_button).click()
        page.wait_for_url(lambda url: url != current)
    raise AssertionError("the questionnaire never reached the review page")


def unanswered_required(page: Page) -> list[str]:
    """On the review page: the required questions left unanswered (prompt and where to answer them)."""
    return page.eval_on_selector_all(
        ".review-row:has(dd > .badge.text-bg-warning)",
        "rows => rows.map(r => r.querySelector('dt').innerText + ' ' + (r.querySelector('dd a') || {}).href)")


def wait_for_download_link(page: Page, name: str, *, patience_ms: int = 120_000):
    """The report's download link, once the page (which polls while the report is made) shows it. Should the
    progress seem stuck for a while, reload the page as a user would."""
    link = page.get_by_role("link", name=name)
    deadline = time.monotonic() + patience_ms / 1000
    while True:
        try:
            expect(link).to_be_visible(timeout=30_000)
            return link
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            page.reload()


def shot(page: Page, directory: Path, name: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(directory / f"{name}.png"), full_page=True)


def pdf_text(path: Path) -> str:
    """The PDF's text, with all white space removed: table cells and CJK lines wrap anywhere."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("pdftotext is missing and REQUIRE_SERVICES=1")
        pytest.skip("pdftotext (Debian package poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True, timeout=60).stdout
    return re.sub(r"\s+", "", text)


@pytest.fixture
def reports_in_background(settings, eager_celery):  # noqa: F811
    """Render reports as the embedded installation does, on the web process's background thread, so that the
    page shows progress and the user waits for the download link. With REDIS_URL set (CI), `eager_celery` keeps
    the task in the test process instead of sending it to a worker that cannot see the test database.
    Call ``start()`` just before asking for the report; the fixture waits for the thread before the database is
    flushed."""
    from compliance import background

    def start() -> None:
        settings.TASKS_IN_BACKGROUND = True

    yield start
    background.wait_for_idle()
