"""Recording gap statuses: the rules, the history, and carrying over to a newer rule-set version."""

import datetime as dt
import io

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import call_command

from compliance.assessments.models import PinnedVersion
from compliance.assessments.selectors import assessment_state
from compliance.gaps.models import GapItem, GapStatus
from compliance.gaps.selectors import assessment_gaps, gap_item_history
from compliance.gaps.services import record_gap
from frameworks.models import RuleSetVersion
from tests.factories import AS_OF
from tests.gaps.fixtures import EU, NOT_APPLICABLE, SAMPLE_PATH


def record(assessment, user, obligation="art4-ai-literacy", **fields):
    fields.setdefault("status", GapStatus.IN_PROGRESS)
    return record_gap(state=assessment_state(assessment), user=user, framework_code=EU, obligation_code=obligation,
                      **fields)


def test_record_creates_the_item_with_who_and_when(assessment, owner):
    item = record(assessment, owner, owner="HR team", due_date=dt.date(2027, 1, 31), evidence_notes="Course plan",
                  links=["https://intranet.example.com/ai-literacy", " ", "https://intranet.example.com/ai-literacy"])
    item.refresh_from_db()
    assert (item.status, item.owner, item.due_date) == (GapStatus.IN_PROGRESS, "HR team", dt.date(2027, 1, 31))
    assert item.links == ["https://intranet.example.com/ai-literacy"]
    assert item.organization_id == assessment.organization_id
    [record_] = item.history.all()
    assert record_.history_user == owner


def test_not_applicable_needs_a_justification(assessment, owner):
    with pytest.raises(ValidationError) as caught:
        record(assessment, owner, status=GapStatus.NOT_APPLICABLE, justification="   ")
    assert "justification" in caught.value.message_dict
    assert not GapItem.objects.exists()


def test_justification_is_kept_only_for_not_applicable(assessment, owner):
    record(assessment, owner, status=GapStatus.NOT_APPLICABLE, justification="Only two staff, both trained.")
    item = record(assessment, owner, status=GapStatus.IN_PROGRESS, justification="Only two staff, both trained.")
    assert item.justification == ""


@pytest.mark.parametrize("links", [["javascript:alert(1)"], ["file:///etc/passwd"], ["not a url"],
                                   [f"https://example.com/{i}" for i in range(21)]])
def test_bad_links_are_refused_and_nothing_is_saved(assessment, owner, links):
    with pytest.raises(ValidationError) as caught:
        record(assessment, owner, links=links)
    assert "links" in caught.value.message_dict
    assert not GapItem.objects.exists()


def test_unknown_status_is_refused(assessment, owner):
    with pytest.raises(ValidationError) as caught:
        record(assessment, owner, status="done")
    assert "status" in caught.value.message_dict


@pytest.mark.parametrize(("framework", "obligation"), [(EU, "no-such-obligation"), ("kr-nothing", "art4-ai-literacy"),
                                                       (EU, NOT_APPLICABLE)])
def test_only_applicable_obligations_of_the_assessment_can_be_tracked(assessment, owner, framework, obligation):
    with pytest.raises(ValidationError):
        record_gap(state=assessment_state(assessment), user=owner, framework_code=framework,
                   obligation_code=obligation, status=GapStatus.MET)
    assert not GapItem.objects.exists()


def test_saving_without_changes_adds_no_history(assessment, owner, teammate):
    record(assessment, owner, owner="HR")
    item = record(assessment, teammate, owner="HR")
    assert item.history.count() == 1
    assert item.updated_by == owner


def test_history_lists_each_change_with_its_author(assessment, owner, teammate):
    record(assessment, owner, status=GapStatus.NOT_STARTED)
    item = record(assessment, teammate, status=GapStatus.MET, owner="HR", evidence_notes="Training done")
    newest, oldest = gap_item_history(item=item)
    assert newest["who"] == teammate and oldest["who"] == owner
    assert ("Status", "Not started", "Met") in newest["changes"]
    assert ("Owner", "(empty)", "HR") in newest["changes"]


def test_statuses_carry_over_to_a_newer_version_with_the_same_obligation_codes(assessment, owner, sample_version,
                                                                               tmp_path):
    record(assessment, owner, status=GapStatus.MET, owner="HR")
    document = yaml.safe_load(SAMPLE_PATH.read_text(encoding="utf-8"))
    document["version"]["label"] = "sample-2"
    document["obligations"][0]["title"] = "Support AI literacy (reworded)"
    path = tmp_path / "sample-2.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    call_command("load_rulesets", str(path), stdout=io.StringIO())
    newer = RuleSetVersion.objects.get(framework__code=EU, label="sample-2")
    PinnedVersion.objects.filter(assessment=assessment).update(version=newer)

    gaps = assessment_gaps(state=assessment_state(assessment), today=AS_OF)
    row = next(r for r in gaps.rows if r.code == "art4-ai-literacy")
    assert row.spec["title"] == "Support AI literacy (reworded)"
    assert (row.status, row.item.owner) == (GapStatus.MET, "HR")
