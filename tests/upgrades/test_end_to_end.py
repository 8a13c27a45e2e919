"""End to end through the web: an admin moves an Annex III date; the user sees it and upgrades."""

from django.urls import reverse

from compliance.upgrades.models import AssessmentUpgrade
from frameworks.models import RuleSetVersion
from tests.rulesets_admin.formdata import form_data

NEW_DATE = "2028-06-01"


def admin_url(name, *args):
    return reverse(f"admin:frameworks_{name}", args=args)


def test_admin_changes_an_annex_iii_date_and_the_user_upgrades_to_it(
        client, superuser, owner, assessment, eu_version, django_capture_on_commit_callbacks, eager_celery):
    # The admin creates a draft from the version in force.
    client.force_login(superuser)
    response = client.post(admin_url("rulesetversion_new_draft", eu_version.pk), {"label": "2026.3", "in_force_from": "2026-11-01"})
    draft = RuleSetVersion.objects.get(framework=eu_version.framework, label="2026.3")
    assert response["Location"] == admin_url("rulesetversion_change", draft.pk)

    # ... changes the Annex III date of the risk-management obligation (its last, unconditional date) ...
    obligation = draft.obligations.get(code="art9-risk-management")
    old_date = obligation.applies_from[-1]["date"]
    assert "Art. 113" in obligation.applies_from[-1]["citation"] or len(obligation.applies_from) == 1
    data = form_data(client.get(admin_url("obligation_change", obligation.pk)).content.decode(), "obligation_form")
    data[f"applies_from_{(len(obligation.applies_from) - 1) * 3}"] = [NEW_DATE]
    assert client.post(admin_url("obligation_change", obligation.pk), data).status_code == 302

    # ... sees the change and its impact before publishing, then publishes.
    preview = client.get(admin_url("rulesetversion_publish", draft.pk))
    assert preview.context["impact"].pinned_total == 1
    assert [o.new_date for o in preview.context["impact"].sample[0].change.date_changes] == [NEW_DATE]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(admin_url("rulesetversion_publish", draft.pk)).status_code == 302

    # The user's assessment shows the update, still on the old rules.
    client.force_login(owner)
    detail = reverse("assessments:detail", args=[assessment.pk])
    page = client.get(detail).content.decode()
    assert "Rules updated" in page and f"applies from <strong>{NEW_DATE}</strong> (was {old_date})" in page
    assert f"From {old_date}" in page

    # After upgrading, the results use the new date and every answer is still there.
    answers = dict(assessment.answers.values_list("question_code", "value"))
    response = client.post(reverse("upgrades:upgrade", args=[assessment.pk]), {"frameworks": ["eu-ai-act"]})
    assert response.status_code == 302
    page = client.get(detail).content.decode()
    assert "Rules updated" not in page and f"From {NEW_DATE}" in page
    assert dict(assessment.answers.values_list("question_code", "value")) == answers
    assert AssessmentUpgrade.objects.get(assessment=assessment).to_version == draft
