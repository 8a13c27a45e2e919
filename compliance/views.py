from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache

from compliance.health import readiness
from frameworks.models import RuleSetVersion


def home(request):
    if request.user.is_authenticated:
        return render(request, "home.html")
    return render(request, "landing.html", {
        "versions": RuleSetVersion.objects.filter(status=RuleSetVersion.Status.PUBLISHED).select_related("framework"),
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
