import pytest
from django.urls import reverse

from compliance.organizations.models import Invitation, Role


@pytest.fixture
def invitation(organization, owner):
    return Invitation.objects.create(organization=organization, email="new@example.com", role=Role.EDITOR,
                                     invited_by=owner)


def url(invitation):
    return reverse("organizations:revoke_invitation", args=[invitation.pk])


def test_owner_withdraws(client_for, owner, invitation):
    assert client_for(owner).post(url(invitation))["Location"] == reverse("organizations:members")
    assert not Invitation.objects.exists()


def test_teammate_gets_403(client_for, teammate, invitation):
    assert client_for(teammate).post(url(invitation)).status_code == 403
    assert Invitation.objects.exists()


def test_outsider_gets_404(client_for, outsider, invitation):
    assert client_for(outsider).post(url(invitation)).status_code == 404
    assert Invitation.objects.exists()
