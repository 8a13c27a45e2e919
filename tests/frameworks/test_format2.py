"""Format-2 mechanisms: shared questions by reference, definitions, named exceptions, scope with a
reason, bans, per-market answers, "I don't know", supersession and version choice."""

import copy
import datetime as dt
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frameworks.engine import MOOT, NOT_APPLICABLE, InvalidAnswers, evaluate
from frameworks.loader import compile_text
from frameworks.models import RuleSetVersion
from frameworks.ruleset import RuleSetInvalid, compile_document, content_hash
from frameworks.selection import in_force
from frameworks.selectors import compiled_ruleset, versions_in_force
from frameworks.serialization import version_document
from frameworks.shared import catalogue_questions, load_catalogue

from .support import write_yaml

F2_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "format2-sample.yaml"
AS_OF = dt.date(2026, 11, 22)
PROVIDER_IN_EU = {
    "actor_type": "company", "assessed_subject": "system", "trains_model": False, "builds_system": True,
    "offers_system": True, "uses_system": False, "offer_markets": ["eu"], "is_ai_system": True,
}


@lru_cache(maxsize=1)
def _f2() -> dict:
    return yaml.safe_load(F2_PATH.read_text(encoding="utf-8"))


def f2_document(**version_changes) -> dict:
    document = copy.deepcopy(_f2())
    document["version"].update(version_changes)
    return document


@pytest.fixture(scope="module")
def rule_set():
    return compile_document(f2_document())


def result(rule_set, answers, as_of=AS_OF):
    return evaluate([rule_set], answers, as_of).results["sample-f2"]


def statuses(res) -> dict[str, str]:
    return {o.code: o.status for o in res.obligations}


def problems_of(document) -> list[str]:
    with pytest.raises(RuleSetInvalid) as caught:
        compile_document(document)
    return [str(p) for p in caught.value.problems]


# --- catalogue and shared questions --------------------------------------------------


def test_catalogue_questions_compile_together():
    """Every catalogue question compiles (visibility reads only earlier questions, choices are valid)."""
    codes = list(catalogue_questions())
    document = f2_document()
    document["shared_questions"] = codes
    rule_set = compile_document(document)
    assert [q.code for q in rule_set.questions][: len(codes)] == codes
    assert {"actor_type", "sensitive_areas", "human_final_decision", "offer_markets"} <= set(codes)
    assert not {"org_type", "use_areas", "org_develops_system"} & set(codes)  # old codes live only in format 1


def test_shared_questions_are_inserted_with_their_sections_before_the_framework_sections(rule_set):
    sections = [q.section for q in rule_set.questions]
    assert sections[0] == "actor" and sections[-1] == "sample_contracts"
    order = list(dict.fromkeys(sections))
    assert order == ["actor", "activities", "markets", "system", "uses", "sample_contracts"]
    sensitive = next(q for q in rule_set.questions if q.code == "sensitive_areas")
    assert sensitive.per_market and sensitive.spec["prompt"] == catalogue_questions()["sensitive_areas"]["prompt"]


def test_unknown_or_incomplete_shared_references_are_located():
    document = f2_document()
    document["shared_questions"] = [*document["shared_questions"], "org_type"]
    document["shared_questions"].remove("assessed_subject")
    found = problems_of(document)
    assert "shared_questions[org_type]: no shared question 'org_type' in shared-questions.yaml" in found
    assert any(p.startswith("shared_questions[builds_system]: its visible_if") and "list it too" in p for p in found)


def test_a_copied_or_changed_shared_question_is_refused():
    document = f2_document()
    document["sections"][0]["questions"].append({"code": "uses_system", "prompt": "Used?", "type": "yes_no"})
    assert "questions[uses_system]: listed in shared_questions: the loader inserts it, so do not copy it" in problems_of(document)
    unlisted = f2_document()
    unlisted["sections"][0]["questions"].append({"code": "profiles_people", "prompt": "Profiles?", "type": "yes_no"})
    with pytest.raises(RuleSetInvalid, match=r"questions\[profiles_people\]: is a shared question: list its code"):
        compile_text(yaml.safe_dump(unlisted), "x.yaml")


