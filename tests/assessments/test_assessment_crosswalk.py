from django.urls import reverse

from compliance.assessments.models import Answer


def url(assessment):
    return reverse("assessments:crosswalk", args=[assessment.pk])


def test_shows_actions_that_cover_several_frameworks(client_for, owner, eu_kr_assessment):
    body = client_for(owner).get(url(eu_kr_assessment)).content.decode()
    assert "Covers EU Artificial Intelligence Act, Korea AI Basic Act" in body
    assert "Run a risk-management system" in body
    assert "Establish and operate a risk-management plan" in body


def test_links_whose_other_end_does_not_apply_are_left_out(client_for, owner, eu_kr_assessment):
    # The system leaves Korea: offered and used in the EU only, so Korea's Act no longer reaches it.
    Answer.objects.filter(assessment=eu_kr_assessment,
                          question_code__in=["offer_markets", "output_markets"]).update(value=["eu"])
    body = client_for(owner).get(url(eu_kr_assessment)).content.decode()
    assert "Covers EU Artificial Intelligence Act, Korea AI Basic Act" not in body
    assert "No crosswalk links join obligations that apply to this system" in body


def test_single_framework_empty_state(client_for, owner, high_risk_assessment):
    body = client_for(owner).get(url(high_risk_assessment)).content.decode()
    assert "assess it under at least two frameworks" in body


def test_viewer_reads_it(client_for, viewer, high_risk_assessment):
    assert client_for(viewer).get(url(high_risk_assessment)).status_code == 200


def test_outsider_gets_404(client_for, outsider, high_risk_assessment):
    assert client_for(outsider).get(url(high_risk_assessment)).status_code == 404


def test_query_count(client_for, owner, eu_kr_assessment, django_assert_max_num_queries):
    client = client_for(owner)
    client.get(url(eu_kr_assessment))
    with django_assert_max_num_queries(20):
        client.get(url(eu_kr_assessment))
