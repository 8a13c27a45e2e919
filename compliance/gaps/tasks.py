"""Celery tasks of the gap workspace. Thin: the work is in the services."""

from __future__ import annotations

from celery import shared_task

from . import reminders


@shared_task(acks_late=True)
def send_reminders() -> int:
    """Run by Celery beat (CELERY_BEAT_SCHEDULE); returns how many reminders went out."""
    return reminders.send_reminders().reminders
