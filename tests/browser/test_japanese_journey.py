"""A shorter journey in Japanese (issue 11): a member signs in with a Japanese browser, adds a customer-support
chatbot offered in Japan and the EU, assesses it under Japan's AI Guidelines for Business and the EU AI Act,
sees the Japanese guideline roles on the results page and downloads a PDF report in Japanese (pdftotext)."""

import re

import pytest
from playwright.sync_api import expect

from compliance.organizations.models import Role
from tests.browser.conftest import ARTIFACTS, _page
from tests.browser.journeys import (  # noqa: F401
    answer_the_questionnaire,
    pdf_text,
    reports_in_background,
    shot,
    unanswered_required,
    wait_for_download_link,
)
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory
from tests.upgrades.support import eager_celery  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "journey-ja"

# A Japanese company builds a generative chatbot on its own model, answers its own customers with it in Japan and
# offers it to businesses in Japan and the EU.
ANSWERS = {
    "actor_type": "company", "established_in": ["jp"], "assessed_subject": "system", "trains_model": "yes",
    "builds_system": "yes", "uses_third_party_model": "no", "offers_system": "yes", "uses_system": "yes",
    "serves_customers_with_system": "yes", "offer_markets": ["eu", "jp"], "use_markets": ["jp"],
    "development_markets": ["jp"], "is_ai_system": "yes", "interacts_with_people": "yes",
    "generates_content": "yes", "generated_media": ["text"], "profiles_people": "no", "significant_effect_on_people": "no",
    "eu_development_stage": "on_market", "eu_generative_placed_before_2026_08_02": "no", "jp_most_advanced_ai": "no",
}


@pytest.fixture
def member(shipped_rule_sets):
    return MembershipFactory(role=Role.EDITOR, organization__name="さくらソフト株式会社", user__username="yui").user


@pytest.fixture
def japanese_browser(chromium, request):
    """A browser whose language is Japanese: it sends Accept-Language ja-JP."""
    yield from _page(chromium, request, locale="ja-JP", accept_downloads=True)


def test_a_japanese_member_assesses_a_chatbot_and_downloads_the_report(
        japanese_browser, live_server, member, reports_in_background):  # noqa: F811
    page = japanese_browser
    page.goto(live_server.url + "/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.get_by_label("メールアドレスまたはユーザー名").fill("yui")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.get_by_role("heading", name="yui さん、ようこそ")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="AIシステム", exact=True).click()
    page.get_by_role("link", name="AIシステムを追加").first.click()
    page.get_by_label("名前").fill("カスタマーサポートAIチャットボット")
    page.get_by_label("目的").fill("顧客からの問い合わせに生成AIで回答します")
    page.get_by_label("日本").check()
    page.get_by_label("欧州連合").check()
    page.get_by_role("button", name="システムを追加").click()
    expect(page.get_by_role("heading", name="カスタマーサポートAIチャットボット")).to_be_visible()

    page.get_by_role("link", name="評価を開始").first.click()
    expect(page.get_by_label("AI事業者ガイドライン及びAI推進法", exact=True)).to_be_checked()
    expect(page.get_by_label(re.compile(r"\bEU\b"))).to_be_checked()
    shot(page, SHOTS, "01-start")
    page.get_by_role("button", name="質問票を開始").click()
    answer_the_questionnaire(page, ANSWERS, next_button=re.compile(r"^(次へ|回答の確認)"))
    expect(page.get_by_role("heading", name="回答の確認")).to_be_visible()
    assert unanswered_required(page) == []

    page.get_by_role("link", name="結果を見る").click()
    expect(page.get_by_role("heading", name="概要", exact=True)).to_be_visible()
    japan = page.locator('section[aria-labelledby="sum-jp-ai-guidelines"]')
    for role in ("AI開発者", "AI提供者", "AI利用者"):
        expect(japan.locator(".badge", has_text=role)).to_be_visible()
    shot(page, SHOTS, "02-results")

    reports_in_background()
    page.get_by_role("link", name="すべてのレポート").click()
    expect(page.get_by_role("combobox", name="レポートの言語")).to_have_value("ja")
    page.get_by_role("button", name="PDFを作成").click()
    expect(page.get_by_role("progressbar", name="レポートの進捗")).to_be_visible()
    with page.expect_download() as info:
        wait_for_download_link(page, "PDFをダウンロード").click()
    shot(page, SHOTS, "03-report-ready")
    pdf = SHOTS / "report-ja.pdf"
    info.value.save_as(pdf)
    text = pdf_text(pdf)
    for heading in ("目次", "エグゼクティブサマリー", "分類", "改善ロードマップ", "付録A"):
        assert heading in text, heading
    # The guideline roles and obligation titles of both frameworks, in Japanese.
    for title in ("AI開発者", "AI提供者", "AI利用者", "共通の指針1)人間中心", "AIとやり取りしていることの本人への通知"):
        assert title in text, title
