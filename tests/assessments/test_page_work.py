"""Single-assessment pages do bounded work: queries at two data sizes, evaluations kept per published version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from compliance.assessments import selectors
from compliance.assessments.models import ResultSummary
from compliance.assessments.questionnaire import questionnaire_fingerprint
from compliance.assessments.stored_results import store_results
from compliance.gaps import kept_pages
from compliance.gaps.models import GapStatus
from frameworks import selectors as framework_selectors
from tests.gaps.fixtures import APPLICABLE, SAMPLE_ANSWERS, make_assessment, set_gap
from tests.querycount import assert_same_queries_at_two_sizes, queries_of

from .conftest import htmx


@pytest.fixture
def page_assessment(organization, sample_version):
    assessment = make_assessment(organization, [sample_version])
    store_results(assessment=assessment)
    return assessment


@pytest.fixture
def evaluations(monkeypatch):
    """How many times the engine evaluated an assessment (every page reaches it through selectors)."""
    calls = []
    original = selectors.evaluate

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(selectors, "evaluate", counted)
    selectors._evaluated.clear()
    return calls


def _grow(organization, sample_version, assessment):
    """More of everything around the assessment: 40 other assessments with gap work, and gap work of its own."""
    for index in range(40):
        other = make_assessment(organization, [sample_version], name=f"System {index}")
        set_gap(other, "art4-ai-literacy", status=GapStatus.MET)
    for code in APPLICABLE:
        set_gap(assessment, code, status=GapStatus.IN_PROGRESS, owner="Dana", due_date=dt.date(2026, 1, 5),
                evidence_notes="Policy v2", links=["https://example.com/policy"])


def test_section_queries_do_not_grow(client_for, owner, organization, sample_version, page_assessment):
    section = selectors.wizard_state(page_assessment).visible_sections[0]
    url = reverse("assessments:section", args=[page_assessment.pk, section.code])
    count = assert_same_queries_at_two_sizes(client_for(owner), url,
                                             lambda: _grow(organization, sample_version, page_assessment))
    assert count <= 8


def test_gap_tracker_queries_do_not_grow(client_for, owner, organization, sample_version, page_assessment):
    url = reverse("gaps:tracker", args=[page_assessment.pk])
    count = assert_same_queries_at_two_sizes(client_for(owner), url,
                                             lambda: _grow(organization, sample_version, page_assessment))
    assert count <= 11  # with the gap workspace's evidence, action links and assignees


def test_results_page_queries_do_not_grow(client_for, owner, organization, sample_version, page_assessment):
    url = reverse("assessments:detail", args=[page_assessment.pk])
    count = assert_same_queries_at_two_sizes(client_for(owner), url,
                                             lambda: _grow(organization, sample_version, page_assessment))
    assert count <= 14  # with the organization's state and the rule sets' keys, which name the kept obligations
    rendered = assert_same_queries_at_two_sizes(client_for(owner), url,
                                                lambda: _grow(organization, sample_version, page_assessment),
                                                before=kept_pages.forget_kept_content)
    assert rendered <= 14


def test_answer_save_queries_do_not_grow(client_for, owner, organization, sample_version, page_assessment):
    client = client_for(owner)
    url = reverse("assessments:answer", args=[page_assessment.pk, "interacts_with_people"])
    fingerprint = questionnaire_fingerprint(selectors.pinned_rule_sets(page_assessment))
    flip = {"value": SAMPLE_ANSWERS["interacts_with_people"]}

    def save():
        flip["value"] = not flip["value"]
        response = htmx(client, url, {"questionnaire": fingerprint,
                                      "interacts_with_people-value": "yes" if flip["value"] else "no"})
        assert response.status_code == 200 and "Saved your answer." in response.content.decode()

    save()  # fills per-process caches
    small = queries_of(save)
    _grow(organization, sample_version, page_assessment)
    save()
    large = queries_of(save)
    assert small == large, f"answer save: {small} queries before adding data, {large} after"
    assert small <= 24


def test_results_tracker_and_panel_evaluate_once_per_answers(client_for, owner, page_assessment, evaluations):
    client = client_for(owner)
    assert client.get(reverse("assessments:detail", args=[page_assessment.pk])).status_code == 200
    assert len(evaluations) == 1  # the results page and its gap panel share one evaluation
    assert client.get(reverse("assessments:detail", args=[page_assessment.pk])).status_code == 200
    assert client.get(reverse("gaps:tracker", args=[page_assessment.pk])).status_code == 200
    assert len(evaluations) == 1


def test_saving_an_answer_evaluates_once_and_the_results_page_reuses_it(client_for, owner, page_assessment,
                                                                        evaluations):
    client = client_for(owner)
    before = ResultSummary.objects.get(assessment=page_assessment).tier_keys
    fingerprint = questionnaire_fingerprint(selectors.pinned_rule_sets(page_assessment))
    response = htmx(client, reverse("assessments:answer", args=[page_assessment.pk, "employment_uses"]),
                    {"questionnaire": fingerprint, "employment_uses-value": ["__none__"]})
    assert response.status_code == 200
    assert len(evaluations) == 1  # to store the new results
    after = ResultSummary.objects.get(assessment=page_assessment).tier_keys
    assert "eu-ai-act:high_risk" in before and "eu-ai-act:high_risk" not in after  # no longer a recruitment tool
    body = client.get(reverse("assessments:detail", args=[page_assessment.pk])).content.decode()
    assert len(evaluations) == 1  # the results page found the evaluation the save made
    assert "Recruitment or selection" not in body


def test_pins_of_compiled_versions_cost_one_small_query(page_assessment, monkeypatch):
    selectors.pinned_rule_sets(page_assessment)  # compiles (or finds) the sample version
    compiled = []
    monkeypatch.setattr(framework_selectors, "compile_document", lambda *a: compiled.append(a))
    with CaptureQueriesContext(connection) as captured:
        rule_sets = selectors.pinned_rule_sets(page_assessment)
    assert [rs.framework_code for rs in rule_sets] == ["eu-ai-act"] and not compiled
    assert len(captured) == 1
    assert '"frameworks_rulesetversion"."definitions"' not in captured[0]["sql"]  # no content loaded


def test_draft_evaluations_are_not_kept(organization, sample_version):
    from frameworks.services import create_draft_from

    draft = create_draft_from(version=sample_version, label="sample-2", in_force_from=dt.date(2027, 1, 1))
    assessment = make_assessment(organization, [draft])
    rule_sets = selectors.pinned_rule_sets(assessment)
    assert selectors._evaluation_key(rule_sets, SAMPLE_ANSWERS, assessment.as_of) is None
    published = selectors._evaluation_key(selectors.pinned_rule_sets(make_assessment(organization, [sample_version])),
                                          SAMPLE_ANSWERS, assessment.as_of)
    assert published is not None
