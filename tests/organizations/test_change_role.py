from django.urls import reverse

from compliance.organizations.models import Membership, Role


def url(user, organization):
    return reverse("organizations:change_role", args=[Membership.objects.get(user=user, organization=organization).pk])


def role_of(user, organization):
    return Membership.objects.get(user=user, organization=organization).role


def post(client, user, organization, role):
    membership = Membership.objects.get(user=user, organization=organization)
    return client.post(url(user, organization), {f"m{membership.pk}-role": role})


def test_owner_changes_a_role(client_for, owner, teammate, organization):
    response = post(client_for(owner), teammate, organization, Role.VIEWER)
    assert response["Location"] == reverse("organizations:members")
    assert role_of(teammate, organization) == Role.VIEWER


def test_last_owner_cannot_step_down(client_for, owner, organization):
    client = client_for(owner)
    response = post(client, owner, organization, Role.EDITOR)
    assert role_of(owner, organization) == Role.OWNER
    assert "at least one owner" in client.get(response["Location"]).content.decode()


def test_owner_steps_down_when_another_owner_exists(client_for, owner, teammate, organization):
    client = client_for(owner)
    post(client, teammate, organization, Role.OWNER)
    post(client, owner, organization, Role.EDITOR)
    assert role_of(owner, organization) == Role.EDITOR


def test_tampered_role_is_refused(client_for, owner, teammate, organization):
    post(client_for(owner), teammate, organization, "superuser")
    assert role_of(teammate, organization) == Role.EDITOR


def test_teammate_gets_403(client_for, teammate, viewer, organization):
    assert post(client_for(teammate), viewer, organization, Role.OWNER).status_code == 403
    assert role_of(viewer, organization) == Role.VIEWER


def test_outsider_gets_404(client_for, outsider, teammate, organization):
    assert post(client_for(outsider), teammate, organization, Role.VIEWER).status_code == 404
    assert role_of(teammate, organization) == Role.EDITOR
