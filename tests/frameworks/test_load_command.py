import pytest
from django.core.management import CommandError, call_command

from frameworks.models import Framework, Obligation, RuleSetVersion

from .support import SAMPLE_CODE, sample_document, write_yaml


def load(*paths, **kwargs):
    return call_command("load_rulesets", *map(str, paths), stdout=kwargs.pop("stdout", None), **kwargs)


@pytest.fixture
def sample_path(tmp_path):
    return write_yaml(tmp_path / "sample-1.yaml", sample_document())


def test_loads_a_file_as_a_published_version(db, sample_path, capsys):
    load(sample_path)
    version = RuleSetVersion.objects.get(framework__code=SAMPLE_CODE, label="sample-1")
    assert version.status == "published" and version.published_at is not None
    assert version.questions.count() == 12 and version.obligations.count() == 5
    assert len(version.content_hash) == 64
    assert "created as published" in capsys.readouterr().out


def test_loading_the_same_content_again_is_a_no_op(db, sample_path, capsys):
    load(sample_path)
    before = list(Obligation.objects.filter(version__framework__code=SAMPLE_CODE).values_list("pk", flat=True))
    load(sample_path)
    assert "unchanged" in capsys.readouterr().out
    after = list(Obligation.objects.filter(version__framework__code=SAMPLE_CODE).values_list("pk", flat=True))
    assert before == after


def test_a_failed_load_changes_nothing(db, tmp_path, capsys):
    good = write_yaml(tmp_path / "a-good.yaml", sample_document(label="sample-9"))
    broken_doc = sample_document(label="sample-10")
    broken_doc["obligations"][0]["roles"] = ["astronaut"]
    broken = write_yaml(tmp_path / "b-broken.yaml", broken_doc)
    counts = (Framework.objects.count(), RuleSetVersion.objects.count(), Obligation.objects.count())
    with pytest.raises(CommandError, match="nothing was loaded"):
        load(good, broken)
    assert "b-broken.yaml: obligations[art4-ai-literacy].roles: unknown role 'astronaut'" in capsys.readouterr().err
    assert (Framework.objects.count(), RuleSetVersion.objects.count(), Obligation.objects.count()) == counts


def test_a_conflict_found_midway_rolls_back_earlier_files(db, tmp_path, sample_path):
    load(sample_path)
    new = write_yaml(tmp_path / "a-new.yaml", sample_document(label="sample-2", in_force_from="2026-09-01"))
    changed_doc = sample_document()
    changed_doc["obligations"][0]["summary"] = "Changed after publication."
    changed = write_yaml(tmp_path / "z-changed.yaml", changed_doc)
    with pytest.raises(CommandError):
        load(new, changed)
    assert not RuleSetVersion.objects.filter(framework__code=SAMPLE_CODE, label="sample-2").exists()


def test_published_content_cannot_be_replaced_by_a_file(db, tmp_path, sample_path, capsys):
    load(sample_path)
    doc = sample_document()
    doc["obligations"][0]["summary"] = "Quietly changed."
    with pytest.raises(CommandError):
        load(write_yaml(tmp_path / "changed.yaml", doc))
    assert "already published with different content" in capsys.readouterr().err
    version = RuleSetVersion.objects.get(framework__code=SAMPLE_CODE, label="sample-1")
    assert version.obligations.get(code="art4-ai-literacy").summary != "Quietly changed."


def test_status_can_move_forward_by_file(db, tmp_path, sample_path):
    load(sample_path)
    load(write_yaml(tmp_path / "retired.yaml", sample_document(status="retired")))
    assert RuleSetVersion.objects.get(framework__code=SAMPLE_CODE, label="sample-1").status == "retired"
