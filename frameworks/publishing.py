"""Where publishing a version meets the apps that use rule sets.

``frameworks`` never imports those apps (the layer order: rule data below user data). An app that must
act when a version is published registers itself here; ``compliance.upgrades`` does, in its
``AppConfig.ready``, to record the publication, re-evaluate pinned assessments and preview the impact.
Without a registration, publishing only publishes, and the admin shows no impact preview.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .models import RuleSetVersion
from .services import publish_version


def _publish_only(*, version: RuleSetVersion, user: Any) -> RuleSetVersion:
    return publish_version(version=version)


def _nothing(**kwargs: Any) -> None:
    return None


@dataclass(frozen=True)
class PublicationHooks:
    # publish(version=, user=) publishes atomically (RuleSetInvalid if it cannot) and returns a record.
    publish: Callable[..., Any] = _publish_only
    # impact(version=, new_rule_set=) -> what publishing would change for existing users, or None.
    impact: Callable[..., Any] = _nothing
    # latest(version=) -> the record of the version's publication (progress of follow-up work), or None.
    latest: Callable[..., Any] = _nothing
    # retry(publication=) queues the follow-up work again after it could not be queued; None if there is none.
    retry: Callable[..., Any] | None = None


_hooks = PublicationHooks()


def register(*, publish: Callable[..., Any], impact: Callable[..., Any], latest: Callable[..., Any],
             retry: Callable[..., Any] | None = None) -> None:
    global _hooks
    _hooks = PublicationHooks(publish=publish, impact=impact, latest=latest, retry=retry)


def hooks() -> PublicationHooks:
    return _hooks

