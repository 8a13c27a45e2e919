"""Finding 3: publishing a new version changed the content hash of the version it retired (its status and end
date were hashed), so every questionnaire page open on that version refused saves ("Nothing was saved").
The hash now covers the legal content only; a page opened before a publish saves normally."""

import datetime as dt
import re

from django.urls import reverse

from compliance.upgrades.services import publish
from frameworks.models import RuleSetVersion
from frameworks.selectors import compiled_ruleset
from frameworks.services import create_draft_from

from .conftest import answer_of
from .test_section import ORGANISATION, url


def _open_form_fingerprint(client, assessment) -> str:
    page = client.get(url(assessment, "organisation")).content.decode()
    return re.search(r'name="questionnaire" value="([^"]+)"', page).group(1)


def test_a_page_opened_before_a_publish_saves_normally(client_for, owner, assessment, sample_version):
    client = client_for(owner)
    fingerprint = _open_form_fingerprint(client, assessment)
    hash_before = compiled_ruleset(sample_version).content_hash

    draft = create_draft_from(version=sample_version, label="sample-2",
                              in_force_from=sample_version.in_force_from + dt.timedelta(days=30))
    publish(version=draft, user=owner)
    retired = RuleSetVersion.objects.get(pk=sample_version.pk)
    assert retired.status == RuleSetVersion.Status.RETIRED and retired.in_force_until == draft.in_force_from
    assert compiled_ruleset(retired).content_hash == hash_before == retired.content_hash

    response = client.post(url(assessment, "organisation"), {"questionnaire": fingerprint, "go": "next",
                                                             **ORGANISATION})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert answer_of(assessment, "org_develops_system") is True


def test_the_single_question_save_also_survives_a_publish(client_for, owner, assessment, sample_version):
    client = client_for(owner)
    fingerprint = _open_form_fingerprint(client, assessment)
    draft = create_draft_from(version=sample_version, label="sample-2",
                              in_force_from=sample_version.in_force_from + dt.timedelta(days=30))
    publish(version=draft, user=owner)
    response = client.post(reverse("assessments:answer", args=[assessment.pk, "org_develops_system"]),
                           {"questionnaire": fingerprint, "org_develops_system-value": "yes"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Nothing was saved" not in response.content.decode()
    assert answer_of(assessment, "org_develops_system") is True
