"""Load test: each page under 1, 10 and 50 concurrent users, compared with the landing page in the same run.

Usage: .venv/bin/python bench/load.py [--systems 2000] [--assessments 5000] [--duration 20] [--port 8171]
                                      [--connections 1,10,50] [--pages dashboard,results] [--keep] [--reuse]

Needs PostgreSQL (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432) and Debian's
``wrk`` (``apt-get install wrk``). It creates a scratch database (BENCH_DATABASE, default
``bench_load``), loads the shipped rule sets, builds a large organization (2,000 systems and 5,000
assessments across the four frameworks, with answers, stored results and gap work) and a small one
(20 systems, 40 assessments), starts gunicorn with two sync workers against it, signs a member in,
and drives every page with wrk for ``--duration`` seconds per point. It prints requests/s, p50 and
p95 per page and point, the ratio of each page's p95 to the landing page's p95 at the same
concurrency, and ends with one ``key=value`` line. Non-2xx answers or socket errors are reported and
make the run fail, so a page that errors cannot look fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scratch import database_name, database_urls, recreate_database  # noqa: E402

DATABASE_NAME = database_name("bench_load")
AS_OF = dt.date(2026, 11, 22)
FRAMEWORK_MIXES = [  # (frameworks, share of assessments)
    (("eu-ai-act", "jp-ai-guidelines", "kr-ai-basic-act", "us-federal"), 0.3),
    (("eu-ai-act",), 0.25),
    (("eu-ai-act", "kr-ai-basic-act"), 0.2),
    (("jp-ai-guidelines", "kr-ai-basic-act"), 0.15),
    (("us-federal",), 0.1),
]
OWNERS = ["Dana", "Jun", "Mika", "Priya", "Sam", "Legal team", "ML platform"]
WRK_SCRIPT = r"""
local body = os.getenv("BENCH_BODY")
local cookie = os.getenv("BENCH_COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")
  wrk.headers["HX-Request"] = "true"
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"socket_errors": %d, "non_2xx": %d}\n', summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(95), e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def _environment(database_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only"),
            "HTTPS": "0", "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "compliance.settings", "REDIS_URL": ""}


def _random_answers(rule_sets, rng: random.Random) -> dict:
    """Valid answers to the questions the merged questionnaire shows, varied so tiers, roles and dates differ."""
    from frameworks.engine import visibility

    answers: dict = {}
    seen = set()
    for rule_set in rule_sets:
        for question in rule_set.questions:
            if question.code in seen or rng.random() < 0.1:
                continue
            seen.add(question.code)
            if question.type == "yes_no":
                answers[question.code] = rng.random() < 0.5
            elif question.type == "single_choice":
                answers[question.code] = rng.choice(sorted(question.choices))
            elif question.type == "multiple_choice":
                answers[question.code] = rng.sample(sorted(question.choices), k=rng.randint(0, min(2, len(question.choices))))
            elif question.type == "number":
                answers[question.code] = question.minimum if question.minimum is not None else 0
            elif question.type == "date":
                answers[question.code] = "2025-06-01"
    for code in ("is_ai_system", "eu_places_on_market", "eu_established", "org_develops_system", "org_offers_system",
                 "kr_affects_korea", "jp_business_use"):
        if code in seen:
            answers[code] = True
    if rng.random() < 0.5 and "use_areas" in seen:
        answers["use_areas"] = sorted({*answers.get("use_areas", []), "employment"})
        answers["employment_uses"] = ["recruitment"]
    for _ in range(3):  # answers that a later answer hides are dropped, as the questionnaire would
        shown = visibility(rule_sets, answers)
        answers = {code: value for code, value in answers.items() if shown.get(code)}
    return answers


