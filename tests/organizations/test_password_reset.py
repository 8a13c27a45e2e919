import re

from django.core import mail
from django.urls import reverse


def test_reset_by_email_link(client, owner):
    response = client.post(reverse("password_reset"), {"email": owner.email})
    assert response["Location"] == reverse("password_reset_done")
    assert "Check your email" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "another-long-Phrase-7", "new_password2": "another-long-Phrase-7"})
    assert response["Location"] == reverse("password_reset_complete")
    owner.refresh_from_db()
    assert owner.check_password("another-long-Phrase-7")


def test_login_page_links_to_reset_and_sign_up(client, db):
    body = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in body
    assert reverse("organizations:signup") in body


def test_sign_out(client_for, owner):
    client = client_for(owner)
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert reverse("login") in client.get(reverse("assessments:system_list"))["Location"]
