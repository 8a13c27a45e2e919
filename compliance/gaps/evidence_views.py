"""Evidence files of an obligation: the list and upload form, permission-checked download, removal."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from compliance.assessments.selectors import assessment_state, owned_assessment
from compliance.organizations.models import Role

from .evidence_forms import EvidenceUploadForm
from .evidence_selectors import history_with_evidence, item_evidence, owned_action, owned_evidence
from .evidence_services import remove_evidence, upload_action_evidence, upload_evidence
from .selectors import assessment_gaps, find_row, gap_item_history


def _evidence_url(assessment_id: int, framework_code: str, obligation_code: str) -> str:
    return reverse("gaps:evidence", args=[assessment_id, framework_code, obligation_code])


@login_required
@require_http_methods(["GET", "POST"])
def evidence(request, assessment_id: int, framework_code: str, obligation_code: str):
    role = Role.EDITOR if request.method == "POST" else Role.VIEWER
    assessment, membership = owned_assessment(user=request.user, pk=assessment_id, role=role)
    state = assessment_state(assessment)
    today = timezone.localdate()
    row = find_row(gaps=assessment_gaps(state=state, today=today), framework_code=framework_code,
                   obligation_code=obligation_code)
    if row is None:
        raise Http404("This obligation does not apply in this assessment.")
    form = EvidenceUploadForm()
    if request.method == "POST":
        form = EvidenceUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                stored = upload_evidence(state=state, user=request.user, framework_code=framework_code,
                                         obligation_code=obligation_code, upload=form.cleaned_data["file"],
                                         description=form.cleaned_data["description"],
                                         review_by=form.cleaned_data["review_by"])
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                messages.success(request, _("Uploaded “%(name)s” as evidence.") % {"name": stored.name})
                return redirect(_evidence_url(assessment.pk, framework_code, obligation_code))
    current, removed = item_evidence(item=row.item)
    status = 400 if form.errors else 200
    return render(request, "gaps/evidence.html", {
        "assessment": assessment, "row": row, "form": form, "current": current, "removed": removed, "today": today,
        "can_edit": membership.allows(Role.EDITOR) and assessment.archived_at is None,
        "history": history_with_evidence(entries=gap_item_history(item=row.item) if row.item else [],
                                         evidence=current + removed),
        "max_size": settings.EVIDENCE_MAX_BYTES,
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def action_evidence(request, action_id: int):
    role = Role.EDITOR if request.method == "POST" else Role.VIEWER
    action, membership = owned_action(user=request.user, pk=action_id, role=role)
    form = EvidenceUploadForm()
    if request.method == "POST":
        form = EvidenceUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                stored = upload_action_evidence(action=action, user=request.user, upload=form.cleaned_data["file"],
                                                description=form.cleaned_data["description"],
                                                review_by=form.cleaned_data["review_by"])
            except ValidationError as exc:
                form.apply_errors(exc)
            else:
                messages.success(request, _("Uploaded “%(name)s” as evidence.") % {"name": stored.name})
                return redirect("gaps:action_evidence", action_id=action.pk)
    current, removed = item_evidence(action=action)
    return render(request, "gaps/evidence.html", {
        "action": action, "form": form, "current": current, "removed": removed, "today": timezone.localdate(),
        "can_edit": membership.allows(Role.EDITOR), "history": history_with_evidence(entries=[],
                                                                                      evidence=current + removed),
        "max_size": settings.EVIDENCE_MAX_BYTES,
    }, status=400 if form.errors else 200)


@login_required
@require_GET
def download(request, evidence_id: int):
    item, _membership = owned_evidence(user=request.user, pk=evidence_id)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("The stored file is missing.") from None
    response = FileResponse(handle, as_attachment=True, filename=item.name, content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def remove(request, evidence_id: int):
    item, _membership = owned_evidence(user=request.user, pk=evidence_id, role=Role.EDITOR)
    gap_item, action = item.gap_item, item.action
    try:
        remove_evidence(evidence=item, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Removed “%(name)s”. It stays listed under removed evidence.") % {"name": item.name})
    if gap_item is None:
        assert action is not None
        return redirect("gaps:action_evidence", action_id=action.pk)
    return redirect(_evidence_url(gap_item.assessment_id, gap_item.framework_code, gap_item.obligation_code))
