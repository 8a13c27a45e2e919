"""`manage.py compile_translations`: the .mo catalogs from the .po files, without Debian's gettext."""

from django.core.management.base import BaseCommand

from compliance.translations import compile_catalogs


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files with Babel (only those whose .po changed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile every catalog, changed or not.")

    def handle(self, *args, force: bool = False, **options):
        for path in compile_catalogs(force=force):
            self.stdout.write(f"compiled {path}")
