"""Validate rule-set YAML files without a database: ``python -m frameworks.validate [paths]``.

Prints every problem with its location and exits 1, or prints a summary per file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .loader import cross_file_problems, default_paths, read_files
from .ruleset import RuleSetInvalid


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or default_paths()
    try:
        files = read_files(paths)
        # Crosswalk targets are checked against every shipped file, not only the ones named.
        others = [f for f in read_files(default_paths()) if f.name not in {x.name for x in files}] if argv else []
        known: dict = {}
        for f in others:
            known.setdefault(f.rule_set.framework_code, set()).update(o.code for o in f.rule_set.obligations)
        problems = cross_file_problems(files, known)
        if problems:
            raise RuleSetInvalid(problems)
    except RuleSetInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s)", file=sys.stderr)
        return 1
    for f in files:
        rs = f.rule_set
        print(f"{f.name}: {rs.framework_code} {rs.label} ok: {len(rs.questions)} questions, {len(rs.rules)} rules, "
              f"{len(rs.obligations)} obligations, {len(rs.crosswalk)} crosswalk links, hash {rs.content_hash[:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
