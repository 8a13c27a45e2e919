from django.urls import reverse

from compliance.assessments.models import AISystem


def test_landing_offers_sign_up_and_lists_rule_sets_in_force(client, shipped_rule_sets):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("organizations:signup") in body
    assert "EU Artificial Intelligence Act" in body and "version 2026.2" in body
    assert "version 2024.1" not in body  # retired versions are not "in force"
    eu_item = body[body.index("EU Artificial Intelligence Act"):].split("</li>")[0]
    assert "version 2026.1" not in eu_item  # superseded by 2026.2


def test_home_shows_only_the_members_organization(client_for, owner, outsider, organization):
    AISystem.objects.create(organization=organization, name="TalentRank", markets=["eu"])
    body = client_for(outsider).get(reverse("home")).content.decode()
    assert "Acme Robotics" not in body and "TalentRank" not in body
    assert "Acme Robotics" in client_for(owner).get(reverse("home")).content.decode()
