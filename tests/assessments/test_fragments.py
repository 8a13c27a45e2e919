"""Obligation rows are rendered once per distinct row and language, and never shown stale."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.safestring import mark_safe

from compliance.assessments import fragments
from compliance.assessments.results import ObligationView
from compliance.assessments.results_page import Penalty, Row
from compliance.assessments.templatetags.assessment_tags import obligation_row


@pytest.fixture(autouse=True)
def _empty_cache():
    fragments.forget_fragments()
    yield
    fragments.forget_fragments()


class View:
    language = "ko"
    name = "Not for the row"


def _row(**changes) -> Row:
    obligation = ObligationView(
        framework_code="eu-ai-act", framework_name="EU AI Act", code="art9-risk", title="Risk management <system>",
        local_title="", summary="Run a risk management system.", citation="Art. 9", source_url="https://example.org/9",
        confidence="primary", nature="binding", penalty={"summary": "Fine", "citation": "Art. 99"}, deadline="",
        evidence=["A risk register"], status="applies_later", applies_from=dt.date(2027, 8, 2), applies_until=None,
        days_until=400, date_citation="Art. 113", reason="", roles=["provider"], role_labels=["Provider"])
    row = Row(obligation, hidden=False, roles="eu-ai-act:provider", penalty=Penalty(1, "Fine", "Art. 99"))
    for name, value in changes.items():
        if hasattr(row, name):
            setattr(row, name, value)
        else:
            setattr(row.obligation, name, value)
    return row


def _uncached(row: Row) -> str:
    return render_to_string("assessments/_obligation.html", {"row": row, "view": View()})


def test_a_kept_row_is_the_row_rendered_afresh():
    row = _row()
    first = obligation_row(row, View())
    assert first == _uncached(row)
    assert obligation_row(_row(), View()) is first  # an equal row comes from the cache
    assert "Risk management &lt;system&gt;" in first and 'lang="ko"' not in first


@pytest.mark.parametrize("changes", [
    {"status": "applies_now", "days_until": None}, {"applies_from": dt.date(2027, 8, 3)}, {"days_until": 401},
    {"title": "Risk management"}, {"title": mark_safe("Risk management <system>")}, {"evidence": []},
    {"penalty": None}, {"hidden": True}, {"roles": "eu-ai-act:deployer"}, {"local_title": "위험관리"},
    {"role_labels": ["Provider", "Deployer"]}, {"confidence": "unverified"},
])
def test_any_change_of_the_row_renders_anew(changes):
    before = obligation_row(_row(), View())
    changed = _row(**changes)
    after = obligation_row(changed, View())
    assert after != before
    assert after == _uncached(changed)


def test_the_language_and_the_framework_language_are_part_of_the_key():
    row = _row(local_title="위험관리")
    english = obligation_row(row, View())
    with translation.override("ja"):
        japanese = obligation_row(row, View())
        assert japanese == _uncached(row) != english
    other = type("JapaneseView", (), {"language": "ja"})()
    assert 'lang="ja"' in obligation_row(row, other)


def test_the_time_zone_is_part_of_the_key():
    row = _row()
    first = obligation_row(row, View())
    with timezone.override("Asia/Seoul"):
        assert obligation_row(row, View()) is not first
    assert obligation_row(row, View()) is first


def test_lazy_text_is_keyed_by_its_translation():
    text = lazy(lambda: translation.gettext("unverified"), str)()
    with translation.override("ja"):
        japanese = fragments.frozen(text)
        assert japanese == (Promise, translation.gettext("unverified")) != (Promise, "unverified")
    with translation.override("en"):
        assert fragments.frozen(text) == (Promise, "unverified")


def test_unknown_objects_are_never_keyed_loosely():
    with pytest.raises(TypeError):
        fragments.frozen(object())
    row = _row(penalty=object())  # the template does not show this, but no key can stand for it
    first = obligation_row(row, View())
    assert first == _uncached(row) and not fragments._fragments


def test_str_subclasses_are_keyed_by_type_and_value():
    class Status(str):
        pass

    assert fragments.frozen(Status("applies_now")) == (Status, "applies_now") != fragments.frozen("applies_now")
    assert fragments.frozen(mark_safe("<b>")) != fragments.frozen("<b>")


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(fragments._fragments, "limit", 3)
    for days in range(10):
        obligation_row(_row(days_until=days), View())
    assert len(fragments._fragments) == 3
