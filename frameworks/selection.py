"""Which rule-set version of a framework is in force on a date (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def in_force(versions: Iterable[tuple[T, dict]], as_of: dt.date) -> T | None:
    """Pick the version in force on ``as_of`` from (item, version-metadata) pairs.

    Drafts never count. Among published versions whose in-force window contains the date, the
    newest (latest in_force_from, then latest published) wins; a retired version is used only
    for a date no published version covers (e.g. a revoked order, before its revocation).
    """
    covering = [(item, meta) for item, meta in versions if meta["status"] != "draft" and _covers(meta, as_of)]
    published = [pair for pair in covering if pair[1]["status"] == "published"]
    candidates = published or covering
    if not candidates:
        return None
    return max(candidates, key=lambda pair: (_as_date(pair[1]["in_force_from"]), _order(pair[1])))[0]


def superseded_labels(documents: Iterable[dict]) -> dict[str, set[str]]:
    """Framework code -> labels that a published version's `version.supersedes` retires."""
    out: dict[str, set[str]] = {}
    for doc in documents:
        label = doc["version"].get("supersedes")
        if label and doc["version"]["status"] == "published":
            out.setdefault(doc["framework"]["code"], set()).add(label)
    return out


def _covers(meta: dict, as_of: dt.date) -> bool:
    start = _as_date(meta["in_force_from"])
    end = _as_date(meta.get("in_force_until"))
    return start is not None and start <= as_of and (end is None or as_of < end)


def _order(meta: dict) -> tuple:
    published_at = meta.get("published_at")
    return (published_at is not None, published_at.timestamp() if published_at is not None else 0.0)


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)
