from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frameworks.loader import default_paths, read_files
from frameworks.ruleset import RuleSetInvalid
from frameworks.services import import_rule_set_files


class Command(BaseCommand):
    help = "Load rule-set YAML files (all shipped files by default) in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="YAML files; default: frameworks/data/*/*.yaml")

    def handle(self, *args, paths, **options):
        paths = paths or default_paths()
        if not paths:
            raise CommandError("No rule-set files found.")
        try:
            outcomes = import_rule_set_files(files=read_files(paths))
        except RuleSetInvalid as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(exc.problems)} problem(s); nothing was loaded.") from None
        for outcome in outcomes:
            self.stdout.write(str(outcome))