def test_stored_and_exported_format2_versions_keep_their_hash(db, tmp_path):
    path = write_yaml(tmp_path / "f2.yaml", f2_document())
    call_command("load_rulesets", str(path), stdout=None)
    version = RuleSetVersion.objects.get(framework__code="sample-f2", label="f2-1")
    document = version_document(version)
    assert version.format == 2 and version.market == "eu" and document["definitions"][0]["code"] == "in_eu"
    assert content_hash(document) == version.content_hash == compile_document(f2_document()).content_hash
    compiled = compiled_ruleset(version)
    assert compiled.market == "eu" and compiled.prohibiting_tiers == {"prohibited"}
    assert any(o.applies_despite_ban for o in compiled.obligations)
    exported = tmp_path / "exported.yaml"
    call_command("export_ruleset", "sample-f2", "f2-1", "-o", str(exported), stdout=None)
    assert compile_text(exported.read_text(encoding="utf-8"), "exported.yaml").content_hash == version.content_hash


def test_format1_files_may_not_use_format2_keys():
    document = f2_document()
    document["format"] = 1
    found = problems_of(document)
    assert "shared_questions: needs `format: 2`" in found and "framework.market: needs `format: 2`" in found


def test_format2_needs_market_reason_and_a_scope_in_rule():
    document = f2_document()
    del document["framework"]["market"], document["framework"]["out_of_scope_reason"]
    document["rules"] = [r for r in document["rules"] if r["assign"] != {"scope": "in"}]
    found = problems_of(document)
    assert any(p.startswith("framework.market:") for p in found)
    assert any(p.startswith("framework.out_of_scope_reason:") for p in found)
    assert any(p.startswith("rules: a format-2 rule set needs at least one `scope: in` rule") for p in found)


# --- definitions and exceptions ----------------------------------------------------------


def test_definitions_are_identifiers_recorded_in_the_trace_by_code_and_value(rule_set):
    res = result(rule_set, PROVIDER_IN_EU)
    assert res.roles == ["provider"]
    entry = next(e for e in res.trace if e["kind"] == "definition" and e["code"] == "is_eu_provider")
    assert entry["value"] is True and entry["condition"] == "is_provider && in_eu"
    assert entry["answers"] == {"is_provider": True, "in_eu": True}
    rule = next(e for e in res.trace if e["kind"] == "rule" and e["code"] == "role-provider")
    assert rule["answers"] == {"is_eu_provider": True}


def test_definition_errors_are_located():
    document = f2_document()
    document["definitions"].append({"code": "uses_system", "when": "true", "description": "clash"})
    document["definitions"].append({"code": "later", "when": "is_later", "description": "forward reference"})
    document["definitions"].append({"code": "is_later", "when": "'provider' in roles", "description": "roles"})
    found = problems_of(document)
    assert any(p.startswith("definitions[uses_system].code: 'uses_system' is already a question code") for p in found)
    assert "definitions[later].when: unknown question code 'is_later'" in found
    assert "definitions[is_later].when: unknown question code 'roles'" in found


def test_named_exception_applies_by_reference(rule_set):
    answers = {**PROVIDER_IN_EU, "purpose_military_only": True}
    res = result(rule_set, answers)
    assert not res.in_scope
    rule = next(e for e in res.trace if e["code"] == "scope-in-eu")
    assert rule["exceptions"][0]["code"] == "military" and rule["exceptions"][0]["applies"] is True


def test_one_exception_code_one_content():
    document = f2_document()
    document["obligations"][2]["unless"] = [{"code": "military", "label": "Something else", "when": "true",
                                             "citation": "Art. 99"}]
    document["obligations"][3]["unless"] = ["no_such_exception"]
    inline = {"code": "sandbox", "label": "In a regulatory sandbox", "when": "true", "citation": "Art. 57"}
    document["obligations"][0]["unless"] = [inline]
    document["obligations"][1]["unless"] = [{**inline, "citation": "Art. 60"}]
    found = problems_of(document)
    assert any(p.startswith("obligations[art5-stop].unless[sandbox]: exception code 'sandbox' is used elsewhere") for p in found)
    assert any(p.startswith("obligations[art9-risk-management].unless[military]: exception code 'military' already "
                            "names a different exception") for p in found)
    assert "obligations[art26-deployer-duties].unless[no_such_exception]: no named exception 'no_such_exception' in " \
           "this file's exceptions" in found


