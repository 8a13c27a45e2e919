"""Portfolio pages keep their rendered content per state of the organization (compliance.gaps.kept_pages):
every change a person makes shows on the next request, and nothing kept for one reader, language, day or
organization reaches another."""

import datetime as dt

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from compliance.assessments.selectors import assessment_state
from compliance.assessments.services import (
    archive_assessment,
    rename_assessment,
    restore_assessment,
    save_answers,
    update_system,
)
from compliance.gaps import kept_pages, portfolio
from compliance.gaps.models import GapItem, GapStatus
from compliance.gaps.services import record_gap
from compliance.organizations.services import note_portfolio_change
from frameworks.models import RuleSetVersion
from tests.gaps.fixtures import EU, make_assessment, set_gap
from tests.querycount import queries_for

OVERSIGHT = "art50-1-disclose-interaction"


def dashboard(organization) -> str:
    return reverse("gaps:dashboard", args=[organization.pk])


LIST = reverse("assessments:list")
SYSTEMS = reverse("assessments:system_list")


@pytest.fixture
def viewed(client_for, owner, organization, assessment, frozen_today):
    """The owner's client after one view of each portfolio page (their content is kept now)."""
    client = client_for(owner)
    for url in (dashboard(organization), LIST, SYSTEMS):
        assert client.get(url).status_code == 200
    return client


def test_a_second_view_is_served_from_the_kept_content(client_for, owner, organization, assessment):
    client = client_for(owner)
    rendered = queries_for(client, dashboard(organization), before=kept_pages.forget_kept_content)
    kept = queries_for(client, dashboard(organization))
    assert kept < rendered and kept <= 7


def test_a_gap_recorded_shows_at_once(viewed, owner, organization, assessment):
    assert "Nothing is overdue" in viewed.get(dashboard(organization)).content.decode()
    record_gap(state=assessment_state(assessment), user=owner, framework_code=EU, obligation_code=OVERSIGHT,
               status=GapStatus.IN_PROGRESS, owner="Mina", due_date=dt.date(2020, 1, 1))
    body = viewed.get(dashboard(organization)).content.decode()
    assert "Overdue: 1" in body and "Owner: Mina" in body


def test_archiving_renaming_and_restoring_show_at_once(viewed, owner, organization, assessment):
    archive_assessment(assessment=assessment, user=owner)
    assert reverse("assessments:detail", args=[assessment.pk]) not in viewed.get(LIST).content.decode()
    restore_assessment(assessment=assessment)
    rename_assessment(assessment=assessment, label="Korea launch")
    body = viewed.get(LIST).content.decode()
    assert reverse("assessments:detail", args=[assessment.pk]) in body and "Korea launch" in body


def test_a_system_edited_shows_at_once(viewed, organization, assessment):
    system = assessment.system
    update_system(system=system, name="Résumé ranker", description=system.description, purpose="Ranks CVs",
                  owner="HR", lifecycle_stage=system.lifecycle_stage, markets=system.markets)
    assert "Résumé ranker" in viewed.get(SYSTEMS).content.decode()
    assert "Résumé ranker" in viewed.get(dashboard(organization)).content.decode()


def test_a_counted_change_shows_even_with_an_older_timestamp(viewed, organization, assessment):
    """A transaction that took its timestamp before another one committed can commit after it: the newest
    timestamp then stays the same, and only the counted change tells the pages."""
    assert "Nothing is overdue" in viewed.get(dashboard(organization)).content.decode()
    newest = GapItem.objects.filter(organization=organization).order_by("-updated_at").first()
    item = set_gap(assessment, OVERSIGHT, status=GapStatus.IN_PROGRESS, due_date=dt.date(2020, 1, 1))
    GapItem.objects.filter(pk=item.pk).update(updated_at=timezone.now() - dt.timedelta(hours=1))
    if newest is not None:  # no newer timestamp than before
        assert GapItem.objects.order_by("-updated_at").first().pk == newest.pk
    note_portfolio_change(organization_id=organization.pk)
    assert "Overdue: 1" in viewed.get(dashboard(organization)).content.decode()


