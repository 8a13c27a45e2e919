"""A compliance officer assesses a CV-screening tool for the EU and Korea, in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from compliance.organizations.models import Role
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The CV-screening tool: developed and sold by a private company established in the EU, with a Korean office.
ANSWERS = {
    "org_develops_system": "yes", "org_offers_system": "yes", "org_uses_system": "no",
    "org_provides_service_with_ai": "yes", "org_type": "private", "is_ai_system": "yes",
    "generates_content": "no", "interacts_with_people": "no", "profiles_people": "yes",
    "significant_effect_on_people": "yes", "eu_established": "yes", "eu_places_on_market": "yes",
    "eu_development_stage": "on_market",
    # The shared facts the format-2 rule sets read: what the company does, and where (lists are checkboxes).
    "actor_type": "company", "established_in": ["eu", "kr"], "assessed_subject": "system", "builds_system": "yes",
    "offers_system": "yes", "uses_system": "no", "serves_customers_with_system": "yes", "offer_markets": ["eu", "kr"],
    "sensitive_areas": ["employment"], "human_final_decision": "no",
}


@pytest.fixture
def officer(shipped_rule_sets):
    return MembershipFactory(role=Role.OWNER, organization__name="Talent Co", user__username="hana").user


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email address or user name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=f"Welcome, {username}")).to_be_visible()


def add_system(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="AI systems").click()
    page.get_by_role("link", name="Add an AI system").first.click()
    page.get_by_label("Name").fill("CV screener")
    page.get_by_label("Purpose").fill("Screens and ranks job applications")
    page.get_by_label("European Union").check()
    page.get_by_label("Korea").check()
    page.get_by_role("button", name="Add system").click()
    expect(page.get_by_role("heading", name="CV screener")).to_be_visible()


def value_inputs(page: Page, code: str, value: str):
    """The inputs giving ``value``: one, or one per market where the question is a market grid."""
    return page.locator(f'input[name="{code}-value"][value="{value}"], input[name^="{code}-value_"][value="{value}"]')


def choose(page: Page, code: str, value: str, *, first_market_only: bool = False) -> None:
    """Give an answer the way a user does (in every market column of a grid), waiting until htmx saved it."""
    inputs = value_inputs(page, code, value)
    for i in range(1 if first_market_only else inputs.count()):
        if inputs.nth(i).is_checked():
            continue
        with page.expect_response(re.compile(rf"/answers/{code}/$")) as saved:
            inputs.nth(i).check()
        assert saved.value.status == 200


def _open_question(page: Page) -> tuple[str, str] | None:
    """The first shown question still to answer in this section, and the answer to give."""
    for code in page.eval_on_selector_all("div.question", "blocks => blocks.map(b => b.id.slice(2))"):
        options = page.locator(f'input[name="{code}-value"]')
        if code in ANSWERS:
            wanted = ANSWERS[code] if isinstance(ANSWERS[code], list) else [ANSWERS[code]]
            for value in wanted:
                inputs = value_inputs(page, code, value)
                if any(not inputs.nth(i).is_checked() for i in range(inputs.count())):
                    return code, value
        elif options.count() and options.first.get_attribute("type") == "radio" and options.count() == 2 \
                and not page.locator(f'input[name="{code}-value"]:checked').count():
            return code, "no"
    return None


def answer_visible_questions(page: Page) -> None:
    """Answer this section: the scenario's answers, and 'no' to any other yes/no question still open.

    Answers can show or hide later questions, so look again after each one.
    """
    for _ in range(40):
        question = _open_question(page)
        if question is None:
            return
        choose(page, *question)
    raise AssertionError("the section kept asking new questions")


def next_section(page: Page) -> None:
    page.locator("form").get_by_role("button", name=re.compile(r"^(Next|Review your answers)")).click()
    page.wait_for_load_state()


def test_cv_screening_tool_in_the_eu_and_korea(page: Page, live_server, officer):
    sign_in(page, live_server.url, "hana")
    add_system(page)
    page.get_by_role("link", name="Start an assessment").first.click()
    expect(page.get_by_label("EU Artificial Intelligence Act")).to_be_checked()
    expect(page.get_by_label("Korea AI Basic Act")).to_be_checked()
    page.get_by_role("button", name="Start the questionnaire").click()

    expect(page.get_by_role("heading", name="Who you are")).to_be_visible()
    uses = page.get_by_role("heading", name="Sensitive uses, market by market")
    for _ in range(6):
        if uses.is_visible():
            break
        answer_visible_questions(page)
        next_section(page)

    # A follow-up question appears right after the answer that makes it relevant.
    expect(uses).to_be_visible()
    follow_up = page.locator("#q-employment_uses")
    expect(follow_up).to_be_hidden()
    # Offered in the EU and Korea, the sensitive uses are a choice x market grid: the EU column first.
    choose(page, "sensitive_areas", "employment", first_market_only=True)
    expect(follow_up).to_be_visible()
    expect(follow_up.get_by_text("What does the system do in employment?")).to_be_visible()
    expect(page.locator("#wizard-status")).to_contain_text("1 new question below")
    assert page.evaluate("document.activeElement.id").startswith("id_sensitive_areas-value")  # focus stays put
    choose(page, "sensitive_areas", "employment")  # and the same use in Korea
    choose(page, "employment_uses", "recruitment")

    # Leave, come back, and resume where we stopped.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="AI systems").click()
    page.get_by_role("link", name="CV screener").click()
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="Sensitive uses, market by market")).to_be_visible()
    expect(value_inputs(page, "employment_uses", "recruitment").first).to_be_checked()
    answer_visible_questions(page)  # the rest of this section (Korea's areas of use, the human decision)

    for _ in range(15):
        if "/review/" in page.url:
            break
        next_section(page)
        answer_visible_questions(page)
    expect(page.get_by_role("heading", name="Review your answers")).to_be_visible()
    expect(page.get_by_text("Recruits or selects people (targeted job ads")).to_be_visible()

    page.get_by_role("link", name="See the results").click()
    # The summary comes first: each framework's tier as a badge; the reasons open on demand.
    summary = page.locator('section[aria-labelledby="sum-eu-ai-act"]')
    expect(summary.locator(".badge", has_text=re.compile(r"^Tier: High-risk"))).to_be_visible()
    expect(page.locator('section[aria-labelledby="sum-kr-ai-basic-act"]').locator(
        ".badge", has_text=re.compile(r"High-impact AI"))).to_be_visible()
    eu = page.locator("#fw-eu-ai-act")
    expect(eu.get_by_text("From 2027-12-02").first).to_be_visible()
    eu.locator("details.why > summary").click()
    expect(eu.get_by_text("because the system is used to recruit or select people", exact=False).first).to_be_visible()
    korea = page.locator("#fw-kr-ai-basic-act")
    korea.locator("details.why > summary").click()
    expect(korea.get_by_text("Art. 2(4)(사)", exact=False).first).to_be_visible()


def test_the_questionnaire_works_without_javascript(page_without_javascript: Page, live_server, officer):
    page = page_without_javascript
    sign_in(page, live_server.url, "hana")
    add_system(page)
    page.get_by_role("link", name="Start an assessment").first.click()
    page.get_by_role("button", name="Start the questionnaire").click()
    page.get_by_role("link", name=re.compile("Sensitive uses, market by market")).click()
    page.get_by_label("Employment, hiring and management of workers").first.check()
    page.get_by_role("button", name="Next").click()

    # The follow-up question is added to the same section, marked new, instead of moving on.
    expect(page.get_by_role("heading", name="Sensitive uses, market by market")).to_be_visible()
    expect(page.locator("#q-employment_uses .badge", has_text="New")).to_be_visible()
    page.get_by_label("Recruits or selects people", exact=False).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="EU: territorial scope and exclusions")).to_be_visible()
    page.get_by_role("link", name=re.compile("Review your answers")).click()
    expect(page.get_by_text("Recruits or selects people (targeted job ads")).to_be_visible()
