import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frameworks.engine import InvalidAnswers, evaluate
from frameworks.selectors import compiled_ruleset, versions_in_force


class Command(BaseCommand):
    help = ("Classify an AI system from a JSON file of answers ({question_code: value} or {\"answers\": {...}}) "
            "and print the result as JSON, using the published rule sets in force on the date.")

    def add_arguments(self, parser):
        parser.add_argument("answers", type=Path, help="JSON file; '-' reads standard input")
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD; default today")
        parser.add_argument("--frameworks", nargs="+", default=None, help="Framework codes; default all")

    def handle(self, *args, answers, as_of, frameworks, **options):
        as_of = as_of or dt.date.today()
        try:
            raw = self.stdin.read() if str(answers) == "-" else answers.read_text(encoding="utf-8")
            data = json.loads(raw)
        except OSError as exc:
            raise CommandError(f"Cannot read {answers}: {exc.strerror}") from None
        except json.JSONDecodeError as exc:
            raise CommandError(f"{answers} is not valid JSON: {exc}") from None
        if isinstance(data, dict) and isinstance(data.get("answers"), dict):
            data = data["answers"]
        if not isinstance(data, dict):
            raise CommandError("The answers file must hold a JSON object of question codes to values.")
        versions = versions_in_force(as_of=as_of, framework_codes=frameworks)
        missing = sorted(set(frameworks or []) - {v.framework.code for v in versions})
        if missing:
            raise CommandError(f"No published rule set in force on {as_of} for: {', '.join(missing)}")
        if not versions:
            raise CommandError(f"No published rule sets in force on {as_of}. Run `manage.py load_rulesets` first.")
        rule_sets = [compiled_ruleset(v) for v in versions]
        try:
            result = evaluate(rule_sets, data, as_of)
        except InvalidAnswers as exc:
            raise CommandError("Invalid answers:\n" + "\n".join(f"  {p}" for p in exc.problems)) from None
        self.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False, default=str))
