"""The version list: status, in-force dates, sources and content counts, for staff with view permission."""

from frameworks.models import RuleSetVersion

from .conftest import admin_url


def test_lists_every_version_with_counts_and_sources(client_for, rule_editor, eu_version, draft,
                                                     django_assert_max_num_queries):
    client = client_for(rule_editor)
    with django_assert_max_num_queries(12):
        response = client.get(admin_url("rulesetversion_changelist"))
    assert response.status_code == 200
    page = response.content.decode()
    assert eu_version.label in page and draft.label in page
    assert "Published" in page and "Draft" in page
    shown = response.context["cl"].result_list
    row = next(v for v in shown if v.pk == eu_version.pk)
    assert (row.n_questions, row.n_rules, row.n_obligations) == (
        eu_version.questions.count(), eu_version.rules.count(), eu_version.obligations.count())
    assert eu_version.sources[0]["title"][:25] in page
    assert "Upload YAML as a new draft" in page


def test_query_count_does_not_grow_with_versions(client_for, superuser, eu_version, django_assert_max_num_queries):
    from frameworks.services import create_draft_from

    for n in range(5):
        create_draft_from(version=eu_version, label=f"copy-{n}")
    client = client_for(superuser)
    with django_assert_max_num_queries(12):
        assert client.get(admin_url("rulesetversion_changelist")).status_code == 200


def test_filter_by_status(client_for, rule_editor, eu_version, draft):
    response = client_for(rule_editor).get(admin_url("rulesetversion_changelist") + "?status__exact=draft")
    assert [v.pk for v in response.context["cl"].result_list] == [draft.pk]


def test_publisher_sees_the_list_but_no_upload(client_for, publisher, eu_version):
    response = client_for(publisher).get(admin_url("rulesetversion_changelist"))
    assert response.status_code == 200
    assert "Upload YAML" not in response.content.decode()


def test_plain_staff_is_refused(client_for, plain_staff, eu_version):
    assert client_for(plain_staff).get(admin_url("rulesetversion_changelist")).status_code == 403


def test_non_staff_is_sent_to_login(client_for, owner, eu_version):
    response = client_for(owner).get(admin_url("rulesetversion_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_framework_list_is_read_only(client_for, superuser, eu_version):
    client = client_for(superuser)
    response = client.get(admin_url("framework_changelist"))
    assert response.status_code == 200 and "EU" in response.content.decode()
    framework = eu_version.framework
    response = client.post(admin_url("framework_change", framework.pk), {"name": "Renamed"})
    assert response.status_code == 403
    assert RuleSetVersion.objects.get(pk=eu_version.pk).framework.name == framework.name
