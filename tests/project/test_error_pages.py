"""403, 404 and 500 pages are the site's own: styled, with navigation, and saying what to do next."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.gaps.fixtures import assessment, sample_version  # noqa: F401


def test_a_viewer_following_an_edit_link_gets_the_styled_403(client_for, viewer, assessment):  # noqa: F811
    response = client_for(viewer).get(reverse("assessments:system_edit", args=[assessment.system.pk]))
    body = response.content.decode()
    assert response.status_code == 403
    assert "css/app.css" in body and 'aria-label="Main"' in body
    assert "You cannot do this here" in body and reverse("home") in body


def test_an_unknown_page_gets_the_styled_404(client_for, owner):
    response = client_for(owner).get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body and "css/app.css" in body and reverse("assessments:list") in body


@pytest.mark.urls("tests.project.failing_urls")
def test_a_server_error_gets_the_styled_500(db):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in body and "css/app.css" in body
