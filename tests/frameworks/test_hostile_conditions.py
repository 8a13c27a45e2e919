"""Part of finding 7: CEL conditions nested a few hundred levels deep, or chained thousands of terms long,
are located errors, not crashes."""

import pytest

from frameworks.conditions import MAX_CONDITION_NESTING, ConditionError, VarType, compile_condition

ENV = {"a": VarType("bool"), "n": VarType("number")}


@pytest.mark.parametrize("source", [
    "(" * 300 + "a" + ")" * 300,
    "!" * 3000 + "a",
    " && ".join(["a"] * 3000),
    "[" * 300 + "1" + "]" * 300 + " == []",
    "n > " + "9" * 5000,
])
def test_hostile_conditions_are_condition_errors(source):
    with pytest.raises(ConditionError):
        compile_condition(source, ENV)


def test_reasonable_nesting_still_compiles():
    source = "(" * MAX_CONDITION_NESTING + "a" + ")" * MAX_CONDITION_NESTING
    assert compile_condition(source, ENV)({"a": True}) is True
