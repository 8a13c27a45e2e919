"""Names of obligations outside an evaluated page (e-mails, registers): title and citation from the pinned rule sets."""

from __future__ import annotations

from compliance.assessments.selectors import pinned_rule_sets

from .models import GapItem
from .selectors import framework_short_name


class ObligationTitles:
    """'<system>: <framework> <title> (<citation>)' for gap items, compiling each assessment's rule sets once."""

    def __init__(self) -> None:
        self._by_assessment: dict[int, dict[tuple[str, str], str]] = {}

    def __call__(self, item: GapItem) -> str:
        titles = self._by_assessment.get(item.assessment_id)
        if titles is None:
            titles = {(rs.framework_code, o.code): f"{o.spec['title']} ({o.spec['citation']})"
                      for rs in pinned_rule_sets(item.assessment) for o in rs.obligations}
            self._by_assessment[item.assessment_id] = titles
        title = titles.get((item.framework_code, item.obligation_code), item.obligation_code)
        return f"{item.assessment.system.name}: {framework_short_name(item.framework_code)} {title}"
