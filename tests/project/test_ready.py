from django.urls import reverse

from compliance import health


def test_ready_reports_database_and_broker(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("ready"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["broker"].startswith("in-process")


def test_ready_answers_503_when_the_broker_is_down(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("ready"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"]["status"] == "error"
    assert "Connection" in body["checks"]["broker"]["error"]


def test_ready_answers_503_when_the_database_fails(client, db, monkeypatch):
    monkeypatch.setattr(health, "database_problem", lambda: "OperationalError: connection refused")
    response = client.get(reverse("ready"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["error"] == "OperationalError: connection refused"


def test_favicon_redirects_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_beat_task_deletes_only_expired_sessions(db):
    import datetime as dt

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from compliance.organizations.tasks import clear_expired_sessions

    now = timezone.now()
    Session.objects.create(session_key="old", session_data="", expire_date=now - dt.timedelta(seconds=1))
    Session.objects.create(session_key="live", session_data="", expire_date=now + dt.timedelta(days=1))
    assert clear_expired_sessions() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
