"""A Korean compliance officer's whole journey, in Korean (issue 11): the browser asks for Korean, she signs up
with the link from the confirmation e-mail, describes a hiring tool offered in Korea and the EU, assesses it under
all four frameworks by clicking through the questionnaire, reads the results, tracks a gap and downloads the PDF
report, whose text (pdftotext) is Korean too.

The report renders on the web process's background thread, as without Redis (see `reports_in_background`), and the
page is watched until the download link appears."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, _page
from tests.browser.journeys import (  # noqa: F401
    answer_the_questionnaire,
    pdf_text,
    reports_in_background,
    shot,
    unanswered_required,
    wait_for_download_link,
)
from tests.upgrades.support import eager_celery  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = ARTIFACTS / "journey-ko"
PASSWORD = "채용심사-2026-안전한-비밀번호"

# A Korean company builds a CV-screening tool, uses it for its own hiring in Korea and sells it in Korea and the EU.
ANSWERS = {
    "is_ai_system": "yes", "generates_content": "no", "interacts_with_people": "no", "profiles_people": "yes",
    "significant_effect_on_people": "yes", "eu_development_stage": "on_market",
    "actor_type": "company", "established_in": ["kr"], "assessed_subject": "system", "builds_system": "yes",
    "offers_system": "yes", "uses_system": "yes", "serves_customers_with_system": "yes",
    "offer_markets": ["eu", "kr"], "use_markets": ["kr"], "development_markets": ["kr"],
    "sensitive_areas": ["employment"], "employment_uses": ["recruitment"], "human_final_decision": "no",
    "jp_most_advanced_ai": "no",
}


@pytest.fixture
def korean_browser(chromium, request):
    """A browser whose language is Korean: it sends Accept-Language ko-KR."""
    yield from _page(chromium, request, locale="ko-KR", accept_downloads=True)


def test_a_korean_officer_signs_up_assesses_a_hiring_tool_and_downloads_the_report(
        korean_browser, live_server, shipped_rule_sets, reports_in_background):  # noqa: F811
    page = korean_browser

    # First visit: Accept-Language ko gives the Korean landing page.
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_contain_text("어떤 AI 규범이")
    shot(page, SHOTS, "01-landing")

    # Sign-up: the address and the organization, then the link from the (Korean) e-mail, then a password.
    page.get_by_role("link", name="계정 만들기").first.click()
    page.get_by_label("이메일 주소").fill("officer@hanbit.example")
    page.get_by_label("조직 이름").fill("한빛인재 주식회사")
    page.get_by_role("button", name="링크 보내기").click()
    expect(page.get_by_role("heading", name="이메일을 확인하십시오")).to_be_visible()
    [message] = mail.outbox
    assert re.search("[가-힣]", message.subject), message.subject  # the e-mail is in Korean too
    assert "한빛인재 주식회사" in message.body
    page.goto(re.search(r"https?://\S+/accounts/signup/confirm/\S+/", message.body).group(0))
    expect(page.get_by_role("heading", name="비밀번호 정하기")).to_be_visible()
    page.get_by_label("새 비밀번호").first.fill(PASSWORD)
    page.get_by_label("새 비밀번호 (확인)").fill(PASSWORD)
    page.get_by_role("button", name="계정 만들기").click()
    expect(page.locator("#messages")).to_contain_text("한빛인재 주식회사")  # its owner now

    # The AI system, sold in Korea and the EU.
    page.get_by_role("link", name="AI 시스템 추가").first.click()
    page.get_by_label("이름").fill("채용 서류 심사 AI")
    page.get_by_label("목적").fill("입사 지원서를 자동으로 심사하고 지원자의 순위를 매깁니다")
    page.get_by_label("한국", exact=True).check()
    page.get_by_label("유럽연합").check()
    shot(page, SHOTS, "02-system-form")
    page.get_by_role("button", name="시스템 추가").click()
    expect(page.get_by_role("heading", name="채용 서류 심사 AI")).to_be_visible()

    # An assessment under all four frameworks: the Korean Act and the EU AI Act are preselected from the markets.
    page.get_by_role("link", name="평가 시작").first.click()
    expect(page.get_by_role("heading", name="채용 서류 심사 AI 평가 시작")).to_be_visible()
    expect(page.get_by_label("인공지능 기본법", exact=True)).to_be_checked()
    expect(page.get_by_label(re.compile(r"\bEU\b"))).to_be_checked()  # the EU AI Act's name is not translated yet
    page.get_by_label("일본 AI 사업자 가이드라인 및 AI 추진법", exact=True).check()
    page.get_by_label("미국 연방 AI 정책", exact=True).check()
    page.get_by_role("button", name="질문지 시작").click()
    answer_the_questionnaire(page, ANSWERS, next_button=re.compile(r"^(다음|답변 검토)"), shots=SHOTS)
    expect(page.get_by_role("heading", name="답변 검토")).to_be_visible()
    assert unanswered_required(page) == []

    # Results: Korean headings, and under the Korean Act a high-impact system and its developer.
    page.get_by_role("link", name="결과 보기").click()
    expect(page.get_by_role("heading", name="요약", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="의무", exact=True)).to_be_visible()
    korea = page.locator('section[aria-labelledby="sum-kr-ai-basic-act"]')
    expect(korea.locator(".badge", has_text="적용 대상")).to_be_visible()
    expect(korea.locator(".badge", has_text="고영향 인공지능")).to_be_visible()
    expect(korea.locator(".badge", has_text="인공지능개발사업자")).to_be_visible()
    expect(page.locator('section[aria-labelledby="sum-eu-ai-act"]').locator(".badge", has_text="적용 대상")).to_be_visible()
    shot(page, SHOTS, "03-results")

    # The gap tracker: the Korean Act's obligations, one of them now in progress.
    page.get_by_role("link", name="갭 트래커 열기").click()
    page.get_by_text("필터 및 정렬").click()
    page.get_by_role("combobox", name="프레임워크").select_option(label="인공지능 기본법")
    page.get_by_role("button", name="적용", exact=True).click()
    expect(page.locator('[id^="gap-eu-ai-act-"]')).to_have_count(0)
    row = page.locator('li[id^="gap-kr-ai-basic-act-"]', has_text="위험관리방안의 수립·운영")
    row.get_by_role("link", name="업데이트").click()
    form = row.locator("form")
    expect(form.get_by_role("heading", name=re.compile("^업데이트: 위험관리방안의 수립·운영"))).to_be_visible()
    form.get_by_label("진행 중", exact=True).check()
    form.get_by_role("button", name="저장").click()
    expect(page.locator("#gap-announcer")).to_contain_text("진행 중")
    expect(row.locator(".badge", has_text="진행 중")).to_be_visible()
    shot(page, SHOTS, "04-tracker")

    # The PDF report, in Korean: queued, rendered in the background, then offered for download.
    reports_in_background()  # from here on, the request that queues the report does not wait for it
    page.get_by_role("link", name="PDF 보고서").first.click()
    expect(page.get_by_role("combobox", name="보고서 언어")).to_have_value("ko")
    page.get_by_role("button", name="PDF 생성").click()
    expect(page.get_by_role("progressbar", name="보고서 진행 상황")).to_be_visible()
    with page.expect_download() as info:
        wait_for_download_link(page, "PDF 내려받기").click()
    shot(page, SHOTS, "05-report-ready")
    pdf = SHOTS / "report-ko.pdf"
    info.value.save_as(pdf)
    text = pdf_text(pdf)
    for heading in ("AI컴플라이언스갭분석보고서", "목차", "요약", "분류", "개선로드맵", "부록A"):
        assert heading in text, heading
    # Obligation titles of the Korean Act and of the EU AI Act, in Korean, with the tier and the role.
    for title in ("위험관리방안의수립·운영", "고영향인공지능해당여부의사전검토", "직원의AI리터러시지원",
                  "위험관리체계운영", "고영향인공지능", "인공지능개발사업자", "진행중"):
        assert title in text, title
