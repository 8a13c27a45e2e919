"""The results page: scope, tiers and roles explained by the answers; obligations grouped."""

from pathlib import Path

import yaml
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import SAMPLE_PATH, answer_of, give_answers, htmx

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "assessments" / "detail.html"


def url(assessment):
    return reverse("assessments:detail", args=[assessment.pk])


def test_explains_the_high_risk_result_by_the_answers(client_for, owner, high_risk_assessment):
    body = client_for(owner).get(url(high_risk_assessment)).content.decode()
    assert "<strong>High-risk</strong> because the system is used to recruit or select people, for example by " \
           "filtering applications" in body
    assert "(EU Artificial Intelligence Act Art. 6(2), Annex III point 4(a))" in body
    assert "“What does the system do in employment?” <span class=\"visually-hidden\">answer:</span> " \
           "<strong>Recruits or selects people" in body
    assert "The exception “the Art. 6(3) derogation (no significant risk; narrow or preparatory role)”" in body
    assert "does not apply, given your answers:" in body
    assert "Your note: Ranks candidates by predicted fit." in body
    assert "<strong>Provider</strong> because you develop the system and offer it under your own name" in body


def test_groups_obligations_with_dates_citations_and_penalties(client_for, owner, high_risk_assessment):
    body = client_for(owner).get(url(high_risk_assessment)).content.decode()
    assert 'Applies now <span class="badge text-bg-secondary" data-group-shown>1</span>' in body
    assert "<strong>From 2027-12-02</strong> (375 days after the assessment date; Art. 113(c) as amended by " \
           "Regulation (EU) 2026/1744)" in body
    assert body.count("Up to EUR 15 million or 3% of worldwide annual turnover") == 1
    assert 'href="https://eur-lex.europa.eu/eli/reg/2024/1689/oj"' in body
    assert '<details class="status-group mb-2 status-not_applicable" data-status="not_applicable">' in body
    assert "<strong>Not applicable:</strong> Applies only to: Prohibited practice." in body
    assert "secondary source" in body and "primary source" in body


def test_exception_that_applies_is_explained(client_for, owner, assessment):
    give_answers(assessment, {"is_ai_system": True, "org_develops_system": True, "org_offers_system": True,
                              "profiles_people": False, "use_areas": ["employment"],
                              "employment_uses": ["recruitment"], "eu_art6_3_conditions": ["preparatory_task"]})
    body = client_for(owner).get(url(assessment)).content.decode()
    assert "<strong>Not High-risk</strong> although the system is used to recruit or select people" in body
    assert "applies, given your answers:" in body
    assert "It performs a preparatory task to an assessment" in body
    assert "<strong>Minimal risk</strong> because no prohibited, high-risk or transparency rule applies" in body


def test_out_of_scope_says_what_would_bring_it_in(client_for, owner, assessment):
    give_answers(assessment, {"is_ai_system": False})
    body = client_for(owner).get(url(assessment)).content.decode()
    assert "Not in scope</span>" in body
    assert "It would apply if:" in body
    assert "the system infers outputs from inputs, so it is an AI system" in body


def test_unanswered_questions_make_results_provisional(client_for, owner, assessment):
    body = client_for(owner).get(url(assessment)).content.decode()
    assert "Provisional results:" in body
    assert "6 required questions are still unanswered" in body


def test_changing_an_answer_updates_the_results(client_for, owner, high_risk_assessment):
    from compliance.assessments.questionnaire import questionnaire_fingerprint
    from compliance.assessments.selectors import pinned_rule_sets

    client = client_for(owner)
    assert "<strong>High-risk</strong> because" in client.get(url(high_risk_assessment)).content.decode()
    htmx(client, reverse("assessments:answer", args=[high_risk_assessment.pk, "employment_uses"]), {
        "questionnaire": questionnaire_fingerprint(pinned_rule_sets(high_risk_assessment)),
        "employment_uses-value": ["other"]})
    assert answer_of(high_risk_assessment, "employment_uses") == ["other"]
    body = client.get(url(high_risk_assessment)).content.decode()
    assert "<strong>High-risk</strong> because" not in body
    assert "<strong>Minimal risk</strong> because" in body


def test_results_come_from_the_pinned_version_not_the_newest(client_for, owner, high_risk_assessment, tmp_path):
    document = yaml.safe_load(SAMPLE_PATH.read_text())
    document["version"].update(label="sample-2", in_force_from="2026-08-01")
    for obligation in document["obligations"]:
        if obligation["code"] == "art9-risk-management":
            obligation["applies_from"] = [{"date": "2029-01-01"}]
    newer = tmp_path / "sample-2.yaml"
    newer.write_text(yaml.safe_dump(document, allow_unicode=True))
    call_command("load_rulesets", str(newer), verbosity=0, stdout=open("/dev/null", "w"))
    body = client_for(owner).get(url(high_risk_assessment)).content.decode()
    assert "<strong>From 2027-12-02</strong>" in body
    assert "<strong>From 2029-01-01</strong>" not in body
    assert "rule-set version sample-1" in body


def test_unverified_items_are_marked_on_real_rule_sets(client_for, owner, eu_kr_assessment):
    body = client_for(owner).get(url(eu_kr_assessment)).content.decode()
    assert "High-risk" in body
    assert "2027-12-02" in body
    assert "High-impact AI" in body
    assert '<span lang="ko"' in body
    assert 'class="badge badge-unverified"' in body


def test_other_apps_panels_are_built_by_the_view_and_shown(client_for, owner, high_risk_assessment):
    """Gaps, reports and upgrades register panel builders (assessments.panels); the view calls them."""
    from compliance.assessments import panels

    side = [name for _, name, _ in panels._builders[panels.SIDE]]
    assert side == ["gaps", "reports"] and [n for _, n, _ in panels._builders[panels.BANNER]] == ["upgrades"]
    response = client_for(owner).get(url(high_risk_assessment))
    body = response.content.decode()
    assert 'id="gap-panel-title"' in body and 'id="report-panel-title"' in body
    assert [p.template for p in response.context["side_panels"]] == ["gaps/_assessment_panel.html",
                                                                     "reports/_assessment_panel.html"]
    assert "render_panel" in TEMPLATE.read_text() and "template_exists" not in TEMPLATE.read_text()


def test_teammate_and_viewer_read_the_results(client_for, teammate, viewer, high_risk_assessment):
    assert client_for(teammate).get(url(high_risk_assessment)).status_code == 200
    response = client_for(viewer).get(url(high_risk_assessment))
    assert response.status_code == 200
    assert reverse("assessments:resume", args=[high_risk_assessment.pk]) not in response.content.decode()


def test_outsider_gets_404(client_for, outsider, high_risk_assessment):
    assert client_for(outsider).get(url(high_risk_assessment)).status_code == 404


def test_query_count_is_bounded_for_small_and_large_rule_sets(client_for, owner, high_risk_assessment,
                                                               eu_kr_assessment):
    client = client_for(owner)
    counts = []
    for assessment in (high_risk_assessment, eu_kr_assessment):
        client.get(url(assessment))  # compile and cache the pinned versions
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(assessment)).status_code == 200
        counts.append(len(queries))
    # Two dozen questions and five obligations, or well over a hundred of each: the same fixed bound
    # (the panels of the gap, report and upgrade apps included).
    assert max(counts) <= 20, counts
