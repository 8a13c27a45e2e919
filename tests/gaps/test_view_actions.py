"""Pages of actions and the tracker's bulk edit, with the personas: who may see, link, assign and bulk-edit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from compliance.assessments.selectors import assessment_state
from compliance.gaps.actions import services
from compliance.gaps.models import Action, ActionLink, GapItem, GapStatus
from compliance.gaps.services import record_gap
from tests.factories import AS_OF
from tests.gaps.fixtures import APPLICABLE, EU, make_assessment, set_gap
from tests.querycount import assert_same_queries_at_two_sizes


@pytest.fixture
def action(organization, owner, assessment):
    action = services.create_action(organization_id=organization.pk, user=owner, title="AI literacy course")
    services.link_action(action=action, state=assessment_state(assessment), framework_code=EU,
                         obligation_code="art4-ai-literacy", user=owner)
    return action


@pytest.fixture
def foreign_action(other_organization, outsider):
    return services.create_action(organization_id=other_organization.pk, user=outsider, title="Globex secret plan")


def key_data(assessment, obligation="art9-risk-management"):
    return {"assessment": assessment.pk, "framework": EU, "obligation": obligation}


def test_member_sees_the_action_with_what_it_serves_and_its_history(client_for, viewer, action):
    body = client_for(viewer).get(reverse("gaps:action", args=[action.pk])).content.decode()
    assert "AI literacy course" in body and "Serves 1 obligation" in body and "Art. 4" in body
    assert "linked by olivia" in body and "Linked to" in body
    assert reverse("gaps:action_edit", args=[action.pk]) not in body  # a viewer gets no edit or unlink buttons
    assert reverse("gaps:action_unlink", args=[action.pk, action.links.get().pk]) not in body


@pytest.mark.parametrize("name", ["gaps:action", "gaps:action_edit"])
def test_outsider_gets_404_for_another_organizations_action(client_for, outsider, action, name):
    assert client_for(outsider).get(reverse(name, args=[action.pk])).status_code == 404


def test_outsider_cannot_link_or_unlink_another_organizations_action(client_for, outsider, action, assessment,
                                                                     foreign_assessment):
    client = client_for(outsider)
    assert client.post(reverse("gaps:action_link", args=[action.pk]), key_data(assessment)).status_code == 404
    link = ActionLink.objects.get()
    assert client.post(reverse("gaps:action_unlink", args=[action.pk, link.pk])).status_code == 404
    assert ActionLink.objects.count() == 1


def test_a_forged_assessment_or_action_id_gets_404(client_for, owner, action, foreign_action, foreign_assessment,
                                                   assessment):
    client = client_for(owner)
    # Acme's action linked to Globex's obligation, and Globex's action to Acme's obligation: both 404, no link.
    assert client.post(reverse("gaps:action_link", args=[action.pk]),
                       key_data(foreign_assessment)).status_code == 404
    assert client.post(reverse("gaps:action_link", args=[foreign_action.pk]),
                       key_data(assessment)).status_code == 404
    assert client.post(reverse("gaps:link_existing", args=[assessment.pk, EU, "art9-risk-management"]),
                       {"action": foreign_action.pk}).status_code == 404
    assert client.get(reverse("gaps:action_new") + f"?assessment={foreign_assessment.pk}&framework={EU}"
                      "&obligation=art9-risk-management").status_code == 404
    assert ActionLink.objects.count() == 1


def test_viewer_cannot_create_edit_link_or_assign(client_for, viewer, teammate, action, assessment):
    client = client_for(viewer)
    assert client.get(reverse("gaps:action_new")).status_code == 403
    assert client.post(reverse("gaps:action_edit", args=[action.pk]),
                       {"title": "X", "status": "done", "assignee": teammate.pk}).status_code == 403
    assert client.post(reverse("gaps:action_link", args=[action.pk]), key_data(assessment)).status_code == 403
    action.refresh_from_db()
    assert (action.title, action.assignee, ActionLink.objects.count()) == ("AI literacy course", None, 1)


def test_create_an_action_from_an_obligation_links_it(client_for, teammate, owner, assessment):
    client = client_for(teammate)
    new_url = reverse("gaps:action_new") + f"?assessment={assessment.pk}&framework={EU}&obligation=art9-risk-management"
    page = client.get(new_url).content.decode()
    assert "It will serve “Risk management system”" in page or "It will serve" in page
    response = client.post(reverse("gaps:action_new"), {**key_data(assessment), "title": "Risk process",
                                                        "status": "in_progress", "assignee": owner.pk})
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("gaps:action", args=[action.pk])
    gap = GapItem.objects.get(obligation_code="art9-risk-management")
    assert (action.assignee, action.created_by, gap.status, gap.status_from_actions) == (
        owner, teammate, GapStatus.IN_PROGRESS, True)


def test_edit_form_rejects_a_bad_title_and_changes_nothing(client_for, owner, action):
    response = client_for(owner).post(reverse("gaps:action_edit", args=[action.pk]),
                                      {"title": "  ", "status": "done", "assignee": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "not_started"


def test_unlink_reopens_the_obligation(client_for, owner, action):
    client = client_for(owner)
    client.post(reverse("gaps:action_edit", args=[action.pk]), {"title": action.title, "status": "done",
                                                                "assignee": ""})
    assert GapItem.objects.get().status == GapStatus.MET
    link = ActionLink.objects.get()
    client.post(reverse("gaps:action_unlink", args=[action.pk, link.pk]))
    assert GapItem.objects.get().status == GapStatus.NOT_STARTED and not ActionLink.objects.exists()


def test_assigned_to_me_lists_actions_and_obligations_across_assessments(client_for, owner, teammate, organization,
                                                                        assessment, sample_version, foreign_action):
    services.create_action(organization_id=organization.pk, user=owner, title="Logging policy", assignee=teammate)
    second = make_assessment(organization, [sample_version], name="Chat assistant")
    record_gap(state=assessment_state(second), user=owner, framework_code=EU, obligation_code="art4-ai-literacy",
               status=GapStatus.IN_PROGRESS, assignee=teammate, due_date=dt.date(2027, 1, 1))
    body = client_for(teammate).get(reverse("gaps:assigned")).content.decode()
    assert "Logging policy" in body and "Chat assistant" in body and "Due 2027-01-01" in body
    assert "Globex secret plan" not in body
    assert "Logging policy" not in client_for(owner).get(reverse("gaps:assigned")).content.decode()


# --- the tracker: filters, bulk edit, query counts -----------------------------------------------------------


def tracker(assessment, **query):
    return reverse("gaps:tracker", args=[assessment.pk]) + ("?" + "&".join(f"{k}={v}" for k, v in query.items())
                                                             if query else "")


def rows_in(body: str) -> int:
    return body.count('class="list-group-item" id="gap-')


def test_tracker_filters_by_assignee_status_and_due_window(client_for, owner, teammate, assessment, frozen_today):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET, assignee=teammate)
    set_gap(assessment, "art9-risk-management", due_date=frozen_today - dt.timedelta(days=1), assignee=teammate)
    set_gap(assessment, "art26-7-inform-workers", due_date=frozen_today + dt.timedelta(days=20))
    client = client_for(owner)
    assert rows_in(client.get(tracker(assessment, assignee=teammate.pk)).content.decode()) == 2
    assert rows_in(client.get(tracker(assessment, assignee="none")).content.decode()) == 2
    assert rows_in(client.get(tracker(assessment, status="open")).content.decode()) == 3
    assert rows_in(client.get(tracker(assessment, due="overdue")).content.decode()) == 1
    assert rows_in(client.get(tracker(assessment, due="30")).content.decode()) == 1
    assert rows_in(client.get(tracker(assessment, nature="binding", framework=EU)).content.decode()) == 4
    assert rows_in(client.get(tracker(assessment, assignee="bogus", sort="due")).content.decode()) == 4
    body = client.get(tracker(assessment, sort="due")).content.decode()
    assert body.index("gap-eu-ai-act-art9-risk-management") < body.index("gap-eu-ai-act-art26-7-inform-workers")


def test_bulk_edit_sets_assignee_and_due_date_with_one_history_entry_each(client_for, owner, teammate, assessment,
                                                                          action):
    selected = [f"{EU}:{code}" for code in APPLICABLE[:3]]
    linked_entries = GapItem.objects.get(obligation_code="art4-ai-literacy").history.count()
    response = client_for(owner).post(reverse("gaps:bulk_edit", args=[assessment.pk]), {
        "item": selected, "status": "in_progress", "assignee": teammate.pk, "due_date": "2027-06-30",
        "next": tracker(assessment)})
    assert response.status_code == 302 and response["Location"] == tracker(assessment)
    items = {i.obligation_code: i for i in GapItem.objects.all()}
    for code in APPLICABLE[:3]:
        assert (items[code].assignee, str(items[code].due_date)) == (teammate, "2027-06-30")
    # The item served by an action keeps the status its action gives it; the others took the new one.
    assert items["art4-ai-literacy"].status == GapStatus.NOT_STARTED
    assert [items[c].status for c in APPLICABLE[1:3]] == [GapStatus.IN_PROGRESS] * 2
    assert items["art9-risk-management"].history.count() == 1
    assert items["art4-ai-literacy"].history.count() == linked_entries + 1


def test_viewer_and_outsider_cannot_bulk_edit(client_for, viewer, outsider, assessment):
    data = {"item": [f"{EU}:art9-risk-management"], "status": "met"}
    assert client_for(viewer).post(reverse("gaps:bulk_edit", args=[assessment.pk]), data).status_code == 403
    assert client_for(outsider).post(reverse("gaps:bulk_edit", args=[assessment.pk]), data).status_code == 404
    assert not GapItem.objects.exists()


def test_bulk_edit_with_a_forged_obligation_changes_nothing(client_for, owner, assessment):
    response = client_for(owner).post(reverse("gaps:bulk_edit", args=[assessment.pk]), {
        "item": [f"{EU}:art9-risk-management", f"{EU}:art5-stop-prohibited"], "status": "met"}, follow=True)
    assert "no longer in this assessment" in response.content.decode()
    assert not GapItem.objects.exists()


def test_tracker_pages_on_a_long_list(client_for, owner, organization, sample_version, monkeypatch):
    monkeypatch.setattr("compliance.gaps.tracker.PAGE_SIZE", 3)
    assessment = make_assessment(organization, [sample_version])
    client = client_for(owner)
    first = client.get(tracker(assessment)).content.decode()
    assert rows_in(first) == 3 and "Page 1 of 2" in first and "Showing 1–3 of 4 obligations" in first
    assert rows_in(client.get(tracker(assessment, page=2)).content.decode()) == 1


def test_tracker_queries_do_not_grow_with_items_actions_and_assignees(client_for, owner, teammate, organization,
                                                                     assessment):
    action = services.create_action(organization_id=organization.pk, user=owner, title="Course", assignee=teammate)
    services.link_action(action=action, state=assessment_state(assessment), framework_code=EU,
                         obligation_code=APPLICABLE[0], user=owner)

    def grow():
        state = assessment_state(assessment)
        for index, code in enumerate(APPLICABLE[1:]):
            extra = services.create_action(organization_id=organization.pk, user=owner, title=f"Action {index}",
                                           assignee=owner)
            services.link_action(action=extra, state=state, framework_code=EU, obligation_code=code, user=owner)
            services.link_action(action=action, state=state, framework_code=EU, obligation_code=code, user=owner)
            record_gap(state=state, user=owner, framework_code=EU, obligation_code=code, assignee=teammate,
                       due_date=AS_OF)

    assert_same_queries_at_two_sizes(client_for(owner), tracker(assessment), grow)


def test_a_stale_action_form_is_refused_and_saving_again_merges(owner, teammate, action):
    import html
    import re

    from django.test import Client

    url = reverse("gaps:action_edit", args=[action.pk])
    olivia, ted = Client(), Client()
    olivia.force_login(owner)
    ted.force_login(teammate)

    def version(client):
        return html.unescape(re.search(r'name="version" value="([^"]+)"', client.get(url).content.decode()).group(1))

    olivia_version, ted_version = version(olivia), version(ted)
    base = {"title": action.title, "description": "", "status": "not_started", "assignee": "", "due_date": ""}
    assert olivia.post(url, {**base, "assignee": teammate.pk, "version": olivia_version}).status_code == 302
    response = ted.post(url, {**base, "status": "in_progress", "version": ted_version})
    body = html.unescape(response.content.decode())
    assert response.status_code == 200 and "Not saved: olivia changed this" in body
    action.refresh_from_db()
    assert (action.assignee, action.status) == (teammate, "not_started")  # Olivia's change kept, Ted's not saved
    again = html.unescape(re.search(r'name="version" value="([^"]+)"', body).group(1))
    assert ted.post(url, {**base, "status": "in_progress", "assignee": teammate.pk,
                          "version": again}).status_code == 302
    action.refresh_from_db()
    assert (action.assignee, action.status) == (teammate, "in_progress")
