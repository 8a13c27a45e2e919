"""Scenarios across all four frameworks at once, the crosswalk, and `manage.py classify` on shipped data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from tests.shipped import classify, role_codes, rule_set_in_force, statuses, tier_codes

ALL = ["eu-ai-act", "jp-ai-guidelines", "kr-ai-basic-act", "us-federal"]
NOW = "2026-11-22"
TODAY = dt.date(2026, 11, 22)

# A Seoul start-up that builds a CV-ranking service and sells it to employers in the EU and Korea.
CV_RANKER = {
    "is_ai_system": True,
    "purpose_military_only": False, "profiles_people": True, "significant_effect_on_people": True,
    "interacts_with_people": False, "generates_content": False,
    "employment_uses": ["recruitment"],
    "eu_development_stage": "on_market",
    # Catalogue facts (format 2) read by the Japanese 2026.1 and EU 2026.2 rule sets.
    "actor_type": "company", "assessed_subject": "system", "trains_model": True, "builds_system": True,
    "offers_system": True, "offer_markets": ["eu", "kr"], "development_markets": ["kr"],
    "established_in": ["kr"], "uses_third_party_model": False, "uses_system": False,
    "serves_customers_with_system": False, "imports_or_distributes": [], "output_markets": ["eu", "kr"],
    "sensitive_areas": ["employment"],
    # Read by Korea's 2026.2 rule set: rejections take effect without a recruiter deciding; no notice exemption.
    "human_final_decision": "no", "kr_ai_use_obvious": False, "kr_internal_use_only": False,
}
# The same facts in the questions of the original EU text (2024.1, format 1).
CV_RANKER_2024 = {**CV_RANKER, "org_develops_system": True, "org_offers_system": True, "org_type": "private",
                  "use_areas": ["employment"], "org_uses_system": False, "eu_established": False, "eu_places_on_market": True}


def current_crosswalk() -> list[tuple[str, dict]]:
    links = []
    for code in ALL:
        rule_set = rule_set_in_force(code, TODAY)
        links += [(code, link) for link in rule_set.crosswalk]
    return links


def test_one_answer_set_classifies_under_every_framework():
    results = classify(CV_RANKER, NOW, ALL)
    eu, kr, jp, us = (results[c] for c in ("eu-ai-act", "kr-ai-basic-act", "jp-ai-guidelines", "us-federal"))
    assert "high_risk_annex_iii" in tier_codes(eu) and "provider" in role_codes(eu)
    assert statuses(eu)["art9-risk-management"] == "applies_later"
    assert next(o for o in eu["obligations"] if o["code"] == "art9-risk-management")["applies_from"] == "2027-12-02"
    assert "high_impact" in tier_codes(kr) and "developer_operator" in role_codes(kr)
    assert statuses(kr)["art34-1-1-risk-management-plan"] == "applies_now"
    # Nothing is offered, used, built or output in Japan: Japan's guidelines and Act do not reach it.
    assert jp["in_scope"] is False and role_codes(jp) == []
    assert "do not develop, provide or use AI in business in Japan" in jp["scope_reason"]
    assert {o["status"] for o in jp["obligations"]} == {"not_applicable"}
    # No federal agency, federal customer or frontier model: outside US federal AI policy, with the reason.
    assert not us["in_scope"]
    assert us["scope_reason"].startswith("US federal AI policy binds federal agencies and their AI vendors")
    assert all(o["status"] == "not_applicable" for o in us["obligations"])


def test_shared_questions_are_asked_once_with_one_definition():
    # Format-1 files are self-contained copies of the old catalogue (their follow-ups hang on use_areas); the
    # format-2 rule sets in force all take their shared questions from the one catalogue.
    seen: dict[str, dict] = {}
    for code in ALL:
        rule_set = rule_set_in_force(code, TODAY)
        if rule_set.document.get("format") != 2:
            continue
        for q in rule_set.questions:
            signature = (q.type, q.choices, q.visible_if.source if q.visible_if else None)
            assert seen.setdefault(q.code, {"signature": signature})["signature"] == signature, q.code


def test_crosswalk_has_at_least_25_links_and_each_joins_real_obligations():
    links = current_crosswalk()
    assert len(links) >= 25
    obligations = {code: {o.code for o in rule_set_in_force(code, TODAY).obligations}
                   for code in ALL}
    for source, link in links:
        assert link["obligation"] in obligations[source]
        assert link["target"] in obligations[link["framework"]], link
        assert link["kind"] in {"equivalent", "overlaps", "related"}


@pytest.mark.parametrize("topic, source, target", [
    ("user notification of AI interaction", "art50-1-disclose-interaction", "art31-1-advance-notice"),
    ("deepfake labelling", "art50-4-disclose-deep-fakes", "art31-3-label-deepfakes"),
    ("risk management", "art9-risk-management", "art34-1-1-risk-management-plan"),
    ("human oversight", "art14-human-oversight", "art34-1-4-human-oversight"),
    ("impact assessment", "art27-fria", "m25-21-practice-2"),
    ("incident reporting", "art55-1-c-serious-incidents", "hiroshima-iv-information-sharing"),
    ("technical documentation", "art11-technical-documentation", "art34-1-5-documents"),
    ("logging", "art12-record-keeping", "dev-07-verifiability"),
])
def test_crosswalk_covers_the_common_actions(topic, source, target):
    assert any(link["obligation"] == source and link["target"] == target for _, link in current_crosswalk()), topic


def test_classify_command_gives_these_results_from_the_shipped_data(shipped_rule_sets, tmp_path, capsys):
    path = tmp_path / "cv-ranker.json"
    asked = {q.code for code in ("eu-ai-act", "kr-ai-basic-act") for q in rule_set_in_force(code, TODAY).questions}
    answers = {k: v for k, v in CV_RANKER.items() if k in asked}
    path.write_text(json.dumps(answers))
    call_command("classify", str(path), "--as-of", NOW, "--frameworks", "eu-ai-act", "kr-ai-basic-act")
    data = json.loads(capsys.readouterr().out)
    assert set(data["frameworks"]) == {"eu-ai-act", "kr-ai-basic-act"}
    assert data["frameworks"]["eu-ai-act"]["version"] == "2026.2"
    assert "high_risk_annex_iii" in [t["code"] for t in data["frameworks"]["eu-ai-act"]["tiers"]]
    assert "high_impact" in [t["code"] for t in data["frameworks"]["kr-ai-basic-act"]["tiers"]]
    assert data == json.loads(json.dumps({"as_of": NOW, "frameworks": classify(answers, NOW, ["eu-ai-act", "kr-ai-basic-act"])}))


def test_classify_command_picks_the_retired_eu_text_before_the_amendment(shipped_rule_sets, tmp_path, capsys):
    path = tmp_path / "cv-ranker.json"
    original = rule_set_in_force("eu-ai-act", dt.date(2026, 3, 1))
    asked = {q.code for q in original.questions}
    path.write_text(json.dumps({k: v for k, v in CV_RANKER_2024.items() if k in asked}))
    call_command("classify", str(path), "--as-of", "2026-03-01", "--frameworks", "eu-ai-act")
    eu = json.loads(capsys.readouterr().out)["frameworks"]["eu-ai-act"]
    assert eu["version"] == "2024.1"
    art9 = next(o for o in eu["obligations"] if o["code"] == "art9-risk-management")
    assert art9["applies_from"] == "2026-08-02"
