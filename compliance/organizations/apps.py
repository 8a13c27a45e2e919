from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "compliance.organizations"
    label = "organizations"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import apply_saved_language_at_login

        # At sign-in the profile's language is copied into the session, so pages cost no extra query.
        user_logged_in.connect(apply_saved_language_at_login, dispatch_uid="apply_saved_language_at_login")
