"""E-mail to a member who was assigned an action or an obligation, in the recipient's language."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def person_name(user) -> str:
    """How a member is named on pages and in e-mails."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def recipient_language(user) -> str:
    """The language the recipient chose in their profile if there is one, else the site's default."""
    profile = getattr(user, "profile", None)
    language = getattr(profile, "language", "") or getattr(user, "language", "")
    codes = {code for code, _name in settings.LANGUAGES}
    return language if language in codes else settings.LANGUAGE_CODE


def notify_assignment_on_commit(*, kind: str, pk: int, assigned_by) -> None:
    """Queue the e-mail once the assignment is committed (never for an assignment that was rolled back)."""
    from ..tasks import send_assignment_email  # tasks import the services

    by_id = assigned_by.pk if assigned_by is not None else None
    transaction.on_commit(lambda: send_assignment_email.delay(kind, pk, by_id))


def send_assignment_email(*, kind: str, pk: int, assigned_by_id: int | None, site_url: str = "") -> bool:
    """Send the e-mail for an assignment that still holds; returns whether one was sent."""
    from ..models import Action, GapItem

    obj: Action | GapItem | None
    if kind == "action":
        obj = Action.objects.select_related("assignee", "organization").filter(pk=pk).first()
        url = reverse("gaps:action", args=[pk]) if obj else ""
    else:
        item = GapItem.objects.select_related("assignee", "organization", "assessment__system").filter(pk=pk).first()
        url = reverse("gaps:edit", args=[item.assessment_id, item.framework_code, item.obligation_code]) if item else ""
        obj = item
    if obj is None or obj.assignee is None or not obj.assignee.email:
        return False
    assigned_by = get_user_model().objects.filter(pk=assigned_by_id).first() if assigned_by_id else None
    recipient = obj.assignee
    with translation.override(recipient_language(recipient)):
        context = {"object": obj, "kind": kind, "url": (site_url or settings.SITE_URL).rstrip("/") + url,
                   "assignee": person_name(recipient), "assigned_by": person_name(assigned_by),
                   "organization": obj.organization.name, "title": _title(obj, kind)}
        subject = _("Assigned to you: %(title)s") % {"title": context["title"]}
        body = render_to_string("gaps/email/assigned.txt", context)
    try:
        send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL,
                  recipient_list=[recipient.email])
    except OSError:
        logger.exception("Could not send the assignment e-mail for %s %s", kind, pk)
        return False
    return True


def _title(obj, kind: str) -> str:
    if kind == "action":
        return obj.title
    from compliance.assessments.selectors import pinned_rule_sets

    for rule_set in pinned_rule_sets(obj.assessment):
        if rule_set.framework_code == obj.framework_code:
            for obligation in rule_set.obligations:
                if obligation.code == obj.obligation_code:
                    return f"{obligation.spec['title']} ({obligation.spec['citation']})"
    return obj.obligation_code
