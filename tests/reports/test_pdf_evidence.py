"""Evidence files appear in the PDF appendix by name, never embedded; a new file makes the old PDF stale."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from compliance.gaps.models import Action, ActionLink, Evidence, GapStatus
from compliance.reports.models import Report
from compliance.reports.services import request_report
from tests.gaps.fixtures import make_assessment, set_gap
from tests.reports.helpers import pdf_reader, pdf_text

SECRET_CONTENT = b"%PDF-1.4 CONFIDENTIAL-PAYLOAD-7f3a"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def add_evidence(owner, *, item=None, action=None, name, review_by=None):
    evidence = Evidence(organization_id=(item or action).organization_id, gap_item=item, action=action, name=name,
                        content_type="application/pdf", size=len(SECRET_CONTENT), sha256=name.ljust(64, "0")[:64],
                        review_by=review_by, uploaded_by=owner)
    evidence.file.save("x", ContentFile(SECRET_CONTENT), save=False)
    evidence.save()
    return evidence


def render(assessment, owner, capture) -> Report:
    with capture(execute=True):
        report, _reused = request_report(assessment=assessment, user=owner)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE, report.error
    return report


def test_evidence_is_listed_by_name_in_appendix_c_and_not_embedded(organization, owner, sample_version,
                                                                   frozen_today, django_capture_on_commit_callbacks):
    assessment = make_assessment(organization, [sample_version])
    item = set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
    add_evidence(owner, item=item, name="training <records> 2026.pdf", review_by=dt.date(2026, 10, 1))
    removed = add_evidence(owner, item=item, name="superseded.pdf")
    Evidence.objects.filter(pk=removed.pk).update(removed_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    action = Action.objects.create(organization=organization, title="Oversight procedure v2")
    ActionLink.objects.create(organization=organization, action=action,
                              gap_item=set_gap(assessment, "art9-risk-management"))
    add_evidence(owner, action=action, name="oversight-procedure.docx")
    report = render(assessment, owner, django_capture_on_commit_callbacks)
    text = pdf_text(report)
    appendix = text[text.index("Files the organization uploaded as evidence"):]
    assert "training <records> 2026.pdf" in appendix and "uploaded 2026" in appendix and "by olivia" in appendix
    assert "review by 2026-10-01 review overdue" in appendix.lower()
    assert "Support AI literacy of staff" in appendix and "Art. 4" in appendix
    assert "Oversight procedure v2" in appendix and "oversight-procedure.docx" in appendix
    assert "superseded.pdf" not in text
    with report.file.open("rb") as handle:
        assert b"CONFIDENTIAL-PAYLOAD" not in handle.read()
    assert not pdf_reader(report).attachments

    add_evidence(owner, item=item, name="second.pdf")
    again = render(assessment, owner, django_capture_on_commit_callbacks)
    assert again.pk != report.pk and "second.pdf" in pdf_text(again)


def test_no_appendix_c_without_evidence(organization, owner, sample_version, frozen_today,
                                        django_capture_on_commit_callbacks):
    report = render(make_assessment(organization, [sample_version]), owner, django_capture_on_commit_callbacks)
    assert "Appendix C" not in pdf_text(report)
