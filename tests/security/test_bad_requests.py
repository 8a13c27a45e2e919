"""Finding 7: requests that answered 500 now answer 4xx with a message and change nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from compliance.gaps.models import GapItem
from compliance.organizations import services
from compliance.organizations.models import Invitation, Role
from tests.factories import UserFactory
from tests.gaps.fixtures import assessment, sample_version  # noqa: F401


def test_a_nul_byte_in_an_invitation_token_is_404(client, db):
    response = client.get("/invitations/abc%00def/")
    assert response.status_code in (400, 404)


def test_a_nul_byte_in_a_query_is_400_with_a_message(admin_client):
    response = admin_client.get(reverse("admin:auth_user_changelist"), {"q": "a\x00b"})
    assert response.status_code == 400 and "NUL character" in response.content.decode()


def test_a_nul_byte_in_a_form_is_400_and_saves_nothing(client_for, owner, organization):
    response = client_for(owner).post(reverse("organizations:settings"), {"name": "Evil\x00Corp"})
    assert response.status_code == 400 and "Nothing was saved" in response.content.decode()
    organization.refresh_from_db()
    assert organization.name == "Acme Robotics"


@pytest.mark.parametrize("next_url", ["abc", "home", "javascript:alert(1)", "//evil.example/", "https://evil.example/"])
def test_switching_organization_with_a_strange_next_goes_to_the_inventory(client_for, owner, organization, next_url):
    response = client_for(owner).post(reverse("organizations:switch"), {"organization": organization.pk,
                                                                       "next": next_url})
    assert response.status_code == 302 and response["Location"] == reverse("assessments:system_list")


def test_switching_organization_keeps_a_local_next(client_for, owner, organization):
    response = client_for(owner).post(reverse("organizations:switch"), {"organization": organization.pk,
                                                                       "next": "/assessments/"})
    assert response["Location"] == "/assessments/"


@pytest.mark.parametrize("object_id", [2**63, 2**63 + 1, 10**30])
def test_ids_beyond_64_bits_are_404(client_for, owner, object_id):
    assert client_for(owner).get(f"/systems/{object_id}/").status_code == 404
    assert client_for(owner).get(f"/assessments/{object_id}/").status_code == 404


def test_an_admin_search_of_a_thousand_words_is_400_with_a_message(admin_client):
    response = admin_client.get(reverse("admin:auth_user_changelist"), {"q": " ".join(["word"] * 1000)})
    assert response.status_code == 400 and "at most 20 words" in response.content.decode()


def test_an_admin_search_of_a_few_words_works(admin_client):
    assert admin_client.get(reverse("admin:auth_user_changelist"), {"q": "a b c"}).status_code == 200


def test_email_is_unique_per_account_whatever_its_case(db):
    services.sign_up(username="first", email="Same@Example.com", password="x-1234567")
    with pytest.raises(ValidationError):
        services.sign_up(username="second", email="same@example.COM", password="x-1234567")
    assert get_user_model().objects.filter(email__iexact="same@example.com").count() == 1


def test_a_double_sign_up_that_passed_the_form_gets_a_message_not_a_500(client, db, monkeypatch):
    """Both clicks on the confirmation link passed the 'no account yet' check before either was saved: the
    second meets the database constraint."""
    token = services.sign_up_token(email="taken@example.com", organization_name="Twice")
    UserFactory(username="taken", email="taken@example.com")
    monkeypatch.setattr(services, "account_exists", lambda *, email: False)
    response = client.post(reverse("organizations:signup_confirm", args=[token]), {
        "new_password1": "a long enough pass phrase", "new_password2": "a long enough pass phrase"})
    assert response.status_code == 409 and "created meanwhile" in response.content.decode()
    assert get_user_model().objects.filter(email__iexact="taken@example.com").count() == 1


def test_an_invitation_used_twice_creates_one_account(client, organization, owner):
    invitation = Invitation.objects.create(organization=organization, email="newbie@example.com", role=Role.EDITOR,
                                           invited_by=owner)
    services.sign_up_from_invitation(invitation=invitation, username="newbie", password="x-1234567")
    with pytest.raises(ValidationError):
        services.sign_up_from_invitation(invitation=invitation, username="newbie2", password="x-1234567")
    assert get_user_model().objects.filter(email__iexact="newbie@example.com").count() == 1


def test_two_open_invitations_to_one_address_cannot_exist(organization, owner):
    from django.db import IntegrityError, transaction
    Invitation.objects.create(organization=organization, email="a@example.com", role=Role.EDITOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(organization=organization, email="A@example.com", role=Role.VIEWER)


def test_a_gap_item_created_twice_at_once_is_one_item(monkeypatch, owner, assessment):  # noqa: F811
    """The second submit read 'no item yet' before the first one was saved: it updates the one item."""
    from compliance.assessments.selectors import assessment_state
    from compliance.gaps import services as gap_services
    state = assessment_state(assessment)
    framework, result = next(iter(state.evaluation.results.items()))
    code = next(o.code for o in result.obligations if o.status != "not_applicable")
    gap_services.record_gap(state=state, user=owner, framework_code=framework, obligation_code=code,
                            status="in_progress")

    class Unseen:
        def filter(self, **kwargs):
            return self

        def first(self):
            return None

    real = GapItem.objects.select_for_update
    calls = []

    def first_read_misses():
        calls.append(1)
        return Unseen() if len(calls) == 1 else real()

    with monkeypatch.context() as patch:
        patch.setattr(GapItem.objects, "select_for_update", first_read_misses)
        item = gap_services.record_gap(state=state, user=owner, framework_code=framework, obligation_code=code,
                                       status="met")
    assert GapItem.objects.filter(assessment=assessment).count() == 1
    assert GapItem.objects.get(assessment=assessment).status == "met" == item.status
