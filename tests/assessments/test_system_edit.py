from django.urls import reverse

DATA = {"name": "CV ranker", "description": "", "purpose": "Hiring", "owner": "Talent team",
        "lifecycle_stage": "deployed", "markets": ["eu"]}


def url(system):
    return reverse("assessments:system_edit", args=[system.pk])


def test_owner_edits(client_for, owner, system):
    client = client_for(owner)
    assert 'value="CV screener"' in client.get(url(system)).content.decode()
    response = client.post(url(system), DATA)
    assert response.status_code == 302
    system.refresh_from_db()
    assert (system.name, system.lifecycle_stage, system.markets) == ("CV ranker", "deployed", ["eu"])


def test_teammate_edits(client_for, teammate, system):
    client_for(teammate).post(url(system), DATA)
    system.refresh_from_db()
    assert system.name == "CV ranker"


def test_viewer_gets_403_and_nothing_changes(client_for, viewer, system):
    client = client_for(viewer)
    assert client.get(url(system)).status_code == 403
    assert client.post(url(system), DATA).status_code == 403
    system.refresh_from_db()
    assert system.name == "CV screener"


def test_outsider_gets_404_and_nothing_changes(client_for, outsider, system):
    client = client_for(outsider)
    assert client.get(url(system)).status_code == 404
    assert client.post(url(system), DATA).status_code == 404
    system.refresh_from_db()
    assert system.name == "CV screener"


def test_invalid_stage_is_refused(client_for, owner, system):
    response = client_for(owner).post(url(system), {**DATA, "lifecycle_stage": "imaginary"})
    assert response.status_code == 422
    system.refresh_from_db()
    assert system.lifecycle_stage == "development"
