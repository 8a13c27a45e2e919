"""Deployment smoke test: the production recipe, run for real, driven over HTTP.

Creates a fresh PostgreSQL database, runs the README's production steps (migrate, load_rulesets,
collectstatic, check --deploy), starts gunicorn with DEBUG off, a Celery worker and Celery beat, then
signs up, describes a system, answers a question, requests a PDF report and downloads it, checking
static files (WhiteNoise: hashed, compressed, cached) and security headers on the way. Exits non-zero
with the failing step when anything is missing.

    .venv/bin/python deploy/smoke_test.py [--port 8151] [--database smoke_deploy] [--redis-db 14]

Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and Redis at 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


class SmokeFailure(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


class Browser:
    """A tiny HTTP client that keeps cookies and always says it came through an HTTPS proxy."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, *, form: dict | list | None = None, headers: dict | None = None,
                via_https_proxy: bool = True) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        sent = {"Host": "compliance.example.test", **(headers or {})}
        if via_https_proxy:
            sent["X-Forwarded-Proto"] = "https"
            sent["Referer"] = "https://compliance.example.test/"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        received = {k.lower(): v for k, v in response.getheaders()}
        for value in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, received, data

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path: str, form, **kwargs):
        return self.request("POST", path, form=form, **kwargs)


def local_path(location: str) -> str:
    parsed = urllib.parse.urlsplit(location)
    return parsed.path + (f"?{parsed.query}" if parsed.query else "")


def csrf_token(html: bytes) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    check(match is not None, "no CSRF token in the form")
    return match.group(1).decode()


