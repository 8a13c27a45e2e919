from django.urls import reverse

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
    give_answers(assessment, {"use_areas": ["employment"]})
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


def test_query_count_does_not_grow_with_assessments(client_for, owner, system, sample_version,
                                                    django_assert_max_num_queries):
    for _ in range(8):
        pin_assessment(system, [sample_version])
    client = client_for(owner)
    client.get(URL)
    with django_assert_max_num_queries(9):
        client.get(URL)
