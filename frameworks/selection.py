"""Which rule-set version of a framework is in force on a date (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def in_force(versions: Iterable[tuple[T, dict]], as_of: dt.date) -> T | None:
    """Pick the version in force on ``as_of`` from (item, version-metadata) pairs.

    Drafts never count. Among published and retired versions whose in-force window
    contains the date, the one that entered into force last wins.
    """
    best, best_from = None, None
    for item, meta in versions:
        if meta["status"] == "draft":
            continue
        start = _as_date(meta["in_force_from"])
        end = _as_date(meta.get("in_force_until"))
        if start > as_of or (end is not None and as_of >= end):
            continue
        if best_from is None or start > best_from:
            best, best_from = item, start
    return best


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
