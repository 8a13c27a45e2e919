"""The interface language: Accept-Language on a first visit, the switcher (cookie), the user's profile."""

import re

import pytest
from django.conf import settings
from django.test import Client

from compliance.organizations.models import UserProfile
from tests.conftest import PASSWORD


def _lang_attr(response) -> str:
    html = response.content.decode()
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.django_db
def test_first_visit_follows_accept_language_and_defaults_to_english():
    assert _lang_attr(Client(headers={"accept-language": "ko-KR,ko;q=0.9"}).get("/")) == "ko"
    assert "AI 시스템을 한 번만 기술하십시오" in Client(headers={"accept-language": "ko"}).get("/").content.decode()
    assert _lang_attr(Client(headers={"accept-language": "ja,en;q=0.5"}).get("/")) == "ja"
    assert _lang_attr(Client(headers={"accept-language": "fr-FR"}).get("/")) == "en"
    assert _lang_attr(Client().get("/")) == "en"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/signup/", "/does-not-exist/"])
def test_switcher_on_pages_for_visitors(url):
    html = Client().get(url).content.decode()
    for code, name in settings.LANGUAGES:
        assert f'value="{code}" lang="{code}"' in html and name in html


@pytest.mark.django_db
def test_switcher_sets_the_cookie_for_a_visitor_and_returns_to_the_page():
    client = Client()
    response = client.post("/language/", {"language": "ja", "next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ja"
    page = client.get("/accounts/login/", headers={"accept-language": "ko"})
    assert _lang_attr(page) == "ja" and "パスワードをお忘れですか" in page.content.decode()


@pytest.mark.django_db
def test_unknown_language_changes_nothing(client_for, owner):
    client = client_for(owner)
    client.post("/language/", {"language": "xx", "next": "/"})
    assert not UserProfile.objects.filter(user=owner).exists()
    assert _lang_attr(client.get("/")) == "en"


def test_switcher_refuses_get(client):
    assert client.get("/language/?language=ko").status_code == 405


@pytest.mark.django_db
def test_signed_in_choice_is_saved_and_follows_the_user_to_another_browser(client_for, owner):
    client_for(owner).post("/language/", {"language": "ko", "next": "/"})
    assert UserProfile.objects.get(user=owner).language == "ko"
    other_browser = Client(headers={"accept-language": "ja"})
    signed_in = other_browser.post("/accounts/login/", {"username": owner.username, "password": PASSWORD})
    assert signed_in.status_code == 302
    home = other_browser.get("/")
    assert _lang_attr(home) == "ko" and "환영합니다" in home.content.decode()


@pytest.mark.django_db
def test_profile_language_wins_over_cookie_and_header(client_for, owner):
    UserProfile.objects.create(user=owner, language="ja")
    client = client_for(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ko"
    assert _lang_attr(client.get("/", headers={"accept-language": "ko"})) == "ja"


@pytest.mark.django_db
def test_sign_up_remembers_the_language_it_was_made_in(shipped_rule_sets, mailoutbox):
    client = Client(headers={"accept-language": "ja"})
    response = client.post("/accounts/signup/", {"email": "kenji@example.jp", "organization_name": "Kaisha"})
    assert response.status_code == 302
    link = re.search(r"https?://\S+/\S+", mailoutbox[-1].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirmed = client.post("/" + path, {"new_password1": "a long passphrase 1", "new_password2": "a long passphrase 1"})
    assert confirmed.status_code == 302
    assert UserProfile.objects.get(user__email="kenji@example.jp").language == "ja"
    follow = client.get(confirmed["Location"])
    assert "ようこそ。あなたは Kaisha のオーナーです" in follow.content.decode()


@pytest.mark.django_db
def test_switcher_names_each_language_in_its_own_script():
    html = Client(headers={"accept-language": "ko"}).get("/").content.decode()
    switcher = html.split('class="language-switcher', 1)[1].split("</form>", 1)[0]
    assert ">English<" in switcher and ">한국어<" in switcher and ">日本語<" in switcher
    assert "영어" not in switcher
