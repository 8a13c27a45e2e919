import json

import pytest
from django.core.management import CommandError, call_command

from frameworks.services import import_rule_set_files

from .support import SAMPLE_CODE, sample_file


@pytest.fixture
def loaded(db):
    import_rule_set_files(files=[sample_file(), sample_file("old.yaml", label="sample-0", status="retired",
                                                           in_force_from="2025-01-01", in_force_until="2026-07-27")])


def classify(tmp_path, answers, *args, capsys=None):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers))
    call_command("classify", str(path), "--frameworks", SAMPLE_CODE, *args)
    return json.loads(capsys.readouterr().out)


def test_prints_the_result_as_json(loaded, tmp_path, capsys):
    data = classify(tmp_path, {"answers": {"is_ai_system": True, "org_uses_system": True, "interacts_with_people": True}},
                    "--as-of", "2026-11-22", capsys=capsys)
    result = data["frameworks"][SAMPLE_CODE]
    assert result["version"] == "sample-1"
    assert [t["code"] for t in result["tiers"]] == ["transparency"]
    assert [r["code"] for r in result["roles"]] == ["deployer"]
    statuses = {o["code"]: o["status"] for o in result["obligations"]}
    assert statuses["art4-ai-literacy"] == "applies_now"
    assert any(t["kind"] == "rule" and t["code"] == "role-deployer" and t["fired"] for t in result["trace"])


def test_uses_the_version_in_force_on_the_date(loaded, tmp_path, capsys):
    data = classify(tmp_path, {"is_ai_system": True}, "--as-of", "2026-03-01", capsys=capsys)
    assert data["frameworks"][SAMPLE_CODE]["version"] == "sample-0"


def test_invalid_answers_fail_with_the_reason(loaded, tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"is_ai_system": "maybe"}))
    with pytest.raises(CommandError, match="is_ai_system: expected yes or no"):
        call_command("classify", str(path), "--frameworks", SAMPLE_CODE)


def test_no_version_in_force(loaded, tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("{}")
    with pytest.raises(CommandError, match=f"No published rule set in force on 2020-01-01 for: {SAMPLE_CODE}"):
        call_command("classify", str(path), "--frameworks", SAMPLE_CODE, "--as-of", "2020-01-01")


def test_malformed_json(loaded, tmp_path):
    path = tmp_path / "answers.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="is not valid JSON"):
        call_command("classify", str(path))


def test_reads_answers_from_standard_input(loaded, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps({"is_ai_system": True})))
    call_command("classify", "-", "--frameworks", SAMPLE_CODE, "--as-of", "2026-11-22")
    assert json.loads(capsys.readouterr().out)["frameworks"][SAMPLE_CODE]["version"] == "sample-1"