def build_organization(*, name: str, systems: int, assessments: int, rng: random.Random, user) -> dict:
    """Systems, assessments pinned to the versions in force, answers, stored results and some gap work."""
    from compliance.assessments.models import AISystem, Answer, Assessment, ObligationSummary, PinnedVersion
    from compliance.assessments.stored_results import refresh_results
    from compliance.gaps.models import GapItem, GapStatus
    from compliance.organizations.models import Membership, Organization
    from frameworks.selectors import compiled_ruleset, versions_in_force

    organization = Organization.objects.create(name=name)
    Membership.objects.create(user=user, organization=organization, role="owner")
    versions = {v.framework.code: v for v in versions_in_force(as_of=AS_OF)}
    mixes = [tuple(code for code in mix if code in versions) for mix, _ in FRAMEWORK_MIXES]
    weights = [share for _, share in FRAMEWORK_MIXES]
    profiles = {mix: [_random_answers([compiled_ruleset(versions[c]) for c in mix], rng) for _ in range(60)]
                for mix in mixes}
    system_rows = AISystem.objects.bulk_create([
        AISystem(organization=organization, name=f"{name} system {i:04}", purpose="Screens job applications.",
                 owner=rng.choice(OWNERS), markets=["eu", "kr", "us", "jp"]) for i in range(systems)])
    chosen = [mixes[0]] + rng.choices(mixes, weights=weights, k=assessments - 1)
    assessment_rows = Assessment.objects.bulk_create([
        Assessment(organization=organization, system=system_rows[i % systems], as_of=AS_OF,
                   label="" if i % 3 else f"Review {i // systems + 1}") for i in range(assessments)])
    PinnedVersion.objects.bulk_create([
        PinnedVersion(assessment=a, framework=versions[c].framework, version=versions[c])
        for a, mix in zip(assessment_rows, chosen, strict=True) for c in mix], batch_size=5000)
    Answer.objects.bulk_create([
        Answer(assessment=a, question_code=code, value=value)
        for a, mix in zip(assessment_rows, chosen, strict=True) for code, value in rng.choice(profiles[mix]).items()],
        batch_size=5000)
    started = time.perf_counter()
    ids = [a.pk for a in assessment_rows]
    for start in range(0, len(ids), 250):
        refresh_results(assessment_ids=ids[start:start + 250])
    stored_seconds = time.perf_counter() - started
    gaps = []
    applicable = list(ObligationSummary.objects.filter(organization=organization)
                      .values_list("assessment_id", "framework_code", "obligation_code"))
    for assessment_id, framework_code, obligation_code in rng.sample(applicable, k=min(len(applicable),
                                                                                       assessments * 2)):
        status = rng.choice([GapStatus.MET, GapStatus.IN_PROGRESS, GapStatus.NOT_STARTED])
        gaps.append(GapItem(organization=organization, assessment_id=assessment_id, framework_code=framework_code,
                            obligation_code=obligation_code, status=status, owner=rng.choice(OWNERS),
                            due_date=AS_OF + dt.timedelta(days=rng.randint(-200, 200))))
    GapItem.objects.bulk_create(gaps, batch_size=5000, ignore_conflicts=True)
    return {"organization": organization, "first": assessment_rows[0], "stored_seconds": stored_seconds,
            "versions": versions}


def _prepare(args) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from compliance.assessments.selectors import wizard_state
    from compliance.organizations.models import Organization

    if args.reuse and Organization.objects.filter(name="Large").exists():
        large = {"organization": Organization.objects.get(name="Large"), "stored_seconds": None}
        large["first"] = large["organization"].assessments.order_by("pk").first()
        user = get_user_model().objects.get(username="bench")
    else:
        call_command("migrate", verbosity=0)
        call_command("load_rulesets", verbosity=0)
        user = get_user_model().objects.create_user("bench", password=None)
        rng = random.Random(args.seed)
        started = time.perf_counter()
        large = build_organization(name="Large", systems=args.systems, assessments=args.assessments, rng=rng,
                                    user=user)
        build_organization(name="Small", systems=20, assessments=40, rng=rng,
                            user=get_user_model().objects.create_user("bench-small", password=None))
        print(f"built the organizations in {time.perf_counter() - started:.0f} s (stored results of "
              f"{args.assessments} assessments: {large['stored_seconds']:.1f} s)", file=sys.stderr)
        from django.db import connection

        with connection.cursor() as cursor:  # as autovacuum would have by the time people use the data
            cursor.execute("VACUUM ANALYZE")
    client = Client()
    client.force_login(user)
    session = client.cookies["sessionid"].value
    organization, assessment = large["organization"], large["first"]
    wizard = wizard_state(assessment)
    section = wizard.visible_sections[0]
    # The last yes/no question shown (the first section may ask none, e.g. only the markets).
    question = [q for s in wizard.visible_sections for q in wizard.visible_questions(s)
                if q.spec["type"] == "yes_no" and not q.spec.get("per_market")][-1]
    current = wizard.answers.get(question.code)
    csrf = "b" * 32
    return {
        "cookie": f"sessionid={session}; csrftoken={csrf}; django_language=en", "csrf": csrf,
        "session": session, "stored_seconds": large.get("stored_seconds"),
        "pages": {
            "healthz": ("/healthz", None),
            "landing": ("/", None),
            "results": (f"/assessments/{assessment.pk}/", None),
            "section": (f"/assessments/{assessment.pk}/questions/{section.code}/", None),
            "answer_save": (f"/assessments/{assessment.pk}/answers/{question.code}/", urlencode({
                "questionnaire": wizard.fingerprint,
                f"{question.code}-value": "yes" if current is not None and current.value else "no"})),
            "gap_tracker": (f"/assessments/{assessment.pk}/gaps/", None),
            "dashboard": (f"/dashboard/{organization.pk}/", None),
            "assessments": ("/assessments/", None),
            "systems": ("/systems/", None),
        },
    }


def _start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "compliance.wsgi", "--workers", "2", "--worker-class",
         "sync", "--bind", f"127.0.0.1:{port}", "--backlog", "2048", "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 60 seconds")


