from django.urls import reverse

from tests.factories import AISystemFactory
from tests.querycount import assert_same_queries_at_two_sizes

from .conftest import pin_assessment


def url(system):
    return reverse("assessments:system_detail", args=[system.pk])


def test_owner_sees_details_and_assessments(client_for, owner, assessment, system):
    body = client_for(owner).get(url(system)).content.decode()
    assert "CV screener" in body
    assert reverse("assessments:detail", args=[assessment.pk]) in body
    assert reverse("assessments:start", args=[system.pk]) in body
    assert "EU Artificial Intelligence Act" in body


def test_teammate_sees_it(client_for, teammate, system):
    assert client_for(teammate).get(url(system)).status_code == 200


def test_viewer_sees_it_without_edit_links(client_for, viewer, assessment, system):
    body = client_for(viewer).get(url(system)).content.decode()
    assert reverse("assessments:system_edit", args=[system.pk]) not in body
    assert reverse("assessments:start", args=[system.pk]) not in body
    assert reverse("assessments:detail", args=[assessment.pk]) in body


def test_outsider_gets_404(client_for, outsider, system):
    assert client_for(outsider).get(url(system)).status_code == 404


def test_user_text_is_escaped(client_for, owner, organization):
    system = AISystemFactory(organization=organization, name="<b>bold</b>", description="<script>alert(1)</script>")
    body = client_for(owner).get(url(system)).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;b&gt;bold&lt;/b&gt;" in body


def test_query_count_is_the_same_for_few_and_many_assessments(client_for, owner, system, sample_version):
    pin_assessment(system, [sample_version])
    count = assert_same_queries_at_two_sizes(
        client_for(owner), url(system), lambda: [pin_assessment(system, [sample_version]) for _ in range(8)])
    assert count <= 14
    assert client_for(owner).get(url(system)).content.decode().count("Results</a>") == 9
