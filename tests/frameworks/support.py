"""The sample rule set under its own framework code, so it never competes with shipped data."""

import copy
from functools import lru_cache
from pathlib import Path

import yaml

from frameworks.loader import LoadedFile
from frameworks.ruleset import compile_document

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "eu-sample.yaml"
SAMPLE_CODE = "sample-eu"


@lru_cache(maxsize=1)
def _sample() -> dict:
    return yaml.safe_load(SAMPLE_PATH.read_text(encoding="utf-8"))


def sample_document(**version_changes) -> dict:
    document = copy.deepcopy(_sample())
    document["framework"]["code"] = SAMPLE_CODE
    document["version"].update(version_changes)
    return document


def sample_rule_set(**version_changes):
    return compile_document(sample_document(**version_changes))


def sample_file(name="sample.yaml", **version_changes) -> LoadedFile:
    return LoadedFile(name, sample_rule_set(**version_changes))


def write_yaml(path: Path, document: dict) -> Path:
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
