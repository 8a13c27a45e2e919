"""Time the PDF gap report of a full four-framework assessment.

Usage: .venv/bin/python bench/report.py [--runs N] [--keep FILE] [--typical] [--language en|ko|ja]

Sets up a scratch SQLite database (unless DATABASE_URL is set), loads the shipped rule
sets, and builds an assessment under every framework whose answers make as many
obligations apply as possible (every choice of a multiple-choice question may be ticked;
with --typical at most one is), with a gap status, owner, due date, notes and links on
each applicable obligation; the report lists every obligation, applicable or not.
A separate process then plays the Celery worker: it renders the report once to warm up,
then N times, each time also timing WeasyPrint alone on the same HTML.
Prints its figures last, as one line:
    pages=… seconds=… weasyprint_seconds=… ratio=… peak_mb=…
seconds and weasyprint_seconds are medians of warm runs (wall clock): the worker's whole
generation (state, content, HTML and the PDF)
and WeasyPrint alone rendering the same (tagged, PDF/UA) report; ratio is their quotient.
peak_mb is the highest memory (proportional set size) of the worker, sampled every 10 ms
in a separate pass of two reports. The line before gives the CPU seconds of the worker process itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
AS_OF = dt.date(2026, 11, 22)


def _django(var_dir: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "compliance.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("HTTPS", "0")
    os.environ["VAR_DIR"] = var_dir
    os.environ.pop("REDIS_URL", None)  # the parent only prepares data; the child renders in-process
    import django

    django.setup()


# --- the parent: data ---------------------------------------------------------------------


def _candidates(question, typical: bool) -> list:
    spec = question.spec
    if question.type == "yes_no":
        return [True, False]
    choices = [c["code"] for c in spec["choices"]]
    if question.type == "single_choice":
        return choices
    if question.type == "multiple_choice":
        if typical:
            return [[]] + [[c] for c in choices]
        return [choices] + [[c for c in choices if c != left_out] for left_out in choices] + [[c] for c in choices]
    if question.type == "number":
        values = [v for v in (spec.get("minimum"), spec.get("maximum")) if v is not None]
        return values + [0, 1, 1000, 1e6, 1e26]
    if question.type == "date":
        return [(AS_OF - dt.timedelta(days=365)).isoformat(), (AS_OF + dt.timedelta(days=365)).isoformat()]
    return ["Benchmark answer text: 인공지능 시스템 / AIシステム"]


def greedy_answers(rule_sets, *, typical: bool) -> dict:
    """Answers that make as many obligations apply as a greedy pass over the questions finds."""
    from frameworks.engine import NOT_APPLICABLE, answer_problem, evaluate, visibility

    def applicable(answers: dict) -> int:
        shown = visibility(rule_sets, answers)
        used = {k: v for k, v in answers.items() if shown.get(k)}
        results = evaluate(rule_sets, used, AS_OF).results.values()
        return sum(o.status != NOT_APPLICABLE for r in results for o in r.obligations)

    questions = {}
    for rule_set in rule_sets:
        for q in rule_set.questions:
            questions.setdefault(q.code, q)
    answers: dict = {}
    for _ in range(2):  # a second pass revisits questions that earlier answers revealed
        for code, question in questions.items():
            if not visibility(rule_sets, answers).get(code):
                continue
            best, best_count = None, -1
            for value in _candidates(question, typical):
                if answer_problem(question, value):
                    continue
                count = applicable({**answers, code: value})
                if count > best_count:
                    best, best_count = value, count
            answers[code] = best
    shown = visibility(rule_sets, answers)
    return {k: v for k, v in answers.items() if shown.get(k)}


def prepare(*, typical: bool, language: str = "en") -> int:
    """Create the full assessment and a queued report; return the report's id."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from compliance.assessments.selectors import assessment_state, pinned_rule_sets
    from compliance.assessments.services import create_system, save_answers, start_assessment
    from compliance.gaps.models import GapStatus
    from compliance.gaps.selectors import assessment_gaps
    from compliance.gaps.services import record_gap
    from compliance.organizations.models import Membership, Organization, Role
    from compliance.reports.models import Report
    from compliance.reports.selectors import pinned_versions
    from frameworks.models import Framework

    call_command("migrate", verbosity=0)
    call_command("load_rulesets", verbosity=0)
    user = get_user_model().objects.create_user("bench", password="bench-only-password")
    organization = Organization.objects.create(name="벤치마크 주식회사 (Benchmark Corp.)")
    Membership.objects.create(user=user, organization=organization, role=Role.OWNER)
    system = create_system(organization=organization, user=user, name="채용 심사 AI / 採用審査AI (Hiring screener)",
                           description="Screens job applications, ranks candidates and chats with applicants.",
                           purpose="Recruitment", owner="HR operations", markets=["eu", "kr", "us", "jp"])
    codes = list(Framework.objects.values_list("code", flat=True))
    assessment = start_assessment(system=system, user=user, framework_codes=codes, as_of=AS_OF)
    answers = greedy_answers(pinned_rule_sets(assessment), typical=typical)
    save_answers(assessment=assessment, user=user, changes={
        code: {"value": value, "note": f"Confirmed with the product team ({code})."} for code, value in answers.items()})
    state = assessment_state(assessment)
    gaps = assessment_gaps(state=state, today=AS_OF)
    statuses = [GapStatus.MET, GapStatus.IN_PROGRESS, GapStatus.NOT_STARTED, GapStatus.IN_PROGRESS]
    for index, row in enumerate(gaps.rows):
        status = statuses[index % len(statuses)]
        record_gap(state=state, user=user, framework_code=row.framework_code, obligation_code=row.code,
                   status=status, owner=["Legal", "HR operations", "ML platform"][index % 3],
                   due_date=AS_OF + dt.timedelta(days=30 * (index % 12) - 60),
                   evidence_notes="Policy v2 approved by the board; training records kept by HR.",
                   links=[f"https://intranet.example.com/evidence/{row.code}"])
    total = sum(len(r.obligations) for r in state.evaluation.results.values())
    print(f"assessment: {len(state.rule_sets)} frameworks, {len(answers)} answers, {len(gaps.rows)} of {total} "
          "obligations apply", flush=True)
    report = Report.objects.create(organization=organization, assessment=assessment, requested_by=user,
                                   state_hash="bench", rule_set_versions=pinned_versions(state=state),
                                   language=language)
    return report.pk


