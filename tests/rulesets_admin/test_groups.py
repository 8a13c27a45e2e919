"""The groups created by the data migration."""

from django.contrib.auth.models import Group


def codenames(name: str) -> set[str]:
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_rule_editors_edit_content_but_cannot_publish(db):
    perms = codenames("Rule editors")
    assert {"change_obligation", "add_question", "delete_choice", "change_rulesetversion", "view_framework"} <= perms
    assert "publish_rulesetversion" not in perms
    assert "change_framework" not in perms


def test_rule_publishers_publish_and_read(db):
    perms = codenames("Rule publishers")
    assert {"publish_rulesetversion", "view_rulesetversion", "view_obligation"} <= perms
    assert not {p for p in perms if p.startswith(("change_", "add_", "delete_"))}