# --- scope ------------------------------------------------------------------------------


def test_out_of_scope_without_a_scope_in_rule_says_why(rule_set):
    res = result(rule_set, {**PROVIDER_IN_EU, "offer_markets": ["kr"]})
    assert not res.in_scope and res.tiers == [] and res.roles == []
    assert res.scope_reason == "You do not offer or use the system in the EU, and its outputs are not used there."
    assert set(statuses(res).values()) == {NOT_APPLICABLE}


def test_scope_reason_names_the_deciding_rules(rule_set):
    res = result(rule_set, PROVIDER_IN_EU)
    assert res.in_scope
    assert res.scope_reason.startswith("In scope because the organisation offers or uses an AI system in the EU")
    assert [r["code"] for r in res.scope_rules] == ["scope-in-eu"]
    out = result(rule_set, {**PROVIDER_IN_EU, "purpose_military_only": True})
    assert out.scope_reason.startswith("Out of scope because the system is used exclusively for military")


def test_classify_json_has_scope_reason_and_assumed(rule_set):
    data = evaluate([rule_set], PROVIDER_IN_EU, AS_OF).to_dict()["frameworks"]["sample-f2"]
    assert data["in_scope"] is True and data["scope_reason"].startswith("In scope because")
    assert data["market"] == "eu" and data["assumed"] == []


# --- bans ----------------------------------------------------------------------------------

EMOTION_AT_WORK = {
    **PROVIDER_IN_EU, "uses_system": True, "use_markets": ["eu"], "sensitive_areas": ["biometrics", "employment"],
    "biometric_uses": ["emotion_recognition"], "emotion_recognition_settings": ["workplace"],
    "employment_uses": ["recruitment"], "human_final_decision": "no",
}


def test_a_ban_leads_and_duties_assuming_lawful_use_are_moot(rule_set):
    res = result(rule_set, EMOTION_AT_WORK)
    assert res.tiers == ["prohibited", "high_risk"]
    found = statuses(res)
    assert found["art5-stop"] == "applies_now"  # the ban's own duty
    assert found["art4-ai-literacy"] == "applies_now"  # applies_despite_ban
    assert found["art26-deployer-duties"] == "applies_later"  # lists the prohibited tier itself
    assert found["art9-risk-management"] == MOOT
    moot = next(o for o in res.obligations if o.code == "art9-risk-management")
    assert moot.reason == "Moot: the practice is prohibited (Prohibited practice, Art. 5(1)(f))."
    entry = next(e for e in res.trace if e["kind"] == "obligation" and e["code"] == "art9-risk-management")
    assert entry["status"] == MOOT


def test_without_the_ban_the_same_duty_applies(rule_set):
    answers = {**EMOTION_AT_WORK, "emotion_recognition_settings": ["other"]}
    assert statuses(result(rule_set, answers))["art9-risk-management"] == "applies_later"


# --- per-market answers ---------------------------------------------------------------------


def test_a_framework_reads_only_its_own_market(rule_set):
    korea_only = {**EMOTION_AT_WORK, "sensitive_areas": {"kr": ["biometrics", "employment"]},
                  "biometric_uses": {"kr": ["emotion_recognition"]}, "emotion_recognition_settings": {"kr": ["workplace"]},
                  "employment_uses": {"kr": ["recruitment"]}}
    del korea_only["human_final_decision"]  # asked only where a sensitive use is selected for the framework's market
    res = result(rule_set, korea_only)
    assert res.in_scope and res.tiers == ["minimal"]
    eu_too = {**korea_only, "sensitive_areas": {"kr": ["biometrics"], "eu": ["employment"]},
              "biometric_uses": {"kr": ["emotion_recognition"]}, "employment_uses": {"eu": ["recruitment"]}}
    assert result(rule_set, eu_too).tiers == ["high_risk"]


