from django.urls import reverse

from compliance.gaps import kept_pages
from compliance.organizations.models import Role
from tests.factories import AISystemFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.querycount import assert_same_queries_at_two_sizes

URL = reverse("assessments:system_list")


def test_owner_sees_own_systems_only(client_for, owner, system, other_system):
    response = client_for(owner).get(URL)
    assert response.status_code == 200
    assert "CV screener" in response.content.decode()
    assert "Globex secret system" not in response.content.decode()


def test_teammate_sees_the_systems_and_may_add(client_for, teammate, system):
    body = client_for(teammate).get(URL).content.decode()
    assert "CV screener" in body
    assert reverse("assessments:system_create") in body


def test_viewer_cannot_add(client_for, viewer, system):
    body = client_for(viewer).get(URL).content.decode()
    assert "CV screener" in body
    assert reverse("assessments:system_create") not in body


def test_outsider_sees_their_own_organization(client_for, outsider, system, other_system):
    body = client_for(outsider).get(URL).content.decode()
    assert "Globex secret system" in body
    assert "CV screener" not in body


def test_empty_state(client_for, owner):
    body = client_for(owner).get(URL).content.decode()
    assert "No AI systems yet" in body


def test_user_without_organization_is_sent_to_create_one(client, db):
    client.force_login(UserFactory())
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:create")


def test_lists_the_organization_chosen_in_the_session(client_for, owner, system):
    second = OrganizationFactory(name="Second org")
    MembershipFactory(user=owner, organization=second, role=Role.VIEWER)
    AISystemFactory(organization=second, name="Second org system")
    client = client_for(owner)
    session = client.session
    session["organization_id"] = second.pk
    session.save()
    body = client.get(URL).content.decode()
    assert "Second org system" in body
    assert "CV screener" not in body


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_query_count_is_the_same_for_few_and_many_systems(client_for, owner, organization):
    AISystemFactory.create_batch(2, organization=organization)
    rendered = assert_same_queries_at_two_sizes(client_for(owner), URL,
                                                lambda: AISystemFactory.create_batch(40, organization=organization),
                                                before=kept_pages.forget_kept_content)
    assert rendered <= 14  # the organization's state is read again after bringing stored results up to date
    kept = assert_same_queries_at_two_sizes(client_for(owner), URL,
                                            lambda: AISystemFactory.create_batch(40, organization=organization))
    assert kept <= 7
    assert client_for(owner).get(URL).content.decode().count("<tr>") == 26  # header row and a page of 25
