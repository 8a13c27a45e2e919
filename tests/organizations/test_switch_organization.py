from django.urls import reverse

from compliance.organizations.models import Role
from tests.factories import MembershipFactory

URL = reverse("organizations:switch")


def test_member_switches(client_for, owner, other_organization):
    MembershipFactory(user=owner, organization=other_organization, role=Role.VIEWER)
    client = client_for(owner)
    response = client.post(URL, {"organization": other_organization.pk, "next": reverse("assessments:list")})
    assert response["Location"] == reverse("assessments:list")
    assert client.session["organization_id"] == other_organization.pk


def test_outsider_cannot_switch_into_an_organization(client_for, outsider, organization):
    client = client_for(outsider)
    assert client.post(URL, {"organization": organization.pk}).status_code == 404
    assert "organization_id" not in client.session


def test_external_next_is_ignored(client_for, owner, organization):
    response = client_for(owner).post(URL, {"organization": organization.pk, "next": "https://evil.example/"})
    assert response["Location"] == reverse("assessments:system_list")


def test_get_is_not_allowed(client_for, owner):
    assert client_for(owner).get(URL).status_code == 405


def test_switcher_appears_with_two_memberships(client_for, owner, other_organization):
    MembershipFactory(user=owner, organization=other_organization, role=Role.VIEWER)
    body = client_for(owner).get(reverse("home")).content.decode()
    assert 'id="organization-switch"' in body and "Globex" in body
