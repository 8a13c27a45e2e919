import copy
import datetime as dt

import pytest
import yaml

from frameworks.engine import InvalidAnswers, evaluate
from frameworks.loader import LoadedFile, compile_text, cross_file_problems, read_files
from frameworks.ruleset import RuleSetInvalid, compile_document, content_hash

from .support import sample_document, write_yaml


def problems_of(document) -> list[str]:
    with pytest.raises(RuleSetInvalid) as caught:
        compile_document(document)
    return [str(p) for p in caught.value.problems]


def test_sample_compiles():
    rule_set = compile_document(sample_document())
    assert len(rule_set.questions) == 12
    assert [r.code for r in rule_set.rules][0] == "art5-1-f-emotion-workplace"  # highest precedence first


def test_schema_errors_name_the_object_and_field():
    doc = sample_document()
    doc["obligations"][2]["confidence"] = "probably"
    del doc["obligations"][3]["source_url"]
    doc["rules"][0]["assign"] = {"colour": "red"}
    found = problems_of(doc)
    assert any(p.startswith("obligations[art9-risk-management].confidence:") and "'probably' is not one of" in p
               for p in found)
    assert "obligations[art26-7-inform-workers]: 'source_url' is a required property" in found
    assert any(p.startswith("rules[scope-ai-system].assign") for p in found)


def test_reference_errors_name_the_object_and_field():
    doc = sample_document()
    doc["obligations"][0]["roles"] = ["provider", "importer"]
    doc["obligations"][1]["when"] = "'hiring' in employment_uses"
    doc["rules"][1]["assign"] = {"tier": "catastrophic"}
    doc["obligations"][2]["applies_from"] = [{"date": "2027-12-02", "when": "'high_risk' in tiers"}]
    doc["sections"][0]["questions"][1]["visible_if"] = "is_ai_system"  # defined later
    found = problems_of(doc)
    assert "obligations[art4-ai-literacy].roles: unknown role 'importer'" in found
    assert any(p.startswith("obligations[art5-stop-prohibited].when: 'hiring' is not a valid code") for p in found)
    assert "rules[role-provider].assign.tier: unknown tier 'catastrophic'" in found
    assert "obligations[art9-risk-management].applies_from: the last entry must have no condition, so every case has a date" in found
    assert "questions[org_offers_system].visible_if: unknown question code 'is_ai_system'" in found


def test_duplicate_codes_and_impossible_dates():
    doc = sample_document()
    doc["obligations"].append(copy.deepcopy(doc["obligations"][0]))
    doc["obligations"][1]["applies_from"] = "2025-02-30"
    found = problems_of(doc)
    assert "obligations[art4-ai-literacy]: duplicate obligation code 'art4-ai-literacy'" in found
    assert "obligations[art5-stop-prohibited].applies_from[0].date: '2025-02-30' is not a real date" in found


def test_yaml_syntax_error_has_line_and_column():
    with pytest.raises(RuleSetInvalid) as caught:
        compile_text("format: 1\nframework: [unclosed\n", "broken.yaml")
    assert str(caught.value.problems[0]).startswith("broken.yaml:3:1: YAML syntax error")


def test_duplicate_yaml_keys_are_refused():
    with pytest.raises(RuleSetInvalid, match="duplicate key 'format'"):
        compile_text("format: 1\nformat: 1\n", "dup.yaml")


def test_shared_question_must_match_the_catalogue():
    """A format-2 version holding its shared questions (as stored or exported) must hold the catalogue's."""
    from frameworks.shared import expand_shared_questions

    from .test_format2 import f2_document

    doc = expand_shared_questions(f2_document())
    areas = next(q for s in doc["sections"] for q in s["questions"] if q["code"] == "sensitive_areas")
    areas["choices"] = areas["choices"][:-1]  # drops public_administration
    with pytest.raises(RuleSetInvalid, match=r"questions\[sensitive_areas\]: differs from the shared question"):
        compile_text(yaml.safe_dump(doc), "sample.yaml")
    # Format-1 files are checked against the frozen catalogue they were written against.
    old = sample_document()
    old["sections"][2]["questions"][0]["choices"] = old["sections"][2]["questions"][0]["choices"][:-1]
    with pytest.raises(RuleSetInvalid, match=r"questions\[use_areas\]: differs from the shared question of that code "
                                             r"in shared-questions-format1.yaml"):
        compile_text(yaml.safe_dump(old), "sample.yaml")


def test_problems_of_several_files_are_reported_together(tmp_path):
    good = write_yaml(tmp_path / "good.yaml", sample_document())
    bad_doc = sample_document(label="sample-2")
    bad_doc["tiers"][0]["rank"] = "high"
    bad = write_yaml(tmp_path / "bad.yaml", bad_doc)
    worse = tmp_path / "missing.yaml"
    with pytest.raises(RuleSetInvalid) as caught:
        read_files([good, bad, worse])
    text = str(caught.value)
    assert "bad.yaml: tiers[prohibited].rank: 'high' is not of type 'integer'" in text
    assert "missing.yaml: cannot read file" in text


def test_crosswalk_targets_must_exist():
    doc = sample_document()
    doc["crosswalk"] = [{"obligation": "art4-ai-literacy", "framework": "kr-ai-basic-act", "target": "art34-1-1",
                         "kind": "related"}]
    loaded = [LoadedFile("x.yaml", compile_document(doc))]
    problems = cross_file_problems(loaded)
    assert [str(p) for p in problems] == ["x.yaml: crosswalk[0].target: no obligation 'art34-1-1' in framework 'kr-ai-basic-act'"]
    assert cross_file_problems(loaded, {"kr-ai-basic-act": {"art34-1-1"}}) == []


def test_hash_ignores_status_and_shorthand_but_not_content():
    doc = sample_document()
    same = sample_document(status="retired")
    same["obligations"][0]["applies_from"] = [{"date": doc["obligations"][0]["applies_from"]}]
    assert content_hash(doc) == content_hash(same)
    changed = sample_document()
    changed["obligations"][0]["citation"] = "Art. 4 (amended)"
    assert content_hash(doc) != content_hash(changed)


def test_number_answers_are_checked_against_bounds_and_unit():
    doc = sample_document()
    doc["sections"].append({"code": "model", "title": "The AI model", "questions": [{
        "code": "training_compute_flop", "prompt": "Compute?", "type": "number", "unit": "FLOP",
        "minimum": 0, "required": False, "visible_if": "org_develops_system"}]})
    rule_set = compile_document(doc)
    with pytest.raises(InvalidAnswers, match="must be at least 0 FLOP"):
        evaluate([rule_set], {"org_develops_system": True, "training_compute_flop": -1}, dt.date(2026, 1, 1))
    with pytest.raises(InvalidAnswers, match="expected a number"):
        evaluate([rule_set], {"org_develops_system": True, "training_compute_flop": True}, dt.date(2026, 1, 1))
    evaluate([rule_set], {"org_develops_system": True, "training_compute_flop": 3e24}, dt.date(2026, 1, 1))


@pytest.mark.parametrize("text", ["? {a: 1}\n: x\n", "? [a, b]\n: x\n"])
def test_a_mapping_or_list_as_a_key_is_a_located_problem(text):
    """Found by the fuzz test: YAML allows complex keys; rule data never uses them."""
    with pytest.raises(RuleSetInvalid, match=r"f\.yaml:1:3: YAML syntax error: a key must be a plain value"):
        compile_text(text, "f.yaml")
