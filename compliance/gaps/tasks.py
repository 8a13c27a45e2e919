"""Celery tasks of the gap workspace. Thin: the work is in the services."""

from __future__ import annotations

from celery import shared_task

from . import reminders
from .actions import notifications


@shared_task(acks_late=True)
def send_reminders() -> int:
    """Run by Celery beat (CELERY_BEAT_SCHEDULE); returns how many reminders went out."""
    return reminders.send_reminders().reminders


@shared_task(acks_late=True)
def send_assignment_email(kind: str, pk: int, assigned_by_id: int | None) -> bool:
    return notifications.send_assignment_email(kind=kind, pk=pk, assigned_by_id=assigned_by_id)
