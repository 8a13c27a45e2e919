"""Every recorded change to one version and its content: who, when, what (from django-simple-history)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from ..diff import field_changes
from ..models import (
    Choice,
    ClassificationRule,
    CrosswalkLink,
    Obligation,
    Question,
    Role,
    RuleSetVersion,
    Section,
    Tier,
)
from ..services import STARTING_POINT

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
CONTENT = [(Section, "section"), (Question, "question"), (Role, "role"), (Tier, "tier"),
           (ClassificationRule, "rule"), (Obligation, "obligation"), (CrosswalkLink, "crosswalk link")]


@dataclass(frozen=True)
class FieldEdit:
    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ChangeEntry:
    when: dt.datetime
    user: str
    action: str
    kind: str
    label: str
    fields: tuple[FieldEdit, ...]


def _label(record) -> str:
    if hasattr(record, "code"):
        return record.code
    if hasattr(record, "obligation_code"):
        return f"{record.obligation_code} → {record.target_framework}:{record.target_obligation}"
    return record.label


def _entries(records: list, kind: str, label=_label) -> list[ChangeEntry]:
    if not records:
        return []
    names = [f.attname for f in records[0].instance_type._meta.concrete_fields]
    entries = []
    for _, versions in groupby(records, key=lambda r: r.id):
        previous = None
        for record in versions:
            fields: tuple[FieldEdit, ...] = ()
            if previous is not None and record.history_type == "~":
                # Structured fields (dates, exceptions) are compared part by part: applies_from[2].date.
                fields = tuple(FieldEdit(c.path, c.old, c.new) for n in names
                               for c in field_changes(getattr(previous, n), getattr(record, n), n))
            if record.history_change_reason == STARTING_POINT:
                previous = record  # the copied content: compared against, not listed
                continue
            entries.append(ChangeEntry(record.history_date, record.history_user.get_username()
                                       if record.history_user else "(system)", ACTIONS[record.history_type], kind,
                                       label(record), fields))
            previous = record
    return entries


def version_changes(version: RuleSetVersion, *, limit: int = 500) -> list[ChangeEntry]:
    """The newest ``limit`` changes to the version and everything in it, newest first."""
    def history(model, **lookup):
        return list(model.history.filter(**lookup).select_related("history_user")
                    .order_by("id", "history_date", "history_id"))

    entries = _entries(history(RuleSetVersion, id=version.pk), "version", lambda r: r.label)
    for model, kind in CONTENT:
        entries += _entries(history(model, version_id=version.pk), kind)
    question_codes = dict(Question.history.filter(version_id=version.pk).values_list("id", "code"))
    entries += _entries(history(Choice, question_id__in=list(question_codes)), "choice",
                        lambda r: f"{question_codes.get(r.question_id, '?')}: {r.code}")
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
