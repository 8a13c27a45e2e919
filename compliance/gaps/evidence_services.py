"""Writes for evidence files: upload (checked first, nothing stored if anything is wrong) and removal (kept)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.assessments.selectors import AssessmentState
from compliance.assessments.services import check_not_archived
from frameworks.engine import MOOT, NOT_APPLICABLE

from .models import Action, Evidence, GapItem
from .uploads import check_upload

MAX_DESCRIPTION = 500


def _gap_item(*, state: AssessmentState, user, framework_code: str, obligation_code: str) -> GapItem:
    """The gap item of an applicable obligation, created (not started) if nobody has recorded one yet."""
    result = state.evaluation.results.get(framework_code)
    obligation = next((o for o in result.obligations if o.code == obligation_code), None) if result else None
    if obligation is None or obligation.status in (NOT_APPLICABLE, MOOT):
        raise ValidationError(_("This obligation has no gap to track in this assessment; reload the page."))
    assessment = state.assessment
    lookup = {"assessment": assessment, "framework_code": framework_code, "obligation_code": obligation_code}
    item = GapItem.objects.select_for_update().filter(**lookup).first()
    if item is not None:
        return item
    item = GapItem(organization_id=assessment.organization_id, updated_by=user, updated_at=timezone.now(), **lookup)
    item._history_user = user
    try:
        with transaction.atomic():  # a concurrent first save of the same item wins; use its row
            item.save()
    except IntegrityError:
        item = GapItem.objects.select_for_update().get(**lookup)
    return item


def _checked(*, upload: UploadedFile, description: str):
    description = description.strip()
    if len(description) > MAX_DESCRIPTION:
        raise ValidationError({"description": [_("Use at most %(count)d characters.") % {"count": MAX_DESCRIPTION}]})
    try:
        return check_upload(upload), description
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None


def _store(*, user, upload: UploadedFile, checked, description: str, review_by: dt.date | None,
           gap_item: GapItem | None = None, action: Action | None = None) -> Evidence:
    owner = gap_item or action
    assert owner is not None
    evidence = Evidence(organization_id=owner.organization_id, gap_item=gap_item, action=action, name=checked.name,
                        content_type=checked.content_type, size=checked.size, sha256=checked.sha256,
                        description=description, review_by=review_by, uploaded_by=user)
    evidence._history_user = user  # type: ignore[attr-defined]
    evidence.file.save(checked.name, upload, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)  # the row was not stored: neither is the file
        raise
    return evidence


def upload_evidence(*, state: AssessmentState, user, framework_code: str, obligation_code: str,
                    upload: UploadedFile, description: str = "", review_by: dt.date | None = None) -> Evidence:
    """Store an uploaded file as evidence of one obligation. Raises ValidationError (and stores nothing) if the
    file is too large, empty, or not an accepted type by its content."""
    check_not_archived(state.assessment)
    checked, description = _checked(upload=upload, description=description)
    with transaction.atomic():
        item = _gap_item(state=state, user=user, framework_code=framework_code, obligation_code=obligation_code)
        return _store(user=user, upload=upload, checked=checked, description=description, review_by=review_by,
                      gap_item=item)


def upload_action_evidence(*, action: Action, user, upload: UploadedFile, description: str = "",
                           review_by: dt.date | None = None) -> Evidence:
    """Store an uploaded file as evidence of an action; the same checks as for an obligation."""
    checked, description = _checked(upload=upload, description=description)
    with transaction.atomic():
        return _store(user=user, upload=upload, checked=checked, description=description, review_by=review_by,
                      action=action)


def remove_evidence(*, evidence: Evidence, user) -> Evidence:
    """Take evidence off its item. The row and the file stay (with who removed it and when) for the record."""
    if evidence.gap_item is not None:
        check_not_archived(evidence.gap_item.assessment)
    with transaction.atomic():
        evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if evidence.removed_at is not None:
            return evidence  # a double submit: already removed
        evidence.removed_at, evidence.removed_by = timezone.now(), user
        evidence._history_user = user  # type: ignore[attr-defined]
        evidence.save(update_fields=["removed_at", "removed_by"])
    return evidence
