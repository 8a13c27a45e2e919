"""Sign-up in two steps: the address is confirmed by e-mail, then the password chosen (issue 15, finding 10:
the first step answers the same whether or not the address has an account)."""

import re
import time
from unittest import mock
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from compliance.organizations import services
from compliance.organizations.models import Membership, Role

URL = reverse("organizations:signup")
DATA = {"email": "newbie@example.com", "organization_name": "Newbie Labs"}
PASSWORD = {"new_password1": "a-long-Passphrase-42", "new_password2": "a-long-Passphrase-42"}


def confirmation_link() -> str:
    match = re.search(r"https?://\S+/accounts/signup/confirm/\S+/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return urlsplit(match.group(0)).path


def test_sign_up_confirms_the_address_then_creates_the_organization_with_the_user_as_owner(client, db):
    response = client.post(URL, DATA)
    assert response.status_code == 302 and response["Location"] == reverse("organizations:signup_sent")
    assert not get_user_model().objects.exists()  # nothing stored until the link is used
    assert mail.outbox[-1].to == ["newbie@example.com"] and "Newbie Labs" in mail.outbox[-1].body

    link = confirmation_link()
    page = client.get(link).content.decode()
    assert "newbie@example.com" in page and 'name="new_password1"' in page
    response = client.post(link, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("assessments:system_list")
    membership = Membership.objects.get(user__email="newbie@example.com")
    assert (membership.organization.name, membership.role) == ("Newbie Labs", Role.OWNER)
    assert client.session["organization_id"] == membership.organization_id
    assert "Newbie Labs" in client.get(response["Location"]).content.decode()


def test_the_new_account_signs_in_with_its_address_in_any_case(client, db):
    client.post(URL, DATA)
    client.post(confirmation_link(), PASSWORD)
    client.logout()
    response = client.post(reverse("login"), {"username": "NewBie@Example.com", "password": PASSWORD["new_password1"]})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_form_is_shown_without_a_user_name(client, db):
    body = client.get(URL).content.decode()
    assert 'name="organization_name"' in body and 'name="email"' in body
    assert 'name="username"' not in body and 'name="password1"' not in body
    assert reverse("login") in body


def test_a_link_used_twice_is_refused(client, db):
    client.post(URL, DATA)
    link = confirmation_link()
    client.post(link, PASSWORD)
    client.logout()
    response = client.post(link, PASSWORD)
    assert response.status_code == 410 and "exists already" in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_a_tampered_or_expired_link_is_refused(client, db):
    client.post(URL, DATA)
    link = confirmation_link()
    assert client.get(link.replace("/confirm/", "/confirm/x")).status_code == 410
    token = services.sign_up_token(email="late@example.com", organization_name="Late")
    four_days_later = time.time() + 4 * 86400
    with mock.patch("django.core.signing.time.time", return_value=four_days_later):
        response = client.get(reverse("organizations:signup_confirm", args=[token]))
    assert response.status_code == 410 and "older than three days" in response.content.decode()


def test_mismatched_passwords_create_nothing(client, db):
    client.post(URL, DATA)
    response = client.post(confirmation_link(), {**PASSWORD, "new_password2": "something-else-42"})
    assert response.status_code == 200
    assert "password fields didn’t match" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_a_password_like_the_address_is_refused(client, db):
    client.post(URL, {**DATA, "email": "Marvellous.Newbie@example.com"})
    response = client.post(confirmation_link(), {"new_password1": "marvellousnewbie", "new_password2": "marvellousnewbie"})
    assert "too similar" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_signed_in_user_is_sent_home(client_for, owner):
    assert client_for(owner).get(URL)["Location"] == reverse("home")
