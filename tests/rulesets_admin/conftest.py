"""Admin personas and rule-set fixtures: rule editor, publisher, plain staff, superuser."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from frameworks.models import RuleSetVersion
from frameworks.selectors import latest_published
from frameworks.services import create_draft_from
from tests.factories import UserFactory

SAMPLE_PATH = Path(__file__).resolve().parent.parent / "fixtures" / "eu-sample.yaml"


@pytest.fixture
def eu_version(shipped_rule_sets) -> RuleSetVersion:
    """The EU AI Act version in force: the shipped one, or the test sample when none is shipped."""
    version = latest_published(framework_code="eu-ai-act")
    if version is None:
        call_command("load_rulesets", str(SAMPLE_PATH), verbosity=0, stdout=open("/dev/null", "w"))
        version = latest_published(framework_code="eu-ai-act")
    return version


@pytest.fixture
def draft(eu_version) -> RuleSetVersion:
    """A copy of the EU version that would enter into force a month later."""
    return create_draft_from(version=eu_version, label="next-draft",
                             in_force_from=eu_version.in_force_from + dt.timedelta(days=30))


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def rule_editor(db):
    user = UserFactory(username="erin", is_staff=True)
    user.groups.add(Group.objects.get(name="Rule editors"))
    return user


@pytest.fixture
def publisher(db):
    user = UserFactory(username="paul", is_staff=True)
    user.groups.add(Group.objects.get(name="Rule publishers"))
    return user


@pytest.fixture
def plain_staff(db):
    return UserFactory(username="stan", is_staff=True)


def admin_url(name: str, *args) -> str:
    from django.urls import reverse

    return reverse(f"admin:frameworks_{name}", args=args)


from tests.upgrades.support import eager_celery  # noqa: E402,F401  (shared fixture)
