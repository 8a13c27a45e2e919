from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "compliance.inventory"
    label = "inventory"
    verbose_name = "AI system inventory import and export"
