"""Classify answers against the shipped YAML rule sets without a database (for scenario tests)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from frameworks.engine import evaluate
from frameworks.loader import default_paths, read_files
from frameworks.ruleset import CompiledRuleSet
from frameworks.selection import in_force, superseded_labels


@lru_cache(maxsize=1)
def shipped_rule_sets() -> tuple[CompiledRuleSet, ...]:
    return tuple(f.rule_set for f in read_files(default_paths()))


def _status(rule_set: CompiledRuleSet) -> dict:
    """The version metadata as the database holds it once loaded: superseded versions are retired."""
    superseded = superseded_labels(rs.document for rs in shipped_rule_sets())
    if rule_set.label in superseded.get(rule_set.framework_code, set()):
        return {**rule_set.version, "status": "retired"}
    return rule_set.version


def rule_set_in_force(framework: str, as_of: dt.date) -> CompiledRuleSet:
    candidates = [(rs, _status(rs)) for rs in shipped_rule_sets() if rs.framework_code == framework]
    chosen = in_force(candidates, as_of)
    if chosen is None:
        raise LookupError(f"no version of {framework} in force on {as_of}")
    return chosen


def classify(answers: dict[str, Any], as_of: str | dt.date, frameworks: Iterable[str]) -> dict[str, dict]:
    """The `classify` JSON per framework code, as `manage.py classify` prints it."""
    day = as_of if isinstance(as_of, dt.date) else dt.date.fromisoformat(as_of)
    rule_sets = [rule_set_in_force(code, day) for code in frameworks]
    return evaluate(rule_sets, answers, day).to_dict()["frameworks"]


def statuses(result: dict) -> dict[str, str]:
    """Obligation code -> status for one framework's result."""
    return {o["code"]: o["status"] for o in result["obligations"]}


def tier_codes(result: dict) -> list[str]:
    return [t["code"] for t in result["tiers"]]


def role_codes(result: dict) -> list[str]:
    return [r["code"] for r in result["roles"]]
