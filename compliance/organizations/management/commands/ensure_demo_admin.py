import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from compliance.organizations.models import Membership, Organization, Role


class Command(BaseCommand):
    help = "Create (or reset) the demo admin with a fresh random password, and print the credentials."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    @transaction.atomic
    def handle(self, *args, username, **options):
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"})
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        if not user.memberships.exists():
            organization = Organization.objects.create(name="Demo organization")
            Membership.objects.create(user=user, organization=organization, role=Role.OWNER)
        action = "Created" if created else "Reset the password of"
        self.stdout.write(f"{action} the demo admin. Sign in with username '{username}' and password '{password}'")
