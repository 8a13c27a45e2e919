from django.urls import reverse

URL = reverse("organizations:settings")


def test_owner_renames(client_for, owner, organization):
    response = client_for(owner).post(URL, {"name": "Acme Robotics GmbH"})
    assert response["Location"] == URL
    organization.refresh_from_db()
    assert organization.name == "Acme Robotics GmbH"


def test_teammate_and_viewer_get_403(client_for, teammate, viewer, organization):
    for user in (teammate, viewer):
        client = client_for(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"name": "Taken over"}).status_code == 403
    organization.refresh_from_db()
    assert organization.name == "Acme Robotics"


def test_outsider_renames_only_their_own(client_for, outsider, organization, other_organization):
    client_for(outsider).post(URL, {"name": "Globex 2"})
    organization.refresh_from_db()
    other_organization.refresh_from_db()
    assert (organization.name, other_organization.name) == ("Acme Robotics", "Globex 2")
