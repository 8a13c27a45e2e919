"""Panels that other apps put on an assessment's results page.

The assessments app sits below gaps, reports and upgrades, so it cannot import them. Each of those
apps registers a builder here when it is ready; the results view calls the builders, so every query a
panel needs runs in the view (where it can be counted), never from a template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Where a panel goes: above the results ("banner") or in the side column ("side").
BANNER = "banner"
SIDE = "side"


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PanelRequest:
    """What a builder may use: the assessment, its evaluated state, the user and their membership."""

    assessment: Any
    state: Any
    user: Any
    membership: Any


Builder = Callable[[PanelRequest], Panel | None]
_builders: dict[str, list[tuple[int, str, Builder]]] = {BANNER: [], SIDE: []}


def register(*, slot: str, order: int, name: str, builder: Builder) -> None:
    """Add (or replace, by name) a panel builder; panels show in ``order``."""
    entries = [entry for entry in _builders[slot] if entry[1] != name]
    entries.append((order, name, builder))
    _builders[slot] = sorted(entries, key=lambda entry: entry[:2])


def build(*, slot: str, request: PanelRequest) -> list[Panel]:
    panels = (builder(request) for _, _, builder in _builders[slot])
    return [panel for panel in panels if panel is not None]
