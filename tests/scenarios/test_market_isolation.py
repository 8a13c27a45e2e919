"""Property (issue 10): an answer about one market never changes another market's framework result.

Checked on the shipped rule sets in force, all four at once: every per-market question (sensitive uses and
their follow-ups) gets random answers per market; then one market's answers are redrawn, and every framework
reading another market must give exactly the same result (scope and reason, tiers, roles, every obligation's
status and date, assumptions).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frameworks.engine import InvalidAnswers, evaluate, visibility
from frameworks.ruleset import CompiledRuleSet
from tests.shipped import rule_set_in_force

ALL = ["eu-ai-act", "jp-ai-guidelines", "kr-ai-basic-act", "us-federal"]
TODAY = dt.date(2026, 12, 3)
FRAMEWORK_MARKETS = ["eu", "jp", "kr", "us"]

# A company active in every market: it trains and builds the system, offers it, uses it, serves customers
# with it and sells it to a US federal agency, so every framework is in scope and reads its sensitive uses.
EVERYWHERE = {
    "actor_type": "company", "established_in": ["jp"], "assessed_subject": "system", "trains_model": True,
    "builds_system": True, "uses_third_party_model": False, "offers_system": True, "uses_system": True,
    "serves_customers_with_system": True, "imports_or_distributes": [], "offer_markets": FRAMEWORK_MARKETS,
    "use_markets": FRAMEWORK_MARKETS, "development_markets": ["jp"], "output_markets": FRAMEWORK_MARKETS,
    "is_ai_system": True, "purpose_military_only": False, "purpose_research_only": False,
    "interacts_with_people": True, "generates_content": False, "profiles_people": True,
    "significant_effect_on_people": True, "is_general_purpose_model": False, "open_source_release": False,
    "training_compute_flop": 1e20, "eu_development_stage": "on_market", "eu_operator_roles": [],
    "jp_most_advanced_ai": False, "us_sells_to_federal_agencies": True, "us_contract_timing": "new_or_renewed",
    "us_national_security_system": False, "us_principal_basis_for_action": True,
}


@lru_cache(maxsize=1)
def rule_sets() -> tuple[CompiledRuleSet, ...]:
    return tuple(rule_set_in_force(code, TODAY) for code in ALL)


@lru_cache(maxsize=1)
def per_market_questions() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(code, type, choice codes) of every per-market question of the rule sets in force."""
    seen: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for rule_set in rule_sets():
        for q in rule_set.questions:
            if q.per_market:
                seen.setdefault(q.code, (q.code, q.type, tuple(c["code"] for c in q.spec.get("choices", []))))
    return tuple(seen.values())


def answer_for_one_market(question: tuple[str, str, tuple[str, ...]]) -> st.SearchStrategy[Any]:
    _, kind, choices = question
    if kind == "yes_no":
        return st.booleans()
    return st.lists(st.sampled_from(choices), unique=True, max_size=3)


@st.composite
def per_market_answers(draw: st.DrawFn, markets: list[str]) -> dict[str, dict[str, Any]]:
    return {code: {m: draw(answer_for_one_market((code, kind, choices))) for m in markets}
            for code, kind, choices in per_market_questions()}


def comparable(result: dict) -> dict:
    return {key: result[key] for key in ("in_scope", "scope_reason", "tiers", "roles", "assumed")} | {
        "obligations": [(o["code"], o["status"], o["applies_from"]) for o in result["obligations"]]}


def classify_all(answers: dict[str, Any]) -> dict[str, dict]:
    shown = visibility(rule_sets(), answers)
    if shown.get("human_final_decision"):
        answers = {**answers, "human_final_decision": "unknown"}
    return evaluate(rule_sets(), answers, TODAY).to_dict()["frameworks"]


def test_every_framework_in_force_reads_a_market():
    assert sorted(rs.market or "" for rs in rule_sets()) == FRAMEWORK_MARKETS
    assert {q[0] for q in per_market_questions()} >= {"sensitive_areas", "employment_uses", "biometric_uses"}


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), market=st.sampled_from(FRAMEWORK_MARKETS))
def test_one_markets_answers_never_change_another_markets_result(data, market):
    before_answers = data.draw(per_market_answers(FRAMEWORK_MARKETS))
    redrawn = data.draw(per_market_answers([market]))
    after_answers = {code: {**values, market: redrawn[code][market]} for code, values in before_answers.items()}
    try:
        before = classify_all({**EVERYWHERE, **before_answers})
        after = classify_all({**EVERYWHERE, **after_answers})
    except InvalidAnswers as error:  # pragma: no cover - the answers above are always valid
        raise AssertionError(error.problems) from error
    for code, rule_set in zip(ALL, rule_sets(), strict=True):
        assert before[code]["in_scope"], code
        if rule_set.market != market:
            assert comparable(after[code]) == comparable(before[code]), (market, code)
