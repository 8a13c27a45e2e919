"""GET /dashboard/ and /dashboard/<organization id>/: systems, tiers and gaps of an organization."""

import datetime as dt

from django.urls import reverse

from compliance.assessments.models import Assessment, PinnedVersion
from compliance.gaps import kept_pages
from compliance.gaps.models import GapStatus
from compliance.organizations.models import Role
from tests.factories import AS_OF, AISystemFactory, MembershipFactory
from tests.gaps.fixtures import make_assessment, set_gap
from tests.querycount import assert_same_queries_at_two_sizes


def url(organization):
    return reverse("gaps:dashboard", args=[organization.pk])


def test_lists_systems_with_tiers_scores_and_attention(client_for, owner, organization, assessment, frozen_today):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
    set_gap(assessment, "art50-1-disclose-interaction", status=GapStatus.IN_PROGRESS, due_date=dt.date(2020, 5, 1))
    AISystemFactory(organization=organization, name="Unassessed chatbot")
    body = client_for(owner).get(url(organization)).content.decode()
    assert "CV screener" in body and "High-risk" in body and "Transparency obligations" in body
    assert "Binding:</strong> 25% met (1 of 4)" in body
    assert "1 AI system not assessed yet" in body
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


def test_query_count_is_the_same_for_few_and_many_assessments(client_for, owner, organization, sample_version):
    def add(count: int, start: int) -> None:
        for index in range(start, start + count):
            assessment = make_assessment(organization, [sample_version], name=f"System {index}")
            set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
            set_gap(assessment, "art9-risk-management", status=GapStatus.IN_PROGRESS, owner=f"Owner {index}",
                    due_date=dt.date(2020, 1, 1))

    add(3, 0)
    # Rendered afresh (content kept for an earlier state is forgotten), then served from the kept content.
    rendered = assert_same_queries_at_two_sizes(client_for(owner), url(organization), lambda: add(40, 3),
                                                before=kept_pages.forget_kept_content)
    assert rendered <= 27  # the organization's state is read again after bringing stored results up to date
    kept = assert_same_queries_at_two_sizes(client_for(owner), url(organization), lambda: add(40, 43))
    assert kept <= 7


def test_every_assessment_in_use_shows_not_only_the_newest_of_a_system(client_for, owner, organization,
                                                                        sample_version, frozen_today):
    """The issue's case: a newer, narrower assessment must not hide an older one's overdue duty."""
    older = make_assessment(organization, [sample_version], name="Hiring assistant")
    set_gap(older, "art50-1-disclose-interaction", status=GapStatus.IN_PROGRESS, due_date=dt.date(2026, 11, 1))
    newer = Assessment.objects.create(organization=organization, system=older.system, as_of=AS_OF,
                                      label="Korea launch")
    PinnedVersion.objects.create(assessment=newer, framework=sample_version.framework, version=sample_version)
    body = client_for(owner).get(url(organization)).content.decode()
    assert reverse("assessments:detail", args=[older.pk]) in body
    assert reverse("assessments:detail", args=[newer.pk]) in body
    assert "Korea launch" in body
    assert "Overdue since 2026-11-01" in body and "Nothing is overdue" not in body


def test_legal_dates_within_90_days_across_assessments(client_for, owner, organization, sample_version,
                                                       monkeypatch):
    make_assessment(organization, [sample_version], name="First")
    make_assessment(organization, [sample_version], name="Second")
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2027, 10, 1))
    body = client_for(owner).get(url(organization)).content.decode()
    # art9 and art26(7) apply from 2027-12-02 in both assessments: four open duties within 90 days.
    assert "Legal dates within 90 days: 4" in body
    assert body.count("Applies from 2027-12-02, in 62 days") == 4


def test_met_duties_leave_the_legal_date_list(client_for, owner, organization, assessment, monkeypatch):
    set_gap(assessment, "art9-risk-management", status=GapStatus.MET)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: dt.date(2027, 10, 1))
    body = client_for(owner).get(url(organization)).content.decode()
    assert "Legal dates within 90 days: 1" in body