# --- the child: the worker ----------------------------------------------------------------


def render_runs(report_id: int, runs: int) -> dict:
    from django.utils import timezone, translation

    from compliance.assessments.selectors import assessment_state
    from compliance.gaps.selectors import assessment_gaps
    from compliance.reports.content import report_content
    from compliance.reports.documents import report_html
    from compliance.reports.models import Report
    from compliance.reports.rendering import write_pdf
    from compliance.reports.services import generate_report

    template = Report.objects.get(pk=report_id)

    def fresh_report() -> int:
        template.pk = None
        template.status = Report.Status.QUEUED
        template.save(force_insert=True)
        return template.pk

    cold_start = time.perf_counter()
    first = generate_report(report_id=fresh_report())
    cold = time.perf_counter() - cold_start
    if first.status != Report.Status.DONE:
        raise SystemExit(f"rendering failed: {first.error}")
    totals, weasy, cpu_totals, cpu_weasy = [], [], [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        report = generate_report(report_id=fresh_report())
        totals.append(time.perf_counter() - start)
        cpu_totals.append(time.process_time() - cpu_start)
        with translation.override(report.language):  # the same HTML: the report's language
            state = assessment_state(report.assessment)
            today = timezone.localdate()
            html = report_html(report_content(state=state, gaps=assessment_gaps(state=state, today=today),
                                              report_date=today))
        with tempfile.TemporaryDirectory() as directory:
            start, cpu_start = time.perf_counter(), time.process_time()
            write_pdf(html=html, target=Path(directory) / "same.pdf")
            weasy.append(time.perf_counter() - start)
            cpu_weasy.append(time.process_time() - cpu_start)
    return {"pages": report.page_count, "cold": cold, "seconds": statistics.median(totals),
            "weasyprint_seconds": statistics.median(weasy), "cpu_seconds": statistics.median(cpu_totals),
            "cpu_weasyprint_seconds": statistics.median(cpu_weasy), "file": report.file.path}


def generate_twice(report_id: int) -> None:
    """What a worker does for its first two reports, for the memory pass."""
    from compliance.reports.models import Report
    from compliance.reports.services import generate_report

    template = Report.objects.get(pk=report_id)
    for _ in range(2):
        template.pk = None
        template.status = Report.Status.QUEUED
        template.save(force_insert=True)
        generate_report(report_id=template.pk)


# --- the parent: memory of the worker and the part processes it forks ---------------------


def _process_tree(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    tree = [root]
    for pid in tree:
        tree.extend(child for child, parent in parents.items() if parent == pid)
    return tree


def _pss_mb(pids: list[int]) -> float:
    """Proportional set size: pages a fork still shares are counted once across the processes."""
    total_kb = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total_kb += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, StopIteration):
            continue
    return total_kb / 1024


def peak_memory_mb(command: list[str]) -> float:
    """Run a worker and sample its process tree's memory every 10 ms; the highest total seen."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _pss_mb(_process_tree(process.pid)))
        time.sleep(0.01)
    if process.returncode:
        raise SystemExit(f"the memory pass failed with status {process.returncode}")
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="copy the PDF here")
    parser.add_argument("--typical", action="store_true", help="tick at most one choice per multiple-choice question")
    parser.add_argument("--language", default="en", choices=["en", "ko", "ja"], help="the report's language")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)  # internal: render report N
    parser.add_argument("--memory-pass", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--var-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        _django(args.var_dir)
        if args.memory_pass:
            generate_twice(args.worker)
        else:
            print("RESULT " + json.dumps(render_runs(args.worker, args.runs)), flush=True)
        return

    with tempfile.TemporaryDirectory(prefix="bench-report-") as var_dir:
        _django(var_dir)
        report_id = prepare(typical=args.typical, language=args.language)
        from django.db import connections

        connections.close_all()
        worker = [sys.executable, __file__, "--worker", str(report_id), "--var-dir", var_dir]
        child = subprocess.run([*worker, "--runs", str(args.runs)], check=True, capture_output=True, text=True,
                               env=os.environ.copy())
        line = next(ln for ln in child.stdout.splitlines() if ln.startswith("RESULT "))
        result = json.loads(line[len("RESULT "):])
        # A separate pass, so that sampling does not slow the timed runs.
        peak_mb = peak_memory_mb([*worker, "--memory-pass"])
        if args.keep:
            Path(args.keep).write_bytes(Path(result["file"]).read_bytes())
            print(f"PDF copied to {args.keep}")
    ratio = result["seconds"] / result["weasyprint_seconds"]
    print(f"first (cold) render in the worker: {result['cold']:.2f} s")
    print(f"cpu_seconds={result['cpu_seconds']:.2f} cpu_weasyprint_seconds={result['cpu_weasyprint_seconds']:.2f} "
          f"load_average={os.getloadavg()[0]:.2f} cores={os.cpu_count()}")
    print(f"pages={result['pages']} seconds={result['seconds']:.2f} weasyprint_seconds={result['weasyprint_seconds']:.2f} "
          f"ratio={ratio:.2f} peak_mb={peak_mb:.0f}")


if __name__ == "__main__":
    main()
