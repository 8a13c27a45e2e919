"""Re-evaluate generated assessments against a newly published rule-set version with two Celery workers.

Usage: .venv/bin/python bench/reevaluate.py [--assessments 10000] [--keep]

Needs PostgreSQL and Redis (real worker processes cannot share an in-memory database or
broker). It creates a scratch database (``bench_reevaluate`` on the server of
DATABASE_URL, default postgres://postgres@127.0.0.1:5432), loads the shipped rule sets,
generates assessments pinned to the EU AI Act version in force with varied valid
answers, publishes a new version (one date moved, one obligation dropped) and times the
batch re-evaluation from the publish task until every assessment has its stored
"rules updated" result and its own stored results (computed in the same pass: the generated
assessments start without any, the worst case). Prints
``assessments=… seconds=… per_assessment_ms=… stored_results=…`` last.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scratch import database_name, database_urls, recreate_database  # noqa: E402

DATABASE_NAME = database_name("bench_reevaluate")
WORKERS = 2


def _configure(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("HTTPS", "0")
    os.environ["DJANGO_SETTINGS_MODULE"] = "compliance.settings"
    os.environ["LOG_LEVEL"] = "WARNING"
    import django

    django.setup()


def _random_answers(rule_set, rng: random.Random) -> dict:
    """Valid answers to the visible questions, varied so that tiers, roles and dates differ."""
    from frameworks.engine import visibility

    answers: dict = {}
    for question in rule_set.questions:
        if rng.random() < 0.15:
            continue
        if question.type == "yes_no":
            answers[question.code] = rng.random() < 0.5
        elif question.type == "single_choice":
            answers[question.code] = rng.choice(sorted(question.choices))
        elif question.type == "multiple_choice":
            answers[question.code] = rng.sample(sorted(question.choices), k=rng.randint(0, min(2, len(question.choices))))
        elif question.type == "number":
            low = question.minimum if question.minimum is not None else 0
            answers[question.code] = low
        elif question.type == "date":
            answers[question.code] = "2025-06-01"
    # Scope facts most EU assessments share, and recruitment tools in half of them, so the rules have work to do.
    asked = {q.code for q in rule_set.questions}
    for code in ("is_ai_system", "builds_system", "offers_system"):
        if code in asked:
            answers[code] = True
    for code in ("established_in", "offer_markets"):
        if code in asked:
            answers[code] = ["eu"]
    if "assessed_subject" in asked:
        answers["assessed_subject"] = "system"
    if rng.random() < 0.5 and {"sensitive_areas", "employment_uses"} <= asked:
        answers["sensitive_areas"] = sorted({*answers.get("sensitive_areas", []), "employment"})
        answers["employment_uses"] = ["recruitment"]
    shown = visibility([rule_set], answers)
    return {code: value for code, value in answers.items() if shown.get(code)}


def _generate(count: int, seed: int) -> tuple[object, int]:
    """Create ``count`` assessments on the EU version in force; return (version, count)."""
    from django.contrib.auth import get_user_model

    from compliance.assessments.models import AISystem, Answer, Assessment, PinnedVersion
    from compliance.organizations.models import Membership, Organization
    from frameworks.selectors import compiled_ruleset, latest_published

    version = latest_published(framework_code="eu-ai-act")
    rule_set = compiled_ruleset(version)
    rng = random.Random(seed)
    profiles = [_random_answers(rule_set, rng) for _ in range(200)]
    user = get_user_model().objects.create_user("bench", password=None)
    organizations = Organization.objects.bulk_create([Organization(name=f"Bench org {i}") for i in range(count // 100 + 1)])
    Membership.objects.bulk_create([Membership(user=user, organization=o, role="owner") for o in organizations])
    systems = AISystem.objects.bulk_create([
        AISystem(organization=organizations[i // 100], name=f"System {i}", markets=["eu"]) for i in range(count)])
    as_of = dt.date(2026, 11, 22)
    assessments = Assessment.objects.bulk_create([
        Assessment(organization_id=s.organization_id, system=s, as_of=as_of) for s in systems])
    PinnedVersion.objects.bulk_create([
        PinnedVersion(assessment=a, framework_id=version.framework_id, version=version) for a in assessments],
        batch_size=2000)
    answers = [Answer(assessment=a, question_code=code, value=value)
               for i, a in enumerate(assessments) for code, value in profiles[i % len(profiles)].items()]
    Answer.objects.bulk_create(answers, batch_size=5000)
    return version, len(assessments)


def _new_version(version):
    """A draft of the version in force with one date moved and one obligation dropped, published."""
    from compliance.upgrades.models import Publication
    from frameworks.models import CrosswalkLink
    from frameworks.services import create_draft_from, publish_version

    draft = create_draft_from(version=version, label="bench-2",
                              in_force_from=version.in_force_from + dt.timedelta(days=1))
    obligation = draft.obligations.get(code="art9-risk-management")
    obligation.applies_from = [*obligation.applies_from[:-1], {**obligation.applies_from[-1], "date": "2028-06-01"}]
    obligation.save()
    dropped = draft.obligations.exclude(code="art9-risk-management").order_by("-position").first()
    CrosswalkLink.objects.filter(version=draft, obligation_code=dropped.code).delete()
    dropped.delete()
    published = publish_version(version=draft)
    return Publication.objects.create(version=published)


def _start_workers() -> list[subprocess.Popen]:
    from compliance.celery import app

    app.control.purge()
    workers = [subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "compliance", "worker", "--concurrency=1", "--pool=prefork",
         "--loglevel=WARNING", "--without-gossip", "--without-mingle", f"--hostname=bench{n}@%h"],
        cwd=ROOT, env=os.environ.copy()) for n in range(1, WORKERS + 1)]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=1.0) or []
        if len(replies) >= WORKERS:
            return workers
    _stop(workers)
    raise SystemExit("the Celery workers did not start within 60 seconds")


def _stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    args = parser.parse_args()

    server_url, database_url = database_urls(DATABASE_NAME, script="bench/reevaluate.py")
    recreate_database(server_url, DATABASE_NAME)
    _configure(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("load_rulesets", verbosity=0)
    started = time.perf_counter()
    version, count = _generate(args.assessments, args.seed)
    print(f"generated {count} assessments in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    publication = _new_version(version)

    from compliance.upgrades.models import Publication, RulesUpdate
    from compliance.upgrades.tasks import reevaluate_after_publication

    workers = _start_workers()
    try:
        started = time.perf_counter()
        reevaluate_after_publication.delay(publication.pk)
        while True:
            time.sleep(0.2)
            done = Publication.objects.filter(pk=publication.pk).values_list("assessments_done", flat=True).get()
            if done >= count:
                break
            if time.perf_counter() - started > 600:
                raise SystemExit(f"timed out after 600 s with {done} of {count} re-evaluated")
        seconds = time.perf_counter() - started
    finally:
        _stop(workers)
    stored = RulesUpdate.objects.filter(to_version=publication.version).count()
    changed = sum(1 for c in RulesUpdate.objects.filter(to_version=publication.version).values_list("changes", flat=True)
                  if c["obligations"] or c["tiers_added"] or c["tiers_removed"])
    print(f"stored {stored} results; {changed} assessments see a change", file=sys.stderr)
    from compliance.assessments.models import ResultSummary

    summaries = ResultSummary.objects.count()
    connection.close()
    if not args.keep:
        recreate_database(server_url, DATABASE_NAME, create=False)
    print(f"assessments={count} seconds={seconds:.2f} per_assessment_ms={1000 * seconds / count:.3f} "
          f"stored_results={summaries}")
    return 0 if stored == count and summaries == count else 1


if __name__ == "__main__":
    sys.exit(main())
