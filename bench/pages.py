"""Single-assessment pages in-process: time, queries and engine work per request (and optionally CPU instructions).

Usage: .venv/bin/python bench/pages.py [--assessments 200] [--iterations 20] [--pages results,section]
                                       [--profile DIR] [--instructions] [--reuse] [--keep]

Builds a scratch PostgreSQL database (BENCH_DATABASE, default ``bench_pages``, on the server of
DATABASE_URL) with the shipped rule sets and an organization like bench/load.py's (its first
assessment is on all four frameworks, with gap work), then requests each page with Django's test
client as a signed-in owner: the results page, a questionnaire section, an answer save (an htmx POST
that changes the answer each time, so every save does its real work) and the gap tracker, plus the
dashboard. Per page it prints the mean and median milliseconds, the queries per request, and how many
times per request the engine evaluated, computed visibility or compiled a rule set, the questionnaire
was merged and stored results were recomputed. These counts, the queries and the instructions are
repeatable on a busy machine; the times are not.

``--profile DIR`` writes a pyinstrument HTML profile per page. ``--instructions`` runs each page under
``valgrind --tool=callgrind`` twice (with 0 and with ``--iterations`` requests after the same warm-up)
and reports the difference per request: CPU instructions of the Django process (not PostgreSQL's).
Ends with one ``key=value`` line.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scratch import database_exists, database_name, database_urls, recreate_database  # noqa: E402

DATABASE_NAME = database_name("bench_pages")
PAGES = ("results", "section", "answer_save", "gap_tracker", "dashboard")
COUNTED = {  # (module, function): the name printed
    ("frameworks.engine", "evaluate"): "evaluations",
    ("frameworks.engine", "visibility"): "visibility",
    ("frameworks.ruleset", "compile_document"): "compilations",
    ("compliance.assessments.selectors", "_merge"): "merges",
    ("compliance.assessments.stored_results", "_rows_for"): "stored",
}


def _configure(database_url: str) -> None:
    os.environ.update({"DATABASE_URL": database_url, "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
                       "HTTPS": "0", "DEBUG": "0", "LOG_LEVEL": "WARNING",
                       "DJANGO_SETTINGS_MODULE": "compliance.settings", "ALLOWED_HOSTS": "testserver"})
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # Plain static file URLs: no collectstatic manifest is needed (production's manifest lookup is a dict read).
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()


def _build(assessments: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from bench.load import build_organization

    call_command("migrate", verbosity=0)
    call_command("load_rulesets", verbosity=0)
    user = get_user_model().objects.create_user("bench", password=None)
    build_organization(name="Large", systems=max(1, assessments * 2 // 5), assessments=assessments,
                       rng=random.Random(16), user=user)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _install_counters() -> Counter:
    """Count calls of the engine's entry points, wherever a module imported them by name."""
    import importlib

    counts: Counter = Counter()
    for (module_name, function_name), label in COUNTED.items():
        original = getattr(importlib.import_module(module_name), function_name)

        def counted(*args, __original=original, __label=label, **kwargs):
            counts[__label] += 1
            return __original(*args, **kwargs)

        for module in list(sys.modules.values()):
            name = getattr(module, "__name__", "")
            if (name.startswith(("compliance", "frameworks")) and getattr(module, function_name, None) is original):
                setattr(module, function_name, counted)
    return counts


def _requests(client, assessment, organization) -> dict:
    """Each page as a callable doing one request (the answer save flips its answer every time)."""
    from compliance.assessments import selectors
    from compliance.assessments.selectors import wizard_state

    remembered = getattr(selectors, "_evaluated", {})

    wizard = wizard_state(assessment)
    section = max(wizard.visible_sections, key=lambda s: len(wizard.visible_questions(s)))
    # The last yes/no question shown: flipping it changes results without hiding half the questionnaire.
    question = [q for s in wizard.visible_sections for q in wizard.visible_questions(s)
                if q.spec["type"] == "yes_no" and not q.spec.get("per_market")][-1]
    flip = {"value": bool(wizard.values.get(question.code))}
    headers = {"HTTP_HX_REQUEST": "true"}

    def answer_save():
        # Two answer sets alternate here; forget their evaluations, as a user giving new answers would.
        remembered.clear()
        flip["value"] = not flip["value"]
        return client.post(f"/assessments/{assessment.pk}/answers/{question.code}/", {
            "questionnaire": wizard.fingerprint, f"{question.code}-value": "yes" if flip["value"] else "no"},
            **headers)

    return {
        "results": lambda: client.get(f"/assessments/{assessment.pk}/"),
        "section": lambda: client.get(f"/assessments/{assessment.pk}/questions/{section.code}/"),
        "answer_save": answer_save,
        "gap_tracker": lambda: client.get(f"/assessments/{assessment.pk}/gaps/"),
        "dashboard": lambda: client.get(f"/dashboard/{organization.pk}/"),
    }


