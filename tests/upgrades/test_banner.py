"""The "rules updated" banner on the assessment page."""

from django.template.loader import render_to_string
from django.urls import reverse

from compliance.assessments.panels import PanelRequest
from compliance.upgrades.selectors import updates_banner
from compliance.upgrades.services import publish, upgrade_assessment

from .support import move_annex_iii_date


def render(assessment) -> str:
    """The banner as the results view builds it (upgrades.selectors.updates_banner); '' when it has none."""
    panel = updates_banner(PanelRequest(assessment=assessment, state=None, user=None, membership=None))
    return render_to_string(panel.template, panel.context) if panel else ""


def test_no_banner_while_the_rules_are_current(assessment):
    assert "Rules updated" not in render(assessment)


def test_banner_shows_the_change_in_this_assessments_results(assessment, draft, eu_version):
    _, old_date = move_annex_iii_date(draft)
    publish(version=draft, user=None)
    html = render(assessment)
    assert "Rules updated" in html
    assert f"{eu_version.label} → {draft.label}" in html
    assert "applies from <strong>2028-06-01</strong> (was " + old_date in html
    assert reverse("upgrades:upgrade", args=[assessment.pk]) in html


def test_banner_is_on_the_assessment_page_and_goes_after_upgrading(client_for, owner, assessment, draft):
    move_annex_iii_date(draft)
    publish(version=draft, user=None)
    client = client_for(owner)
    assert "Rules updated" in client.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    upgrade_assessment(assessment=assessment, user=owner, framework_codes=["eu-ai-act"])
    assert "Rules updated" not in client.get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
