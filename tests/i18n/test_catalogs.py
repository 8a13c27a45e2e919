"""The gettext catalogs: every interface message has a Korean and a Japanese translation, none fuzzy, with the
same placeholders; and the catalogs hold every message `makemessages` finds in the code and templates."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("ko", "ja")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|%(?:\.\d)?[sd]|\{\w*\}")
MAKEMESSAGES_IGNORE = [".venv", "tests", "bench", "deploy", "var", "node_modules"]


def catalog(language: str):
    with (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=language)


def message_key(message) -> tuple:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return (message.context or "", msgid)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    problems = []
    for message in catalog(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(s.strip() for s in strings):
            problems.append(f"untranslated: {message.id!r}")
    assert not problems, f"{len(problems)} problems in locale/{language}:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    problems = []
    for message in catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for text in strings:
            if not set(PLACEHOLDER.findall(text)) <= wanted:
                problems.append(f"{message.id!r}: {text!r}")
        if len(ids) == 1 and set(PLACEHOLDER.findall(strings[0])) != wanted:
            problems.append(f"{message.id!r}: {strings[0]!r}")
    assert not problems, "\n".join(problems[:40])


def test_catalogs_hold_every_message_makemessages_finds(tmp_path):
    """Run makemessages on a copy of the code and templates, and compare its messages with the catalogs."""
    if shutil.which("xgettext") is None:
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail("xgettext (Debian package gettext) is missing; .ci/run installs it")
        pytest.skip("xgettext (Debian package gettext) is not installed")
    for name in ("compliance", "frameworks", "templates", "manage.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    ignore = [arg for name in MAKEMESSAGES_IGNORE for arg in ("--ignore", name)]
    env = {**os.environ, "DEBUG": "1", "SECRET_KEY": os.environ.get("SECRET_KEY", "x"), "VAR_DIR": str(tmp_path / "var"),
           "PYTHONPATH": str(tmp_path)}
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "ko", "--no-obsolete", *ignore],
                   cwd=tmp_path, env=env, check=True, capture_output=True)
    with (tmp_path / "locale" / "ko" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        found = {message_key(m) for m in read_po(handle) if m.id}
    for language in LANGUAGES:
        held = {message_key(m) for m in catalog(language) if m.id}
        missing = sorted(found - held)
        assert not missing, (f"{len(missing)} messages are not in locale/{language} (run makemessages, then "
                             "translate them):\n" + "\n".join(repr(m) for m in missing[:40]))
        stale = sorted(held - found)
        assert not stale, f"locale/{language} holds messages no code uses:\n" + "\n".join(repr(m) for m in stale[:40])
