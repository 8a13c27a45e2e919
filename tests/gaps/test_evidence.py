"""Evidence files: upload (type by content, size limit, nothing stored on refusal), download (members only,
safe headers), removal (kept for the record), and the tracker and history showing them."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from compliance.gaps.models import Evidence, GapItem
from tests.gaps.fixtures import EU, NOT_APPLICABLE

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
OBLIGATION = "art4-ai-literacy"


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Training", "Date"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def page_url(assessment, obligation=OBLIGATION):
    return reverse("gaps:evidence", args=[assessment.pk, EU, obligation])


def upload(client, assessment, name="policy.pdf", data=PDF, obligation=OBLIGATION, **fields):
    return client.post(page_url(assessment, obligation), {"file": SimpleUploadedFile(name, data), **fields})


@pytest.mark.parametrize(("name", "data", "content_type"), [
    ("AI literacy policy.pdf", PDF, "application/pdf"),
    ("screenshot.PNG", PNG, "image/png"),
    ("training-log.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("notes.txt", "Training held 2026-11-02 — 연수 완료\n".encode(), "text/plain"),
])
def test_editor_uploads_accepted_types_with_who_and_when(client_for, teammate, assessment, media_root, name, data,
                                                         content_type):
    response = upload(client_for(teammate), assessment, name=name, data=data, description="Signed copy",
                      review_by="2027-06-30")
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.name, evidence.content_type, evidence.size) == (name, content_type, len(data))
    assert evidence.uploaded_by == teammate and evidence.review_by == dt.date(2027, 6, 30)
    assert evidence.gap_item.obligation_code == OBLIGATION and evidence.organization == assessment.organization
    [path] = stored_files(media_root)
    assert path.read_bytes() == data and path.suffix == ""  # a random name, not the uploader's
    assert evidence.history.get().history_user == teammate
    assert GapItem.objects.get().history.get().history_user == teammate  # the item was created for the upload


@pytest.mark.parametrize(("name", "data", "message"), [
    ("policy.pdf", b"<html><script>alert(1)</script></html>", "is not what its name says"),
    ("tool.exe", b"MZ\x90\x00" + b"\x00" * 200, "is not a file type accepted as evidence"),
    ("image.png", PDF, "is not what its name says"),
    ("page.html", b"<html></html>", "is not a file type accepted as evidence"),
    ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>', "is not a file type"),
    ("empty.txt", b"", "The submitted file is empty"),
])
def test_wrong_type_is_refused_with_a_message_and_nothing_stored(client_for, owner, assessment, media_root, name,
                                                                 data, message):
    response = upload(client_for(owner), assessment, name=name, data=data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists() and not GapItem.objects.exists() and not stored_files(media_root)


def test_too_large_file_is_refused_with_the_limit(client_for, owner, assessment, media_root, settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    response = upload(client_for(owner), assessment, data=PDF + b"0" * (1024 * 1024))
    assert response.status_code == 400
    assert "evidence files may be up to 1.0 MB" in response.content.decode()
    assert not Evidence.objects.exists() and not stored_files(media_root)


def test_viewer_cannot_upload_or_remove(client_for, owner, viewer, assessment, media_root):
    client = client_for(viewer)
    assert upload(client, assessment).status_code == 403
    assert not Evidence.objects.exists() and not stored_files(media_root)
    evidence = _uploaded(client_for(owner), assessment)
    client = client_for(viewer)
    assert client.post(reverse("gaps:evidence_remove", args=[evidence.pk])).status_code == 403
    assert Evidence.objects.get().removed_at is None
    page = client.get(page_url(assessment)).content.decode()
    assert "policy.pdf" in page and 'enctype="multipart/form-data"' not in page


def test_obligation_that_does_not_apply_has_no_evidence_page(client_for, owner, assessment):
    assert client_for(owner).get(page_url(assessment, NOT_APPLICABLE)).status_code == 404
    assert upload(client_for(owner), assessment, obligation=NOT_APPLICABLE).status_code == 404


def _uploaded(client, assessment, **fields) -> Evidence:
    assert upload(client, assessment, **fields).status_code == 302
    return Evidence.objects.latest("pk")


def test_download_is_an_attachment_with_the_detected_type(client_for, owner, viewer, assessment):
    evidence = _uploaded(client_for(owner), assessment, name="Politique d’IA.pdf")
    response = client_for(viewer).get(reverse("gaps:evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''Politique%20d%E2%80%99IA.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_text_that_looks_like_html_is_never_served_as_html(client_for, owner, assessment):
    evidence = _uploaded(client_for(owner), assessment, name="notes.txt", data=b"Plain notes about <b>training</b>\n")
    response = client_for(owner).get(reverse("gaps:evidence_download", args=[evidence.pk]))
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Disposition"].startswith("attachment;")


def test_outsider_can_never_see_download_or_remove_evidence(client_for, owner, outsider, assessment):
    evidence = _uploaded(client_for(owner), assessment)
    client = client_for(outsider)
    assert client.get(reverse("gaps:evidence_download", args=[evidence.pk])).status_code == 404
    assert client.post(reverse("gaps:evidence_remove", args=[evidence.pk])).status_code == 404
    assert client.get(page_url(assessment)).status_code == 404
    assert upload(client, assessment).status_code == 404
    assert client.get(reverse("gaps:evidence_download", args=[evidence.pk + 1000])).status_code == 404
    assert Evidence.objects.get().removed_at is None and Evidence.objects.count() == 1


def test_forged_ids_from_another_organization_get_404(client_for, owner, outsider, assessment, foreign_assessment):
    foreign = _uploaded(client_for(outsider), foreign_assessment, name="secret.pdf")
    client = client_for(owner)
    assert client.get(reverse("gaps:evidence_download", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("gaps:evidence_remove", args=[foreign.pk])).status_code == 404
    assert upload(client, foreign_assessment).status_code == 404
    assert Evidence.objects.get().removed_at is None


def test_anonymous_download_goes_to_sign_in(client, owner, client_for, assessment):
    evidence = _uploaded(client_for(owner), assessment)
    client.logout()
    response = client.get(reverse("gaps:evidence_download", args=[evidence.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_removal_keeps_the_file_and_shows_who_removed_it(client_for, owner, teammate, assessment, media_root):
    evidence = _uploaded(client_for(owner), assessment)
    client = client_for(teammate)
    response = client.post(reverse("gaps:evidence_remove", args=[evidence.pk]), follow=True)
    assert "stays listed under removed evidence" in response.content.decode()
    evidence.refresh_from_db()
    assert evidence.removed_by == teammate and evidence.removed_at is not None
    assert len(stored_files(media_root)) == 1  # the file is kept
    assert client.get(reverse("gaps:evidence_download", args=[evidence.pk])).status_code == 200
    page = client.get(page_url(assessment)).content.decode()
    assert 'id="removed-evidence"' in page and "removed by ted" in page
    assert "Evidence file removed" in page and "Evidence file uploaded" in page
    tracker = client.get(reverse("gaps:tracker", args=[assessment.pk])).content.decode()
    assert "policy.pdf" not in tracker
    assert [h.history_type for h in evidence.history.order_by("history_id")] == ["+", "~"]


def test_tracker_lists_evidence_and_flags_review_overdue(client_for, owner, assessment, frozen_today):
    _uploaded(client_for(owner), assessment, name="old.pdf", review_by="2026-11-01")
    _uploaded(client_for(owner), assessment, name="fresh.pdf", review_by="2027-11-01")
    tracker = client_for(owner).get(reverse("gaps:tracker", args=[assessment.pk])).content.decode()
    assert "old.pdf" in tracker and "fresh.pdf" in tracker
    assert tracker.count("Review overdue since 2026-11-01") == 1
    assert "Review overdue since 2027" not in tracker
    page = client_for(owner).get(page_url(assessment)).content.decode()
    assert page.count("Review overdue since") == 1


def test_archived_assessment_refuses_uploads(client_for, owner, assessment, media_root):
    from django.utils import timezone
    assessment.archived_at = timezone.now()
    assessment.save()
    assert upload(client_for(owner), assessment).status_code == 403
    assert not stored_files(media_root)


def test_action_evidence_upload_download_and_isolation(client_for, owner, viewer, outsider, organization,
                                                       other_organization):
    from compliance.gaps.models import Action
    action = Action.objects.create(organization=organization, title="Logging policy")
    foreign = Action.objects.create(organization=other_organization, title="Globex plan")
    url = reverse("gaps:action_evidence", args=[action.pk])
    response = client_for(owner).post(url, {"file": SimpleUploadedFile("log-policy.pdf", PDF), "review_by": ""})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.action, evidence.gap_item, evidence.uploaded_by) == (action, None, owner)
    page = client_for(viewer).get(url).content.decode()
    assert "log-policy.pdf" in page and "Logging policy" in page
    assert client_for(viewer).post(url, {"file": SimpleUploadedFile("x.pdf", PDF)}).status_code == 403
    assert client_for(viewer).get(reverse("gaps:evidence_download", args=[evidence.pk])).status_code == 200
    client = client_for(outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"file": SimpleUploadedFile("x.pdf", PDF)}).status_code == 404
    assert client.get(reverse("gaps:evidence_download", args=[evidence.pk])).status_code == 404
    owner_client = client_for(owner)
    assert owner_client.get(reverse("gaps:action_evidence", args=[foreign.pk])).status_code == 404
    assert Evidence.objects.count() == 1
    response = owner_client.post(reverse("gaps:evidence_remove", args=[evidence.pk]))
    assert response.status_code == 302 and response["Location"] == url
