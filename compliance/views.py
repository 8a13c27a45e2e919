from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache

from compliance.health import readiness
from frameworks.selectors import localized_ruleset, versions_in_force


def home(request):
    if request.user.is_authenticated:
        return render(request, "home.html")
    # The version of each framework in force today, with its name and title in the reader's language.
    versions = [(version, localized_ruleset(version)) for version in versions_in_force(as_of=timezone.localdate())]
    return render(request, "landing.html", {
        "versions": [{"name": rule_set.framework["name"], "title": rule_set.version.get("title", ""),
                      "label": version.label, "in_force_from": version.in_force_from} for version, rule_set in versions],
    })


@never_cache
def health(request):
    """Liveness: the process answers and its database connection works."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request):
    """Readiness: the database and the Celery broker both answer (503 otherwise)."""
    report = readiness()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


def favicon(request):
    return redirect(static("favicon.svg"), permanent=True)
