"""GET /assessments/<id>/gaps/: the gap tracker of one assessment."""

import datetime as dt

import pytest
from django.urls import reverse

from compliance.gaps.models import GapStatus
from tests.gaps.fixtures import APPLICABLE, NOT_APPLICABLE, set_gap


def url(assessment, **query):
    base = reverse("gaps:tracker", args=[assessment.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_owner_sees_every_applicable_obligation_with_update_links(client_for, owner, assessment):
    response = client_for(owner).get(url(assessment))
    assert response.status_code == 200
    body = response.content.decode()
    for code in APPLICABLE:
        assert reverse("gaps:edit", args=[assessment.pk, "eu-ai-act", code]) in body
    assert "Not applicable to this system (1)" in body
    assert reverse("gaps:edit", args=[assessment.pk, "eu-ai-act", NOT_APPLICABLE]) not in body


def test_teammate_can_update(client_for, teammate, assessment):
    body = client_for(teammate).get(url(assessment)).content.decode()
    assert reverse("gaps:edit", args=[assessment.pk, "eu-ai-act", APPLICABLE[0]]) in body


def test_viewer_sees_the_tracker_without_update_links(client_for, viewer, assessment):
    response = client_for(viewer).get(url(assessment))
    assert response.status_code == 200
    assert "/edit/" not in response.content.decode()


def test_outsider_gets_404(client_for, outsider, assessment):
    assert client_for(outsider).get(url(assessment)).status_code == 404


def test_anonymous_user_is_sent_to_sign_in(client, assessment):
    response = client.get(url(assessment))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_scores_and_highlights_are_shown(client_for, owner, assessment, frozen_today):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
    set_gap(assessment, "art50-1-disclose-interaction", status=GapStatus.IN_PROGRESS,
            due_date=dt.date(2020, 1, 1))
    body = client_for(owner).get(url(assessment)).content.decode()
    assert "25% of binding duties met" in body and "1 in progress" in body
    assert "Overdue since 2020-01-01" in body
    assert "Needs attention" in body


def test_user_text_is_escaped(client_for, owner, assessment):
    set_gap(assessment, "art4-ai-literacy", owner="<script>alert(1)</script>",
            evidence_notes='<img src="x" onerror="alert(2)">')
    body = client_for(owner).get(url(assessment)).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;alert(1)" in body
    assert '<img src="x"' not in body


@pytest.mark.parametrize(("show", "expected"), [("open", 3), ("attention", 1), ("all", 4), ("bogus", 4)])
def test_filter(client_for, owner, assessment, frozen_today, show, expected):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
    set_gap(assessment, "art9-risk-management", due_date=frozen_today - dt.timedelta(days=1))
    body = client_for(owner).get(url(assessment, show=show)).content.decode()
    assert body.count('class="list-group-item" id="gap-') == expected


def test_query_count_is_bounded(client_for, owner, assessment, django_assert_max_num_queries):
    for code in APPLICABLE:
        set_gap(assessment, code, status=GapStatus.IN_PROGRESS, owner="HR")
    client = client_for(owner)
    client.get(url(assessment))  # warms the compiled rule-set cache
    with django_assert_max_num_queries(12):
        assert client.get(url(assessment)).status_code == 200
