from django.urls import path

from . import views

app_name = "gaps"
urlpatterns = [
    path("assessments/<int:assessment_id>/gaps/", views.tracker, name="tracker"),
    path("assessments/<int:assessment_id>/gaps/<slug:framework_code>/<slug:obligation_code>/", views.item,
         name="item"),
    path("assessments/<int:assessment_id>/gaps/<slug:framework_code>/<slug:obligation_code>/edit/", views.edit,
         name="edit"),
    path("dashboard/", views.my_dashboard, name="my_dashboard"),
    path("dashboard/<int:organization_id>/", views.dashboard, name="dashboard"),
]
