"""Issue 15, finding 5: two people edit different fields of one object; the second save used to overwrite the
first silently. Now each form carries the version it was opened with (compliance.concurrency): the stale form
is refused with the other person's change, nothing is overwritten, and saving again merges both changes."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from compliance.assessments.models import AISystem
from compliance.assessments.selectors import assessment_state
from compliance.concurrency import StaleEdit, edit_version
from compliance.gaps.models import GapItem
from compliance.gaps.services import EDITED_FIELDS, edit_key, record_gap
from compliance.organizations.models import Membership, Organization, Role
from tests.factories import UserFactory
from tests.gaps.fixtures import EU, load_sample, make_assessment, set_gap

OBLIGATION = "art4-ai-literacy"


@pytest.fixture
def assessment(organization):
    return make_assessment(organization, [load_sample()])


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def opened_form(client: Client, url: str, **headers) -> dict[str, str]:
    """The version token of a form as the browser received it."""
    body = client.get(url, **headers).content.decode()
    match = re.search(r'name="version" value="([^"]+)"', body)
    assert match, "the form has no version field"
    return {"version": html.unescape(match.group(1))}


def gap_url(assessment):
    return reverse("gaps:edit", args=[assessment.pk, EU, OBLIGATION])


GAP = {"status": "in_progress", "assignee": "", "due_date": "2027-01-31", "evidence_notes": "Course plan",
       "links": "", "justification": ""}


@pytest.mark.parametrize("htmx", [False, True])
def test_second_gap_form_is_refused_and_the_first_change_is_kept(owner, teammate, assessment, htmx):
    set_gap(assessment, OBLIGATION, status="in_progress", evidence_notes="Course plan", due_date="2027-01-31")
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    olivia, ted = signed_in(owner), signed_in(teammate)
    olivia_form, ted_form = opened_form(olivia, gap_url(assessment), **headers), opened_form(ted, gap_url(assessment),
                                                                                             **headers)
    # Olivia assigns the item to Ted; Ted, from his older form, changes the due date.
    first = olivia.post(gap_url(assessment), {**GAP, "assignee": teammate.pk, **olivia_form}, **headers)
    assert first.status_code in (200, 302) and "Not saved" not in first.content.decode()
    second = ted.post(gap_url(assessment), {**GAP, "due_date": "2027-03-01", **ted_form}, **headers)

    body = html.unescape(second.content.decode())
    assert second.status_code == 200
    assert "Not saved: olivia changed this" in body and "Assigned to: “ted”" in body
    item = GapItem.objects.get()
    assert (item.assignee, str(item.due_date)) == (teammate, "2027-01-31")  # Olivia's change kept, Ted's not saved
    # Ted's form keeps his due date and now shows Olivia's assignee (he had not touched it): saving again merges both.
    assert f'value="{teammate.pk}" selected' in body and 'value="2027-03-01"' in body
    again = dict(re.findall(r'name="(version)"[^>]*?value="([^"]*)"', body))
    merged = ted.post(gap_url(assessment), {**GAP, "assignee": teammate.pk, "due_date": "2027-03-01",
                                            "version": html.unescape(again["version"])}, **headers)
    assert "Not saved" not in merged.content.decode()
    item.refresh_from_db()
    assert (item.assignee, str(item.due_date), item.updated_by) == (teammate, "2027-03-01", teammate)


def test_gap_item_created_by_someone_else_after_the_form_opened(owner, teammate, assessment):
    olivia, ted = signed_in(owner), signed_in(teammate)
    olivia_form, ted_form = opened_form(olivia, gap_url(assessment)), opened_form(ted, gap_url(assessment))
    olivia.post(gap_url(assessment), {**GAP, "status": "met", **olivia_form})
    response = ted.post(gap_url(assessment), {**GAP, "assignee": teammate.pk, **ted_form})
    assert "Not saved" in response.content.decode()
    assert GapItem.objects.get().status == "met" and GapItem.objects.get().assignee is None


def test_the_same_change_twice_is_not_a_conflict(owner, teammate, assessment):
    """A double submit (or two people making the same change) saves once and refuses nothing."""
    olivia = signed_in(owner)
    form = opened_form(olivia, gap_url(assessment))
    for _ in range(2):
        response = olivia.post(gap_url(assessment), {**GAP, **form})
        assert response.status_code == 302
    assert GapItem.objects.get().history.count() == 1


def test_tampered_version_is_refused_with_a_message(owner, teammate, assessment):
    set_gap(assessment, OBLIGATION, owner="HR team")
    response = signed_in(owner).post(gap_url(assessment), {**GAP, "assignee": teammate.pk, "version": "forged:token"})
    assert response.status_code == 200 and "could not be checked" in response.content.decode()
    item = GapItem.objects.get()
    assert (item.owner, item.assignee) == ("HR team", None)


def test_service_refuses_a_stale_version(owner, teammate, assessment):
    item = set_gap(assessment, OBLIGATION, updated_by=owner)
    key = edit_key(assessment_id=assessment.pk, framework_code=EU, obligation_code=OBLIGATION)
    version = edit_version(item, fields=EDITED_FIELDS, key=key)
    state = assessment_state(assessment)
    record_gap(state=state, user=owner, framework_code=EU, obligation_code=OBLIGATION, status="not_started",
               assignee=teammate, version=version)
    with pytest.raises(StaleEdit) as caught:
        record_gap(state=state, user=teammate, framework_code=EU, obligation_code=OBLIGATION, status="not_started",
                   assignee=None, evidence_notes="Plan", version=version)
    assert [c.field for c in caught.value.changes] == ["assignee"] and caught.value.changed_by == owner
    item.refresh_from_db()
    assert (item.assignee, item.evidence_notes) == (teammate, "")


# --- AI systems ---

SYSTEM = {"name": "CV screener", "description": "", "purpose": "Hiring", "owner": "Talent team",
          "lifecycle_stage": "design", "markets": ["eu"]}


def test_second_system_form_is_refused_and_the_first_change_is_kept(owner, teammate, organization):
    system = AISystem.objects.create(organization=organization, **SYSTEM)
    url = reverse("assessments:system_edit", args=[system.pk])
    olivia, ted = signed_in(owner), signed_in(teammate)
    olivia_form, ted_form = opened_form(olivia, url), opened_form(ted, url)
    assert olivia.post(url, {**SYSTEM, "purpose": "Ranking CVs", **olivia_form}).status_code == 302
    response = ted.post(url, {**SYSTEM, "lifecycle_stage": "deployed", "markets": ["eu", "kr"], **ted_form})

    body = html.unescape(response.content.decode())
    assert response.status_code == 422  # the form with its problem, as for any other error
    assert "Not saved: olivia changed this" in body and "Purpose: “Ranking CVs”" in body
    system.refresh_from_db()
    assert (system.purpose, system.lifecycle_stage, system.markets) == ("Ranking CVs", "design", ["eu"])
    assert system.updated_by == owner
    # His entries are kept; Olivia's purpose is taken because he had not touched it.
    assert "\nRanking CVs</textarea>" in body
    assert re.search(r'value="deployed"[^>]*selected', body)
    assert re.search(r'value="kr"[^>]*checked', body)


def test_system_stage_shown_by_its_label(owner, teammate, organization):
    system = AISystem.objects.create(organization=organization, **SYSTEM)
    url = reverse("assessments:system_edit", args=[system.pk])
    olivia, ted = signed_in(owner), signed_in(teammate)
    olivia_form, ted_form = opened_form(olivia, url), opened_form(ted, url)
    olivia.post(url, {**SYSTEM, "lifecycle_stage": "retired", **olivia_form})
    body = html.unescape(ted.post(url, {**SYSTEM, "name": "CV ranker", **ted_form}).content.decode())
    assert "Lifecycle stage: “Retired”" in body
    system.refresh_from_db()
    assert (system.name, system.lifecycle_stage) == ("CV screener", "retired")


# --- organization settings ---

def test_second_settings_form_is_refused_and_the_first_change_is_kept(owner, organization):
    second_owner = UserFactory(username="otto")
    Membership.objects.create(user=second_owner, organization=organization, role=Role.OWNER)
    url = reverse("organizations:settings")
    olivia, otto = signed_in(owner), signed_in(second_owner)
    for client in (olivia, otto):
        session = client.session
        session["organization_id"] = organization.pk
        session.save()
    olivia_form, otto_form = opened_form(olivia, url), opened_form(otto, url)
    assert olivia.post(url, {"name": "Acme Robotics GmbH", **olivia_form}).status_code == 302
    response = otto.post(url, {"name": "Acme Robotics Ltd", **otto_form})
    body = html.unescape(response.content.decode())
    assert response.status_code == 200 and "Not saved: olivia changed this" in body
    assert "Organization name: “Acme Robotics GmbH”" in body
    organization.refresh_from_db()
    assert (organization.name, organization.updated_by) == ("Acme Robotics GmbH", owner)
    assert Organization.objects.count() == 1


# --- the API: a PATCH keeps the fields it leaves out as it read them; a save in between is refused (409) ---

def test_api_patch_refuses_a_change_made_between_its_read_and_its_write(owner, teammate, organization, monkeypatch):
    from compliance.assessments import services
    from tests.api.conftest import token_for

    system = AISystem.objects.create(organization=organization, **SYSTEM)
    real_update = services.update_system

    def someone_saves_first(**kwargs):
        row = AISystem.objects.get(pk=system.pk)
        real_update(system=row, user=teammate, **{**{f: getattr(row, f) for f in services.SYSTEM_FIELDS},
                                                  "purpose": "Ranking CVs"})
        return real_update(**kwargs)

    monkeypatch.setattr(services, "update_system", someone_saves_first)
    response = Client().patch(f"/api/v1/systems/{system.pk}/", {"owner": "People team"},
                              content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token_for(owner)}")
    assert response.status_code == 409 and response.json()["error"]["code"] == "conflict"
    assert "Purpose: “Ranking CVs”" in response.json()["error"]["message"]
    system.refresh_from_db()
    assert (system.purpose, system.owner) == ("Ranking CVs", "Talent team")
