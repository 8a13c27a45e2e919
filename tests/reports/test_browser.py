"""Generating and downloading a PDF in a real browser, with tasks on the web process's background thread
(the embedded default without Redis): the page shows progress, then the download."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.gaps.fixtures import load_sample, make_assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_generate_watch_and_download(page, signed_in, teammate, organization, settings):
    settings.TASKS_IN_BACKGROUND = True
    assessment = make_assessment(organization, [load_sample()], name="채용 심사 시스템")
    base = signed_in(page, teammate)
    page.goto(base + reverse("reports:assessment", args=[assessment.pk]))
    expect(page.get_by_text("No report yet")).to_be_visible()

    page.get_by_role("button", name="Generate PDF").click()
    expect(page.get_by_role("progressbar", name="Report progress")).to_be_visible()
    expect(page.get_by_role("button", name="Generate PDF")).to_be_disabled()  # no second report while one is made
    download_link = page.get_by_role("link", name="Download PDF")
    expect(download_link).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.startswith("채용-심사-시스템-gap-report-")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    expect(page.get_by_role("button", name="Generate PDF")).to_be_enabled()
    page.get_by_role("button", name="Generate PDF").click()  # nothing changed: offered at once
    expect(page.get_by_text("Nothing has changed since this report was made")).to_be_visible()


def test_a_failed_status_check_does_not_stop_the_page_watching(page, signed_in, teammate, organization, settings):
    """A poll that fails (a busy server answering 503, a dropped connection) is retried: the page still shows
    the download when the report is done, without a reload."""
    settings.TASKS_IN_BACKGROUND = True
    assessment = make_assessment(organization, [load_sample()], name="Chat assistant")
    base = signed_in(page, teammate)
    failed = []

    def fail_the_first_poll(route):
        if not failed:
            failed.append(route.request.url)
            route.fulfill(status=503, body="busy")
        else:
            route.continue_()

    page.route("**/reports/**", lambda route: fail_the_first_poll(route) if route.request.method == "GET"
               and route.request.headers.get("hx-request") else route.continue_())
    page.goto(base + reverse("reports:assessment", args=[assessment.pk]))
    page.get_by_role("button", name="Generate PDF").click()
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible(timeout=60_000)
    assert failed, "no status check was made"
