"""Issue 15, finding 10: the sign-up form told whether a user name or an e-mail address had an account.
Now sign-up asks no user name, and its answer for an address with an account is the same page and status as
for a new one; the account's owner is told by e-mail that someone tried."""

import re

from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

URL = reverse("organizations:signup")


def _answer(client, email: str) -> tuple[int, str, str]:
    response = client.post(URL, {"email": email, "organization_name": "Probe Ltd"})
    page = client.get(response["Location"]) if response.status_code == 302 else response
    body = re.sub(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"', "", page.content.decode())
    return response.status_code, response.get("Location", ""), body


def test_an_existing_address_gets_the_same_answer_as_a_new_one(client, db):
    UserFactory(username="olivia", email="olivia@example.com")
    existing = _answer(client, "OLIVIA@example.com")
    new = _answer(client, "nobody@example.com")
    assert existing == new
    assert existing[0] == 302 and "Check your email" in existing[2]


def test_the_owner_of_the_existing_account_is_told_and_nothing_is_created(client, db):
    owner = UserFactory(username="olivia", email="olivia@example.com")
    client.post(URL, {"email": "Olivia@Example.com", "organization_name": "Probe Ltd"})
    (message,) = mail.outbox
    assert message.to == ["Olivia@Example.com"]
    assert "Someone tried" in message.subject and "no new account was made" in message.body
    assert reverse("login") in message.body and reverse("password_reset") in message.body
    assert "/accounts/signup/confirm/" not in message.body  # no way in for whoever typed the address
    owner.refresh_from_db()
    assert owner.memberships.count() == 0 and type(owner).objects.count() == 1


def test_sign_up_has_no_user_name_to_probe(client, db):
    UserFactory(username="olivia", email="olivia@example.com")
    response = client.post(URL, {"username": "olivia", "email": "x@example.com", "organization_name": "Probe"})
    assert response.status_code == 302  # a posted user name is ignored: nothing says it is taken
    assert "already exists" not in client.get(response["Location"]).content.decode()


def test_a_wrong_password_is_the_same_answer_for_a_known_and_an_unknown_address(client, db):
    UserFactory(username="olivia", email="olivia@example.com")
    known = client.post(reverse("login"), {"username": "olivia@example.com", "password": "wrong-guess-1"})
    unknown = client.post(reverse("login"), {"username": "nobody@example.com", "password": "wrong-guess-1"})
    strip = lambda r: re.sub(r'(value=|"X-CSRFToken": )"[^"]*"', "", r.content.decode())  # noqa: E731
    assert known.status_code == unknown.status_code == 200
    assert strip(known) == strip(unknown)
