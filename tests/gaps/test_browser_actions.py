"""In a real browser: create an action from an obligation, accept two crosswalk suggestions, assign it to a
teammate; then the tracker and the action page at a phone's width (no sideways scrolling)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from compliance.gaps.models import Action, GapItem, GapStatus
from frameworks.selectors import versions_in_force
from tests.assessments.conftest import CV_SCREENING_EU_KR, give_answers, pin_assessment
from tests.conftest import load_shipped_rule_sets
from tests.factories import AS_OF, AISystemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EU, KR = "eu-ai-act", "kr-ai-basic-act"


@pytest.fixture
def eu_kr(organization, owner):
    load_shipped_rule_sets()  # a transactional test flushed them
    versions = versions_in_force(as_of=AS_OF, framework_codes=[EU, KR])
    if len(versions) < 2:
        pytest.skip("the shipped EU and Korean rule sets are not both loaded")
    system = AISystemFactory(organization=organization, name="CV ranker", markets=["eu", "kr"])
    assessment = pin_assessment(system, versions, user=owner)
    give_answers(assessment, CV_SCREENING_EU_KR)
    return assessment


def test_an_action_from_an_obligation_serves_three_after_two_suggestions_and_goes_to_a_teammate(
        page, signed_in, owner, teammate, eu_kr):
    base = signed_in(page, owner)
    page.goto(base + reverse("gaps:edit", args=[eu_kr.pk, EU, "art14-human-oversight"]))
    page.get_by_role("link", name="New action for this obligation").click()
    page.get_by_label("Title").fill("Human oversight procedure v2")
    page.get_by_role("button", name="Create action").click()

    expect(page.locator("#messages")).to_contain_text("Action created")
    expect(page.locator("#linked-obligations li")).to_have_count(1)
    suggestions = page.locator("#suggestions")
    first = suggestions.get_by_role("listitem").filter(has_text="KR")
    expect(first).to_contain_text("This also serves KR")
    first.get_by_role("button", name="Link").click()
    expect(page.locator("#linked-obligations li")).to_have_count(2)
    # Through the Korean duty the crosswalk now also points to the deployer's human-oversight duty (EU Art. 26).
    second = page.locator("#suggestions li").filter(has_text="Art. 26")
    second.first.get_by_role("button", name="Link").click()
    expect(page.locator("#linked-obligations li")).to_have_count(3)

    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Assigned to").select_option(label="ted")
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#action-summary")).to_contain_text("Assigned to ted")
    expect(page.locator("#action-history")).to_contain_text("Assigned to: nobody → ted")

    action = Action.objects.get()
    assert (action.assignee, action.status, action.links.count()) == (teammate, "in_progress", 3)
    assert set(GapItem.objects.values_list("status", flat=True)) == {GapStatus.IN_PROGRESS}
    assert [m.to for m in mail.outbox] == [[teammate.email]]

    # The teammate sees it under "Assigned to me".
    signed_in(page, teammate)
    page.goto(base + reverse("gaps:assigned"))
    expect(page.get_by_role("link", name="Human oversight procedure v2")).to_be_visible()


@pytest.mark.parametrize("width", [390, 1366])
def test_tracker_and_action_pages_fit_the_screen(page, signed_in, owner, eu_kr, width):
    from compliance.assessments.selectors import assessment_state
    from compliance.gaps.actions import services

    action = services.create_action(organization_id=eu_kr.organization_id, user=owner, title="Logging policy")
    services.link_action(action=action, state=assessment_state(eu_kr), framework_code=EU,
                         obligation_code="art14-human-oversight", user=owner)
    base = signed_in(page, owner)
    page.set_viewport_size({"width": width, "height": 900})
    for url in (reverse("gaps:tracker", args=[eu_kr.pk]), reverse("gaps:action", args=[action.pk]),
                reverse("gaps:actions")):
        page.goto(base + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px"
    page.goto(base + reverse("gaps:tracker", args=[eu_kr.pk]))
    assert page.locator('li.list-group-item[id^="gap-"]').count() == 25  # a page at a time, also on a phone