def _check(port: int, setup: dict) -> None:
    """Every page answers 200 for the signed-in member before it is measured."""
    for name, (path, body) in setup["pages"].items():
        headers = {} if path in ("/", "/healthz") else {"Cookie": setup["cookie"]}
        if body:
            headers.update({"X-CSRFToken": setup["csrf"], "HX-Request": "true",
                            "Content-Type": "application/x-www-form-urlencoded"})
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body.encode() if body else None,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                if response.status != 200 or "/login" in response.geturl():
                    raise SystemExit(f"{name}: HTTP {response.status} at {response.geturl()}")
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"{name} ({path}): HTTP {exc.code}") from exc


def _wrk(port: int, path: str, body: str | None, connections: int, duration: int, setup: dict,
         script: Path) -> dict:
    public = path in ("/", "/healthz")  # the landing page as a visitor sees it
    env = {**os.environ, "BENCH_COOKIE": "" if public else setup["cookie"], "BENCH_BODY": body or "", "BENCH_CSRF": setup["csrf"]}
    output = subprocess.run(
        ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s", "--timeout", "60s",
         "-s", str(script), f"http://127.0.0.1:{port}{path}"], env=env, capture_output=True, text=True, check=True)
    line = next(line for line in output.stdout.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", type=int, default=2000)
    parser.add_argument("--assessments", type=int, default=5000)
    parser.add_argument("--duration", type=int, default=20, help="seconds per page and concurrency")
    parser.add_argument("--connections", default="1,10,50")
    parser.add_argument("--pages", default="", help="comma-separated subset of the pages (landing is always run)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8171")))
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--reuse", action="store_true", help="reuse a database kept by --keep")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("bench/load.py needs wrk: apt-get install wrk")

    server_url, database_url = database_urls(DATABASE_NAME, script="bench/load.py")
    if not args.reuse:
        recreate_database(server_url, DATABASE_NAME)
    env = _environment(database_url)
    os.environ.update({k: v for k, v in env.items() if k != "REDIS_URL"})
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    setup = _prepare(args)
    from django.core.management import call_command
    from django.db import connection

    call_command("collectstatic", interactive=False, verbosity=0)  # gunicorn runs without DEBUG: hashed files

    connection.close()
    server = _start_gunicorn(env, args.port)
    results: dict[tuple[str, int], dict] = {}
    failed = []
    try:
        _check(args.port, setup)
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(WRK_SCRIPT)
        pages = dict(setup["pages"])
        if args.pages:
            wanted = {"landing", *args.pages.split(",")}
            pages = {k: v for k, v in pages.items() if k in wanted}
        for path, body in pages.values():  # warm both workers: compiled rule sets, templates, connections
            _wrk(args.port, path, body, 2, min(3, args.duration), setup, script)
        for connections in [int(c) for c in args.connections.split(",")]:
            for name, (path, body) in pages.items():
                result = _wrk(args.port, path, body, connections, args.duration, setup, script)
                results[(name, connections)] = result
                if not result["requests"]:
                    failed.append(f"{name}@{connections}: no request finished within {args.duration} s")
                if result["non_2xx"] or result["socket_errors"]:
                    failed.append(f"{name}@{connections}: {result['non_2xx']} non-2xx, "
                                  f"{result['socket_errors']} socket errors")
                print(f"{name:12} c={connections:<3} {result['rps']:8.1f} rps  p50 {result['p50_us'] / 1000:8.1f} ms"
                      f"  p95 {result['p95_us'] / 1000:8.1f} ms", file=sys.stderr, flush=True)
        script.unlink()
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.keep:
            recreate_database(server_url, DATABASE_NAME, create=False)

    levels = sorted({c for _, c in results})
    print(f"\n{'page':12} {'users':>5} {'req/s':>9} {'p50 ms':>9} {'p95 ms':>9} {'p95/landing':>12}")
    worst = ("", 0.0)
    for name in pages:
        for connections in levels:
            result = results[(name, connections)]
            landing = results[("landing", connections)]["p95_us"] or 1
            ratio = result["p95_us"] / landing
            if connections == max(levels) and name not in ("healthz", "landing") and (
                    ratio > worst[1] or not result["requests"]):
                worst = (name, float("inf") if not result["requests"] else ratio)
                if not result["requests"]:
                    ratio = float("inf")
            print(f"{name:12} {connections:>5} {result['rps']:9.1f} {result['p50_us'] / 1000:9.1f} "
                  f"{result['p95_us'] / 1000:9.1f} {ratio:12.2f}")
    top = max(levels)
    within = sum(1 for name in pages if name not in ("healthz", "landing") and results[(name, top)]["requests"]
                 and results[(name, top)]["p95_us"] <= 3 * results[("landing", top)]["p95_us"])
    measured = sum(1 for name in pages if name not in ("healthz", "landing"))
    for problem in failed:
        print(f"ERROR {problem}", file=sys.stderr)
    print(f"\nassessments={args.assessments} users={top} landing_p95_ms={results[('landing', top)]['p95_us'] / 1000:.1f} "
          f"worst_page={worst[0]} worst_p95_ratio={worst[1]:.2f} pages_within_3x={within}/{measured} "
          f"errors={len(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
