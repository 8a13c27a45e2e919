from django.apps import AppConfig


class UpgradesConfig(AppConfig):
    name = "compliance.upgrades"
    label = "upgrades"
    verbose_name = "Rule-set upgrades"

    def ready(self) -> None:
        from compliance.assessments import panels
        from frameworks import publishing

        from . import selectors, services
        from .selectors import updates_banner

        panels.register(slot=panels.BANNER, order=10, name="upgrades", builder=updates_banner)
        # The rule-set admin publishes through this app without importing it (frameworks/publishing.py).
        publishing.register(publish=services.publish, impact=selectors.publish_impact,
                            latest=selectors.latest_publication, retry=services.retry_reevaluation)
