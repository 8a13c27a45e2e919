"""Finding 8: `manage.py classify` printed Python tracebacks for deeply nested JSON, 5,000-digit numbers and
non-UTF-8 files. Now each is one readable line on stderr and a non-zero exit (run as a real process)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def classify(path: Path) -> subprocess.CompletedProcess:
    env = {"SECRET_KEY": "x", "HTTPS": "0", "PATH": "/usr/bin:/bin", "VAR_DIR": str(path.parent / "var")}
    return subprocess.run([sys.executable, "manage.py", "classify", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("content, message", [
    (b"[" * 100_000 + b"]" * 100_000, "levels deep"),
    (b'{"answers": {"q": ' + b"[" * 50 + b"1" + b"]" * 50 + b"}}", "levels deep"),
    (b'{"training_compute": ' + b"9" * 5000 + b"}", "5,000 digits"),
    (b'{"q": "caf\xe9"}', "not UTF-8"),
    (b'{"q": 1', "not valid JSON"),
])
def test_bad_answer_files_give_one_line_and_a_non_zero_exit(tmp_path, content, message):
    path = tmp_path / "answers.json"
    path.write_bytes(content)
    result = classify(path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr[:2000]
