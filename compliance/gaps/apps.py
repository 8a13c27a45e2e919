from django.apps import AppConfig


class GapsConfig(AppConfig):
    name = "compliance.gaps"
    label = "gaps"
    verbose_name = "Gap tracking"

    def ready(self) -> None:
        from compliance.assessments import panels

        from .selectors import gap_panel

        panels.register(slot=panels.SIDE, order=10, name="gaps", builder=gap_panel)
