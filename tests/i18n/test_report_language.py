"""A PDF report is written in the language chosen when it is requested (default: the requester's); a report in
another language is another report; headings, dates and the file name follow the language."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from compliance.celery import app as celery_app
from compliance.organizations.models import UserProfile
from compliance.reports.models import Report
from tests.assessments.four_frameworks import four_framework_assessment
from tests.reports.helpers import pdf_text


@pytest.fixture
def four(organization, owner, shipped_rule_sets, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield four_framework_assessment(organization, owner)
    celery_app.conf.task_always_eager = previous


def generate(client, assessment, **data) -> Report:
    response = client.post(reverse("reports:assessment", args=[assessment.pk]), data)
    assert response.status_code == 302
    report = Report.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    assert report.status == Report.Status.DONE, report.error
    return report


@pytest.mark.django_db(transaction=True)
def test_reports_in_korean_and_japanese_are_separate_reports_with_localized_pdfs(client_for, owner, four):
    UserProfile.objects.create(user=owner, language="ko")
    client = client_for(owner)
    korean = generate(client, four)  # the requester's language
    assert korean.language == "ko"
    text = " ".join(pdf_text(korean).split())
    for heading in ("요약", "개선 로드맵", "부록 A: 답변과 메모", "면책 고지", "AI 컴플라이언스 갭 분석 보고서"):
        assert heading in text, heading
    assert "Executive summary" not in text and "Remediation roadmap" not in text
    assert "년" in text and "월" in text  # dates such as 2026년 12월 2일
    # The running footer, the reasons' labels, gap statuses and penalty figures are Korean too.
    assert "자체 평가이며 법률 자문이 아닙니다" in text and "쪽 중 2쪽" in text
    assert "Self-assessment, not legal advice" not in text and not re.search(r"Page \d+ of \d+", text)
    assert "적용 대상" in text and "In scope" not in text
    assert "최대 " in text and "만 유로" in text and "of turnover" not in text
    assert "수명주기 단계 개발" in text  # the system's lifecycle stage
    assert "유럽연합 ·" in text and "대한민국 ·" in text  # each framework chapter's jurisdiction
    for english in ("Not started", "In progress", "Tier:", "Role:"):
        assert english not in text, english

    japanese = generate(client, four, language="ja")
    assert japanese.pk != korean.pk and japanese.language == "ja"
    korean.refresh_from_db()
    assert korean.status == Report.Status.DONE and korean.file  # not overwritten
    text = " ".join(pdf_text(japanese).split())
    for heading in ("エグゼクティブサマリー", "改善ロードマップ", "付録A:回答とメモ", "免責事項"):
        assert heading in text, heading

    again = generate(client, four, language="ko")  # nothing changed: the Korean report is offered again
    assert again.pk == korean.pk

    download = client.get(reverse("reports:download", args=[korean.pk]))
    assert "%EA%B0%AD-%EB%B6%84%EC%84%9D-%EB%B3%B4%EA%B3%A0%EC%84%9C" in download["Content-Disposition"]  # 갭-분석-보고서
    download = client.get(reverse("reports:download", args=[japanese.pk]))
    assert "%E3%82%AE%E3%83%A3%E3%83%83%E3%83%97" in download["Content-Disposition"]  # ギャップ


@pytest.mark.django_db(transaction=True)
def test_an_unknown_report_language_falls_back_to_the_requester(client_for, owner, four):
    report = generate(client_for(owner), four, language="xx")
    assert report.language == "en"
    assert "Executive summary" in " ".join(pdf_text(report).split())