def test_per_market_answers_are_validated(rule_set):
    with pytest.raises(InvalidAnswers, match="'mars' not among the markets"):
        result(rule_set, {**PROVIDER_IN_EU, "sensitive_areas": {"mars": ["employment"]}})
    with pytest.raises(InvalidAnswers, match="kr: 'astrology' not among the choices"):
        result(rule_set, {**PROVIDER_IN_EU, "sensitive_areas": {"kr": ["astrology"]}})
    with pytest.raises(InvalidAnswers, match="takes one answer for every market"):
        result(rule_set, {**PROVIDER_IN_EU, "is_ai_system": {"eu": True}})


def test_a_format1_framework_reads_a_per_market_answer_as_any_market():
    from frameworks.answers import MISSING, market_value

    assert market_value("multiple_choice", {"eu": ["a"], "kr": ["b", "a"]}, None) == ["a", "b"]
    assert market_value("yes_no", {"eu": False, "kr": True}, None) is True
    assert market_value("single_choice", {"eu": "x", "kr": "y"}, None) is MISSING
    assert market_value("multiple_choice", {"eu": ["a"]}, "kr") is MISSING
    assert market_value("multiple_choice", ["a"], "kr") == ["a"]


MARKETS = ["eu", "kr", "us", "jp", "other"]
AREA_CHOICES = ["biometrics", "employment", "education"]


@lru_cache(maxsize=1)
def _two_markets():
    """The sample under two markets, so one answer set classifies twice."""
    eu = compile_document(f2_document())
    kr_doc = f2_document()
    kr_doc["framework"].update(code="sample-f2-kr", market="kr")
    kr_doc["rules"][0]["when"] = "is_ai_system"
    return eu, compile_document(kr_doc)


def _per_market(draw_values):
    return st.dictionaries(st.sampled_from(MARKETS), draw_values, max_size=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    areas=_per_market(st.lists(st.sampled_from(AREA_CHOICES), unique=True)),
    settings_=_per_market(st.lists(st.sampled_from(["workplace", "education", "other"]), unique=True)),
    changed=st.lists(st.sampled_from(AREA_CHOICES), unique=True),
    changed_settings=st.lists(st.sampled_from(["workplace", "education", "other"]), unique=True),
)
def test_changing_one_markets_answer_never_changes_another_markets_result(areas, settings_, changed, changed_settings):
    """Property (issue 10): an answer about Korea never changes the EU framework's result."""
    eu, kr = _two_markets()
    base = {**PROVIDER_IN_EU, "sensitive_areas": areas,
            "biometric_uses": {m: ["emotion_recognition"] for m in MARKETS},
            "emotion_recognition_settings": settings_}
    altered = {**base, "sensitive_areas": {**areas, "kr": changed},
               "emotion_recognition_settings": {**settings_, "kr": changed_settings}}
    try:
        before = evaluate([eu, kr], base, AS_OF).to_dict()["frameworks"]["sample-f2"]
        after = evaluate([eu, kr], altered, AS_OF).to_dict()["frameworks"]["sample-f2"]
    except InvalidAnswers:
        return  # an answer to a question no framework asks is refused whole; nothing to compare
    assert before == after


# --- I don't know ---------------------------------------------------------------------------


def test_unknown_is_evaluated_as_if_unknown_and_reported_when_read(rule_set):
    answers = {**EMOTION_AT_WORK, "emotion_recognition_settings": ["other"], "human_final_decision": "unknown"}
    res = result(rule_set, answers)
    assert statuses(res)["art26-deployer-duties"] == "applies_later"  # 'no' assumed: no person decides
    assert [a["question"] for a in res.assumed] == ["human_final_decision"]
    assert res.assumed[0]["value"] == "no" and "I don't know" in res.assumed[0]["reason"]


def test_unknown_that_nothing_read_is_not_reported(rule_set):
    answers = {**PROVIDER_IN_EU, "sample_contract_signed_early": "unknown"}
    assert result(rule_set, answers).assumed == []  # no high-risk obligation evaluated its dates


def test_unknown_only_where_allowed(rule_set):
    with pytest.raises(InvalidAnswers, match="expected yes or no"):
        result(rule_set, {**PROVIDER_IN_EU, "offers_system": "unknown"})


