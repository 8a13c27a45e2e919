"""Periodic maintenance run by Celery beat (see CELERY_BEAT_SCHEDULE in settings)."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.utils import timezone


@shared_task
def clear_expired_sessions() -> int:
    """Delete sessions past their expiry date (what `manage.py clearsessions` does); returns how many."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
