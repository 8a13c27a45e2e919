from django.urls import reverse

from compliance.assessments.models import AISystem

URL = reverse("assessments:system_create")
DATA = {"name": "CV screener", "description": "Ranks applications", "purpose": "Recruitment",
        "owner": "HR operations", "lifecycle_stage": "development", "markets": ["eu", "kr"]}


def test_owner_adds_a_system(client_for, owner, organization):
    response = client_for(owner).post(URL, DATA)
    system = AISystem.objects.get(name="CV screener")
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:system_detail", args=[system.pk])
    assert system.organization == organization
    assert system.markets == ["eu", "kr"]
    assert system.created_by == owner


def test_teammate_adds_a_system(client_for, teammate):
    assert client_for(teammate).post(URL, DATA).status_code == 302
    assert AISystem.objects.filter(name="CV screener").exists()


def test_viewer_gets_403(client_for, viewer):
    client = client_for(viewer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, DATA).status_code == 403
    assert not AISystem.objects.exists()


def test_outsider_adds_to_their_own_organization_only(client_for, outsider, other_organization):
    client_for(outsider).post(URL, DATA)
    assert AISystem.objects.get().organization == other_organization


def test_unknown_market_is_refused_with_a_message(client_for, owner):
    response = client_for(owner).post(URL, {**DATA, "markets": ["eu", "mars"]})
    assert response.status_code == 422
    assert "“mars” is not one of the markets." in response.content.decode()
    assert not AISystem.objects.exists()


def test_name_is_required(client_for, owner):
    response = client_for(owner).post(URL, {**DATA, "name": ""})
    assert response.status_code == 422
    assert not AISystem.objects.exists()
