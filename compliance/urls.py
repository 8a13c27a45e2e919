from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path

from . import views
from .organizations.forms import SignInForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("readyz", views.ready, name="ready"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("compliance.api.urls")),
    path("account/", include("compliance.api.account")),
    path("", include("compliance.inventory.views")),
    path("accounts/login/", LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("compliance.organizations.urls")),
    path("", include("compliance.assessments.urls")),
    path("", include("compliance.gaps.urls")),
    path("", include("compliance.reports.urls")),
    path("", include("compliance.upgrades.urls")),
]
