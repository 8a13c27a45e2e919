from django.apps import AppConfig


class UpgradesConfig(AppConfig):
    name = "compliance.upgrades"
    label = "upgrades"
    verbose_name = "Rule-set upgrades"
