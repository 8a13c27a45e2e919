from django.apps import AppConfig


class GapsConfig(AppConfig):
    name = "compliance.gaps"
    label = "gaps"
    verbose_name = "Gap tracking"
