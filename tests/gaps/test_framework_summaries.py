"""The tracker's framework summaries: kept per distinct content, the same HTML as rendered afresh."""

from __future__ import annotations

import dataclasses

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from compliance.assessments import fragments
from compliance.assessments.selectors import assessment_state
from compliance.gaps.selectors import assessment_gaps
from compliance.gaps.templatetags.gap_tags import gap_frameworks
from tests.factories import AS_OF
from tests.gaps.fixtures import NOT_APPLICABLE


@pytest.fixture(autouse=True)
def _empty_cache():
    fragments.forget_fragments()
    yield
    fragments.forget_fragments()


def _fresh(gaps) -> str:
    return render_to_string("gaps/_frameworks.html", {"gaps": gaps})


def test_summaries_are_the_template_rendered_with_the_full_gaps(assessment):
    gaps = assessment_gaps(state=assessment_state(assessment), today=AS_OF)
    kept = gap_frameworks(gaps)
    assert kept == _fresh(gaps)
    assert NOT_APPLICABLE not in kept and "obligations apply" in kept
    assert gap_frameworks(gaps) is kept
    with translation.override("ko"):
        assert gap_frameworks(gaps) == _fresh(gaps) != kept


def test_a_change_in_what_is_shown_renders_anew(assessment):
    gaps = assessment_gaps(state=assessment_state(assessment), today=AS_OF)
    before = gap_frameworks(gaps)
    [framework] = gaps.frameworks
    fewer = dataclasses.replace(gaps, frameworks=[dataclasses.replace(framework, rows=framework.rows[1:])])
    assert gap_frameworks(fewer) == _fresh(fewer) != before
    out = dataclasses.replace(gaps, frameworks=[dataclasses.replace(framework, in_scope=False)])
    assert gap_frameworks(out) == _fresh(out) != before
    reason = dataclasses.replace(framework.not_applicable[0], reason="Another reason")
    other = dataclasses.replace(gaps, frameworks=[dataclasses.replace(framework, not_applicable=[reason])])
    assert "Another reason" in gap_frameworks(other)
