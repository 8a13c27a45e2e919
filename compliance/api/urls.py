from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .views import actions, assessments, gaps, reports, rulesets, systems
from .views.base import NotFoundView

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: the CSP allows no inline scripts.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("systems/", systems.SystemListView.as_view(), name="systems"),
    path("systems/<int:pk>/", systems.SystemDetailView.as_view(), name="system"),
    path("systems/import/", systems.SystemImportView.as_view(), name="systems_import"),
    path("assessments/", assessments.AssessmentListView.as_view(), name="assessments"),
    path("assessments/<int:pk>/", assessments.AssessmentDetailView.as_view(), name="assessment"),
    path("assessments/<int:pk>/answers/", assessments.AnswersView.as_view(), name="answers"),
    path("assessments/<int:pk>/results/", assessments.ResultsView.as_view(), name="results"),
    path("assessments/<int:pk>/gaps/", gaps.GapListView.as_view(), name="gaps"),
    path("assessments/<int:pk>/gaps/<slug:framework>/<slug:obligation>/", gaps.GapDetailView.as_view(), name="gap"),
    path("actions/", actions.ActionListView.as_view(), name="actions"),
    path("actions/<int:pk>/", actions.ActionDetailView.as_view(), name="action"),
    path("assessments/<int:pk>/reports/", reports.AssessmentReportsView.as_view(), name="assessment_reports"),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report"),
    path("reports/<int:pk>/download/", reports.ReportDownloadView.as_view(), name="report_download"),
    path("rulesets/", rulesets.RuleSetListView.as_view(), name="rulesets"),
    path("rulesets/<slug:framework>/<str:label>/", rulesets.RuleSetDetailView.as_view(), name="ruleset"),
    path("rulesets/<slug:framework>/<str:label>/yaml/", rulesets.RuleSetYamlView.as_view(), name="ruleset_yaml"),
    # Anything else under /api/v1/ answers 404 in the API's error format, not as an HTML page.
    re_path(r"^[\s\S]*$", NotFoundView.as_view(), name="not_found"),
]
