from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("assessments/<int:assessment_id>/reports/", views.assessment_reports, name="assessment"),
    path("assessments/<int:assessment_id>/reports/region/", views.region, name="region"),
    path("reports/<int:report_id>/", views.detail, name="detail"),
    path("reports/<int:report_id>/status/", views.status, name="status"),
    path("reports/<int:report_id>/retry/", views.retry, name="retry"),
    path("reports/<int:report_id>/download/", views.download, name="download"),
]