def run(command: list[str], env: dict, step: str) -> str:
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    print(f"--- {step} ({time.monotonic() - started:.1f} s): {' '.join(command[1:])}", flush=True)
    if result.returncode != 0:
        raise SmokeFailure(f"{step} failed (exit {result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def wait_for_http(browser: Browser, path: str, processes: dict, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, (process, log) in processes.items():
            if process.poll() is not None:
                raise SmokeFailure(f"{name} exited with {process.returncode}:\n{Path(log).read_text()[-3000:]}")
        try:
            status, _, _ = browser.get(path)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SmokeFailure(f"{path} did not answer 200 within {seconds} s")


def check_security_headers(headers: dict[str, str], what: str) -> None:
    expected = {
        "strict-transport-security": "max-age=",
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "same-origin",
        "cross-origin-opener-policy": "same-origin",
    }
    for name, fragment in expected.items():
        check(fragment in headers.get(name, ""), f"{what}: header {name} is {headers.get(name)!r}, expected {fragment!r}")


def check_static_files(browser: Browser, html: bytes) -> None:
    links = re.findall(rb'href="(/static/[^"]+\.css)"', html)
    check(bool(links), "the page links no stylesheet under /static/")
    for link in links:
        path = link.decode()
        check(re.search(r"\.[0-9a-f]{12}\.css$", path) is not None,
              f"{path} has no content hash: collectstatic with WhiteNoise's manifest storage did not run")
        status, headers, body = browser.get(path, headers={"Accept-Encoding": "gzip"})
        check(status == 200, f"static file {path} answered {status}")
        check(headers.get("content-encoding") == "gzip", f"static file {path} is not served compressed")
        check("max-age=315360000" in headers.get("cache-control", ""), f"{path} is not cached far ahead: "
              f"{headers.get('cache-control')!r}")
    status, _, _ = browser.get("/favicon.ico")
    check(status == 301, f"/favicon.ico answered {status}")


def smoke(browser: Browser, beat_log: Path, worker_log: Path, web_log: Path) -> None:
    status, headers, body = browser.get("/healthz")
    check(status == 200 and b'"ok"' in body, f"/healthz answered {status}: {body[:200]!r}")
    status, headers, body = browser.get("/readyz")
    check(status == 200 and b'"redis"' in body, f"/readyz answered {status}: {body[:300]!r}")

    status, headers, _ = browser.get("/", via_https_proxy=False)
    check(status == 301 and headers.get("location", "").startswith("https://"),
          f"a plain-HTTP request was not redirected to HTTPS ({status})")

    status, headers, landing = browser.get("/")
    check(status == 200, f"the landing page answered {status}")
    check_security_headers(headers, "landing page")
    check_static_files(browser, landing)

    status, _, page = browser.get("/accounts/signup/")
    check(status == 200, f"sign-up page answered {status}")
    status, headers, page = browser.post("/accounts/signup/", {
        "csrfmiddlewaretoken": csrf_token(page), "email": "smoke@example.test", "organization_name": "Smoke Test Ltd"})
    check(status == 302, f"sign-up answered {status}: {page[:500]!r}")
    # Without EMAIL_HOST the confirmation e-mail is printed by the web server (Django's console backend).
    link = None
    for _attempt in range(50):
        link = re.search(r"https?://\S+/accounts/signup/confirm/\S+/", web_log.read_text(errors="replace"))
        if link:
            break
        time.sleep(0.1)
    check(link is not None, f"no confirmation link in the web server's log:\n{web_log.read_text()[-1500:]}")
    confirm = local_path(link.group(0))
    status, _, page = browser.get(confirm)
    check(status == 200, f"the confirmation link answered {status}")
    password = secrets.token_urlsafe(16)
    status, headers, page = browser.post(confirm, {
        "csrfmiddlewaretoken": csrf_token(page), "new_password1": password, "new_password2": password})
    check(status == 302, f"choosing the password answered {status}: {page[:500]!r}")

    status, _, page = browser.get("/systems/new/")
    check(status == 200, f"new-system page answered {status}")
    status, headers, page = browser.post("/systems/new/", {
        "csrfmiddlewaretoken": csrf_token(page), "name": "Résumé screener", "description": "Ranks job applicants.",
        "purpose": "Shortlisting", "owner": "HR", "lifecycle_stage": "deployed", "markets": ["eu", "kr"]})
    check(status == 302, f"creating a system answered {status}: {page[:500]!r}")
    system_path = local_path(headers["location"])
    system_id = re.search(r"/systems/(\d+)/", system_path)
    check(system_id is not None, f"unexpected redirect after creating a system: {system_path}")

    start = f"/systems/{system_id.group(1)}/assess/"
    status, _, page = browser.get(start)
    check(status == 200, f"start-assessment page answered {status}")
    status, headers, page = browser.post(start, {
        "csrfmiddlewaretoken": csrf_token(page), "frameworks": ["eu-ai-act", "kr-ai-basic-act"],
        "as_of": time.strftime("%Y-%m-%d")})
    check(status == 302, f"starting an assessment answered {status}: {page[:500]!r}")
    assessment_id = re.search(r"/assessments/(\d+)/", headers["location"]).group(1)

    status, headers, _ = browser.get(f"/assessments/{assessment_id}/questions/")
    check(status == 302, f"resuming the questionnaire answered {status}")
    status, _, page = browser.get(local_path(headers["location"]))
    check(status == 200, f"the first questionnaire section answered {status}")
    fingerprint = re.search(rb'name="questionnaire" value="([^"]+)"', page).group(1).decode()
    for code in ("trains_model", "builds_system"):  # yes/no facts of the shared catalogue
        status, _, reply = browser.post(f"/assessments/{assessment_id}/answers/{code}/", {
            "questionnaire": fingerprint, f"{code}-value": "yes", f"{code}-note": ""}, headers={"HX-Request": "true"})
        check(status == 200, f"answering {code} answered {status}: {reply[:500]!r}")
    status, _, page = browser.get(f"/assessments/{assessment_id}/review/")
    check(status == 200 and page.count(b"Yes") >= 2, f"the review page does not show the answers ({status})")

    reports = f"/assessments/{assessment_id}/reports/"
    status, _, page = browser.get(reports)
    check(status == 200, f"the reports page answered {status}")
    status, headers, _ = browser.post(reports, {"csrfmiddlewaretoken": csrf_token(page)})
    check(status == 302, f"requesting a report answered {status}")
    report_path = local_path(headers["location"])
    report_id = re.search(r"/reports/(\d+)/", report_path).group(1)
    deadline = time.monotonic() + 90
    while True:
        status, _, fragment = browser.get(f"/reports/{report_id}/status/")
        check(status in (200, 286), f"report status answered {status}")
        if b"/download/" in fragment:
            break
        check(b"The report failed" not in fragment and b"did not finish" not in fragment,
              f"the report failed:\n{fragment.decode()[:1000]}\n{worker_log.read_text()[-3000:]}")
        check(time.monotonic() < deadline, "the report was not ready within 90 s: is the Celery worker running?\n"
              + worker_log.read_text()[-3000:])
        time.sleep(1)
    status, headers, pdf = browser.get(f"/reports/{report_id}/download/")
    check(status == 200 and pdf.startswith(b"%PDF-"), f"downloading the report answered {status}")
    check(headers.get("content-type") == "application/pdf", f"the report's content type is {headers.get('content-type')}")
    check_security_headers(headers, "report download")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    check("Résumé screener" in text, "the PDF does not name the system")
    print(f"report {report_id}: {len(pdf)} bytes", flush=True)

    deadline = time.monotonic() + 30
    while "clear_expired_sessions" not in worker_log.read_text() or "succeeded" not in worker_log.read_text():
        check(time.monotonic() < deadline, "Celery beat's scheduled task did not run in the worker within 30 s:\n"
              + beat_log.read_text()[-2000:])
        time.sleep(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=int(os.environ.get("SMOKE_PORT", "8151")))
    parser.add_argument("--database", default=os.environ.get("SMOKE_DATABASE", "smoke_deploy"))
    parser.add_argument("--redis-db", type=int, default=int(os.environ.get("SMOKE_REDIS_DB", "14")))
    args = parser.parse_args()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="smoke-deploy-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "HTTPS", "DATABASE_URL", "REDIS_URL")}
    env.update({
        "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"postgres://postgres@{HOST}:5432/{args.database}",
        "REDIS_URL": f"redis://{HOST}:6379/{args.redis_db}",
        "ALLOWED_HOSTS": "compliance.example.test,127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": "https://compliance.example.test",
        "VAR_DIR": str(work), "STATIC_ROOT": str(work / "static"), "MEDIA_ROOT": str(work / "media"),
        "SESSION_CLEANUP_SECONDS": "5", "PYTHONUNBUFFERED": "1", "BEHIND_HTTPS_PROXY": "1",
    })
    processes: dict[str, tuple[subprocess.Popen, str]] = {}
    try:
        subprocess.run(["redis-cli", "-n", str(args.redis_db), "FLUSHDB"], check=True, capture_output=True)
        subprocess.run(["dropdb", "--if-exists", "-h", HOST, "-U", "postgres", args.database], check=True)
        subprocess.run(["createdb", "-h", HOST, "-U", "postgres", args.database], check=True)
        manage = [str(BIN / "python"), "manage.py"]
        run([*manage, "compile_translations"], env, "compile translations")
        run([*manage, "migrate", "--no-input"], env, "migrate")
        run([*manage, "load_rulesets"], env, "load rule sets")
        run([*manage, "collectstatic", "--no-input"], env, "collect static files")
        run([*manage, "check", "--deploy", "--fail-level", "WARNING"], env, "check --deploy")

        def start(name: str, command: list[str]) -> None:
            log = work / f"{name}.log"
            print(f"--- start {name}: {' '.join(command)}", flush=True)
            try:
                process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                                           start_new_session=True)
            except FileNotFoundError as error:
                raise SmokeFailure(f"cannot start {name}: {error}") from None
            processes[name] = (process, str(log))

        start("gunicorn", [str(BIN / "gunicorn"), "compliance.wsgi", "--bind", f"{HOST}:{args.port}",
                           "--workers", "2", "--access-logfile", "-"])
        start("worker", [str(BIN / "celery"), "-A", "compliance", "worker", "--concurrency", "1",
                         "--loglevel", "info"])
        start("beat", [str(BIN / "celery"), "-A", "compliance", "beat", "--loglevel", "info",
                       "--schedule", str(work / "beat-schedule")])
        browser = Browser(args.port)
        wait_for_http(browser, "/healthz", processes)
        print(f"--- services answer after {time.monotonic() - started:.0f} s", flush=True)
        smoke(browser, work / "beat.log", work / "worker.log", work / "gunicorn.log")
        for name, (process, log) in processes.items():
            check(process.poll() is None, f"{name} stopped during the test:\n{Path(log).read_text()[-2000:]}")
    except SmokeFailure as failure:
        print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
        for name, (_, log) in processes.items():
            print(f"===== {name} log (end) =====\n{Path(log).read_text()[-1500:]}", file=sys.stderr)
        return 1
    finally:
        for process, _ in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process, _ in processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        subprocess.run(["dropdb", "--if-exists", "-h", HOST, "-U", "postgres", args.database], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    print(f"Deployment smoke test passed in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
