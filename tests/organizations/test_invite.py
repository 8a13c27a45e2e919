from django.core import mail
from django.urls import reverse

from compliance.organizations.models import Invitation, Role

URL = reverse("organizations:invite")


def test_owner_invites_and_an_email_with_the_link_is_sent(client_for, owner, organization):
    response = client_for(owner).post(URL, {"email": "new@example.com", "role": Role.EDITOR})
    assert response["Location"] == reverse("organizations:members")
    invitation = Invitation.objects.get()
    assert (invitation.organization, invitation.role, invitation.invited_by) == (organization, Role.EDITOR, owner)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]
    assert reverse("organizations:accept_invitation", args=[invitation.token]) in mail.outbox[0].body
    assert "Acme Robotics" in mail.outbox[0].subject


def test_inviting_again_replaces_the_open_invitation(client_for, owner):
    client = client_for(owner)
    client.post(URL, {"email": "new@example.com", "role": Role.EDITOR})
    client.post(URL, {"email": "new@example.com", "role": Role.VIEWER})
    assert list(Invitation.objects.values_list("role", flat=True)) == [Role.VIEWER]


def test_existing_member_is_not_invited(client_for, owner, teammate):
    response = client_for(owner).post(URL, {"email": teammate.email, "role": Role.VIEWER})
    assert response.status_code == 422
    assert "is already a member" in response.content.decode()
    assert not Invitation.objects.exists()


def test_invalid_role_is_refused(client_for, owner):
    response = client_for(owner).post(URL, {"email": "new@example.com", "role": "admin"})
    assert response.status_code == 422
    assert not Invitation.objects.exists()


def test_teammate_and_viewer_get_403(client_for, teammate, viewer):
    for user in (teammate, viewer):
        assert client_for(user).post(URL, {"email": "new@example.com", "role": Role.OWNER}).status_code == 403
    assert not Invitation.objects.exists()


def test_outsider_invites_into_their_own_organization_only(client_for, outsider, other_organization):
    client_for(outsider).post(URL, {"email": "new@example.com", "role": Role.EDITOR})
    assert Invitation.objects.get().organization == other_organization
