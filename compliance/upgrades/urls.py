from django.urls import path

from . import views

app_name = "upgrades"
urlpatterns = [
    path("assessments/<int:assessment_id>/upgrade/", views.upgrade, name="upgrade"),
    path("assessments/<int:assessment_id>/upgrades/", views.history, name="history"),
    path("assessments/<int:assessment_id>/upgrades/reviews/<int:item_id>/done/", views.resolve_review,
         name="resolve_review"),
]