def _measure(pages: list[str], iterations: int, profile_dir: Path | None, *, marks: bool = False) -> dict[str, dict]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from compliance.organizations.models import Organization

    organization = Organization.objects.get(name="Large")
    assessment = organization.assessments.order_by("pk").first()
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench"))
    counts = _install_counters()
    calls = _requests(client, assessment, organization)
    out = {}
    for name in pages:
        for _ in range(2):  # warm: compiled rule sets, templates, stored results
            response = calls[name]()
            assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
        counts.clear()
        times = []
        with CaptureQueriesContext(connection) as captured:
            if marks:
                os.getppid()  # callgrind dumps its counters here (see _instructions)
            for _ in range(iterations):
                started = time.perf_counter()
                calls[name]()
                times.append(1000 * (time.perf_counter() - started))
            if marks:
                os.getppid()
        out[name] = {"mean_ms": statistics.mean(times) if times else 0.0,
                     "median_ms": statistics.median(times) if times else 0.0,
                     "queries": len(captured) / max(iterations, 1),
                     **{label: counts[label] / max(iterations, 1) for label in COUNTED.values()}}
        if profile_dir is not None:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(max(iterations, 1)):
                    calls[name]()
            profile_dir.mkdir(parents=True, exist_ok=True)
            (profile_dir / f"{name}.html").write_text(profiler.output_html())
            (profile_dir / f"{name}.txt").write_text(profiler.output_text(unicode=True, show_all=False))
    return out


def _instructions(pages: list[str], iterations: int) -> dict[str, float]:
    """Instructions per request of each page, from one run under callgrind.

    The run marks each page's measured requests by calling getppid() before and after them;
    ``--dump-before=getppid`` makes callgrind write its counters at each mark, so the second dump of a page
    holds exactly its requests.
    """
    with tempfile.TemporaryDirectory() as directory:
        out = Path(directory) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", "--dump-before=getppid", f"--callgrind-out-file={out}",
                        sys.executable, __file__, "--reuse", "--keep", "--pages", ",".join(pages),
                        "--iterations", str(iterations), "--quiet", "--marks"],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        totals = {}
        for index, page in enumerate(pages):
            text = Path(f"{out}.{2 * index + 2}").read_text()
            match = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
            assert match, "no instruction total in the callgrind output"
            totals[page] = int(match.group(1)) / iterations
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=200)
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--profile", type=Path, help="write pyinstrument profiles of each page here")
    parser.add_argument("--instructions", action="store_true", help="count CPU instructions with callgrind")
    parser.add_argument("--reuse", action="store_true", help="reuse the database of an earlier --keep run")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--quiet", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--marks", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    pages = [p for p in args.pages.split(",") if p]
    unknown = set(pages) - set(PAGES)
    if unknown:
        raise SystemExit(f"unknown pages: {', '.join(sorted(unknown))} (known: {', '.join(PAGES)})")

    server_url, database_url = database_urls(DATABASE_NAME, script="bench/pages.py")
    reuse = args.reuse and database_exists(server_url, DATABASE_NAME)
    if not reuse:
        recreate_database(server_url, DATABASE_NAME)
    _configure(database_url)
    if not reuse:
        started = time.perf_counter()
        _build(args.assessments)
        print(f"built the organization in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # a database kept by an earlier run, brought to this code's schema
    results = _measure(pages, args.iterations, args.profile, marks=args.marks)
    from django.db import connection

    connection.close()
    if args.quiet:
        return 0
    instructions = _instructions(pages, args.iterations) if args.instructions else {}
    if not args.keep:
        recreate_database(server_url, DATABASE_NAME, create=False)
    labels = list(COUNTED.values())
    print(f"{'page':12} {'mean ms':>8} {'median':>8} {'queries':>8} " + " ".join(f"{lb:>12}" for lb in labels)
          + (f" {'Minstr/req':>11}" if instructions else ""))
    for page, row in results.items():
        print(f"{page:12} {row['mean_ms']:8.1f} {row['median_ms']:8.1f} {row['queries']:8.1f} "
              + " ".join(f"{row[lb]:12.2f}" for lb in labels)
              + (f" {instructions[page] / 1e6:11.1f}" if instructions else ""))
    load = os.getloadavg()[0]
    print(" ".join([f"load_average={load:.2f}", *(
        f"{page}_ms={row['median_ms']:.1f} {page}_queries={row['queries']:g} {page}_evaluations={row['evaluations']:g}"
        + (f" {page}_minstr={instructions[page] / 1e6:.1f}" if instructions else "")
        for page, row in results.items())]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
