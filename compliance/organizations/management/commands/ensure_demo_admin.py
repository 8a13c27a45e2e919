import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from compliance.organizations.models import Membership, Organization, Role


class Command(BaseCommand):
    help = ("Development only: create the demo admin and print its password once. Later runs keep the password; "
            "--new-password sets and prints a new one.")

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--new-password", action="store_true", help="Set a new random password and print it.")

    @transaction.atomic
    def handle(self, *args, username: str, new_password: bool, **options):
        if not settings.DEBUG:
            raise CommandError("The demo admin exists only in debug mode (DEBUG=1). "
                               "In production create the first admin with `manage.py createsuperuser`.")
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com", "is_staff": True, "is_superuser": True})
        if not user.memberships.exists():
            organization = Organization.objects.create(name="Demo organization")
            Membership.objects.create(user=user, organization=organization, role=Role.OWNER)
        if not (created or new_password):
            self.stdout.write(f"The demo admin '{username}' keeps the password printed when it was created; "
                              f"`manage.py ensure_demo_admin --new-password` sets a new one.")
            return
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save()
        action = "Created the demo admin" if created else "Set a new password for the demo admin"
        self.stdout.write(f"{action}. Sign in with username '{username}' and password '{password}'")
