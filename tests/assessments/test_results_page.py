"""The results page a person can scan: a summary per framework first, then obligations grouped by framework
and status, filtered by plain GET parameters (so they work without JavaScript), with details on demand and
each framework's penalties stated once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from compliance.gaps.models import GapStatus
from compliance.reports.models import Report
from tests.gaps.fixtures import set_gap
from tests.querycount import assert_same_queries_at_two_sizes

from .conftest import HIGH_RISK_ANSWERS, give_answers, pin_assessment
from .four_frameworks import four_framework_assessment

ROW = re.compile(r'<li class="obligation" id="(?P<id>[^"]+)" data-framework="(?P<framework>[^"]+)" '
                 r'data-status="(?P<status>[^"]+)" data-nature="(?P<nature>[^"]+)" data-roles="(?P<roles>[^"]*)"'
                 r'(?P<hidden> hidden)?>')


def url(assessment, query: str = "") -> str:
    return reverse("assessments:detail", args=[assessment.pk]) + query


def rows(body: str) -> list[dict]:
    return [m.groupdict() for m in ROW.finditer(body)]


@pytest.fixture
def four(organization, owner, shipped_rule_sets):
    return four_framework_assessment(organization, owner)


def test_the_summary_comes_first_with_scope_reason_tier_role_counts_and_the_next_date(client_for, owner, four):
    response = client_for(owner).get(url(four))
    body = response.content.decode()
    page = response.context["page"]
    assert [p.view.code for p in page.panels] == ["eu-ai-act", "jp-ai-guidelines", "kr-ai-basic-act", "us-federal"]
    summary, obligations = body.index('id="summary-title"'), body.index('id="obligations"')
    assert summary < obligations < body.index('id="fw-eu-ai-act"')
    cards = body[summary:obligations]
    for panel in page.panels:
        assert panel.view.in_scope and escape(panel.view.scope_reason) in cards
        for tier in panel.view.tiers:
            assert escape(tier["label"]) in cards
        for role in panel.view.roles:
            assert escape(role["label"]) in cards
    eu = page.panels[0]
    binding = next(c for c in eu.counts if c.nature == "binding")
    assert (binding.now, binding.later) == (len(eu.view.applies_now), len(eu.view.applies_later))
    assert f"{binding.now} apply now, {binding.later} from later dates" in cards
    # The next legal date is the earliest start of what applies later, with how many duties start then.
    first = min(o.applies_from for o in eu.view.applies_later)
    assert eu.next_date.date == first
    assert eu.next_date.duties == sum(o.applies_from == first for o in eu.view.applies_later)
    assert f"{first:%Y-%m-%d} (in {(first - four.as_of).days} days)" in cards
    # Japan's guidelines are counted apart as voluntary practices, never as binding duties.
    jp = page.panels[1]
    assert "binding" not in {c.nature for c in jp.counts}
    voluntary = next(c for c in jp.counts if c.nature == "voluntary")
    assert voluntary.now == sum(o.nature == "voluntary" for o in jp.view.applies_now) > 20
    # Korea: an unverified duty is flagged in the count that includes it.
    kr = page.panels[2]
    assert next(c for c in kr.counts if c.nature == "binding").unverified >= 1
    assert 'unverified</span>' in cards[cards.index("Korea AI Basic Act"):]


def test_each_penalty_is_stated_once_per_framework(client_for, owner, four):
    response = client_for(owner).get(url(four))
    body = response.content.decode()
    shared = 0
    for panel in response.context["page"].panels:
        for penalty in panel.penalties:
            # Some penalties extend another's text, so count the whole statement as the page shows it.
            assert body.count(f">{escape(penalty.summary)} <") == 1, penalty.summary
            shared += penalty.duties > 1
    assert shared >= 2  # several duties share a penalty, yet its text shows once
    eu = response.context["page"].panels[0]
    backed = [r for g in eu.groups for r in g.rows if r.penalty]
    assert len(backed) == sum(p.duties for p in eu.penalties)
    assert f'href="#penalty-eu-ai-act-{backed[0].penalty.number}"' in body


def test_obligations_are_grouped_compact_with_details_on_demand(client_for, owner, four):
    body = client_for(owner).get(url(four)).content.decode()
    section = body[body.index('id="fw-eu-ai-act"'):body.index('id="fw-jp-ai-guidelines"')]
    statuses = [m.group(1) for m in re.finditer(r'data-status="(\w+)" ?(?:open)?>', section) if "status-group" in
                section[max(0, m.start() - 80):m.start()]]
    assert statuses[:2] == ["applies_now", "applies_later"] and statuses[-1] == "not_applicable"
    assert '<details class="status-group mb-2 status-not_applicable" data-status="not_applicable">' in section
    # Every obligation opens for its details; none is open by default.
    assert section.count('<details class="obligation-details">') == len(rows(section))
    assert '<details class="obligation-details" open' not in body
    # Japan's voluntary practices are folded apart from its duties to endeavour.
    japan = body[body.index('id="fw-jp-ai-guidelines"'):body.index('id="fw-kr-ai-basic-act"')]
    assert '<details class="voluntary-group mb-2 ms-3">' in japan


def test_filters_work_as_plain_get_parameters(client_for, owner, four):
    client = client_for(owner)
    everything = rows(client.get(url(four)).content.decode())
    assert everything and not any(r["hidden"] for r in everything)
    body = client.get(url(four, "?framework=kr-ai-basic-act&nature=binding&status=applies_now")).content.decode()
    shown = [r for r in rows(body) if not r["hidden"]]
    assert shown and len(rows(body)) == len(everything)  # hidden, not dropped: the script can show them again
    assert all((r["framework"], r["nature"], r["status"]) == ("kr-ai-basic-act", "binding", "applies_now")
               for r in shown)
    assert len(shown) == sum((r["framework"], r["nature"], r["status"]) == ("kr-ai-basic-act", "binding",
                                                                             "applies_now") for r in everything)
    assert f"Showing {len(shown)} of {len(everything)} obligations" in body
    assert re.search(r'<section id="fw-eu-ai-act"[^>]* hidden>', body)
    assert not re.search(r'<section id="fw-kr-ai-basic-act"[^>]* hidden>', body)
    assert '<option value="kr-ai-basic-act" selected>' in body


def test_voluntary_filter_opens_the_folded_practices(client_for, owner, four):
    body = client_for(owner).get(url(four, "?nature=voluntary")).content.decode()
    shown = [r for r in rows(body) if not r["hidden"]]
    assert shown and {r["nature"] for r in shown} == {"voluntary"}
    assert '<details class="voluntary-group mb-2 ms-3" open>' in body


def test_role_filter_keeps_the_duties_of_that_role_and_those_naming_no_role(client_for, owner, four):
    client = client_for(owner)
    body = client.get(url(four, "?role=eu-ai-act:provider")).content.decode()
    shown = [r for r in rows(body) if not r["hidden"]]
    assert shown and {r["framework"] for r in shown} == {"eu-ai-act"}
    assert all("eu-ai-act:provider" in r["roles"].split() or r["roles"] == "eu-ai-act:*" for r in shown)
    hidden_eu = [r for r in rows(body) if r["hidden"] and r["framework"] == "eu-ai-act"]
    assert hidden_eu and all("eu-ai-act:provider" not in r["roles"].split() for r in hidden_eu)
    # Only the roles the answers gave are offered.
    assert '<option value="eu-ai-act:provider" selected>' in body
    assert 'value="eu-ai-act:deployer"' not in body


def test_unknown_filter_values_are_ignored(client_for, owner, four):
    response = client_for(owner).get(url(four, "?framework=%3Cscript%3E&status=bogus&role=eu-ai-act:ruler"))
    assert response.status_code == 200
    assert not response.context["page"].filters.active
    assert not any(r["hidden"] for r in rows(response.content.decode()))
    assert "<script>" not in response.content.decode()


def test_nothing_matching_says_so(client_for, owner, high_risk_assessment):
    body = client_for(owner).get(url(high_risk_assessment, "?status=moot")).content.decode()
    # No moot duty here, so "moot" is not offered and the filter is ignored rather than showing nothing.
    assert 'value="moot"' not in body and "Showing 5 of 5 obligations" in body
    body = client_for(owner).get(url(high_risk_assessment, "?status=applies_now&role=eu-ai-act:provider"
                                                           )).content.decode()
    assert 'id="filter-empty" role="status"' in body


def test_query_count_does_not_grow_with_gap_work_reports_or_other_assessments(client_for, owner, organization,
                                                                              high_risk_assessment):
    set_gap(high_risk_assessment, "art4-ai-literacy", status=GapStatus.MET)

    def grow():
        set_gap(high_risk_assessment, "art9-risk-management", status=GapStatus.IN_PROGRESS, owner="HR",
                due_date=dt.date(2026, 1, 1))
        set_gap(high_risk_assessment, "art50-1-disclose-interaction", status=GapStatus.NOT_STARTED)
        for index in range(6):
            Report.objects.create(organization=organization, assessment=high_risk_assessment,
                                  state_hash=f"h{index}", status=Report.Status.FAILED, error="Worker stopped.")
        for index in range(5):
            other = pin_assessment(high_risk_assessment.system,
                                   [p.version for p in high_risk_assessment.pinned_versions.all()])
            give_answers(other, {**HIGH_RISK_ANSWERS, "interacts_with_people": bool(index % 2)})

    count = assert_same_queries_at_two_sizes(client_for(owner), url(high_risk_assessment), grow)
    assert count <= 20


def test_four_framework_query_count_does_not_grow_with_gap_work_on_every_duty(client_for, owner, four):
    from compliance.assessments.selectors import assessment_state

    state = assessment_state(four)
    applying = [(code, o.code) for code, result in state.evaluation.results.items() for o in result.obligations
                if o.status in ("applies_now", "applies_later")]
    set_gap(four, applying[0][1], framework_code=applying[0][0], status=GapStatus.MET)

    def grow():
        for index, (framework_code, code) in enumerate(applying[1:]):
            set_gap(four, code, framework_code=framework_code, status=GapStatus.IN_PROGRESS, owner=f"Team {index}",
                    due_date=dt.date(2026, 1, 1) + dt.timedelta(days=index * 20))

    assert len(applying) > 50
    count = assert_same_queries_at_two_sizes(client_for(owner), url(four), grow)
    assert count <= 20
