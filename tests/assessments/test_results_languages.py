"""Rule texts follow the language: Korean obligation titles on the results page and in the PDF, the notice
that a text is the product's own translation, and English results left as they were."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from compliance.reports.models import Report
from compliance.reports.services import request_report
from tests.reports.helpers import pdf_text
from tests.upgrades.support import eager_celery  # noqa: F401  (renders in the test even when REDIS_URL is set)

from .four_frameworks import four_framework_assessment

KOREAN_TITLE = "설명 방안의 수립·시행"  # Art. 34(1)(2), the Act's own heading
ENGLISH_TITLE = "Prepare and apply an explanation plan"
JAPANESE_TITLE = "説明方策の策定・実施"


@pytest.fixture
def four(organization, owner, shipped_rule_sets):
    return four_framework_assessment(organization, owner)


def framework_section(body: str, code: str) -> str:
    start = body.index(f'id="fw-{code}"')
    end = body.find('<section id="fw-', start + 10)
    return body[start:end if end > 0 else None]


def results(client, assessment, language: str) -> str:
    with translation.override(language):
        response = client.get(reverse("assessments:detail", args=[assessment.pk]), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_korean_results_show_the_korean_rule_texts(client_for, owner, four):
    body = results(client_for(owner), four, "ko")
    korea = framework_section(body, "kr-ai-basic-act")
    assert KOREAN_TITLE in korea and ENGLISH_TITLE not in korea
    assert "인공지능개발사업자" in korea and "고영향 인공지능" in korea  # role and tier in the Act's terms
    # Korean is the Act's language: no translation notice for Korea; the EU text is the product's translation.
    assert "translation-notice" not in korea
    eu = framework_section(body, "eu-ai-act")
    assert "translation-notice" in eu and "https://eur-lex.europa.eu/" in eu


def test_japanese_results_show_the_japanese_rule_texts(client_for, owner, four):
    korea = framework_section(results(client_for(owner), four, "ja"), "kr-ai-basic-act")
    assert JAPANESE_TITLE in korea and ENGLISH_TITLE not in korea
    assert "AI開発事業者" in korea and "高影響AI" in korea
    assert "translation-notice" in korea  # Japanese is not an official language of the Korean Act
    assert "law.go.kr" in korea


def test_english_results_keep_the_english_texts_and_name_the_binding_korean_text(client_for, owner, four):
    korea = framework_section(results(client_for(owner), four, "en"), "kr-ai-basic-act")
    assert ENGLISH_TITLE in korea
    assert "translation-notice" in korea and "law.go.kr" in korea


def test_a_pdf_requested_in_korean_has_korean_obligation_titles(four, owner, django_capture_on_commit_callbacks,
                                                                 settings, tmp_path, eager_celery):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    with translation.override("ko"), django_capture_on_commit_callbacks(execute=True):
        report, _ = request_report(assessment=four, user=owner)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    text = " ".join(pdf_text(report).split())
    assert "설명 방안의 수립·시행" in text
    assert ENGLISH_TITLE not in text
