"""Writes for gap tracking. Each change is checked first and saved with who made it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from compliance.assessments.selectors import AssessmentState
from compliance.assessments.services import check_not_archived
from compliance.concurrency import check_unchanged
from frameworks.engine import MOOT, NOT_APPLICABLE

from .models import GapItem, GapStatus

MAX_TEXT = 5000
MAX_OWNER = 200
MAX_LINKS = 20
MAX_LINK_LENGTH = 500
_url_validator = URLValidator(schemes=["http", "https"])

# The fields of the gap item form, checked for concurrent edits (compliance.concurrency).
EDITED_FIELDS = ("status", "justification", "owner", "due_date", "evidence_notes", "links")


def edit_key(*, assessment_id: int, framework_code: str, obligation_code: str) -> str:
    """What a gap item form's version names: the item may not exist yet when the form is opened."""
    return f"gap:{assessment_id}:{framework_code}:{obligation_code}"


def clean_links(links: Sequence[str]) -> list[str]:
    """Evidence links: http(s) URLs only, each once, at most MAX_LINKS. Raises ValidationError."""
    cleaned: list[str] = []
    for link in links:
        link = link.strip()
        if not link or link in cleaned:
            continue
        if len(link) > MAX_LINK_LENGTH:
            raise ValidationError(f"A link is longer than {MAX_LINK_LENGTH} characters.")
        try:
            _url_validator(link)
        except ValidationError:
            raise ValidationError(f"“{link}” is not a web address starting with http:// or https://.") from None
        cleaned.append(link)
    if len(cleaned) > MAX_LINKS:
        raise ValidationError(f"Give at most {MAX_LINKS} links.")
    return cleaned


def _check(*, state: AssessmentState, framework_code: str, obligation_code: str, status: str, justification: str,
           owner: str, evidence_notes: str, due_date) -> None:
    result = state.evaluation.results.get(framework_code)
    obligation = next((o for o in result.obligations if o.code == obligation_code), None) if result else None
    if obligation is None:
        raise ValidationError("This obligation is not part of the assessment's rule sets; reload the page.")
    if obligation.status == NOT_APPLICABLE:
        raise ValidationError("This obligation does not apply to the system given its answers, so it has no gap to track.")
    if obligation.status == MOOT:
        raise ValidationError("This duty is moot: the practice is prohibited, so there is no gap to track. Stop or "
                              "change the practice first.")
    errors: dict[str, list[str]] = {}
    if status not in GapStatus.values:
        errors["status"] = ["Choose one of the listed statuses."]
    elif status == GapStatus.NOT_APPLICABLE and not justification.strip():
        errors["justification"] = ["Explain why the obligation does not apply to this system."]
    if len(owner) > MAX_OWNER:
        errors["owner"] = [f"Use at most {MAX_OWNER} characters."]
    for name, text in (("justification", justification), ("evidence_notes", evidence_notes)):
        if len(text) > MAX_TEXT:
            errors.setdefault(name, []).append(f"Use at most {MAX_TEXT} characters.")
    if due_date is not None and not isinstance(due_date, dt.date):
        errors["due_date"] = ["Enter a date as YYYY-MM-DD."]
    if errors:
        raise ValidationError(errors)


def record_gap(*, state: AssessmentState, user, framework_code: str, obligation_code: str, status: str,
               justification: str = "", owner: str = "", due_date: dt.date | None = None, evidence_notes: str = "",
               links: Sequence[str] = (), version: str = "") -> GapItem:
    """Create or update the gap item of one applicable obligation; raises ValidationError and saves nothing if
    anything is wrong. A justification is kept only for 'not applicable'. ``version`` is the form's
    compliance.concurrency token: if someone saved the item after it, StaleEdit is raised and nothing saved."""
    check_not_archived(state.assessment)
    owner, evidence_notes = owner.strip(), evidence_notes.strip()
    justification = justification.strip() if status == GapStatus.NOT_APPLICABLE else ""
    _check(state=state, framework_code=framework_code, obligation_code=obligation_code, status=status,
           justification=justification, owner=owner, evidence_notes=evidence_notes, due_date=due_date)
    try:
        links = clean_links(links)
    except ValidationError as exc:
        raise ValidationError({"links": exc.messages}) from None
    assessment = state.assessment
    values = {"status": status, "justification": justification, "owner": owner, "due_date": due_date,
              "evidence_notes": evidence_notes, "links": links}
    key = edit_key(assessment_id=assessment.pk, framework_code=framework_code, obligation_code=obligation_code)
    with transaction.atomic():
        item = (GapItem.objects.select_for_update()
                .filter(assessment=assessment, framework_code=framework_code, obligation_code=obligation_code).first())
        if item is None:
            item = GapItem(organization_id=assessment.organization_id, assessment=assessment,
                           framework_code=framework_code, obligation_code=obligation_code)
        elif all(getattr(item, name) == value for name, value in values.items()):
            return item  # nothing changed (a double submit, or the same change): no new history entry
        check_unchanged(instance=item, fields=EDITED_FIELDS, key=key, token=version)
        for name, value in values.items():
            setattr(item, name, value)
        item.updated_by = user
        item.updated_at = timezone.now()
        item._history_user = user  # also outside a request (the middleware covers requests)
        try:
            with transaction.atomic():  # a savepoint: a double submit may have created the row meanwhile
                item.save()
        except IntegrityError:
            item = (GapItem.objects.select_for_update()
                    .get(assessment=assessment, framework_code=framework_code, obligation_code=obligation_code))
            if all(getattr(item, name) == value for name, value in values.items()):
                return item
            check_unchanged(instance=item, fields=EDITED_FIELDS, key=key, token=version)
            for name, value in values.items():
                setattr(item, name, value)
            item.updated_by, item.updated_at, item._history_user = user, timezone.now(), user
            item.save()
    return item
