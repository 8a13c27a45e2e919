"""Finding 9: 100 wrong passwords in a row, then the right one worked. Now django-axes pauses sign-in after
AXES_FAILURE_LIMIT failures, by account and by address, with a clear page; an admin can lift it."""

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"


def attempt(client, username, password, address="198.51.100.7"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_right_password_is_refused_after_too_many_wrong_ones(client, db):
    UserFactory(username="alice", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "alice", "wrong").status_code == 200  # the form again, with its error
    assert attempt(client, "alice", "wrong").status_code == 429  # the last allowed failure locks
    response = attempt(client, "alice", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many failed sign-ins" in body and "15 minutes" in body and "_auth_user_id" not in client.session


def test_the_account_is_locked_from_any_address(client, db):
    UserFactory(username="alice", password=PASSWORD)
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "alice", "wrong", address=f"203.0.113.{i}")
    assert attempt(client, "alice", PASSWORD, address="192.0.2.99").status_code == 429


def test_an_address_guessing_many_accounts_is_locked(client, db):
    UserFactory(username="bob", password=PASSWORD)
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"user{i}", "wrong")
    assert attempt(client, "bob", PASSWORD).status_code == 429
    assert attempt(client, "bob", PASSWORD, address="192.0.2.1").status_code == 302  # another address


def test_forged_forwarded_for_does_not_escape_the_address_lock(client, db):
    UserFactory(username="bob", password=PASSWORD)
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": f"user{i}", "password": "x"}, REMOTE_ADDR="198.51.100.7",
                    HTTP_X_FORWARDED_FOR=f"10.0.0.{i}")
    assert attempt(client, "bob", PASSWORD).status_code == 429


def test_an_admin_unlocks_an_account(client, db):
    UserFactory(username="alice", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "alice", "wrong")
    call_command("axes_reset_username", "alice", stdout=open("/dev/null", "w"))
    assert attempt(client, "alice", PASSWORD).status_code == 302


def test_admins_see_and_delete_locks_in_the_admin(admin_client, client, db):
    UserFactory(username="alice", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "alice", "wrong")
    page = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert page.status_code == 200 and "alice" in page.content.decode()


def test_a_success_clears_earlier_failures(client, db):
    UserFactory(username="alice", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "alice", "wrong")
    assert attempt(client, "alice", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "alice", "wrong")
    assert attempt(client, "alice", PASSWORD).status_code == 302


def test_spelling_the_address_differently_does_not_reset_the_count(client, db):
    """Sign-in takes the address as well as the user name: all spellings count against one account."""
    UserFactory(username="alice", email="alice@example.com", password=PASSWORD)
    spellings = ["alice", "alice@example.com", "ALICE@example.com", "Alice@Example.COM", " alice@example.com"]
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, spellings[i % len(spellings)], "wrong", address=f"203.0.113.{i}")
    assert attempt(client, "alice@example.com", PASSWORD, address="192.0.2.99").status_code == 429


def test_the_lockout_page_is_the_site_s_own_page(client, db):
    UserFactory(username="alice", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "alice", "wrong")
    body = attempt(client, "alice", PASSWORD).content.decode()
    assert "/static/css/app.css" in body and 'href="/"' in body  # the styled base page with its navigation
    assert "Too many failed sign-ins" in body and "reset your password" in body
