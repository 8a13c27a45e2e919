import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from compliance.organizations.models import Invitation, Membership, Organization, Role

DATA = {"new_password1": "a-long-Passphrase-42", "new_password2": "a-long-Passphrase-42"}


@pytest.fixture
def invitation(organization, owner):
    return Invitation.objects.create(organization=organization, email="newbie@example.com", role=Role.EDITOR,
                                     invited_by=owner)


def url(invitation):
    return reverse("organizations:invited_signup", args=[invitation.token])


def test_signing_up_from_the_link_joins_the_organization(client, invitation, organization):
    response = client.post(url(invitation), DATA)
    assert response["Location"] == reverse("assessments:system_list")
    user = get_user_model().objects.get(email="newbie@example.com")
    assert user.username == "newbie@example.com"  # no user name to choose (or to probe): the address names it
    assert Membership.objects.get(user=user).organization == organization
    assert Membership.objects.get(user=user).role == Role.EDITOR
    assert Organization.objects.count() == 1  # no organization of their own


def test_form_names_the_invited_address(client, invitation):
    assert "newbie@example.com" in client.get(url(invitation)).content.decode()


def test_used_invitation_is_refused(client, invitation):
    client.post(url(invitation), DATA)
    client.logout()
    assert client.post(url(invitation), DATA).status_code == 410
    assert get_user_model().objects.filter(email="newbie@example.com").count() == 1


def test_signed_in_user_is_sent_to_accept(client_for, owner, invitation):
    assert client_for(owner).get(url(invitation))["Location"] == reverse("organizations:accept_invitation",
                                                                         args=[invitation.token])
