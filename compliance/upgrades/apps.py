from django.apps import AppConfig


class UpgradesConfig(AppConfig):
    name = "compliance.upgrades"
    label = "upgrades"
    verbose_name = "Rule-set upgrades"

    def ready(self) -> None:
        from compliance.assessments import panels

        from .selectors import updates_banner

        panels.register(slot=panels.BANNER, order=10, name="upgrades", builder=updates_banner)
