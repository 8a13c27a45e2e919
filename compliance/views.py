from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from frameworks.models import RuleSetVersion


def home(request):
    if request.user.is_authenticated:
        return render(request, "home.html")
    return render(request, "landing.html", {
        "versions": RuleSetVersion.objects.filter(status=RuleSetVersion.Status.PUBLISHED).select_related("framework"),
    })


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
