from django.urls import reverse

from compliance.assessments.services import save_answers, update_system
from compliance.gaps import kept_pages
from tests.querycount import assert_same_queries_at_two_sizes

from .conftest import give_answers, pin_assessment

URL = reverse("assessments:list")


def test_owner_sees_the_organizations_assessments(client_for, owner, high_risk_assessment, other_assessment):
    body = client_for(owner).get(URL).content.decode()
    assert reverse("assessments:detail", args=[high_risk_assessment.pk]) in body
    assert reverse("assessments:detail", args=[other_assessment.pk]) not in body
    assert "Globex secret system" not in body


def test_progress_counts_visible_required_questions(client_for, owner, assessment):
    give_answers(assessment, {"is_ai_system": True, "org_develops_system": True})
    body = client_for(owner).get(URL).content.decode()
    # The sample asks six required questions up front; the follow-ups are hidden until an area is chosen.
    assert "2 of 6 required" in body
    # Saved as a person saves it: the list, kept since the last view, shows the change at once.
    save_answers(assessment=assessment, user=owner, changes={"use_areas": {"value": ["employment"]}})
    assert "2 of 7 required" in client_for(owner).get(URL).content.decode()


def test_teammate_can_continue(client_for, teammate, assessment):
    body = client_for(teammate).get(URL).content.decode()
    assert reverse("assessments:resume", args=[assessment.pk]) in body


def test_viewer_sees_results_link_only(client_for, viewer, assessment):
    body = client_for(viewer).get(URL).content.decode()
    assert reverse("assessments:detail", args=[assessment.pk]) in body
    assert reverse("assessments:resume", args=[assessment.pk]) not in body


def test_outsider_sees_only_their_own(client_for, outsider, assessment, other_assessment):
    body = client_for(outsider).get(URL).content.decode()
    assert reverse("assessments:detail", args=[other_assessment.pk]) in body
    assert reverse("assessments:detail", args=[assessment.pk]) not in body


def test_empty_state(client_for, owner):
    assert "No assessments yet" in client_for(owner).get(URL).content.decode()


def test_query_count_is_the_same_for_few_and_many_assessments(client_for, owner, system, sample_version):
    pin_assessment(system, [sample_version])
    rendered = assert_same_queries_at_two_sizes(
        client_for(owner), URL, lambda: [pin_assessment(system, [sample_version]) for _ in range(30)],
        before=kept_pages.forget_kept_content)
    assert rendered <= 22  # the organization's state is read again after bringing stored results up to date
    kept = assert_same_queries_at_two_sizes(
        client_for(owner), URL, lambda: [pin_assessment(system, [sample_version]) for _ in range(30)])
    assert kept <= 7


def test_stale_stored_results_are_recomputed_before_they_are_shown(client_for, owner, assessment):
    client = client_for(owner)
    assert "0 of 6 required" in client.get(URL).content.decode()
    # Answers written behind the services' back (no stored-results refresh, no change counted): when the list is
    # rendered again (here: a teammate renames the system), it shows the truth, not the stored results.
    give_answers(assessment, {"is_ai_system": True, "org_develops_system": True})
    system = assessment.system
    update_system(system=system, name="Renamed", description=system.description, purpose=system.purpose,
                  owner=system.owner, lifecycle_stage=system.lifecycle_stage, markets=system.markets)
    body = client.get(URL).content.decode()
    assert "Renamed" in body and "2 of 6 required" in body


def test_label_tells_assessments_of_one_system_apart(client_for, owner, assessment, sample_version):
    other = pin_assessment(assessment.system, [sample_version])
    client = client_for(owner)
    response = client.post(reverse("assessments:rename", args=[other.pk]), {"label": "Korea launch"})
    assert response.status_code == 302
    body = client.get(URL).content.decode()
    assert "Korea launch" in body and "as of 2026-11-22" in body
