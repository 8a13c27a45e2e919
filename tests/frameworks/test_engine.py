import datetime as dt

import pytest

from frameworks.engine import APPLIES_LATER, APPLIES_NOW, NOT_APPLICABLE, InvalidAnswers, evaluate, visibility

from .support import SAMPLE_CODE, sample_rule_set

AS_OF = dt.date(2026, 11, 22)
CV_SCREENER = {
    "org_develops_system": True, "org_offers_system": True, "org_uses_system": False,
    "is_ai_system": True, "interacts_with_people": False, "profiles_people": True,
    "use_areas": ["employment"], "employment_uses": ["recruitment"],
}


@pytest.fixture(scope="module")
def rule_set():
    return sample_rule_set()


def result(rule_set, answers, as_of=AS_OF):
    return evaluate([rule_set], answers, as_of).results[SAMPLE_CODE]


def status(res, code):
    return next(o for o in res.obligations if o.code == code)


def rule_trace(res, code):
    return next(t for t in res.trace if t["kind"] == "rule" and t["code"] == code)


def test_cv_screener_provider_is_high_risk_with_dated_obligations(rule_set):
    res = result(rule_set, CV_SCREENER)
    assert res.in_scope is True
    assert res.tiers == ["high_risk"]
    assert res.roles == ["provider"]
    risk = status(res, "art9-risk-management")
    assert (risk.status, risk.applies_from) == (APPLIES_LATER, dt.date(2027, 12, 2))
    assert risk.date_citation == "Art. 113(c) as amended by Regulation (EU) 2026/1744"
    assert status(res, "art4-ai-literacy").status == APPLIES_NOW
    assert status(res, "art26-7-inform-workers").status == NOT_APPLICABLE  # deployer duty


def test_trace_explains_the_tier_with_answers_and_citation(rule_set):
    entry = rule_trace(result(rule_set, CV_SCREENER), "annex-iii-4a-recruitment")
    assert entry["fired"] is True
    assert entry["citation"] == "Art. 6(2), Annex III point 4(a)"
    assert entry["answers"] == {"employment_uses": ["recruitment"]}
    assert entry["explanation"].startswith("the system is used to recruit")


def test_art6_3_derogation_applies_to_a_narrow_task_that_does_not_profile(rule_set):
    answers = {**CV_SCREENER, "profiles_people": False, "eu_art6_3_conditions": ["narrow_procedural_task"]}
    res = result(rule_set, answers)
    assert "high_risk" not in res.tiers
    assert res.tiers == ["minimal"]
    exception = rule_trace(res, "annex-iii-4a-recruitment")["exceptions"][0]
    assert exception["applies"] is True and exception["citation"] == "Art. 6(3)"
    assert status(res, "art9-risk-management").status == NOT_APPLICABLE


def test_profiling_overrides_the_derogation(rule_set):
    answers = {**CV_SCREENER, "eu_art6_3_conditions": ["narrow_procedural_task"]}
    res = result(rule_set, answers)
    assert res.tiers == ["high_risk"]
    exception = rule_trace(res, "annex-iii-4a-recruitment")["exceptions"][0]
    assert exception["applies"] is False
    assert exception["answers"] == {"eu_art6_3_conditions": ["narrow_procedural_task"], "profiles_people": True}


def test_status_depends_on_the_as_of_date(rule_set):
    assert status(result(rule_set, CV_SCREENER, dt.date(2027, 12, 1)), "art9-risk-management").status == APPLIES_LATER
    assert status(result(rule_set, CV_SCREENER, dt.date(2027, 12, 2)), "art9-risk-management").status == APPLIES_NOW
    early = result(rule_set, CV_SCREENER, dt.date(2025, 2, 1))
    assert status(early, "art4-ai-literacy").status == APPLIES_LATER


def test_exception_on_a_prohibition(rule_set):
    base = {"is_ai_system": True, "org_uses_system": True, "use_areas": ["biometrics"],
            "biometric_uses": ["emotion_recognition"], "emotion_recognition_settings": ["workplace"]}
    hr = result(rule_set, {**base, "emotion_recognition_medical_or_safety": False})
    assert "prohibited" in hr.tiers
    assert status(hr, "art5-stop-prohibited").status == APPLIES_NOW
    assert status(hr, "art5-stop-prohibited").spec["penalty"]["max_turnover_percent"] == 7
    safety = result(rule_set, {**base, "emotion_recognition_medical_or_safety": True})
    assert "prohibited" not in safety.tiers


def test_not_an_ai_system_is_out_of_scope(rule_set):
    res = result(rule_set, {**CV_SCREENER, "is_ai_system": False})
    assert res.in_scope is False
    assert res.tiers == [] and res.roles == []
    assert all(o.status == NOT_APPLICABLE for o in res.obligations)
    assert status(res, "art4-ai-literacy").reason == "The framework does not apply to this system."


def test_not_applicable_reasons_name_the_missing_role(rule_set):
    res = result(rule_set, {**CV_SCREENER, "interacts_with_people": True})
    assert status(res, "art50-1-disclose-interaction").status == APPLIES_NOW
    deployer_only = status(res, "art26-7-inform-workers")
    assert deployer_only.reason == "Binds only: Deployer."


def test_required_visible_unanswered_questions_are_listed(rule_set):
    res = result(rule_set, {"is_ai_system": True, "use_areas": []})
    assert "org_develops_system" in res.unanswered
    assert "employment_uses" not in res.unanswered  # hidden: no employment area


def test_visibility_follows_answers(rule_set):
    assert visibility([rule_set], {"use_areas": []})["employment_uses"] is False
    assert visibility([rule_set], {"use_areas": ["employment"]})["employment_uses"] is True
    shown = visibility([rule_set], {"use_areas": ["employment"], "employment_uses": ["recruitment"]})
    assert shown["eu_art6_3_conditions"] is True


@pytest.mark.parametrize("answers, message", [
    ({"is_ai_system": "yes"}, "is_ai_system: expected yes or no"),
    ({"use_areas": ["employment", "astrology"]}, "'astrology' not among the choices"),
    ({"use_areas": "employment"}, "expected a list of choice codes"),
    ({"use_areas": ["employment", "employment"]}, "a choice is listed twice"),
    ({"no_such_question": True}, "no such question"),
    ({"use_areas": [], "employment_uses": ["recruitment"]}, "not asked given the other answers"),
])
def test_invalid_answers_are_rejected(rule_set, answers, message):
    with pytest.raises(InvalidAnswers, match=message):
        evaluate([rule_set], answers, AS_OF)


def test_to_dict_is_the_documented_json_shape(rule_set):
    data = evaluate([rule_set], CV_SCREENER, AS_OF).to_dict()
    framework = data["frameworks"][SAMPLE_CODE]
    assert data["as_of"] == "2026-11-22"
    assert set(framework) == {"framework", "name", "version", "version_title", "content_hash", "in_scope", "tiers",
                              "roles", "obligations", "unanswered", "trace",
                              # added by issue 10 (keys are only ever added)
                              "scope_reason", "scope_rules", "market", "assumed"}
    risk = next(o for o in framework["obligations"] if o["code"] == "art9-risk-management")
    assert risk["days_until_applies"] == (dt.date(2027, 12, 2) - AS_OF).days
    assert risk["source_url"].startswith("https://eur-lex.europa.eu/")
