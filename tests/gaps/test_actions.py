"""Actions that close several obligations: derived status, unlinking, crosswalk suggestions, history."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from compliance.assessments.models import Assessment
from compliance.assessments.selectors import assessment_state
from compliance.gaps.actions import selectors, services
from compliance.gaps.models import ActionLink, ActionStatus, GapItem, GapStatus
from compliance.gaps.selectors import assessment_gaps, gap_item_history
from compliance.gaps.services import record_gap
from frameworks.selectors import versions_in_force
from tests.assessments.conftest import CV_SCREENING_EU_KR, give_answers, pin_assessment
from tests.factories import AS_OF, AISystemFactory

EU, KR = "eu-ai-act", "kr-ai-basic-act"
# Obligations of the shipped rule sets that apply to the EU + Korea CV screener, and the crosswalk between them.
EU_OVERSIGHT = (EU, "art14-human-oversight")
EU_DEPLOYER_OVERSIGHT = (EU, "art26-2-human-oversight")
KR_OVERSIGHT = (KR, "art34-1-4-human-oversight")  # equivalent to EU Art. 14, overlapping with EU Art. 26(2)
EU_DOCUMENTATION = (EU, "art11-technical-documentation")


@pytest.fixture
def eu_kr(organization, owner, shipped_rule_sets) -> Assessment:
    versions = versions_in_force(as_of=AS_OF, framework_codes=[EU, KR])
    if len(versions) < 2:
        pytest.skip("the shipped EU and Korean rule sets are not both loaded")
    system = AISystemFactory(organization=organization, name="CV ranker", markets=["eu", "kr"])
    assessment = pin_assessment(system, versions, user=owner)
    give_answers(assessment, CV_SCREENING_EU_KR)
    return assessment


def link(action, assessment, key, user):
    return services.link_action(action=action, state=assessment_state(assessment), framework_code=key[0],
                                obligation_code=key[1], user=user)


def item(assessment, key) -> GapItem:
    return GapItem.objects.get(assessment=assessment, framework_code=key[0], obligation_code=key[1])


def new_action(organization, user, **fields):
    return services.create_action(organization_id=organization.pk, user=user, **{"title": "Oversight v2", **fields})


def change_status(action, user, status):
    return services.update_action(action=action, user=user, title=action.title, description=action.description,
                                  status=status, assignee=action.assignee, due_date=action.due_date)


def test_one_action_closes_three_obligations_in_two_frameworks_and_unlinking_reopens(eu_kr, organization, owner,
                                                                                     teammate):
    action = new_action(organization, owner)
    served = [EU_OVERSIGHT, KR_OVERSIGHT, EU_DEPLOYER_OVERSIGHT]
    for key in served:
        link(action, eu_kr, key, owner)
    assert [item(eu_kr, k).status for k in served] == [GapStatus.NOT_STARTED] * 3

    action = change_status(action, teammate, ActionStatus.IN_PROGRESS)
    assert [item(eu_kr, k).status for k in served] == [GapStatus.IN_PROGRESS] * 3
    action = change_status(action, teammate, ActionStatus.DONE)
    items = [item(eu_kr, k) for k in served]
    assert [i.status for i in items] == [GapStatus.MET] * 3
    assert all(i.status_from_actions and i.status_set_by == teammate and i.status_set_at for i in items)
    gaps = assessment_gaps(state=assessment_state(eu_kr), today=AS_OF)
    met = {(r.framework_code, r.code) for r in gaps.rows if r.status == GapStatus.MET}
    assert met == set(served)

    services.unlink_action(link=ActionLink.objects.get(action=action, gap_item=item(eu_kr, KR_OVERSIGHT)), user=owner)
    reopened = item(eu_kr, KR_OVERSIGHT)
    assert (reopened.status, reopened.status_from_actions, reopened.status_set_by) == (GapStatus.NOT_STARTED, False,
                                                                                       owner)
    assert item(eu_kr, EU_OVERSIGHT).status == GapStatus.MET  # still served by the done action
    # Every step is in the obligation's history, with who made it.
    history = gap_item_history(item=reopened)
    assert [e["who"] for e in history[:2]] == [owner, owner]
    assert any(label == "Action unlinked" for e in history for label, _old, _new in e["changes"])
    assert any(new == "Met" for e in history for _label, _old, new in e["changes"])


def test_met_only_when_every_linked_action_is_done(eu_kr, organization, owner):
    policy, training = new_action(organization, owner), new_action(organization, owner, title="Training")
    link(policy, eu_kr, EU_OVERSIGHT, owner)
    link(training, eu_kr, EU_OVERSIGHT, owner)
    change_status(policy, owner, ActionStatus.DONE)
    assert item(eu_kr, EU_OVERSIGHT).status == GapStatus.IN_PROGRESS
    change_status(training, owner, ActionStatus.DONE)
    assert item(eu_kr, EU_OVERSIGHT).status == GapStatus.MET
    services.unlink_action(link=ActionLink.objects.get(action=training), user=owner)
    assert item(eu_kr, EU_OVERSIGHT).status == GapStatus.MET  # the other linked action is done


def test_status_is_set_directly_only_without_linked_actions(eu_kr, organization, owner):
    state = assessment_state(eu_kr)
    record_gap(state=state, user=owner, framework_code=EU, obligation_code=EU_OVERSIGHT[1], status=GapStatus.MET)
    gap = item(eu_kr, EU_OVERSIGHT)
    assert (gap.status, gap.status_from_actions, gap.status_set_by) == (GapStatus.MET, False, owner)
    link(new_action(organization, owner), eu_kr, EU_OVERSIGHT, owner)
    assert item(eu_kr, EU_OVERSIGHT).status == GapStatus.NOT_STARTED  # now follows the action
    with pytest.raises(ValidationError) as caught:
        record_gap(state=state, user=owner, framework_code=EU, obligation_code=EU_OVERSIGHT[1], status=GapStatus.MET)
    assert "follows its linked actions" in str(caught.value)
    # Other fields can still be changed; the status is kept.
    record_gap(state=state, user=owner, framework_code=EU, obligation_code=EU_OVERSIGHT[1], evidence_notes="SOP")
    assert (item(eu_kr, EU_OVERSIGHT).status, item(eu_kr, EU_OVERSIGHT).evidence_notes) == (GapStatus.NOT_STARTED,
                                                                                             "SOP")


def test_crosswalk_suggests_and_never_links_silently(eu_kr, organization, owner):
    action = new_action(organization, owner)
    link(action, eu_kr, EU_OVERSIGHT, owner)
    suggestions = selectors.crosswalk_suggestions(action=action, linked=selectors.linked_obligations(action=action))
    keys = {(s.framework_code, s.obligation_code) for s in suggestions}
    assert KR_OVERSIGHT in keys and EU_DOCUMENTATION not in keys
    kr = next(s for s in suggestions if (s.framework_code, s.obligation_code) == KR_OVERSIGHT)
    assert kr.kind == "equivalent" and len(kr.via) == 1  # the EU citation that leads here
    assert ActionLink.objects.count() == 1  # suggesting linked nothing
    link(action, eu_kr, KR_OVERSIGHT, owner)
    # Through the Korean duty, the crosswalk now also points to the deployer's oversight duty (EU Art. 26(2)).
    suggestions = selectors.crosswalk_suggestions(action=action, linked=selectors.linked_obligations(action=action))
    assert EU_DEPLOYER_OVERSIGHT in {(s.framework_code, s.obligation_code) for s in suggestions}
    assert KR_OVERSIGHT not in {(s.framework_code, s.obligation_code) for s in suggestions}


def test_an_obligation_marked_not_applicable_is_not_linked(eu_kr, organization, owner):
    record_gap(state=assessment_state(eu_kr), user=owner, framework_code=EU, obligation_code=EU_OVERSIGHT[1],
               status=GapStatus.NOT_APPLICABLE, justification="Humans decide every case.")
    with pytest.raises(ValidationError):
        link(new_action(organization, owner), eu_kr, EU_OVERSIGHT, owner)
    assert not ActionLink.objects.exists()


def test_an_action_of_another_organization_cannot_be_linked(eu_kr, other_organization, outsider):
    foreign = new_action(other_organization, outsider)
    with pytest.raises(ValidationError):
        link(foreign, eu_kr, EU_OVERSIGHT, outsider)
    assert not ActionLink.objects.exists()


def test_only_members_can_be_assigned(organization, owner, outsider):
    with pytest.raises(ValidationError) as caught:
        new_action(organization, owner, assignee=outsider)
    assert "assignee" in caught.value.message_dict


def test_the_assignee_is_emailed_once_on_assignment(organization, owner, teammate,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        action = new_action(organization, owner, title="Logging policy", assignee=teammate)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [teammate.email] and "Logging policy" in message.subject
    assert "olivia assigned an action in Acme Robotics to you" in message.body
    assert f"/actions/{action.pk}/" in message.body
    with django_capture_on_commit_callbacks(execute=True):  # saved again, same assignee: no second e-mail
        services.update_action(action=action, user=owner, title="Logging policy v2", description="",
                               status=ActionStatus.IN_PROGRESS, assignee=teammate, due_date=None)
    assert len(mail.outbox) == 1


def test_action_history_records_changes_and_links(eu_kr, organization, owner, teammate):
    action = new_action(organization, owner)
    link(action, eu_kr, EU_OVERSIGHT, owner)
    services.update_action(action=action, user=teammate, title="Oversight v3", description="", status="in_progress",
                           assignee=teammate, due_date=None)
    services.unlink_action(link=ActionLink.objects.get(action=action), user=teammate)
    history = selectors.action_history(action=action)
    flat = [(e.who, label, new) for e in history for label, _old, new in e.changes]
    assert (teammate, "Title", "Oversight v3") in flat and (teammate, "Assigned to", "ted") in flat
    assert any(who == owner and label == "Linked to" for who, label, _ in flat)
    assert any(who == teammate and label == "Unlinked from" for who, label, _ in flat)


def test_due_work_selectors_for_reminders(organization, owner, teammate, assessment):
    import datetime as dt

    soon = new_action(organization, owner, assignee=teammate, due_date=AS_OF + dt.timedelta(days=3))
    new_action(organization, owner, title="Later", assignee=teammate, due_date=AS_OF + dt.timedelta(days=60))
    new_action(organization, owner, title="Nobody", due_date=AS_OF)
    done = new_action(organization, owner, title="Done", assignee=teammate, due_date=AS_OF,
                      status=ActionStatus.DONE)
    due = list(selectors.actions_due(due_by=AS_OF + dt.timedelta(days=7)))
    assert due == [soon] and done not in due
    record_gap(state=assessment_state(assessment), user=owner, framework_code=EU,
               obligation_code="art4-ai-literacy", status=GapStatus.IN_PROGRESS, assignee=teammate, due_date=AS_OF)
    assert [i.obligation_code for i in selectors.gap_items_due(due_by=AS_OF)] == ["art4-ai-literacy"]


def test_the_email_language_is_the_recipients_profile_language_else_the_default(settings):
    from types import SimpleNamespace

    from compliance.gaps.actions.notifications import recipient_language

    settings.LANGUAGES = [("en", "English"), ("ko", "Korean"), ("ja", "Japanese")]
    assert recipient_language(SimpleNamespace(profile=SimpleNamespace(language="ko"))) == "ko"
    assert recipient_language(SimpleNamespace(profile=SimpleNamespace(language=""))) == settings.LANGUAGE_CODE
    assert recipient_language(SimpleNamespace(profile=SimpleNamespace(language="xx"))) == settings.LANGUAGE_CODE
    assert recipient_language(SimpleNamespace()) == settings.LANGUAGE_CODE  # no profile (yet)
