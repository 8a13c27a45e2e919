"""Help texts explain a question, they do not define it: outside the content hash, corrected in place.

How one law reads a shared fact lives in the question's ``help_by_framework`` (issue 12: help only for the
frameworks selected); the shipped catalogue keys it by framework codes that exist.
"""

import pytest
import yaml
from django.core.management import CommandError, call_command

from frameworks.loader import default_paths
from frameworks.models import Question, RuleSetVersion
from frameworks.ruleset import RuleSetInvalid, compile_document, content_hash
from frameworks.selectors import compiled_ruleset
from frameworks.shared import catalogue_questions

from .support import SAMPLE_CODE, sample_document, write_yaml


def first_question(document: dict) -> dict:
    return document["sections"][0]["questions"][0]


def test_the_content_hash_ignores_help_texts_but_not_what_a_question_asks():
    before = content_hash(sample_document())
    explained = sample_document()
    first_question(explained)["help"] = "Another explanation."
    first_question(explained)["help_by_framework"] = {SAMPLE_CODE: "How the sample law reads it."}
    for question in explained["sections"][0]["questions"]:
        for choice in question.get("choices", []):
            choice["help"] = "A choice explained."
    assert content_hash(explained) == before
    reworded = sample_document()
    first_question(reworded)["prompt"] += " (reworded)"
    assert content_hash(reworded) != before


def test_help_by_framework_is_checked_by_the_schema():
    document = sample_document()
    first_question(document)["help_by_framework"] = {SAMPLE_CODE: ""}
    with pytest.raises(RuleSetInvalid, match="help_by_framework"):
        compile_document(document)
    first_question(document)["help_by_framework"] = {"Not A Code": "text"}
    with pytest.raises(RuleSetInvalid, match="help_by_framework"):
        compile_document(document)


def test_a_corrected_help_text_updates_the_published_version_in_place(db, tmp_path, capsys):
    path = write_yaml(tmp_path / "sample-1.yaml", sample_document())
    call_command("load_rulesets", str(path))
    version = RuleSetVersion.objects.get(framework__code=SAMPLE_CODE, label="sample-1")
    code = first_question(sample_document())["code"]
    before = (version.pk, version.content_hash, version.status, version.translations_digest)
    compiled_ruleset(version)  # cached in this process under the version's texts digest

    corrected = sample_document()
    first_question(corrected)["help"] = "A clearer explanation."
    first_question(corrected)["help_by_framework"] = {SAMPLE_CODE: "How the sample law reads it."}
    write_yaml(path, corrected)
    call_command("load_rulesets", str(path))
    assert "help texts corrected" in capsys.readouterr().out

    version = RuleSetVersion.objects.get(pk=before[0])
    assert (version.pk, version.content_hash, version.status) == before[:3]
    assert version.translations_digest != before[3]  # caches keyed by it see the new text at once
    question = Question.objects.get(version=version, code=code)
    assert (question.help, question.help_by_framework) == (
        "A clearer explanation.", {SAMPLE_CODE: "How the sample law reads it."})
    spec = compiled_ruleset(version).document["sections"][0]["questions"][0]
    assert spec["help_by_framework"] == {SAMPLE_CODE: "How the sample law reads it."}
    # The question's history keeps the earlier text, with the reason.
    history = list(question.history.order_by("history_date").values_list("help", "history_change_reason"))
    assert history[-1] == ("A clearer explanation.", "help text corrected")
    assert history[0][0] == first_question(sample_document()).get("help", "")

    call_command("load_rulesets", str(path))
    assert "unchanged" in capsys.readouterr().out


def test_a_different_prompt_in_a_published_version_is_still_refused(db, tmp_path):
    path = write_yaml(tmp_path / "sample-1.yaml", sample_document())
    call_command("load_rulesets", str(path))
    reworded = sample_document()
    first_question(reworded)["prompt"] += " (reworded)"
    first_question(reworded)["help"] = "Changed along with it."
    write_yaml(path, reworded)
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_rulesets", str(path))
    question = Question.objects.get(version__framework__code=SAMPLE_CODE, code=first_question(reworded)["code"])
    assert question.help == first_question(sample_document()).get("help", "")  # nothing half-applied


def test_the_shipped_catalogue_keys_each_reading_by_a_framework_that_asks_the_question():
    asked_by: dict[str, set[str]] = {}
    for path in default_paths():
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for code in document.get("shared_questions", []):
            asked_by.setdefault(code, set()).add(document["framework"]["code"])
    readings = {code: set(q.get("help_by_framework", {})) for code, q in catalogue_questions().items()}
    assert any(readings.values())
    for code, frameworks in readings.items():
        assert frameworks <= asked_by.get(code, set()), f"{code}: a reading for a framework that does not ask it"
