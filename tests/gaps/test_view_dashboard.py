"""GET /dashboard/ and /dashboard/<organization id>/: systems, tiers and gaps of an organization."""

import datetime as dt

from django.urls import reverse

from compliance.gaps.models import GapStatus
from compliance.organizations.models import Role
from tests.factories import AISystemFactory, MembershipFactory
from tests.gaps.fixtures import make_assessment, set_gap


def url(organization):
    return reverse("gaps:dashboard", args=[organization.pk])


def test_lists_systems_with_tiers_scores_and_attention(client_for, owner, organization, assessment, frozen_today):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
    set_gap(assessment, "art50-1-disclose-interaction", status=GapStatus.IN_PROGRESS, due_date=dt.date(2020, 5, 1))
    AISystemFactory(organization=organization, name="Unassessed chatbot")
    body = client_for(owner).get(url(organization)).content.decode()
    assert "CV screener" in body and "High-risk" in body and "Transparency obligations" in body
    assert "25% of binding duties met" in body
    assert "Unassessed chatbot" in body and "not assessed yet" in body
    assert "Overdue since 2020-05-01" in body
    assert reverse("gaps:tracker", args=[assessment.pk]) in body


def test_empty_organization_gets_an_empty_state(client_for, owner, organization):
    body = client_for(owner).get(url(organization)).content.decode()
    assert "No AI systems yet" in body


def test_viewer_can_see_it(client_for, viewer, organization, assessment):
    assert client_for(viewer).get(url(organization)).status_code == 200


def test_outsider_gets_404(client_for, outsider, organization, assessment):
    assert client_for(outsider).get(url(organization)).status_code == 404


def test_my_dashboard_redirects_to_the_current_organization(client_for, owner, organization):
    response = client_for(owner).get(reverse("gaps:my_dashboard"))
    assert response.status_code == 302 and response["Location"] == url(organization)


def test_another_organizations_systems_never_show(client_for, owner, organization, other_organization, sample_version):
    make_assessment(other_organization, [sample_version], name="Globex secret system")
    MembershipFactory(organization=other_organization, role=Role.VIEWER, user__username="spy")
    body = client_for(owner).get(url(organization)).content.decode()
    assert "Globex secret system" not in body


def test_query_count_does_not_grow_with_systems(client_for, owner, organization, sample_version,
                                                django_assert_max_num_queries):
    for index in range(6):
        assessment = make_assessment(organization, [sample_version], name=f"System {index}")
        set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
    client = client_for(owner)
    client.get(url(organization))  # warms the compiled rule-set cache
    with django_assert_max_num_queries(12):
        assert client.get(url(organization)).status_code == 200
