"""What the report says, computed before any HTML: answers in words, penalties, the roadmap."""

import datetime as dt
from types import SimpleNamespace

from compliance.gaps.models import GapStatus
from compliance.gaps.selectors import AssessmentGaps, FrameworkGaps, GapRow, Score
from compliance.reports.content import answer_text, penalty_short, remediation_roadmap
from frameworks.engine import APPLIES_NOW, ObligationResult

TODAY = dt.date(2026, 11, 22)


def test_answer_text():
    choices = {"choices": [{"code": "a", "label": "Alpha"}, {"code": "b", "label": "Beta"}]}
    assert answer_text({"type": "yes_no"}, True) == "Yes"
    assert answer_text({"type": "yes_no"}, False) == "No"
    assert answer_text({"type": "single_choice", **choices}, "b") == "Beta"
    assert answer_text({"type": "multiple_choice", **choices}, ["a", "b"]) == "Alpha; Beta"
    assert answer_text({"type": "multiple_choice", **choices}, []) == "None of these"
    assert answer_text({"type": "number", "unit": "FLOP"}, 1e25) == "1e+25 FLOP"
    assert answer_text({"type": "text"}, None) == "Not answered"


def test_penalty_short():
    assert penalty_short({"summary": "s", "max_amount": 35000000, "currency": "EUR", "max_turnover_percent": 7}) == \
        "up to EUR 35,000,000 or 7% of turnover"
    assert penalty_short({"summary": "A fine set by decree", "max_amount": None, "max_turnover_percent": None}) == \
        "A fine set by decree"
    assert penalty_short(None) == ""


def row(framework, code, date, status=GapStatus.NOT_STARTED, penalty=None):
    spec = {"title": code, "confidence": "primary", "penalty": penalty}
    obligation = ObligationResult(code, APPLIES_NOW, date, None, "", "", spec)
    item = SimpleNamespace(status=status, due_date=None)
    return GapRow(framework, framework.upper(), obligation, item, TODAY)


def test_roadmap_orders_by_legal_date_then_penalty_and_groups_crosswalked_items():
    eu_big = row("eu", "eu-big", dt.date(2027, 8, 2), penalty={"max_turnover_percent": 7, "max_amount": 35e6})
    eu_small = row("eu", "eu-small", dt.date(2027, 8, 2), penalty={"max_turnover_percent": 3, "max_amount": 15e6})
    eu_early = row("eu", "eu-early", dt.date(2026, 8, 2))
    kr_same = row("kr", "kr-same", dt.date(2026, 1, 22))
    kr_met = row("kr", "kr-met", dt.date(2026, 1, 22), status=GapStatus.MET)
    jp_related = row("jp", "jp-related", dt.date(2025, 9, 1))
    frameworks = [FrameworkGaps("eu", "EU", "", "1", True, [], [], [eu_big, eu_small, eu_early], [], Score()),
                  FrameworkGaps("kr", "KR", "", "1", True, [], [], [kr_same, kr_met], [], Score()),
                  FrameworkGaps("jp", "JP", "", "1", True, [], [], [jp_related], [], Score())]
    gaps = AssessmentGaps(frameworks, Score(), TODAY)
    rule_sets = [SimpleNamespace(framework_code="eu", crosswalk=(
        {"obligation": "eu-early", "framework": "kr", "target": "kr-same", "kind": "equivalent", "note": ""},
        {"obligation": "eu-big", "framework": "kr", "target": "kr-met", "kind": "overlaps", "note": ""},
        {"obligation": "eu-small", "framework": "jp", "target": "jp-related", "kind": "related", "note": ""},
    ))]
    actions = remediation_roadmap(gaps, rule_sets)
    assert [a.lead.code for a in actions] == ["jp-related", "kr-same", "eu-big", "eu-small"]
    kr_action = actions[1]
    assert [(r.row.code, r.kind) for r in kr_action.also_closes] == [("eu-early", "equivalent")]
    assert all(a.lead.code != "kr-met" for a in actions)  # met items are not open
    assert [a.number for a in actions] == [1, 2, 3, 4]
