from django.contrib.auth import get_user_model
from django.urls import reverse

from compliance.organizations.models import Membership, Role

URL = reverse("organizations:signup")
DATA = {"username": "newbie", "email": "newbie@example.com", "password1": "a-long-Passphrase-42",
        "password2": "a-long-Passphrase-42", "organization_name": "Newbie Labs"}


def test_sign_up_creates_the_organization_with_the_user_as_owner(client, db):
    response = client.post(URL, DATA)
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:system_list")
    membership = Membership.objects.get(user__username="newbie")
    assert membership.organization.name == "Newbie Labs"
    assert membership.role == Role.OWNER
    assert client.session["organization_id"] == membership.organization_id
    assert "Newbie Labs" in client.get(response["Location"]).content.decode()


def test_form_is_shown(client, db):
    body = client.get(URL).content.decode()
    assert 'name="organization_name"' in body
    assert reverse("login") in body


def test_mismatched_passwords_create_nothing(client, db):
    response = client.post(URL, {**DATA, "password2": "something-else-42"})
    assert response.status_code == 200
    assert "password fields didn’t match" in response.content.decode()
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_email_in_use_is_refused(client, owner):
    response = client.post(URL, {**DATA, "email": owner.email.upper()})
    assert "An account with this email address already exists" in response.content.decode()
    assert not get_user_model().objects.filter(username="newbie").exists()


def test_signed_in_user_is_sent_home(client_for, owner):
    assert client_for(owner).get(URL)["Location"] == reverse("home")
