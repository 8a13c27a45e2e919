from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "compliance.organizations"
    label = "organizations"