def test_an_edit_in_the_django_admin_shows_at_once(viewed, organization, assessment, admin_user):
    item = set_gap(assessment, OVERSIGHT, status=GapStatus.NOT_STARTED)
    assert viewed.get(dashboard(organization)).status_code == 200
    item.due_date, item.updated_at = dt.date(2020, 1, 1), item.updated_at  # the admin form leaves updated_at
    request = RequestFactory().post("/admin/")
    request.user = admin_user
    admin.site._registry[GapItem].save_model(request, item, form=None, change=True)
    assert "Overdue: 1" in viewed.get(dashboard(organization)).content.decode()


def test_the_next_day_is_rendered_anew(viewed, organization, assessment, monkeypatch):
    set_gap(assessment, OVERSIGHT, status=GapStatus.IN_PROGRESS, due_date=dt.date(2026, 11, 23))
    assert "Nothing is overdue" in viewed.get(dashboard(organization)).content.decode()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: dt.date(2026, 11, 24))
    assert "Overdue since 2026-11-23" in viewed.get(dashboard(organization)).content.decode()


def test_each_language_gets_its_own_content(viewed, organization):
    viewed.cookies["django_language"] = "ko"
    assert "갭 대시보드" in viewed.get(dashboard(organization)).content.decode()
    viewed.cookies["django_language"] = "en"
    assert "Gap dashboard" in viewed.get(dashboard(organization)).content.decode()


def test_a_viewer_never_gets_an_editors_buttons(viewed, viewer, assessment):
    assert reverse("assessments:archive", args=[assessment.pk]) in viewed.get(LIST).content.decode()
    theirs = Client()
    theirs.force_login(viewer)
    body = theirs.get(LIST).content.decode()
    assert reverse("assessments:detail", args=[assessment.pk]) in body
    assert reverse("assessments:archive", args=[assessment.pk]) not in body


def test_another_organizations_content_is_never_served(viewed, outsider, other_organization, sample_version):
    make_assessment(other_organization, [sample_version], name="Globex scorer")
    theirs = Client()
    theirs.force_login(outsider)
    body = theirs.get(LIST).content.decode()
    assert "Globex scorer" in body and "CV screener" not in body
    assert "Globex scorer" not in viewed.get(LIST).content.decode()


def test_a_rule_set_change_renders_the_content_anew(owner, organization, assessment, rf):
    membership = owner.memberships.get(organization=organization)
    request = rf.get(LIST)
    before = kept_pages.content_key(page="assessments", membership=membership, query=request.GET)
    version = RuleSetVersion.objects.filter(status=RuleSetVersion.Status.PUBLISHED).first()
    RuleSetVersion.objects.filter(pk=version.pk).update(translations_digest="corrected")
    assert kept_pages.content_key(page="assessments", membership=membership, query=request.GET) != before


def test_content_saying_results_are_being_refreshed_is_not_kept(client_for, owner, organization, assessment,
                                                                monkeypatch):
    monkeypatch.setattr(portfolio, "ensure_current", lambda **kwargs: 3)
    client = client_for(owner)
    assert "being brought up to date" in client.get(dashboard(organization)).content.decode()
    monkeypatch.setattr(portfolio, "ensure_current", lambda **kwargs: 0)
    assert "being brought up to date" not in client.get(dashboard(organization)).content.decode()


def _main_column(body: str) -> str:
    return body.split('class="col-xl-9 results-main">', 1)[1].split('<div class="col-xl-3">', 1)[0]


def test_the_results_pages_obligations_follow_an_answer_at_once(client_for, owner, assessment):
    client = client_for(owner)
    url = reverse("assessments:detail", args=[assessment.pk])
    before = _main_column(client.get(url).content.decode())
    save_answers(assessment=assessment, user=owner, changes={"use_areas": {"value": []}})
    kept = _main_column(client.get(url).content.decode())
    kept_pages.forget_kept_content()
    assert kept == _main_column(client.get(url).content.decode()) != before
    client.cookies["django_language"] = "ja"
    assert "義務" in _main_column(client.get(url).content.decode())
