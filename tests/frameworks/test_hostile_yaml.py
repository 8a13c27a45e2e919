"""Finding 6 and part of 7: hostile rule files are refused quickly, with a located message and a bounded
excerpt, before anything expands them (frameworks/safe_yaml.py)."""

import time
import tracemalloc

import pytest

from frameworks.loader import compile_text
from frameworks.ruleset import RuleSetInvalid
from frameworks.safe_yaml import EXCERPT_CHARS, MAX_CHARS, MAX_DEPTH, excerpt

from .support import SAMPLE_PATH


def billion_laughs(levels: int = 9, base: str = "lol") -> str:
    """The classic: each level is a list of ten aliases to the one before, used in version.notes."""
    lines = [f'lol0: &lol0 "{base}"']
    for i in range(1, levels + 1):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]")
    lines.append(f"version:\n  notes: *lol{levels}")
    return "\n".join(lines) + "\n"


def problems_of(text: str) -> list[str]:
    with pytest.raises(RuleSetInvalid) as caught:
        compile_text(text, "upload.yaml")
    return [str(p) for p in caught.value.problems]


def test_billion_laughs_is_refused_within_a_second_and_100_mb():
    text = billion_laughs(base="lol" * 20_000)  # 61 KB, as in the attack report; 10^9 copies if expanded
    assert 60_000 < len(text) < 62_000
    started = time.monotonic()
    problems = problems_of(text)
    elapsed = time.monotonic() - started
    tracemalloc.start()
    problems_of(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1 and peak < 100 * 2**20, (elapsed, peak)
    [problem] = problems
    assert problem.startswith("upload.yaml:") and "expands to more than" in problem
    assert len(problem) < 300


def test_too_many_aliases_are_refused():
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * 500) + "]\n"
    [problem] = problems_of(text)
    assert "more than 200 aliases" in problem and problem.startswith("upload.yaml:2:")


def test_a_few_aliases_still_work():
    """The shipped Japanese file shares one applies_from list through an alias."""
    from frameworks.yamlio import parse_yaml
    assert parse_yaml("a: &d [1, 2]\nb: *d\n", "x.yaml") == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_deep_nesting_is_refused_with_its_line(opening, closing):
    text = "version:\n  notes: " + opening * 400 + "1" + closing * 400 + "\n"
    [problem] = problems_of(text)
    assert problem.startswith("upload.yaml:2:") and f"more than {MAX_DEPTH} levels" in problem


def test_block_nesting_a_few_hundred_levels_is_refused():
    text = "".join("  " * i + f"k{i}:\n" for i in range(300)) + "  " * 300 + "v\n"
    [problem] = problems_of(text)
    assert f"more than {MAX_DEPTH} levels" in problem


def test_an_integer_of_5000_digits_is_refused_with_its_line():
    text = "format: 1\nversion:\n  rank: " + "9" * 5000 + "\n"
    [problem] = problems_of(text)
    assert problem.startswith("upload.yaml:3:") and "5,000 digits" in problem


def test_a_nul_character_is_refused_with_its_line_and_column():
    text = "format: 1\nversion:\n  notes: ab\x00cd\n"
    [problem] = problems_of(text)
    assert problem.startswith("upload.yaml:3:12:") and "not allowed" in problem


def test_an_oversized_file_is_refused_before_parsing():
    [problem] = problems_of("a: " + "x" * (MAX_CHARS + 1))
    assert "at most 2,000,000" in problem


def test_schema_messages_quote_a_bounded_excerpt():
    text = SAMPLE_PATH.read_text(encoding="utf-8").replace("format: 1", "format: " + "[" + "1, " * 5000 + "1]", 1)
    problems = problems_of(text)
    assert problems and all(len(p) < EXCERPT_CHARS + 200 for p in problems)


def test_excerpt():
    assert excerpt("short") == "short"
    assert excerpt("x" * 1000, 10) == "xxxxxxxxxx… (990 more characters)"
