from django.urls import reverse

from compliance.organizations.models import Membership, Organization, Role

URL = reverse("organizations:create")


def test_any_signed_in_user_creates_one_and_owns_it(client_for, teammate):
    client = client_for(teammate)
    response = client.post(URL, {"name": "Side project"})
    organization = Organization.objects.get(name="Side project")
    assert response.status_code == 302
    assert Membership.objects.get(user=teammate, organization=organization).role == Role.OWNER
    assert client.session["organization_id"] == organization.pk


def test_name_is_required(client_for, owner):
    response = client_for(owner).post(URL, {"name": ""})
    assert response.status_code == 200
    assert Organization.objects.filter(name="").count() == 0


def test_anonymous_is_sent_to_sign_in(client, db):
    assert reverse("login") in client.get(URL)["Location"]
