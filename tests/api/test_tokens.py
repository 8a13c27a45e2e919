import hashlib

from django.urls import reverse
from django.utils import timezone

from compliance.api.models import ApiToken
from compliance.api.services import create_token


def test_account_page_creates_a_token_shown_once_and_stores_only_its_digest(client_for, owner, organization):
    client = client_for(owner)
    response = client.post(reverse("account:profile"), {"name": "GRC sync", "organization": organization.pk})
    assert response.status_code == 200
    token = response.context["new_token"]
    assert token.startswith("aic_") and token in response.content.decode()
    record = ApiToken.objects.get(user=owner)
    assert record.name == "GRC sync" and record.organization == organization
    assert record.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {getattr(record, f.attname) for f in ApiToken._meta.concrete_fields}
    assert response["Cache-Control"].startswith("max-age=0")
    page = client.get(reverse("account:profile")).content.decode()
    assert "GRC sync" in page and token not in page and record.prefix in page


def test_a_token_is_usable_and_records_when_it_was_last_used(client, owner, organization):
    record, token = create_token(user=owner, organization_id=organization.pk, name="ci")
    assert record.last_used_at is None
    response = client.get("/api/v1/systems/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    record.refresh_from_db()
    assert record.last_used_at is not None and (timezone.now() - record.last_used_at).seconds < 60


def test_a_revoked_token_is_refused(client_for, client, owner, organization):
    record, token = create_token(user=owner, organization_id=organization.pk, name="ci")
    response = client_for(owner).post(reverse("account:revoke_token", args=[record.pk]))
    assert response.status_code == 302
    client.logout()
    response = client.get("/api/v1/systems/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "This token is unknown or has been revoked."


def test_nobody_else_can_revoke_a_token(client_for, owner, outsider, organization):
    record, _ = create_token(user=owner, organization_id=organization.pk, name="ci")
    assert client_for(outsider).post(reverse("account:revoke_token", args=[record.pk])).status_code == 404
    record.refresh_from_db()
    assert record.is_active


def test_a_token_for_someone_elses_organization_is_refused(client_for, owner, other_organization):
    response = client_for(owner).post(reverse("account:profile"), {"name": "x", "organization": other_organization.pk})
    assert response.status_code == 422
    assert not ApiToken.objects.exists()


def test_names_must_be_given_and_unique_among_active_tokens(client_for, owner, organization):
    client = client_for(owner)
    assert client.post(reverse("account:profile"), {"name": " ", "organization": organization.pk}).status_code == 422
    create_token(user=owner, organization_id=organization.pk, name="ci")
    response = client.post(reverse("account:profile"), {"name": "ci", "organization": organization.pk})
    assert response.status_code == 422
    assert "already have an active token with this name" in response.content.decode()


def test_garbage_and_unknown_tokens_answer_401_with_the_error_body(client, db):
    for header in ("Bearer aic_nope", "Bearer", "Bearer a b", "Bearer \u00e9"):
        response = client.get("/api/v1/systems/", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert response.json()["error"]["status"] == 401
    assert client.get("/api/v1/systems/").status_code == 401


def test_a_token_stops_working_when_its_user_leaves_the_organization(api_for, teammate, organization):
    api = api_for(teammate)
    teammate.memberships.filter(organization=organization).delete()
    assert api.get("/api/v1/systems/").status_code == 403


def test_a_token_follows_its_users_current_role(api_for, teammate, organization):
    api = api_for(teammate)
    assert api.post("/api/v1/systems/", {"name": "A"}, format="json").status_code == 201
    teammate.memberships.update(role="viewer")
    response = api.post("/api/v1/systems/", {"name": "B"}, format="json")
    assert response.status_code == 403
    assert "needs the editor role" in response.json()["error"]["message"]
