"""Scores and highlight rules of the gap selectors."""

import datetime as dt

import pytest

from compliance.assessments.selectors import assessment_state
from compliance.gaps.models import GapStatus
from compliance.gaps.selectors import Score, assessment_gaps
from tests.factories import AS_OF
from tests.gaps.fixtures import APPLICABLE, EU, NOT_APPLICABLE, set_gap


def gaps_of(assessment, today=AS_OF):
    return assessment_gaps(state=assessment_state(assessment), today=today)


def test_score_shares_leave_out_items_marked_not_applicable():
    score = Score(met=2, in_progress=1, not_started=1, not_applicable=3)
    assert score.applicable == 7
    assert score.counted == 4
    assert (score.met_percent, score.in_progress_percent, score.not_started_percent) == (50, 25, 25)
    assert score.open == 2


def test_score_without_counted_obligations_has_no_percentages():
    assert Score(not_applicable=2).met_percent is None
    assert Score().met_percent is None


def test_rows_cover_applicable_obligations_and_default_to_not_started(assessment):
    gaps = gaps_of(assessment)
    [framework] = gaps.frameworks
    assert framework.code == EU
    assert sorted(r.code for r in framework.rows) == sorted(APPLICABLE)
    assert [o.code for o in framework.not_applicable] == [NOT_APPLICABLE]
    assert {r.status for r in framework.rows} == {GapStatus.NOT_STARTED}
    assert gaps.score.not_started == 4 and gaps.score.met_percent == 0


def test_scores_count_each_status(assessment):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
    set_gap(assessment, "art9-risk-management", status=GapStatus.IN_PROGRESS)
    set_gap(assessment, "art26-7-inform-workers", status=GapStatus.NOT_APPLICABLE, justification="No workers.")
    score = gaps_of(assessment).score
    assert (score.met, score.in_progress, score.not_started, score.not_applicable) == (1, 1, 1, 1)
    assert score.met_percent == 33 and score.in_progress_percent == 33


def test_statuses_of_obligations_that_do_not_apply_are_ignored(assessment):
    set_gap(assessment, NOT_APPLICABLE, status=GapStatus.MET)
    assert gaps_of(assessment).score.met == 0


def test_overdue_means_an_open_item_past_its_own_due_date(assessment):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.IN_PROGRESS, due_date=AS_OF - dt.timedelta(days=1))
    set_gap(assessment, "art9-risk-management", status=GapStatus.MET, due_date=AS_OF - dt.timedelta(days=30))
    set_gap(assessment, "art26-7-inform-workers", status=GapStatus.NOT_STARTED, due_date=AS_OF)
    gaps = gaps_of(assessment)
    assert [r.code for r in gaps.overdue] == ["art4-ai-literacy"]


@pytest.mark.parametrize(("today", "near"), [
    (dt.date(2027, 9, 3), ["art26-7-inform-workers", "art9-risk-management"]),  # 90 days before 2027-12-02
    (dt.date(2027, 9, 2), []),  # 91 days before
    (dt.date(2027, 12, 2), ["art26-7-inform-workers", "art9-risk-management"]),  # the day itself
    (dt.date(2027, 12, 3), []),  # passed: applies, no longer "near"
])
def test_legal_date_is_near_within_90_days(assessment, today, near):
    assert sorted(r.code for r in gaps_of(assessment, today).near_legal_date) == near


def test_met_items_are_never_highlighted(assessment):
    set_gap(assessment, "art9-risk-management", status=GapStatus.MET)
    gaps = gaps_of(assessment, dt.date(2027, 11, 1))
    assert [r.code for r in gaps.near_legal_date] == ["art26-7-inform-workers"]


def test_attention_lists_overdue_items_first(assessment):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.IN_PROGRESS, due_date=dt.date(2027, 10, 1))
    gaps = gaps_of(assessment, dt.date(2027, 11, 1))
    codes = [r.code for r in gaps.attention]
    assert codes[0] == "art4-ai-literacy"
    assert sorted(codes[1:]) == ["art26-7-inform-workers", "art9-risk-management"]
