"""Explanations, timeline and crosswalk built from the engine's results (no HTTP)."""

from compliance.assessments import results
from compliance.assessments.questionnaire import display_value
from compliance.assessments.selectors import assessment_state


def test_display_value_uses_choice_labels_and_units():
    spec = {"type": "multiple_choice", "choices": [{"code": "a", "label": "Alpha"}, {"code": "b", "label": "Beta"}]}
    assert display_value(spec, ["a", "b"]) == "Alpha; Beta"
    assert display_value(spec, []) == "None of these"
    assert display_value({"type": "number", "unit": "FLOP"}, 3e25) == "3e+25 FLOP"
    assert display_value({"type": "number", "unit": "FLOP"}, 3 * 10**25) == "3e+25 FLOP"
    assert display_value({"type": "number", "unit": "KRW"}, 1_000_000) == "1,000,000 KRW"
    assert display_value({"type": "yes_no"}, False) == "No"


def test_reasons_name_only_the_choices_a_condition_tests(high_risk_assessment):
    high_risk_assessment.answers.filter(question_code="employment_uses").update(
        value=["performance_monitoring", "recruitment"])
    view = results.framework_views(assessment_state(high_risk_assessment))[0]
    reason = next(r for r in view.tier_reasons if r.outcome == "High-risk")
    assert [a.value for a in reason.answers] == [
        "Recruits or selects people (targeted job ads, screening or filtering applications, evaluating candidates)"]
    assert reason.citation == "Art. 6(2), Annex III point 4(a)"
    assert [e.applies for e in reason.exceptions] == [False]


def test_obligation_groups(high_risk_assessment):
    view = results.framework_views(assessment_state(high_risk_assessment))[0]
    assert [o.code for o in view.applies_now] == ["art4-ai-literacy"]
    assert [(o.code, o.days_until) for o in view.applies_later] == [("art9-risk-management", 375)]
    assert {o.code for o in view.not_applicable} == {"art5-stop-prohibited", "art26-7-inform-workers",
                                                     "art50-1-disclose-interaction"}
    assert view.applies_later[0].nature_label == "binding duty"


def test_crosswalk_joins_groups_once(eu_kr_assessment):
    state = assessment_state(eu_kr_assessment)
    views = results.framework_views(state)
    actions = results.crosswalk(state, views)
    assert actions, "the shipped EU rule set links risk management to Korea"
    for action in actions:
        assert len(action.frameworks) >= 2
        assert all(o.applies for o in action.obligations)
        keys = [frozenset({(link.source.framework_code, link.source.code), (link.target.framework_code,
                                                                            link.target.code)})
                for link in action.links]
        assert len(keys) == len(set(keys))
