"""Median time of one `evaluate` call: on the sample rule set, and on a generated large one.

Usage: .venv/bin/python bench/engine.py [--runs N]
Prints its figures last, as one line: sample_median_ms=… large_median_ms=…
The large set has 300 questions (a fifth of them conditional) and 500 obligations,
each with a condition, plus 60 classification rules. Runs on one core, no database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from frameworks.engine import evaluate  # noqa: E402
from frameworks.ruleset import compile_document  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "eu-sample.yaml"
AS_OF = dt.date(2026, 11, 22)


def large_document(questions: int = 300, obligations: int = 500, rules: int = 60, seed: int = 7) -> dict:
    rng = random.Random(seed)
    kinds = ["yes_no", "single_choice", "multiple_choice", "number"]
    qs = []
    for i in range(questions):
        kind = kinds[i % len(kinds)]
        q = {"code": f"q{i}", "prompt": f"Question {i}?", "type": kind, "required": i % 3 == 0}
        if kind in ("single_choice", "multiple_choice"):
            q["choices"] = [{"code": f"c{j}", "label": f"Choice {j}"} for j in range(5)]
        if i >= 10 and i % 5 == 0:
            q["visible_if"] = f"q{i - 8} == true" if (i - 8) % 4 == 0 else f"'c1' in q{i - 7}" if (i - 7) % 4 == 2 else "q0"
        qs.append(q)
    yes_no = [q["code"] for q in qs if q["type"] == "yes_no"]
    multi = [q["code"] for q in qs if q["type"] == "multiple_choice"]
    numbers = [q["code"] for q in qs if q["type"] == "number"]
    tiers = [{"code": f"t{i}", "label": f"Tier {i}", "rank": i * 10, "description": "Generated."} for i in range(6)]
    roles = [{"code": f"r{i}", "label": f"Role {i}", "description": "Generated."} for i in range(4)]

    def condition() -> str:
        return (f"{rng.choice(yes_no)} && ('c{rng.randrange(5)}' in {rng.choice(multi)} || "
                f"{rng.choice(numbers)} >= {rng.choice(['1e3', '5', '1e25'])})")

    rule_list = []
    for i in range(rules):
        assign = {"tier": f"t{i % 6}"} if i % 2 else {"role": f"r{i % 4}"}
        rule_list.append({"code": f"rule-{i}", "assign": assign, "precedence": rng.randrange(100), "when": condition(),
                          "unless": [{"code": "exc", "label": "Exception", "when": f"!{rng.choice(yes_no)}",
                                      "citation": "Art. X"}] if i % 4 == 0 else [],
                          "explanation": "generated", "citation": f"Art. {i}", "confidence": "primary"})
    rule_list.append({"code": "scope", "assign": {"scope": "in"}, "when": "q0 || !q0", "explanation": "always",
                      "citation": "Art. 1", "confidence": "primary"})
    obligation_list = []
    for i in range(obligations):
        obligation_list.append({
            "code": f"o-{i}", "title": f"Obligation {i}", "summary": "Generated.", "citation": f"Art. {i}",
            "source_url": "https://example.org/law", "confidence": "secondary",
            "roles": [f"r{i % 4}"] if i % 3 else [], "tiers": [f"t{i % 6}"] if i % 5 == 0 else [],
            "when": condition(),
            "applies_from": [{"date": "2027-12-02", "when": "'t1' in tiers"}, {"date": "2026-08-02"}],
        })
    return {
        "format": 1,
        "framework": {"code": "generated", "name": "Generated", "jurisdiction": "Nowhere", "description": "Benchmark."},
        "version": {"label": "1", "title": "Generated", "status": "published", "in_force_from": "2026-01-01",
                    "sources": [{"title": "None", "url": "https://example.org"}]},
        "sections": [{"code": f"s{k}", "title": f"Section {k}", "questions": qs[k * 30:(k + 1) * 30]} for k in range(10)],
        "roles": roles, "tiers": tiers, "rules": rule_list, "obligations": obligation_list,
    }


def large_answers(document: dict, seed: int = 11) -> dict:
    """Answers to every question that would be visible, picked at random."""
    from frameworks.engine import visibility

    rng = random.Random(seed)
    rule_set = compile_document(document)
    answers: dict = {}
    for q in rule_set.questions:
        if not visibility([rule_set], answers).get(q.code):
            continue
        kind = q.type
        if kind == "yes_no":
            answers[q.code] = rng.random() < 0.6
        elif kind == "single_choice":
            answers[q.code] = f"c{rng.randrange(5)}"
        elif kind == "multiple_choice":
            answers[q.code] = [f"c{j}" for j in range(5) if rng.random() < 0.4]
        else:
            answers[q.code] = rng.choice([0, 10, 1e26])
    return answers


def median_ms(rule_set, answers, runs: int) -> float:
    for _ in range(5):
        evaluate([rule_set], answers, AS_OF)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        evaluate([rule_set], answers, AS_OF)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    sample = compile_document(yaml.safe_load(SAMPLE.read_text(encoding="utf-8")))
    sample_answers = {"is_ai_system": True, "org_develops_system": True, "org_offers_system": True,
                      "org_uses_system": True, "interacts_with_people": True, "profiles_people": True,
                      "use_areas": ["employment", "biometrics"], "employment_uses": ["recruitment"],
                      "biometric_uses": ["emotion_recognition"], "emotion_recognition_settings": ["workplace"],
                      "emotion_recognition_medical_or_safety": False, "eu_art6_3_conditions": ["preparatory_task"]}
    document = large_document()
    large = compile_document(document)
    answers = large_answers(document)
    result = evaluate([large], answers, AS_OF).results["generated"]
    applied = sum(o.status != "not_applicable" for o in result.obligations)
    print(f"large rule set: {len(large.questions)} questions, {len(large.rules)} rules, {len(large.obligations)} "
          f"obligations; {len(answers)} answers; {applied} obligations apply; {len(result.trace)} trace entries")
    sample_ms = median_ms(sample, sample_answers, args.runs)
    large_ms = median_ms(large, answers, args.runs)
    print(f"sample_median_ms={sample_ms:.3f} large_median_ms={large_ms:.3f}")


if __name__ == "__main__":
    main()
