"""Writes for accounts and organizations: sign-up, members, invitations. Each write is atomic."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _

from compliance.concurrency import check_unchanged

from .models import Invitation, Membership, Organization, Role, UserProfile

logger = logging.getLogger(__name__)


ACCOUNT_TAKEN = gettext_lazy("An account with this email address was created meanwhile (a second click on the same link?). "
                  "Sign in with it, or reset its password.")
SIGN_UP_SALT = "compliance.organizations.sign-up"
SIGN_UP_LINK_LIFETIME = dt.timedelta(days=3)


def username_for(email: str) -> str:
    """Accounts made by sign-up are named by their address (lower case), so that no user name is chosen, and
    none can be probed; in the rare case an older account already has that name, a number is added."""
    base = email.strip().lower()[:140]
    users = get_user_model().objects
    candidate, n = base, 1
    while users.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@transaction.atomic
def sign_up(*, email: str, password: str, organization_name: str = "", username: str = "",
            language: str = "") -> User:
    """Create a user; with an organization name, also that organization with the user as its owner.

    User names and email addresses (case-insensitively, organizations/migrations/0002) are unique in the
    database, so a double submit creates one account and the other gets a ValidationError."""
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(username=username or username_for(email), email=email,
                                                        password=password)
    except IntegrityError:
        raise ValidationError(ACCOUNT_TAKEN) from None
    if language in dict(settings.LANGUAGES):  # the language the account was made in
        UserProfile.objects.create(user=user, language=language)
    if organization_name:
        create_organization(user=user, name=organization_name)
    return user


@dataclass(frozen=True)
class SignUpRequest:
    email: str
    organization_name: str


def sign_up_token(*, email: str, organization_name: str) -> str:
    """The signed, timestamped part of a confirmation link: nothing is stored until the link is used."""
    return signing.dumps({"email": email.strip(), "organization": organization_name}, salt=SIGN_UP_SALT)


def read_sign_up_token(token: str) -> SignUpRequest | None:
    """The request behind a confirmation link; None if it was tampered with or is older than its lifetime."""
    try:
        data = signing.loads(token, salt=SIGN_UP_SALT, max_age=SIGN_UP_LINK_LIFETIME)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("email"), str):
        return None
    return SignUpRequest(email=data["email"], organization_name=str(data.get("organization") or ""))


def account_exists(*, email: str) -> bool:
    return get_user_model().objects.filter(email__iexact=email.strip()).exists()


def request_sign_up(*, email: str, organization_name: str, confirm_url_for: Callable[[str], str], sign_in_url: str,
                    reset_url: str) -> None:
    """Step one of sign-up. Whatever the address, the caller shows the same page: a new address gets the link
    to confirm it (``confirm_url_for(token)``); an address that already has an account gets, instead, a
    message that someone tried to sign up with it, with the sign-in and password-reset links. Nothing is
    stored either way; a mail server that refuses is logged, not shown (it would tell the two cases apart)."""
    context: dict[str, object]
    if account_exists(email=email):
        template, subject = "registration/signup_existing_email.txt", _("Someone tried to sign up with your address")
        context = {"sign_in_url": sign_in_url, "reset_url": reset_url}
    else:
        template, subject = "registration/signup_confirm_email.txt", _("Confirm your address to create your account")
        context = {"confirm_url": confirm_url_for(sign_up_token(email=email, organization_name=organization_name)),
                   "organization_name": organization_name, "lifetime_days": SIGN_UP_LINK_LIFETIME.days}
    try:
        send_mail(subject=f"AI Compliance: {subject}", message=render_to_string(template, {"email": email, **context}),
                  from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[email])
    except OSError:
        logger.exception("Could not send the sign-up email")


@transaction.atomic
def create_organization(*, user, name: str) -> Organization:
    organization = Organization.objects.create(name=name)
    Membership.objects.create(user=user, organization=organization, role=Role.OWNER)
    return organization


# The fields of the settings form, checked for concurrent edits (compliance.concurrency).
SETTINGS_FIELDS = ("name",)


def settings_edit_key(organization: Organization) -> str:
    return f"organization:{organization.pk}"


@transaction.atomic
def rename_organization(*, organization: Organization, name: str, user=None, version: str = "") -> Organization:
    """Save the organization's settings. ``version`` is the form's compliance.concurrency token: if someone
    saved the settings after the form was opened, StaleEdit is raised and nothing is saved."""
    locked = Organization.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=organization.pk)
    if locked.name == name:
        return locked
    check_unchanged(instance=locked, fields=SETTINGS_FIELDS, key=settings_edit_key(organization), token=version)
    organization.name, organization.updated_at, organization.updated_by = name, timezone.now(), user
    organization.save(update_fields=["name", "updated_at", "updated_by"])
    return organization


@transaction.atomic
def invite_member(*, organization: Organization, invited_by, email: str, role: str) -> Invitation:
    """Create an invitation; an earlier open invitation of the same address is replaced."""
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already a member of %(organization)s.")
                              % {"email": email, "organization": organization})
    Invitation.objects.filter(organization=organization, email__iexact=email, accepted_at=None).delete()
    try:
        with transaction.atomic():  # one open invitation per address (a constraint): a double submit makes one
            return Invitation.objects.create(organization=organization, email=email, role=role, invited_by=invited_by)
    except IntegrityError:
        raise ValidationError(_("An invitation to %(email)s was sent a moment ago; it is in the list below.")
                              % {"email": email}) from None


def send_invitation_email(*, invitation: Invitation, accept_url: str) -> bool:
    """Email the invitation link. Returns False (and logs) if the mail server refused it."""
    context = {"invitation": invitation, "accept_url": accept_url}
    try:
        send_mail(
            subject=_("You are invited to %(organization)s on AI Compliance") % {"organization": invitation.organization},
            message=render_to_string("organizations/invitation_email.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[invitation.email],
        )
    except OSError:
        logger.exception("Could not send the invitation email to %s", invitation.email)
        return False
    return True


def revoke_invitation(*, invitation: Invitation) -> None:
    invitation.delete()


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user) -> Membership:
    """Join the invitation's organization with its role; an existing membership keeps its role."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(gettext("This invitation has expired or has already been used."))
    if not user.email or user.email.casefold() != invitation.email.casefold():
        raise ValidationError(gettext("This invitation was sent to %(email)s. Sign in with the account "
                                      "that uses that address to accept it.") % {"email": invitation.email})
    membership, _ = Membership.objects.get_or_create(
        user=user, organization=invitation.organization, defaults={"role": invitation.role})
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def sign_up_from_invitation(*, invitation: Invitation, password: str, username: str = "", language: str = ""):
    """Create an account for the invited address and join the organization (once: see sign_up)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_usable:
        raise ValidationError(gettext("This invitation has expired or has already been used."))
    user = sign_up(username=username, email=invitation.email, password=password, language=language)
    accept_invitation(invitation=invitation, user=user)
    return user


def _is_last_owner(membership: Membership) -> bool:
    if membership.role != Role.OWNER:
        return False
    owners = Membership.objects.select_for_update().filter(organization_id=membership.organization_id,
                                                           role=Role.OWNER)
    return len(owners) <= 1


@transaction.atomic
def change_member_role(*, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError(f"'{role}' is not a role.")
    if role != Role.OWNER and _is_last_owner(membership):
        raise ValidationError(gettext("An organization needs at least one owner; make someone else owner first."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(*, membership: Membership) -> None:
    if _is_last_owner(membership):
        raise ValidationError(gettext("An organization needs at least one owner; make someone else owner first."))
    membership.delete()


def save_language(*, user, language: str) -> None:
    """Remember the user's interface language (a code from settings.LANGUAGES, or "" to follow the browser)."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(gettext("Unknown language %(code)r.") % {"code": language})
    UserProfile.objects.update_or_create(user=user, defaults={"language": language})


def note_portfolio_change(*, organization_id: int) -> None:
    """Count a change the organization's portfolio pages show (compliance.gaps.kept_pages).

    Inside the caller's transaction, so the count commits with the change, and concurrent counts wait for
    each other: a page that reads a count reads every change counted up to it. (The newest-change timestamps
    the pages also read can miss a change: a transaction that took its timestamp earlier may commit later.)
    The organization's row stays locked until the caller commits: callers count after taking their other locks."""
    Organization.objects.filter(pk=organization_id).update(portfolio_changes=F("portfolio_changes") + 1)
