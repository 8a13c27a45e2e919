"""Stored results: written by the services, equal to what the engine returns, never shown stale."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from compliance.assessments import services
from compliance.assessments.models import FrameworkSummary, ObligationSummary, ResultSummary
from compliance.assessments.selectors import assessment_state
from compliance.assessments.stored_results import refresh_results
from frameworks.engine import NOT_APPLICABLE
from frameworks.selectors import versions_in_force
from tests.factories import AS_OF

from .conftest import CV_SCREENING_EU_KR, HIGH_RISK_ANSWERS, give_answers


def test_starting_an_assessment_stores_its_results(system, sample_version, owner):
    assessment = services.start_assessment(system=system, user=owner, framework_codes=["eu-ai-act"], as_of=AS_OF,
                                           label="  First   look ")
    assert assessment.label == "First look"
    summary = ResultSummary.objects.get(assessment=assessment)
    assert summary.required > 0 and summary.answered == 0
    assert FrameworkSummary.objects.filter(assessment=assessment).count() == 1


def test_saving_answers_stores_what_the_engine_returns(assessment, owner):
    services.save_answers(assessment=assessment, user=owner,
                          changes={code: {"value": value} for code, value in HIGH_RISK_ANSWERS.items()})
    state = assessment_state(assessment)
    [stored] = FrameworkSummary.objects.filter(assessment=assessment)
    result = state.evaluation.results["eu-ai-act"]
    assert [t["code"] for t in stored.tiers] == result.tiers
    assert {o["code"]: o["status"] for o in stored.result["obligations"]} == {o.code: o.status
                                                                              for o in result.obligations}
    assert "trace" not in stored.result and "penalty" not in stored.result["obligations"][0]
    applicable = {o.code for o in result.obligations if o.status != NOT_APPLICABLE}
    assert set(ObligationSummary.objects.filter(assessment=assessment).values_list("obligation_code",
                                                                                     flat=True)) == applicable
    summary = ResultSummary.objects.get(assessment=assessment)
    assert summary.binding_now + summary.binding_later == len(applicable)
    assert " eu-ai-act:high_risk " in summary.tier_keys


def test_results_are_recomputed_once_when_their_inputs_change(assessment):
    assert refresh_results(assessment_ids=[assessment.pk]) == 1  # missing: computed
    assert refresh_results(assessment_ids=[assessment.pk]) == 0  # current: left alone
    give_answers(assessment, {"is_ai_system": True})
    assert refresh_results(assessment_ids=[assessment.pk]) == 1
    assert ResultSummary.objects.get(assessment=assessment).answered == 1


def test_binding_effort_and_voluntary_are_counted_apart(system, owner, shipped_rule_sets):
    versions = versions_in_force(as_of=AS_OF, framework_codes=["kr-ai-basic-act", "jp-ai-guidelines"])
    if len(versions) < 2:
        pytest.skip("the shipped Korean and Japanese rule sets are not both loaded")
    assessment = services.start_assessment(system=system, user=owner, as_of=AS_OF,
                                           framework_codes=["kr-ai-basic-act", "jp-ai-guidelines"])
    give_answers(assessment, CV_SCREENING_EU_KR)
    refresh_results(assessment_ids=[assessment.pk])
    state = assessment_state(assessment)
    by_nature: dict[str, int] = {}
    for result in state.evaluation.results.values():
        for o in result.obligations:
            if o.status != NOT_APPLICABLE:
                by_nature[o.spec["nature"]] = by_nature.get(o.spec["nature"], 0) + 1
    summary = ResultSummary.objects.get(assessment=assessment)
    assert summary.voluntary_now + summary.voluntary_later == by_nature.get("voluntary", 0)
    assert summary.binding_now + summary.binding_later == by_nature.get("binding", 0)
    assert summary.effort_now + summary.effort_later == by_nature.get("effort", 0)
    assert by_nature.get("voluntary", 0) > 0 and by_nature.get("binding", 0) > 0
    jp = FrameworkSummary.objects.get(assessment=assessment, framework_code="jp-ai-guidelines")
    jp_voluntary = [o for o in state.evaluation.results["jp-ai-guidelines"].obligations
                    if o.spec["nature"] == "voluntary" and o.status != NOT_APPLICABLE]
    assert sum(n for status, n in jp.counts["voluntary"].items() if status not in (NOT_APPLICABLE, "unverified")) \
        == len(jp_voluntary)
    assert jp.counts["voluntary"].get("unverified", 0) == sum(o.spec["confidence"] == "unverified" for o in jp_voluntary)


def test_an_archived_assessment_is_read_only(client_for, owner, assessment):
    services.archive_assessment(assessment=assessment, user=owner)
    with pytest.raises(ValidationError):
        services.save_answers(assessment=assessment, user=owner, changes={"is_ai_system": {"value": True}})
    client = client_for(owner)
    assert client.get(reverse("assessments:detail", args=[assessment.pk])).status_code == 200
    response = client.post(reverse("assessments:answer", args=[assessment.pk, "is_ai_system"]), {"value": "yes"})
    assert response.status_code == 403
    assert client.post(reverse("assessments:restore", args=[assessment.pk])).status_code == 302
    assessment.refresh_from_db()
    assert assessment.archived_at is None


def test_labels_longer_than_120_characters_are_refused(client_for, owner, assessment):
    client_for(owner).post(reverse("assessments:rename", args=[assessment.pk]), {"label": "x" * 121})
    assessment.refresh_from_db()
    assert assessment.label == ""


def test_viewers_cannot_archive(client_for, viewer, assessment):
    assert client_for(viewer).post(reverse("assessments:archive", args=[assessment.pk])).status_code == 403


def test_outsiders_get_404(client_for, outsider, assessment):
    for name in ("archive", "restore", "rename"):
        assert client_for(outsider).post(reverse(f"assessments:{name}", args=[assessment.pk])).status_code == 404


def test_refresh_command_recomputes_only_what_changed(assessment):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("refresh_results", stdout=out)
    assert "recomputed 1" in out.getvalue()
    call_command("refresh_results", stdout=out)
    assert out.getvalue().endswith("Checked 1 assessments; recomputed 0.\n")


def test_results_from_other_engine_code_count_as_outdated(assessment, monkeypatch):
    from compliance.assessments import stored_results
    from compliance.assessments.models import Assessment

    refresh_results(assessment_ids=[assessment.pk])
    assert not stored_results.outdated(Assessment.objects.all()).exists()
    monkeypatch.setattr(stored_results, "ENGINE_HASH", "another-engine")
    assert list(stored_results.outdated(Assessment.objects.all())) == [assessment]
    assert refresh_results(assessment_ids=[assessment.pk]) == 1
    assert not stored_results.outdated(Assessment.objects.all()).exists()
