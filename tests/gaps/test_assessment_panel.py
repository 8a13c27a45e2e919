"""The gap panel on the assessment results page (templates/gaps/_assessment_panel.html)."""

from django.urls import reverse

from compliance.gaps.models import GapStatus
from tests.gaps.fixtures import set_gap


def test_results_page_shows_scores_and_a_link_to_the_tracker(client_for, owner, assessment, frozen_today):
    set_gap(assessment, "art4-ai-literacy", status=GapStatus.MET)
    set_gap(assessment, "art9-risk-management", status=GapStatus.IN_PROGRESS, due_date=frozen_today.replace(year=2020))
    body = client_for(owner).get(reverse("assessments:detail", args=[assessment.pk])).content.decode()
    assert reverse("gaps:tracker", args=[assessment.pk]) in body
    assert "25% of binding duties met" in body and "1 in progress" in body
    assert "1 overdue" in body
