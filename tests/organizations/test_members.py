from django.urls import reverse

from compliance.organizations.models import Invitation, Role

URL = reverse("organizations:members")


def test_owner_sees_members_and_open_invitations(client_for, owner, teammate, viewer, outsider, organization):
    Invitation.objects.create(organization=organization, email="new@example.com", role=Role.VIEWER, invited_by=owner)
    body = client_for(owner).get(URL).content.decode()
    for name in ("olivia", "ted", "vera", "new@example.com"):
        assert name in body
    assert "oscar" not in body
    assert "/invitations/" in body


def test_teammate_and_viewer_get_403(client_for, teammate, viewer):
    assert client_for(teammate).get(URL).status_code == 403
    assert client_for(viewer).get(URL).status_code == 403


def test_outsider_sees_their_own_organization(client_for, outsider, owner):
    body = client_for(outsider).get(URL).content.decode()
    assert "Globex" in body and "olivia" not in body


def test_query_count(client_for, owner, organization, django_assert_max_num_queries):
    from tests.factories import MembershipFactory

    MembershipFactory.create_batch(10, organization=organization)
    client = client_for(owner)
    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200
