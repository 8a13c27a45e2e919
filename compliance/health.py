"""Readiness checks: can this process reach the database and the Celery broker?"""

from __future__ import annotations

from django.conf import settings
from django.db import connection


def database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any driver error means "not ready"; the message says which
        return f"{type(error).__name__}: {error}".strip()
    return None


def broker_problem() -> str | None:
    """None when the broker answers a ping (or when tasks run in-process without one)."""
    if not settings.REDIS_URL:
        return None
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    except Exception as error:
        return f"{type(error).__name__}: {error}".strip()
    return None


def readiness() -> dict:
    checks = {"database": database_problem(), "broker": broker_problem()}
    return {
        "status": "ok" if not any(checks.values()) else "unavailable",
        "checks": {name: ({"status": "ok"} if problem is None else {"status": "error", "error": problem})
                   for name, problem in checks.items()},
        "broker": "redis" if settings.REDIS_URL else "in-process (no REDIS_URL)",
    }
