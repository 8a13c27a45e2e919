import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.organizations.models import Invitation, Membership, Role
from tests.factories import UserFactory


@pytest.fixture
def invitation(organization, owner):
    return Invitation.objects.create(organization=organization, email="Newbie@Example.com", role=Role.VIEWER,
                                     invited_by=owner)


@pytest.fixture
def invitee(db):
    return UserFactory(username="newbie", email="newbie@example.com")


def url(invitation):
    return reverse("organizations:accept_invitation", args=[invitation.token])


def test_signed_in_invitee_accepts_and_joins_with_the_role(client_for, invitee, invitation, organization):
    client = client_for(invitee)
    assert "Accept and join" in client.get(url(invitation)).content.decode()
    response = client.post(url(invitation))
    assert response["Location"] == reverse("assessments:system_list")
    assert Membership.objects.get(user=invitee, organization=organization).role == Role.VIEWER
    assert client.session["organization_id"] == organization.pk
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_a_used_invitation_cannot_be_reused(client_for, invitee, invitation):
    client = client_for(invitee)
    client.post(url(invitation))
    assert client.get(url(invitation)).status_code == 410


def test_expired_invitation(client_for, invitee, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now() - dt.timedelta(days=15))
    client = client_for(invitee)
    assert client.post(url(invitation)).status_code == 410
    assert not Membership.objects.filter(user=invitee).exists()


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("organizations:accept_invitation", args=["no-such-token"])).status_code == 404


def test_another_address_cannot_accept(client_for, outsider, invitation, organization):
    client = client_for(outsider)
    assert "Sign out, then open this link again" in client.get(url(invitation)).content.decode()
    response = client.post(url(invitation))
    assert response.status_code == 422
    assert not Membership.objects.filter(user=outsider, organization=organization).exists()


def test_existing_member_keeps_their_role(client_for, teammate, organization, owner):
    invitation = Invitation.objects.create(organization=organization, email=teammate.email, role=Role.VIEWER)
    client_for(teammate).post(url(invitation))
    assert Membership.objects.get(user=teammate, organization=organization).role == Role.EDITOR


def test_anonymous_sees_sign_in_and_sign_up_links(client, invitation):
    body = client.get(url(invitation)).content.decode()
    assert reverse("organizations:invited_signup", args=[invitation.token]) in body
    assert f"{reverse('login')}?next={url(invitation)}" in body
