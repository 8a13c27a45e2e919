from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "compliance.assessments"
    label = "assessments"
