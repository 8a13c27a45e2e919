"""/api/v1/actions/: list, read and update actions; tenant isolation and roles."""

from __future__ import annotations

import pytest

from compliance.assessments.selectors import assessment_state
from compliance.gaps.actions import services
from compliance.gaps.models import Action, GapItem, GapStatus
from tests.gaps.fixtures import EU


@pytest.fixture
def action(organization, owner, assessment):
    action = services.create_action(organization_id=organization.pk, user=owner, title="AI literacy course")
    services.link_action(action=action, state=assessment_state(assessment), framework_code=EU,
                         obligation_code="art4-ai-literacy", user=owner)
    return action


@pytest.fixture
def foreign_action(other_organization, outsider):
    return services.create_action(organization_id=other_organization.pk, user=outsider, title="Globex secret plan")


def test_list_and_read_show_what_the_action_serves(api_for, viewer, action, foreign_action):
    client = api_for(viewer)
    listed = client.get("/api/v1/actions/").json()
    assert [a["title"] for a in listed["results"]] == ["AI literacy course"]
    body = client.get(f"/api/v1/actions/{action.pk}/").json()
    assert body["obligations"] == [{"assessment": action.links.get().gap_item.assessment_id, "framework": EU,
                                    "obligation": "art4-ai-literacy", "status": "not_started",
                                    "linked_at": body["obligations"][0]["linked_at"]}]


def test_update_status_assignee_and_due_date(api_for, teammate, action):
    response = api_for(teammate).patch(f"/api/v1/actions/{action.pk}/", {
        "status": "done", "assignee": teammate.pk, "due_date": "2027-02-01"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["assignee"]["id"], body["due_date"]) == ("done", teammate.pk, "2027-02-01")
    assert body["obligations"][0]["status"] == GapStatus.MET
    action.refresh_from_db()
    assert action.history.first().history_user == teammate


def test_an_outsider_cannot_be_assigned(api_for, owner, outsider, action):
    response = api_for(owner).patch(f"/api/v1/actions/{action.pk}/", {"assignee": outsider.pk}, format="json")
    assert response.status_code == 422 and "assignee" in response.json()["error"]["fields"]
    action.refresh_from_db()
    assert action.assignee is None


def test_another_organizations_action_answers_404(api_for, owner, foreign_action):
    client = api_for(owner)
    assert client.get(f"/api/v1/actions/{foreign_action.pk}/").status_code == 404
    assert client.patch(f"/api/v1/actions/{foreign_action.pk}/", {"status": "done"}, format="json").status_code == 404
    assert Action.objects.get(pk=foreign_action.pk).status == "not_started"


def test_a_viewers_token_cannot_write(api_for, viewer, action):
    response = api_for(viewer).patch(f"/api/v1/actions/{action.pk}/", {"status": "done"}, format="json")
    assert response.status_code == 403
    assert GapItem.objects.get().status == GapStatus.NOT_STARTED
