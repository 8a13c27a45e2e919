from django.urls import reverse


def url(assessment):
    return reverse("assessments:timeline", args=[assessment.pk])


def test_dates_in_order_with_the_assessment_date_between(client_for, owner, high_risk_assessment):
    body = client_for(owner).get(url(high_risk_assessment)).content.decode()
    past, marker, upcoming = body.index("2025-02-02</time>"), body.index("Assessment date 2026-11-22"), \
        body.index("2027-12-02</time>")
    assert past < marker < upcoming
    assert "Run a risk-management system" in body
    assert "Stop the prohibited practice" not in body  # does not apply


def test_dates_across_frameworks(client_for, owner, eu_kr_assessment):
    body = client_for(owner).get(url(eu_kr_assessment)).content.decode()
    assert "2026-01-22</time>" in body and "2027-12-02</time>" in body
    assert "Korea AI Basic Act" in body and "EU Artificial Intelligence Act" in body


def test_empty_state(client_for, owner, assessment):
    from .conftest import give_answers

    give_answers(assessment, {"is_ai_system": False})
    assert "there are no dates to show" in client_for(owner).get(url(assessment)).content.decode()


def test_viewer_reads_it(client_for, viewer, high_risk_assessment):
    assert client_for(viewer).get(url(high_risk_assessment)).status_code == 200


def test_outsider_gets_404(client_for, outsider, high_risk_assessment):
    assert client_for(outsider).get(url(high_risk_assessment)).status_code == 404


def test_query_count(client_for, owner, eu_kr_assessment, django_assert_max_num_queries):
    client = client_for(owner)
    client.get(url(eu_kr_assessment))
    with django_assert_max_num_queries(20):
        client.get(url(eu_kr_assessment))
