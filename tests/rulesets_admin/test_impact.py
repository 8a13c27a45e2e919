"""frameworks.impact: result changes, answer carry-over and upgrade plans (pure, no database)."""

import copy
import datetime as dt

from frameworks.impact import (
    DATE,
    DROPPED,
    NEW,
    REVIEW_ANSWER_ADAPTED,
    REVIEW_ANSWER_CLEARED,
    REVIEW_CHOICES_CHANGED,
    REVIEW_NEW,
    ResultChange,
    carry_answers,
    compare_versions,
    plan_upgrade,
)
from frameworks.ruleset import compile_document
from tests.frameworks.support import sample_document

AS_OF = dt.date(2026, 11, 22)
RECRUITER = {"org_develops_system": True, "org_offers_system": True, "org_uses_system": True, "is_ai_system": True,
             "use_areas": ["employment"], "employment_uses": ["recruitment", "other"], "profiles_people": True}


def _obligation(document, code):
    return next(o for o in document["obligations"] if o["code"] == code)


def _question(document, code):
    return next(q for s in document["sections"] for q in s["questions"] if q["code"] == code)


EXTRA_QUESTIONS = [
    {"code": "eu_old_fact", "prompt": "An old fact?", "type": "yes_no"},
    {"code": "eu_channel", "prompt": "Which channel?", "type": "single_choice",
     "choices": [{"code": "web", "label": "Web"}, {"code": "app", "label": "App"}]},
]


def versions(change):
    old = sample_document(label="sample-1")
    next(s for s in old["sections"] if s["code"] == "system")["questions"] += copy.deepcopy(EXTRA_QUESTIONS)
    new = copy.deepcopy(old)
    new["version"]["label"] = "sample-2"
    change(new)
    return compile_document(old), compile_document(new)


def test_a_date_change_is_reported_with_old_and_new_date():
    old, new = versions(lambda d: _obligation(d, "art9-risk-management")["applies_from"][0].update(date="2028-08-02"))
    change = compare_versions([old], {"sample-eu": new}, RECRUITER, AS_OF)["sample-eu"]
    assert change.changed
    assert [(o.code, o.kind, o.old_date, o.new_date) for o in change.obligations] == [
        ("art9-risk-management", DATE, "2027-12-02", "2028-08-02")]
    assert change.tiers_added == () and change.roles_removed == ()


def test_tier_and_obligation_changes_follow_the_rules():
    def drop_recruitment_rule(document):
        document["rules"] = [r for r in document["rules"] if r["code"] != "annex-iii-4a-recruitment"]
        document["obligations"].append({**copy.deepcopy(_obligation(document, "art4-ai-literacy")),
                                        "code": "art4a-new", "title": "New duty", "confidence": "unverified"})

    old, new = versions(drop_recruitment_rule)
    change = compare_versions([old], {"sample-eu": new}, RECRUITER, AS_OF)["sample-eu"]
    assert [t["code"] for t in change.tiers_removed] == ["high_risk"]
    assert [t["code"] for t in change.tiers_added] == ["minimal"]
    kinds = {(o.code, o.kind) for o in change.obligations}
    assert kinds == {("art9-risk-management", DROPPED), ("art26-7-inform-workers", DROPPED), ("art4a-new", NEW)}
    new_duty = next(o for o in change.obligations if o.code == "art4a-new")
    assert new_duty.unverified and new_duty.reason == "added to the rules"


def test_unchanged_results_are_not_a_change_and_round_trip_through_json():
    old, new = versions(lambda d: d["version"].update(title="Retitled"))
    change = compare_versions([old], {"sample-eu": new}, RECRUITER, AS_OF)["sample-eu"]
    assert not change.changed
    other = compare_versions([old], {"sample-eu": versions(
        lambda d: _obligation(d, "art4-ai-literacy").update(applies_from="2025-03-01"))[1]}, RECRUITER, AS_OF)["sample-eu"]
    assert ResultChange.from_dict(other.to_dict()) == other


def change_questions(document):
    employment = _question(document, "employment_uses")
    employment["choices"] = [c for c in employment["choices"] if c["code"] != "other"]
    channel = _question(document, "eu_channel")
    channel["choices"] = [c for c in channel["choices"] if c["code"] != "app"] + [{"code": "api", "label": "API"}]
    use_areas = _question(document, "use_areas")
    use_areas["choices"].append({"code": "space", "label": "Space"})
    system = next(s for s in document["sections"] if s["code"] == "system")
    system["questions"] = [q for q in system["questions"] if q["code"] != "eu_old_fact"]
    system["questions"].append({"code": "eu_new_fact", "prompt": "A new fact?", "type": "yes_no"})
    system["questions"].append({"code": "eu_hidden_fact", "prompt": "Hidden?", "type": "yes_no",
                                "visible_if": "eu_new_fact"})


ANSWERS = {**RECRUITER, "eu_old_fact": True, "eu_channel": "app"}


def test_carry_answers_keeps_valid_adapts_multiple_choice_and_sets_aside_the_rest():
    _, new = versions(change_questions)
    carried = carry_answers([new], ANSWERS)
    assert carried.adapted == {"employment_uses": ["recruitment"]}
    assert carried.usable["employment_uses"] == ["recruitment"]
    assert set(carried.invalid) == {"eu_channel"}
    assert carried.unused == ("eu_old_fact",)
    assert carried.usable["profiles_people"] is True


def test_upgrade_plan_flags_new_changed_and_unfitting_questions():
    old, new = versions(change_questions)
    plan = plan_upgrade([old], {"sample-eu": new}, ANSWERS, AS_OF)
    reviews = {r.question: r.reason for r in plan.reviews}
    # eu_hidden_fact is new too, but not asked given the answers, so there is nothing to review yet.
    assert reviews == {"eu_channel": REVIEW_ANSWER_CLEARED, "employment_uses": REVIEW_ANSWER_ADAPTED,
                       "use_areas": REVIEW_CHOICES_CHANGED, "eu_new_fact": REVIEW_NEW}
    cleared = next(r for r in plan.reviews if r.question == "eu_channel")
    assert cleared.previous_value == "app" and "'app' is not one of the choices" in cleared.detail
    assert plan.rewritten == {"employment_uses": ["recruitment"], "eu_channel": None}
    assert plan.unused_questions == [("eu_old_fact", "An old fact?")]
    assert not plan.changed
