import pytest

from frameworks.conditions import BOOL, DATE, LIST, NUMBER, STRING, ConditionError, VarType, compile_condition

ENV = {
    "uses": VarType(LIST, choices=frozenset({"recruitment", "promotion"})),
    "narrow": VarType(BOOL),
    "flop": VarType(NUMBER),
    "kind": VarType(STRING, choices=frozenset({"public", "private"})),
    "placed_on": VarType(DATE),
    "note": VarType(STRING),
    "tiers": VarType(LIST, choices=frozenset({"high_risk", "minimal"})),
}
BASE = {"uses": (), "narrow": False, "flop": None, "kind": "", "placed_on": None, "note": "", "tiers": []}


def run(source, **values):
    return compile_condition(source, ENV)({**BASE, **values})


@pytest.mark.parametrize("source, values, expected", [
    ("'recruitment' in uses", {"uses": ("recruitment",)}, True),
    ("'recruitment' in uses", {"uses": ("promotion",)}, False),
    ("narrow && 'recruitment' in uses", {"narrow": True, "uses": ("recruitment",)}, True),
    ("!narrow || flop > 1.0", {"narrow": True, "flop": 2}, True),
    ("flop >= 1e25", {"flop": 1e25}, True),
    ("flop >= 1e25", {"flop": 9.9e24}, False),
    ("flop * 2 > 10", {"flop": 6}, True),
    ("kind in ['public', 'private']", {"kind": "public"}, True),
    ("kind == 'public'", {"kind": "private"}, False),
    ("kind != 'public'", {"kind": ""}, True),
    ("placed_on < '2025-08-02'", {"placed_on": "2025-01-31"}, True),
    ("placed_on < '2025-08-02'", {"placed_on": "2025-08-02"}, False),
    ("size(uses) == 2", {"uses": ("recruitment", "promotion")}, True),
    ("uses.size() > 0", {"uses": ()}, False),
    ("size(tiers) == 0", {}, True),
    ("'high_risk' in tiers", {"tiers": ["high_risk"]}, True),
    ("narrow ? flop > 1.0 : true", {"narrow": False}, True),
    ("flop == null", {}, True),
    ("-flop < 0", {"flop": 3}, True),
])
def test_evaluates(source, values, expected):
    assert run(source, **values) is expected


def test_unanswered_numbers_and_dates_make_ordering_comparisons_false():
    assert run("flop > 0") is False
    assert run("flop < 1e25") is False
    assert run("placed_on < '2030-01-01'") is False
    assert run("flop + 1 > 0") is False


def test_division_by_zero_is_null_not_an_exception():
    assert run("flop / 0 > 1", flop=5) is False


def test_records_variables_in_order_of_first_use():
    compiled = compile_condition("narrow && 'recruitment' in uses && !narrow", ENV)
    assert compiled.variables == ("narrow", "uses")


@pytest.mark.parametrize("source, message", [
    ("", "empty"),
    ("narrow &&", "not a valid CEL expression"),
    ("unknown_code", "unknown question code 'unknown_code'"),
    ("'hiring' in uses", "'hiring' is not a valid code"),
    ("kind == 'state'", "'state' is not a valid code"),
    ("kind in ['public', 'statal']", "'statal' is not a valid code"),
    ("'high' in tiers", "'high' is not a valid code"),
    ("flop", "must be true or false"),
    ("narrow && flop", "right side of && must be a bool"),
    ("flop > 'big'", "cannot compare a number with a string"),
    ("note > 'a'", "compares numbers or dates"),
    ("placed_on < '2025'", "YYYY-MM-DD"),
    ("placed_on < 5", "cannot compare a date with a number"),
    ("narrow in uses", "left side of 'in' must be a string"),
    ("'a' in kind", "right side of 'in' must be a list"),
    ("matches(note, 'x')", "function matches() is not supported"),
    ("uses.exists(u, u == 'a')", "method .exists() is not supported"),
    ("{'a': 1}['a'] == 1", "not supported"),
    ("[1, 2].size() > 0", "list literals may only hold quoted strings"),
    ("flop < null", "null can only be compared with == or !="),
    ("b'x' == note", "not supported"),
])
def test_rejects_with_a_clear_message(source, message):
    with pytest.raises(ConditionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        compile_condition(source, ENV)


def test_no_python_can_run():
    for source in ["__import__('os').system('true')", "narrow.__class__ == 'x'", "exec('1')"]:
        with pytest.raises(ConditionError):
            compile_condition(source, ENV)
