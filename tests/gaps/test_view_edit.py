"""GET/POST /assessments/<id>/gaps/<framework>/<obligation>/edit/: record a gap status."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from compliance.gaps.models import GapItem, GapStatus
from tests.gaps.fixtures import EU, NOT_APPLICABLE, set_gap


def url(assessment, obligation="art4-ai-literacy", framework=EU):
    return reverse("gaps:edit", args=[assessment.pk, framework, obligation])


VALID = {"status": "in_progress", "assignee": "", "due_date": "2027-01-31", "evidence_notes": "Course plan",
         "links": "https://intranet.example.com/a\nhttps://intranet.example.com/b", "justification": ""}


def test_owner_gets_the_full_page_form_with_history(client_for, owner, assessment):
    response = client_for(owner).get(url(assessment))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<form" in body and 'name="status"' in body and "History" in body


def test_htmx_gets_the_inline_form(client_for, teammate, assessment):
    response = client_for(teammate).get(url(assessment), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "hx-post=" in body and "autofocus" in body


def test_post_saves_and_redirects_to_the_row(client_for, teammate, owner, assessment):
    response = client_for(teammate).post(url(assessment), {**VALID, "assignee": owner.pk})
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("gaps:tracker", args=[assessment.pk]) + "#gap-eu-ai-act-art4-ai-literacy")
    item = GapItem.objects.get()
    assert (item.status, item.assignee, item.due_date) == (GapStatus.IN_PROGRESS, owner, dt.date(2027, 1, 31))
    assert (item.status_set_by, item.updated_by) == (teammate, teammate)
    assert item.links == ["https://intranet.example.com/a", "https://intranet.example.com/b"]
    assert item.history.get().history_user == teammate


def test_htmx_post_returns_the_row_scores_and_announcement(client_for, owner, assessment):
    response = client_for(owner).post(url(assessment), {**VALID, "status": "met"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="gap-scores" hx-swap-oob="true"' in body
    assert "25% of binding duties met" in body
    assert 'hx-swap-oob="innerHTML:#gap-announcer"' in body and "is now met" in body


def test_viewer_gets_403_and_nothing_changes(client_for, viewer, assessment):
    client = client_for(viewer)
    assert client.get(url(assessment)).status_code == 403
    assert client.post(url(assessment), VALID).status_code == 403
    assert not GapItem.objects.exists()


def test_outsider_gets_404(client_for, outsider, assessment):
    client = client_for(outsider)
    assert client.get(url(assessment)).status_code == 404
    assert client.post(url(assessment), VALID).status_code == 404
    assert not GapItem.objects.exists()


def test_forged_assessment_id_gets_404(client_for, owner, foreign_assessment):
    assert client_for(owner).post(url(foreign_assessment), VALID).status_code == 404
    assert not GapItem.objects.exists()


def test_obligation_that_does_not_apply_gets_404(client_for, owner, assessment):
    assert client_for(owner).post(url(assessment, NOT_APPLICABLE), VALID).status_code == 404


@pytest.mark.parametrize(("change", "message"), [
    ({"status": "done"}, "Select a valid choice"),
    ({"status": "not_applicable", "justification": " "}, "Explain why the obligation does not apply"),
    ({"due_date": "31/01/2027"}, "Enter a valid date"),
    ({"links": "javascript:alert(1)"}, "is not a web address"),
    ({"assignee": "999999"}, "Select a valid choice"),
])
def test_bad_input_shows_a_message_and_changes_nothing(client_for, owner, assessment, change, message):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET, owner="Before")
    response = client_for(owner).post(url(assessment), {**VALID, **change}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert message in response.content.decode()
    item = GapItem.objects.get()
    assert (item.status, item.owner) == (GapStatus.MET, "Before")


def test_not_applicable_with_justification_is_saved(client_for, owner, assessment):
    client_for(owner).post(url(assessment), {**VALID, "status": "not_applicable",
                                             "justification": "We have no staff operating it."})
    item = GapItem.objects.get()
    assert item.status == GapStatus.NOT_APPLICABLE and item.justification == "We have no staff operating it."


def test_post_without_csrf_token_is_refused(owner, assessment):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(url(assessment), VALID).status_code == 403
    assert not GapItem.objects.exists()


def test_free_text_owner_is_kept_and_shown_until_a_member_replaces_it(client_for, owner, teammate, assessment):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.IN_PROGRESS, owner="HR team")
    client = client_for(owner)
    body = client.get(url(assessment)).content.decode()
    assert "Recorded earlier as free text: “HR team”" in body
    client.post(url(assessment), {**VALID, "evidence_notes": "Course plan v2"})
    assert GapItem.objects.get().owner == "HR team"  # no member chosen: the free text stays
    client.post(url(assessment), {**VALID, "assignee": teammate.pk})
    item = GapItem.objects.get()
    assert (item.assignee, item.owner) == (teammate, "")


def test_an_outsider_cannot_be_assigned(client_for, owner, outsider, assessment):
    response = client_for(owner).post(url(assessment), {**VALID, "assignee": outsider.pk}, HTTP_HX_REQUEST="true")
    assert "Select a valid choice" in response.content.decode()
    assert not GapItem.objects.exists()
