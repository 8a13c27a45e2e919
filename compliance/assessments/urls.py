from django.urls import path

from .views import assessments, systems, wizard

app_name = "assessments"
urlpatterns = [
    path("systems/", systems.system_list, name="system_list"),
    path("systems/new/", systems.system_create, name="system_create"),
    path("systems/<int:pk>/", systems.system_detail, name="system_detail"),
    path("systems/<int:pk>/edit/", systems.system_edit, name="system_edit"),
    path("systems/<int:pk>/assess/", assessments.assessment_start, name="start"),
    path("assessments/", assessments.assessment_list, name="list"),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="detail"),
    path("assessments/<int:pk>/timeline/", assessments.assessment_timeline, name="timeline"),
    path("assessments/<int:pk>/crosswalk/", assessments.assessment_crosswalk, name="crosswalk"),
    path("assessments/<int:pk>/archive/", assessments.assessment_archive, name="archive"),
    path("assessments/<int:pk>/restore/", assessments.assessment_restore, name="restore"),
    path("assessments/<int:pk>/label/", assessments.assessment_rename, name="rename"),
    path("assessments/<int:pk>/questions/", wizard.resume, name="resume"),
    path("assessments/<int:pk>/questions/<slug:code>/", wizard.section, name="section"),
    path("assessments/<int:pk>/answers/<slug:code>/", wizard.answer, name="answer"),
    path("assessments/<int:pk>/review/", wizard.review, name="review"),
]
