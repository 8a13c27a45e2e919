from django.urls import path

from . import evidence_views, exports, views
from .actions import views as action_views

app_name = "gaps"
urlpatterns = [
    path("assessments/<int:assessment_id>/gaps/", views.tracker, name="tracker"),
    path("assessments/<int:assessment_id>/gaps/bulk/", views.bulk_edit, name="bulk_edit"),
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
    path("assessments/<int:assessment_id>/gaps/<slug:framework_code>/<slug:obligation_code>/link/",
         views.link_existing, name="link_existing"),
    path("actions/", action_views.action_list, name="actions"),
    path("actions/new/", action_views.action_new, name="action_new"),
    path("actions/<int:pk>/", action_views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", action_views.action_edit, name="action_edit"),
    path("actions/<int:pk>/link/", action_views.action_link, name="action_link"),
    path("actions/<int:pk>/links/<int:link_pk>/unlink/", action_views.action_unlink, name="action_unlink"),
    path("assigned/", action_views.assigned_to_me, name="assigned"),
    path("dashboard/", views.my_dashboard, name="my_dashboard"),
    path("dashboard/<int:organization_id>/", views.dashboard, name="dashboard"),
]
