"""GET /reports/<id>/download/: the PDF, for members only, under a meaningful and safe name."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from compliance.reports.models import Report
from compliance.reports.views import download_name

FINISHED = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def done(assessment, owner):
    report = Report(organization=assessment.organization, assessment=assessment, state_hash="x", requested_by=owner,
                    status=Report.Status.DONE, page_count=1, finished_at=FINISHED)
    report.file.save("ignored.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    report.save()
    return report


def url(report):
    return reverse("reports:download", args=[report.pk])


@pytest.mark.parametrize("persona", ["owner", "teammate", "viewer"])
def test_members_download_with_a_meaningful_name(client_for, done, persona, request):
    response = client_for(request.getfixturevalue(persona)).get(url(done))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cv-screener-gap-report-2026-11-22.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"


def test_outsider_gets_404(client_for, outsider, done):
    assert client_for(outsider).get(url(done)).status_code == 404


def test_anonymous_user_is_sent_to_sign_in(client, done):
    assert client.get(url(done)).status_code == 302


def test_a_report_without_a_pdf_gets_404(client_for, owner, done):
    Report.objects.filter(pk=done.pk).update(status=Report.Status.RUNNING)
    assert client_for(owner).get(url(done)).status_code == 404


def test_a_missing_file_gets_404(client_for, owner, done):
    done.file.storage.delete(done.file.name)
    assert client_for(owner).get(url(done)).status_code == 404


@pytest.mark.parametrize(("name", "expected"), [
    ('../../etc/"passwd"; x=<y>', "etcpasswd-xy-gap-report-2026-11-22.pdf"),
    ("채용 심사 시스템", "채용-심사-시스템-gap-report-2026-11-22.pdf"),
    ("///", "ai-system-gap-report-2026-11-22.pdf"),
])
def test_file_names_are_safe(done, name, expected):
    done.assessment.system.name = name
    assert download_name(done) == expected


def test_non_ascii_names_are_sent_encoded(client_for, owner, done):
    done.assessment.system.name = "채용 심사"
    done.assessment.system.save()
    disposition = client_for(owner).get(url(done))["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''") and "%EC%B1%84" in disposition
