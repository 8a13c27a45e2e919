"""Finding 11: no Content-Security-Policy, and X-Forwarded-Proto trusted by default whenever HTTPS was on."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_pages_carry_a_content_security_policy(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy


def _setting(name: str, **env) -> str:
    code = f"import compliance.settings as s; print(repr(s.{name}))"
    environment = {"PATH": os.environ["PATH"], "SECRET_KEY": "x", "VAR_DIR": "/tmp/i15-settings", **env}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_forwarded_proto_is_not_trusted_by_default_even_with_https():
    assert _setting("SECURE_PROXY_SSL_HEADER", HTTPS="1") == "None"
    assert _setting("SECURE_SSL_REDIRECT", HTTPS="1") == "True"


def test_forwarded_proto_is_trusted_only_when_configured():
    assert _setting("SECURE_PROXY_SSL_HEADER", HTTPS="1", BEHIND_HTTPS_PROXY="1") == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_with_https_on_a_forged_header_does_not_skip_the_redirect(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = importlib.import_module("compliance.settings").SECURE_PROXY_SSL_HEADER
    response = client.get(reverse("login"), HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301 and response["Location"].startswith("https://")


def test_the_policy_allows_no_inline_styles_or_scripts_with_debug_off(client, db, settings):
    settings.DEBUG = False
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["style-src"] == "'self'" and directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_page_template_has_an_inline_style_or_script():
    """What the CSP would refuse, found before a browser does (PDF templates are rendered by WeasyPrint, which
    the CSP does not govern). tests/browser/test_csp.py checks the pages themselves in Chromium."""
    import re
    offending = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if "pdf" in path.relative_to(ROOT / "templates").parts:
            continue
        text = path.read_text()
        if re.search(r"\sstyle=|<style|<script(?![^>]*\bsrc=)|\son[a-z]+=\"", text):
            offending.append(str(path.relative_to(ROOT)))
    assert not offending, offending
