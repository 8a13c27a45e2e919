"""frameworks.diff: a pure comparison of two rule-set documents."""

import copy

from frameworks.diff import ADDED, CHANGED, REMOVED, diff_documents, field_changes
from tests.frameworks.support import sample_document


def _question(document, code):
    return next(q for s in document["sections"] for q in s["questions"] if q["code"] == code)


def _obligation(document, code):
    return next(o for o in document["obligations"] if o["code"] == code)


def _rule(document, code):
    return next(r for r in document["rules"] if r["code"] == code)


def changed_pair():
    old = sample_document(label="sample-1")
    new = copy.deepcopy(old)
    new["version"].update(label="sample-2", in_force_from="2026-12-01")
    _obligation(new, "art9-risk-management")["applies_from"][0]["date"] = "2028-08-02"
    _obligation(new, "art4-ai-literacy")["citation"] = "Art. 4 (as amended)"
    new["obligations"] = [o for o in new["obligations"] if o["code"] != "art50-1-disclose-interaction"]
    new["obligations"].append({**copy.deepcopy(_obligation(old, "art4-ai-literacy")), "code": "art4a-new-duty",
                               "title": "A new duty"})
    _rule(new, "annex-iii-4a-recruitment")["when"] = "'recruitment' in employment_uses || 'work_decisions' in employment_uses"
    employment = _question(new, "employment_uses")
    employment["choices"] = [c for c in employment["choices"] if c["code"] != "other"]
    employment["choices"].append({"code": "payroll", "label": "Runs payroll"})
    next(c for c in employment["choices"] if c["code"] == "recruitment")["label"] = "Recruits people"
    system = next(s for s in new["sections"] if s["code"] == "system")
    system["questions"] = [q for q in system["questions"] if q["code"] != "profiles_people"]
    system["questions"].append({"code": "eu_new_fact", "prompt": "A new question?", "type": "yes_no"})
    return old, new


def test_identical_documents_have_an_empty_diff():
    document = sample_document()
    diff = diff_documents(document, copy.deepcopy(document))
    assert diff.is_empty and diff.items == [] and diff.date_changes == []


def test_defaults_written_out_are_not_changes():
    old = sample_document()
    new = copy.deepcopy(old)
    _question(new, "org_develops_system")["required"] = True  # the default
    _obligation(new, "art4-ai-literacy")["nature"] = "binding"  # the default
    assert diff_documents(old, new).is_empty


def test_diff_names_exactly_what_changed():
    old, new = changed_pair()
    diff = diff_documents(old, new)

    assert [(i.code, i.status) for i in diff.obligations] == [
        ("art4-ai-literacy", CHANGED), ("art9-risk-management", CHANGED),
        ("art50-1-disclose-interaction", REMOVED), ("art4a-new-duty", ADDED)]
    art9 = diff.find("obligation", "art9-risk-management")
    assert [(f.path, f.old, f.new) for f in art9.fields] == [("applies_from[0].date", "2027-12-02", "2028-08-02")]
    art4 = diff.find("obligation", "art4-ai-literacy")
    assert [(f.path, f.old, f.new) for f in art4.fields] == [("citation", "Art. 4", "Art. 4 (as amended)")]

    assert [(i.code, i.status) for i in diff.rules] == [("annex-iii-4a-recruitment", CHANGED)]
    assert [f.path for f in diff.rules[0].fields] == ["when"]

    assert [(i.code, i.status) for i in diff.questions] == [("profiles_people", REMOVED), ("eu_new_fact", ADDED)]
    assert [(i.parent, i.code, i.status) for i in diff.choices] == [
        ("employment_uses", "recruitment", CHANGED), ("employment_uses", "other", REMOVED),
        ("employment_uses", "payroll", ADDED)]
    assert diff.choices[0].fields[0].old.startswith("Recruits or selects") and diff.choices[0].fields[0].new == "Recruits people"
    assert diff.changed_choice_questions == {"employment_uses"}

    assert [(f.path, f.old, f.new) for f in diff.version] == [("in_force_from", "2026-07-27", "2026-12-01")]
    assert not diff.sections and not diff.roles and not diff.tiers and not diff.crosswalk and not diff.framework
    assert diff.counts() == {"added": 3, "removed": 3, "changed": 4}


def test_date_and_citation_summaries():
    old, new = changed_pair()
    diff = diff_documents(old, new)
    dates = [(item.code if item else "version", f.path, f.new) for item, f in diff.date_changes]
    assert dates == [("version", "in_force_from", "2026-12-01"),
                     ("art9-risk-management", "applies_from[0].date", "2028-08-02")]
    citations = [(item.code, f.path) for item, f in diff.citation_changes]
    assert citations == [("art4-ai-literacy", "citation")]


def test_exceptions_are_compared_by_code_and_lists_of_strings_as_a_whole():
    old = sample_document()
    new = copy.deepcopy(old)
    _rule(new, "annex-iii-4a-recruitment")["unless"][0]["when"] = "size(eu_art6_3_conditions) > 1"
    _obligation(new, "art4-ai-literacy")["evidence"] = ["Training records"]
    diff = diff_documents(old, new)
    assert [f.path for f in diff.find("rule", "annex-iii-4a-recruitment").fields] == ["unless[art6-3-derogation].when"]
    evidence = diff.find("obligation", "art4-ai-literacy").fields[0]
    assert (evidence.path, evidence.old, evidence.new) == ("evidence", ["Training records", "AI use policy"],
                                                           ["Training records"])


def test_section_move_and_crosswalk_links():
    old = sample_document()
    new = copy.deepcopy(old)
    uses = next(s for s in new["sections"] if s["code"] == "uses")
    moved = uses["questions"].pop(0)
    next(s for s in new["sections"] if s["code"] == "system")["questions"].append(moved)
    new["crosswalk"] = [{"obligation": "art4-ai-literacy", "framework": "jp-ai-guidelines", "target": "principle-08",
                         "kind": "related"}]
    diff = diff_documents(old, new)
    assert [(f.path, f.old, f.new) for f in diff.find("question", "use_areas").fields] == [("section", "uses", "system")]
    assert [(i.code, i.status) for i in diff.crosswalk] == [("art4-ai-literacy → jp-ai-guidelines:principle-08", ADDED)]


def test_field_changes_descends_into_mappings_and_keyed_lists():
    assert [(c.path, c.old, c.new) for c in field_changes({"a": {"b": 1, "c": 2}}, {"a": {"b": 1, "c": 3}})] == [
        ("a.c", 2, 3)]
    changes = field_changes({"x": [{"date": "2027-01-01"}]}, {"x": [{"date": "2027-01-01"}, {"date": "2028-01-01"}]})
    assert [(c.path, c.old, c.new) for c in changes] == [("x[1]", None, {"date": "2028-01-01"})]
