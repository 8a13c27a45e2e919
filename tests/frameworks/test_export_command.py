import pytest
from django.core.management import CommandError, call_command

from frameworks.loader import compile_text
from frameworks.models import RuleSetVersion
from frameworks.services import import_rule_set_files

from .support import SAMPLE_CODE, sample_file


def test_export_loads_back_to_the_same_hash(db, tmp_path):
    import_rule_set_files(files=[sample_file()])
    version = RuleSetVersion.objects.get(framework__code=SAMPLE_CODE)
    out = tmp_path / "exported.yaml"
    call_command("export_ruleset", SAMPLE_CODE, "sample-1", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# EU Artificial Intelligence Act")
    assert compile_text(text, "exported.yaml").content_hash == version.content_hash


def test_unknown_version_lists_known_ones(db):
    import_rule_set_files(files=[sample_file()])
    with pytest.raises(CommandError, match="Known versions: sample-1"):
        call_command("export_ruleset", SAMPLE_CODE, "9.9")


def test_every_shipped_version_keeps_its_hash_through_the_database(shipped_rule_sets):
    from frameworks.loader import default_paths, read_files
    from frameworks.selectors import compiled_ruleset

    for loaded in read_files(default_paths()):
        version = RuleSetVersion.objects.get(framework__code=loaded.rule_set.framework_code, label=loaded.rule_set.label)
        assert version.content_hash == loaded.rule_set.content_hash, loaded.name
        assert compiled_ruleset(version).content_hash == loaded.rule_set.content_hash, loaded.name
