import datetime as dt
import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frameworks.engine import InvalidAnswers, evaluate
from frameworks.selectors import compiled_ruleset, versions_in_force

MAX_FILE_CHARS = 5_000_000
MAX_NESTING = 8  # answers are values, lists of codes, or {"answers": {...}}
MAX_NUMBER_DIGITS = 30


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise CommandError(f"A number in the answers has {len(text.lstrip('-')):,} digits; at most "
                           f"{MAX_NUMBER_DIGITS} are allowed.")
    return int(text)


def _nesting(value, limit: int) -> int:
    """How deeply lists and objects nest in ``value`` (stops counting past ``limit``)."""
    stack, deepest = [(value, 1)], 0
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            if deepest > limit:
                return deepest
            stack.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def read_answers(path: Path, stdin) -> object:
    """The parsed answers file; every way it can be unreadable is a CommandError of one line."""
    try:
        raw = stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path} is not UTF-8 text (byte {exc.object[exc.start]:#04x} at offset {exc.start}); "
                           "save it as UTF-8.") from None
    if len(raw) > MAX_FILE_CHARS:
        raise CommandError(f"{path} has {len(raw):,} characters; at most {MAX_FILE_CHARS:,} are allowed.")
    try:
        data = json.loads(raw, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path} is not valid JSON: {exc}") from None
    except RecursionError:
        raise CommandError(f"{path} nests lists or objects more than {MAX_NESTING} levels deep.") from None
    except ValueError as exc:  # e.g. a float literal Python cannot convert
        raise CommandError(f"{path} holds a value that cannot be read: {str(exc)[:200]}") from None
    if _nesting(data, MAX_NESTING) > MAX_NESTING:
        raise CommandError(f"{path} nests lists or objects more than {MAX_NESTING} levels deep.")
    return data


class Command(BaseCommand):
    help = ("Classify an AI system from a JSON file of answers ({question_code: value} or {\"answers\": {...}}) "
            "and print the result as JSON, using the published rule sets in force on the date.")

    def add_arguments(self, parser):
        parser.add_argument("answers", type=Path, help="JSON file; '-' reads standard input")
        parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD; default today")
        parser.add_argument("--frameworks", nargs="+", default=None, help="Framework codes; default all")

    def handle(self, *args, answers, as_of, frameworks, **options):
        as_of = as_of or dt.date.today()
        data = read_answers(answers, getattr(self, "stdin", sys.stdin))
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
