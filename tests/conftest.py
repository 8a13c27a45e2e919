"""Shared fixtures: shipped rule sets loaded once, and the owner / teammate / outsider personas."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from compliance.organizations.models import Role
from compliance.translations import compile_catalogs
from frameworks.loader import default_paths
from frameworks.models import RuleSetVersion

from .factories import MembershipFactory, OrganizationFactory

PASSWORD = "correct horse battery staple"

# Tests run with the current catalogs even when pytest is started without `make test`.
compile_catalogs()


def load_shipped_rule_sets() -> None:
    if default_paths() and not RuleSetVersion.objects.exists():
        call_command("load_rulesets", verbosity=0, stdout=open("/dev/null", "w"))


@pytest.fixture(scope="session", autouse=True)
def plain_static_files():
    """Tests run with DEBUG off but without `collectstatic`: refer to static files by their plain names."""
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_shipped_rule_sets()


@pytest.fixture(autouse=True)
def tasks_inside_the_caller(settings):
    """Run in-process Celery tasks where they are queued, so tests see their effect at once;
    tests of the background thread turn TASKS_IN_BACKGROUND back on."""
    settings.TASKS_IN_BACKGROUND = False


@pytest.fixture(autouse=True)
def default_language():
    """The test client's requests activate the reader's language in this thread and leave it active: each test
    starts in the default language, whatever the test before it read."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def no_kept_portfolio_pages():
    """Each test's database is rolled back, so ids (and, for empty organizations, their state) repeat across
    tests: content kept by one test's portfolio pages must not meet another test's."""
    from compliance.gaps import kept_pages

    kept_pages.forget_kept_content()


@pytest.fixture
def shipped_rule_sets(db):
    """The shipped rule sets, reloaded if a transactional test flushed them."""
    load_shipped_rule_sets()


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Acme Robotics")


@pytest.fixture
def owner(organization):
    return MembershipFactory(organization=organization, role=Role.OWNER, user__username="olivia").user


@pytest.fixture
def teammate(organization):
    """An editor in the same organization."""
    return MembershipFactory(organization=organization, role=Role.EDITOR, user__username="ted").user


@pytest.fixture
def viewer(organization):
    return MembershipFactory(organization=organization, role=Role.VIEWER, user__username="vera").user


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="Globex")


@pytest.fixture
def outsider(other_organization):
    """Owner of another organization: must never see or change Acme's data."""
    return MembershipFactory(organization=other_organization, role=Role.OWNER, user__username="oscar").user


@pytest.fixture
def client_for(client):
    """Log the test client in as a persona: ``client_for(owner)``."""

    def login(user):
        client.force_login(user)
        return client

    return login
