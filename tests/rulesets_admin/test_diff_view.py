"""The diff page between two versions of one framework."""

import pytest

from frameworks.models import Obligation, RuleSetVersion

from .conftest import admin_url


def test_draft_is_compared_with_the_version_in_force_by_default(client_for, publisher, eu_version, draft):
    obligation = draft.obligations.get(code="art9-risk-management")
    old_date = obligation.applies_from[-1]["date"]
    obligation.applies_from = [*obligation.applies_from[:-1], {**obligation.applies_from[-1], "date": "2028-06-01"}]
    obligation.save()
    response = client_for(publisher).get(admin_url("rulesetversion_diff", draft.pk))
    assert response.status_code == 200
    assert response.context["against"] == eu_version
    diff = response.context["diff"]
    assert [(i.code, i.status) for i in diff.items] == [("art9-risk-management", "changed")]
    page = response.content.decode()
    assert "art9-risk-management" in page and old_date in page and "2028-06-01" in page


def test_any_other_version_of_the_framework_can_be_chosen(client_for, publisher, eu_version, draft):
    Obligation.objects.filter(version=draft, code="art9-risk-management").delete()
    response = client_for(publisher).get(admin_url("rulesetversion_diff", eu_version.pk) + f"?against={draft.pk}")
    assert response.status_code == 200
    assert [(i.code, i.status) for i in response.context["diff"].obligations] == [("art9-risk-management", "added")]


def test_a_version_of_another_framework_is_not_found(client_for, superuser, eu_version):
    other = RuleSetVersion.objects.exclude(framework=eu_version.framework).first()
    if other is None:
        pytest.skip("only one framework is loaded")
    response = client_for(superuser).get(admin_url("rulesetversion_diff", eu_version.pk) + f"?against={other.pk}")
    assert response.status_code == 404


def test_plain_staff_is_refused(client_for, plain_staff, eu_version):
    assert client_for(plain_staff).get(admin_url("rulesetversion_diff", eu_version.pk)).status_code == 403
