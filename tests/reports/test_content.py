"""What the report says, computed before any HTML: answers in words, penalties, the roadmap."""

import datetime as dt
from types import SimpleNamespace

from compliance.gaps.models import GapStatus
from compliance.gaps.selectors import AssessmentGaps, FrameworkGaps, GapRow, NatureScores
from compliance.reports.content import answer_text, nature_counts, penalty_short, remediation_roadmap
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
    assert answer_text({"type": "number", "unit": "EUR"}, 1500000) == "1,500,000 EUR"  # as on screen
    assert answer_text({"type": "text"}, None) == "Not answered"
    assert answer_text({"type": "text"}, "") == "Not answered"


def test_penalty_short():
    assert penalty_short({"summary": "s", "max_amount": 35000000, "currency": "EUR", "max_turnover_percent": 7}) == \
        "up to EUR 35,000,000 or 7% of turnover"
    assert penalty_short({"summary": "A fine set by decree", "max_amount": None, "max_turnover_percent": None}) == \
        "A fine set by decree"
    assert penalty_short(None) == ""


def row(framework, code, date, status=GapStatus.NOT_STARTED, penalty=None, nature="binding"):
    spec = {"title": code, "confidence": "primary", "penalty": penalty, "nature": nature}
    obligation = ObligationResult(code, APPLIES_NOW, date, None, "", "", spec)
    item = SimpleNamespace(status=status, due_date=None)
    return GapRow(framework, framework.upper(), obligation, item, TODAY)


def gaps_of(*frameworks):
    return AssessmentGaps([FrameworkGaps(code, code.upper(), "", "1", True, [], [], rows, [], NatureScores())
                           for code, rows in frameworks], NatureScores(), TODAY)


def test_roadmap_puts_binding_duties_that_apply_now_first_then_by_date_then_effort_then_voluntary():
    eu_big = row("eu", "eu-big", dt.date(2027, 8, 2), penalty={"max_turnover_percent": 7, "max_amount": 35e6})
    eu_small = row("eu", "eu-small", dt.date(2027, 8, 2), penalty={"max_turnover_percent": 3, "max_amount": 15e6})
    eu_sooner = row("eu", "eu-sooner", dt.date(2027, 1, 1))
    eu_early = row("eu", "eu-early", dt.date(2026, 8, 2))
    kr_same = row("kr", "kr-same", dt.date(2026, 1, 22))
    kr_met = row("kr", "kr-met", dt.date(2026, 1, 22), status=GapStatus.MET)
    kr_effort = row("kr", "kr-effort", dt.date(2026, 1, 22), nature="effort")
    jp_related = row("jp", "jp-related", dt.date(2025, 9, 1))
    jp_voluntary = row("jp", "jp-voluntary", dt.date(2024, 4, 19), nature="voluntary")
    gaps = gaps_of(("eu", [eu_big, eu_small, eu_sooner, eu_early]), ("kr", [kr_same, kr_met, kr_effort]),
                   ("jp", [jp_related, jp_voluntary]))
    rule_sets = [SimpleNamespace(framework_code="eu", crosswalk=(
        {"obligation": "eu-early", "framework": "kr", "target": "kr-same", "kind": "equivalent", "note": ""},
        {"obligation": "eu-big", "framework": "kr", "target": "kr-met", "kind": "overlaps", "note": ""},
        {"obligation": "eu-small", "framework": "jp", "target": "jp-related", "kind": "related", "note": ""},
    ))]
    actions = remediation_roadmap(gaps, rule_sets)
    # Apply now (the action serving two frameworks first), then later binding duties by date and penalty,
    # then the duty to endeavour, then the voluntary practice although its date is the earliest.
    assert [a.lead.code for a in actions] == ["eu-early", "jp-related", "eu-sooner", "eu-big", "eu-small",
                                              "kr-effort", "jp-voluntary"]
    assert [(r.row.code, r.kind) for r in actions[0].also_closes] == [("kr-same", "equivalent")]
    assert all(a.lead.code != "kr-met" for a in actions)  # met items are not open
    assert [a.number for a in actions] == list(range(1, 8))
    assert [a.stage for a in actions] == ["binding_now", "binding_now", "binding_later", "binding_later",
                                          "binding_later", "effort", "voluntary"]


def test_nature_counts_keep_binding_effort_and_voluntary_apart():
    rows = [row("eu", "a", dt.date(2026, 8, 2)), row("eu", "b", dt.date(2027, 12, 2)),
            row("jp", "c", dt.date(2025, 9, 1), nature="voluntary"),
            row("jp", "d", dt.date(2025, 9, 1), nature="voluntary", status=GapStatus.MET)]
    rows[2].spec["confidence"] = "unverified"
    counts = {c.nature: c for c in nature_counts(rows, today=TODAY)}
    assert set(counts) == {"binding", "voluntary"}
    assert (counts["binding"].applies_now, counts["binding"].applies_later, counts["binding"].open) == (1, 1, 2)
    assert (counts["voluntary"].total, counts["voluntary"].open, counts["voluntary"].unverified) == (2, 1, 1)