def test_allow_unknown_needs_a_valid_if_unknown():
    document = f2_document()
    question = document["sections"][0]["questions"][0]
    question["if_unknown"] = "perhaps"
    found = problems_of(document)
    assert any(p.startswith("questions[sample_contract_signed_early].if_unknown: not a valid answer") for p in found)
    del question["if_unknown"]
    assert any("allow_unknown needs if_unknown" in p for p in problems_of(document))


def test_answer_mappings_are_checked_against_the_target_question():
    document = f2_document()
    document["answer_mappings"].append({"from": "old", "to": "no_such_question"})
    document["answer_mappings"].append({"from": "old", "to": "actor_type", "values": {"x": "alien"}})
    found = problems_of(document)
    assert "answer_mappings[8].to: no question 'no_such_question' in this version" in found
    assert "answer_mappings[9].values: 'alien' not among the choices of actor_type" in found


def test_catalogue_mappings_cover_the_old_shared_codes():
    mappings = {(m["from"], m["to"]) for m in load_catalogue()["answer_mappings"]}
    assert {("org_type", "actor_type"), ("org_develops_system", "builds_system"),
            ("org_develops_system", "trains_model"), ("org_offers_system", "offers_system"),
            ("org_uses_system", "uses_system"), ("org_provides_service_with_ai", "serves_customers_with_system"),
            ("use_areas", "sensitive_areas")} <= mappings


# --- versions: supersession and choice by date --------------------------------------------------


def _meta(status, start, until=None, published_at=None):
    return {"status": status, "in_force_from": start, "in_force_until": until, "published_at": published_at}


def test_version_choice_prefers_the_newest_published_and_falls_back_to_retired():
    versions = [("old", _meta("retired", "2023-10-30", "2025-01-20")), ("a", _meta("published", "2025-01-20")),
                ("b", _meta("published", "2026-03-31")), ("draft", _meta("draft", "2026-06-01"))]
    assert in_force(versions, dt.date(2024, 1, 1)) == "old"
    assert in_force(versions, dt.date(2025, 6, 1)) == "a"
    assert in_force(versions, dt.date(2026, 6, 1)) == "b"
    corrected = [("2026.1", _meta("retired", "2026-07-27")), ("2026.2", _meta("published", "2026-07-27"))]
    assert in_force(corrected, dt.date(2026, 8, 1)) == "2026.2"
    assert in_force(versions, dt.date(2020, 1, 1)) is None


def test_loading_a_correction_retires_the_superseded_version(db, tmp_path, capsys):
    first = write_yaml(tmp_path / "f2-1.yaml", f2_document())
    correction = f2_document(label="f2-2", supersedes="f2-1", title="Corrected")
    correction["obligations"][0]["summary"] = "Train staff, corrected."
    second = write_yaml(tmp_path / "f2-2.yaml", correction)
    call_command("load_rulesets", str(first), str(second))
    assert "retired (superseded)" in capsys.readouterr().out
    old = RuleSetVersion.objects.get(label="f2-1")
    assert old.status == "retired" and old.in_force_until is None
    chosen = versions_in_force(as_of=AS_OF, framework_codes=["sample-f2"])
    assert [v.label for v in chosen] == ["f2-2"]
    call_command("load_rulesets", str(first), str(second))  # loading again changes nothing
    assert RuleSetVersion.objects.get(label="f2-1").status == "retired"


def test_diff_shows_named_conditions_exceptions_and_mappings():
    from frameworks.diff import diff_documents
    from frameworks.shared import expand_shared_questions

    old = expand_shared_questions(f2_document())
    new = expand_shared_questions(f2_document(label="f2-2", supersedes="f2-1"))
    new["definitions"][0]["when"] = "'eu' in offer_markets"
    new["exceptions"] = []
    diff = diff_documents(old, new)
    titles = dict(diff.groups())
    assert [i.code for i in titles["Named conditions"]] == ["in_eu"]
    assert titles["Named exceptions"][0].status == "removed"
    assert any(f.path == "supersedes" for f in diff.version)
