from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "compliance.reports"
    label = "reports"

    def ready(self) -> None:
        from compliance.assessments import panels

        from .selectors import assessment_report_panel

        panels.register(slot=panels.SIDE, order=20, name="reports", builder=assessment_report_panel)