def test_archived_assessments_are_left_out_of_lists_and_counts(client_for, owner, organization, sample_version,
                                                              frozen_today):
    kept = make_assessment(organization, [sample_version], name="Kept system")
    old = make_assessment(organization, [sample_version], name="Superseded system")
    set_gap(old, "art50-1-disclose-interaction", status=GapStatus.IN_PROGRESS, due_date=dt.date(2020, 1, 1))
    client = client_for(owner)
    assert "Overdue: 1" in client.get(url(organization)).content.decode()
    response = client.post(reverse("assessments:archive", args=[old.pk]))
    assert response.status_code == 302
    body = client.get(url(organization)).content.decode()
    assert reverse("assessments:detail", args=[kept.pk]) in body
    assert reverse("assessments:detail", args=[old.pk]) not in body
    assert "Nothing is overdue" in body and "1 archived, not counted" in body
    archived = client.get(reverse("assessments:list") + "?archived=on").content.decode()
    assert reverse("assessments:detail", args=[old.pk]) in archived


def test_filters_narrow_the_assessments(client_for, owner, organization, sample_version, frozen_today):
    late = make_assessment(organization, [sample_version], name="Late system")
    set_gap(late, "art9-risk-management", status=GapStatus.IN_PROGRESS, owner="Dana", due_date=dt.date(2020, 1, 1))
    calm = make_assessment(organization, [sample_version], name="Calm system",
                           answers={"org_develops_system": True, "org_offers_system": True, "is_ai_system": True,
                                    "org_uses_system": False, "interacts_with_people": False,
                                    "profiles_people": False, "use_areas": []})
    client = client_for(owner)
    late_url, calm_url = (reverse("gaps:tracker", args=[a.pk]) for a in (late, calm))

    def shown(query: str) -> set[str]:
        body = client.get(url(organization) + query).content.decode()
        return {u for u in (late_url, calm_url) if f'href="{u}"' in body}

    assert shown("") == {late_url, calm_url}
    assert shown("?overdue=on") == {late_url}
    assert shown("?assignee=owner:Dana") == {late_url}
    assert shown("?tier=eu-ai-act:high_risk") == {late_url}
    assert shown("?framework=eu-ai-act") == {late_url, calm_url}
    assert shown("?framework=kr-ai-basic-act") == set()
    assert shown("?assignee=Nobody") == {late_url, calm_url}  # not a choice: that filter is left out


def test_pages_of_25(client_for, owner, organization, sample_version):
    for index in range(27):
        make_assessment(organization, [sample_version], name=f"System {index:02}", answers={})
    client = client_for(owner)
    first = client.get(url(organization)).content.decode()
    assert "Page 1 of 2" in first and "System 00" in first and "System 26" not in first
    second = client.get(url(organization) + "?page=2").content.decode()
    assert "System 26" in second and "System 00" not in second


def test_work_assigned_to_a_member_is_named_and_filtered_by_member(client_for, owner, teammate, organization,
                                                                  sample_version, frozen_today):
    teammate.first_name, teammate.last_name = "Min-jun", "Park"
    teammate.save()
    assigned = make_assessment(organization, [sample_version], name="Assigned system")
    set_gap(assigned, "art9-risk-management", status=GapStatus.IN_PROGRESS, assignee=teammate,
            due_date=dt.date(2020, 1, 1))
    other = make_assessment(organization, [sample_version], name="Other system")
    set_gap(other, "art9-risk-management", status=GapStatus.IN_PROGRESS, owner="Legal team",
            due_date=dt.date(2020, 1, 1))
    client = client_for(owner)
    body = client.get(url(organization)).content.decode()
    assert f'<option value="member:{teammate.pk}">Min-jun Park</option>' in body
    assert '<option value="owner:Legal team">Legal team</option>' in body
    assert "Owner: Min-jun Park" in body and "Owner: Legal team" in body
    filtered = client.get(url(organization) + f"?assignee=member:{teammate.pk}").content.decode()
    assert f'href="{reverse("gaps:tracker", args=[assigned.pk])}"' in filtered
    assert f'href="{reverse("gaps:tracker", args=[other.pk])}"' not in filtered
