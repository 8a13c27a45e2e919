import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def settings_in_subprocess(**env: str) -> subprocess.CompletedProcess:
    """Import the settings module with the given environment, in a fresh interpreter."""
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "HTTPS")}
    return subprocess.run(
        [sys.executable, "-c", "import compliance.settings as s; print(s.DEBUG, s.HTTPS)"],
        cwd=ROOT, env={**clean, "SECRET_KEY": "x", **env}, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("raw", "expected"), [("1", "True"), ("yes", "True"), ("On", "True"), ("0", "False"),
                                               ("off", "False"), ("", "False")])
def test_boolean_settings_accept_the_usual_words(raw, expected):
    result = settings_in_subprocess(HTTPS=raw)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == expected


def test_a_misspelt_boolean_is_refused_not_read_as_off():
    result = settings_in_subprocess(DEBUG="Ture")
    assert result.returncode != 0
    assert "DEBUG='Ture' is not a boolean" in result.stderr


def test_demo_admin_keeps_its_password_and_exists_only_in_debug_mode(db, settings):
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    with pytest.raises(CommandError, match="only in debug mode"):
        call_command("ensure_demo_admin", stdout=StringIO())
    settings.DEBUG = True
    out = StringIO()
    call_command("ensure_demo_admin", stdout=out)
    assert "Created the demo admin" in out.getvalue()
    password = out.getvalue().rsplit("'", 2)[-2]
    user = get_user_model().objects.get(username="admin")
    assert user.check_password(password) and user.is_superuser
    again = StringIO()
    call_command("ensure_demo_admin", stdout=again)
    user.refresh_from_db()
    assert user.check_password(password)
    assert password not in again.getvalue()
    fresh = StringIO()
    call_command("ensure_demo_admin", "--new-password", stdout=fresh)
    user.refresh_from_db()
    assert not user.check_password(password)
    assert user.memberships.count() == 1
