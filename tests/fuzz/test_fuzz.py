"""Property-based fuzzing (hypothesis) of the rule-file loader, `classify`'s answer reader, the gap form, the
action form and the questionnaire post: whatever comes in, no server error and no traceback, and nothing stored on rejection.

Example counts are small so CI stays fast: FILE_EXAMPLES for the pure parsers, WEB_EXAMPLES for requests."""

import io

from django.core.management import CommandError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.assessments.models import Answer
from compliance.gaps.models import Action, ActionLink, GapItem
from frameworks.loader import compile_text
from frameworks.management.commands.classify import read_answers
from frameworks.ruleset import RuleSetInvalid
from tests.gaps.fixtures import assessment, sample_version  # noqa: F401

from ..frameworks.support import SAMPLE_PATH

FILE_EXAMPLES = 60
WEB_EXAMPLES = 25
WEB = settings(max_examples=WEB_EXAMPLES, deadline=None,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

yaml_fragments = st.sampled_from(["a: 1\n", "- x\n", "&a [1, 2]\n", "*a\n", "{", "}", "[", "]", ": ", "'", '"',
                                  "\x00", "\t", "? ", "!!python/object:os.system\n", "9" * 5000, "&b ", "*b ",
                                  "version:\n  notes: ", "format: 1\n", "  ", "\n"])


@settings(max_examples=FILE_EXAMPLES, deadline=None)
@given(st.lists(yaml_fragments, max_size=40).map("".join) | st.text(max_size=400))
def test_any_text_is_a_rule_set_or_located_problems(text):
    try:
        compile_text(text, "fuzz.yaml")
    except RuleSetInvalid as exc:
        assert exc.problems and all(str(p).startswith("fuzz.yaml") for p in exc.problems)


SAMPLE_TEXT = SAMPLE_PATH.read_text(encoding="utf-8")


@settings(max_examples=FILE_EXAMPLES, deadline=None)
@given(st.integers(0, len(SAMPLE_TEXT) - 1), st.text(max_size=20))
def test_a_damaged_sample_file_is_a_rule_set_or_located_problems(position, insert):
    try:
        compile_text(SAMPLE_TEXT[:position] + insert + SAMPLE_TEXT[position:], "fuzz.yaml")
    except RuleSetInvalid as exc:
        assert exc.problems and all(len(str(p)) < 1000 for p in exc.problems)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                      max_size=4), max_leaves=20)


@settings(max_examples=FILE_EXAMPLES, deadline=None)
@given(st.binary(max_size=300) | json_values.map(lambda v: __import__("json").dumps(v).encode()))
def test_classify_reads_any_file_or_says_why_in_one_line(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("fuzz") / "answers.json"
    path.write_bytes(content)
    try:
        read_answers(path, io.StringIO())
    except CommandError as exc:
        assert "\n" not in str(exc)


gap_text = st.text(max_size=60) | st.sampled_from(["", " ", "\x00", "9" * 5000, "<script>x</script>", "a" * 6000])


def _tracked_obligation(assessment):  # noqa: F811
    from compliance.assessments.selectors import assessment_state
    framework, result = next(iter(assessment_state(assessment).evaluation.results.items()))
    return framework, next(o.code for o in result.obligations if o.status != "not_applicable")


@WEB
@given(status=st.sampled_from(["not_started", "in_progress", "met", "not_applicable", "", "bogus"]),
       justification=gap_text, owner_field=gap_text,
       due_date=st.sampled_from(["", "2027-01-01", "2027-02-30", "x" * 50, "99999-01-01"]), links=gap_text)
def test_the_gap_form_never_errors_and_a_refusal_stores_nothing(client_for, owner, assessment, status,  # noqa: F811
                                                                justification, owner_field, due_date, links):
    framework, code = _tracked_obligation(assessment)
    before = list(GapItem.objects.filter(assessment=assessment).values())
    response = client_for(owner).post(reverse("gaps:edit", args=[assessment.pk, framework, code]), {
        "status": status, "justification": justification, "owner": owner_field, "due_date": due_date,
        "links": links})
    assert response.status_code < 500
    if response.status_code != 302:
        assert list(GapItem.objects.filter(assessment=assessment).values()) == before


@WEB
@given(title=gap_text, description=gap_text,
       status=st.sampled_from(["not_started", "in_progress", "done", "", "bogus"]),
       assignee=st.sampled_from(["", "1", "2", "-1", "abc", str(2**63), "\x00"]),
       due_date=st.sampled_from(["", "2027-01-01", "2027-02-30", "x" * 50, "99999-01-01"]),
       origin=st.booleans(), obligation=st.sampled_from(["", "art9-risk-management", "no-such-duty", "\x00"]))
def test_the_action_form_never_errors_and_a_refusal_stores_nothing(client_for, owner, assessment, title,  # noqa: F811
                                                                   description, status, assignee, due_date, origin,
                                                                   obligation):
    framework, _code = _tracked_obligation(assessment)
    data = {"title": title, "description": description, "status": status, "assignee": assignee,
            "due_date": due_date}
    if origin:
        data |= {"assessment": str(assessment.pk), "framework": framework, "obligation": obligation}
    actions, links = Action.objects.count(), ActionLink.objects.count()
    response = client_for(owner).post(reverse("gaps:action_new"), data)
    assert response.status_code < 500
    if response.status_code != 302:
        assert (Action.objects.count(), ActionLink.objects.count()) == (actions, links)


@WEB
@given(values=st.dictionaries(st.sampled_from(["org_develops_system", "org_offers_system", "org_uses_system",
                                               "is_ai_system", "use_areas", "unknown_code", "\x00"]),
                              st.text(max_size=30) | st.sampled_from(["yes", "no", "9" * 5000, "\x00"]), max_size=5),
       fingerprint=st.sampled_from(["current", "stale", ""]))
def test_the_questionnaire_post_never_errors_and_a_refusal_stores_nothing(client_for, owner, assessment,  # noqa: F811
                                                                           values, fingerprint):
    from compliance.assessments.questionnaire import questionnaire_fingerprint
    from compliance.assessments.selectors import pinned_rule_sets
    current = questionnaire_fingerprint(pinned_rule_sets(assessment))
    data = {"questionnaire": current if fingerprint == "current" else fingerprint, "go": "save",
            "shown": list(values)}
    data.update({f"{code}-value": value for code, value in values.items()})
    before = sorted(Answer.objects.filter(assessment=assessment).values_list("question_code", "value", "note"))
    response = client_for(owner).post(reverse("assessments:section", args=[assessment.pk, "organisation"]), data)
    assert response.status_code < 500
    if response.status_code != 302:
        after = sorted(Answer.objects.filter(assessment=assessment).values_list("question_code", "value", "note"))
        assert after == before
