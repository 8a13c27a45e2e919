from django.urls import reverse

from compliance.organizations.models import Membership


def url(user, organization):
    return reverse("organizations:remove_member",
                   args=[Membership.objects.get(user=user, organization=organization).pk])


def is_member(user, organization):
    return Membership.objects.filter(user=user, organization=organization).exists()


def test_owner_confirms_then_removes(client_for, owner, teammate, organization):
    client = client_for(owner)
    assert "Remove ted from Acme Robotics?" in client.get(url(teammate, organization)).content.decode()
    response = client.post(url(teammate, organization))
    assert response["Location"] == reverse("organizations:members")
    assert not is_member(teammate, organization)


def test_last_owner_cannot_leave(client_for, owner, organization):
    client_for(owner).post(url(owner, organization))
    assert is_member(owner, organization)


def test_owner_leaves_when_another_owner_exists(client_for, owner, teammate, organization):
    Membership.objects.filter(user=teammate).update(role="owner")
    client = client_for(owner)
    response = client.post(url(owner, organization))
    assert response["Location"] == reverse("home")
    assert not is_member(owner, organization)


def test_teammate_gets_403(client_for, teammate, viewer, organization):
    client = client_for(teammate)
    assert client.get(url(viewer, organization)).status_code == 403
    assert client.post(url(viewer, organization)).status_code == 403
    assert is_member(viewer, organization)


def test_outsider_gets_404(client_for, outsider, teammate, organization):
    client = client_for(outsider)
    assert client.get(url(teammate, organization)).status_code == 404
    assert client.post(url(teammate, organization)).status_code == 404
    assert is_member(teammate, organization)
