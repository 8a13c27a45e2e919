from django.urls import path

from . import evidence_views, exports, views

app_name = "gaps"
urlpatterns = [
    path("assessments/<int:assessment_id>/gaps/", views.tracker, name="tracker"),
    path("assessments/<int:assessment_id>/gaps/<slug:framework_code>/<slug:obligation_code>/", views.item,
         name="item"),
    path("assessments/<int:assessment_id>/gaps/<slug:framework_code>/<slug:obligation_code>/edit/", views.edit,
         name="edit"),
    path("assessments/<int:assessment_id>/gaps/<slug:framework_code>/<slug:obligation_code>/evidence/",
         evidence_views.evidence, name="evidence"),
    path("actions/<int:action_id>/evidence/", evidence_views.action_evidence, name="action_evidence"),
    path("evidence/<int:evidence_id>/download/", evidence_views.download, name="evidence_download"),
    path("evidence/<int:evidence_id>/remove/", evidence_views.remove, name="evidence_remove"),
    path("assessments/<int:assessment_id>/gaps/register.<str:file_format>", exports.gap_register,
         name="gap_register"),
    path("actions/register.<str:file_format>", exports.action_register, name="action_register"),
    path("dashboard/", views.my_dashboard, name="my_dashboard"),
    path("dashboard/<int:organization_id>/", views.dashboard, name="dashboard"),
]
