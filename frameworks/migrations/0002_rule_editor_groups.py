"""The "Rule editors" group (edit drafts) and the "Rule publishers" group (publish them)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = ["rulesetversion", "section", "question", "choice", "role", "tier", "classificationrule",
                  "obligation", "crosswalklink"]
EDITOR_PERMISSIONS = ["view_framework"] + [f"{action}_{model}" for model in CONTENT_MODELS
                                           for action in ("add", "change", "delete", "view")]
PUBLISHER_PERMISSIONS = ["view_framework", "publish_rulesetversion"] + [f"view_{model}" for model in CONTENT_MODELS]
GROUPS = {"Rule editors": EDITOR_PERMISSIONS, "Rule publishers": PUBLISHER_PERMISSIONS}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    config = apps.get_app_config("frameworks")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="frameworks", codename__in=codenames)
        assert permissions.count() == len(codenames), f"missing permissions for {name}"
        group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
