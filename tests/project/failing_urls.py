"""The project's URLs plus one view that fails, for the 500 page test."""

from django.urls import path

from compliance.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("test failure")


urlpatterns = [*project_urlpatterns, path("boom/", boom)]
