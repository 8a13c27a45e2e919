"""Rule editors edit Korean and Japanese texts in the admin, for published versions too; the diff shows them."""

import yaml
from django.utils.html import escape

from frameworks import translations as tr
from frameworks.diff import diff_documents
from frameworks.models import RuleSetVersion
from frameworks.serialization import version_document
from frameworks.services import set_translations

from .conftest import admin_url


def translation_yaml(version: RuleSetVersion, language: str, strings: dict) -> str:
    body = {"language": language, "translates": f"{version.framework.code} {version.label}", **tr.nest(strings)}
    return yaml.safe_dump(body, allow_unicode=True)


def first_obligation(version: RuleSetVersion) -> str:
    return version.obligations.order_by("position").first().code


def test_a_rule_editor_corrects_a_korean_title_of_a_published_version(client, rule_editor, eu_version):
    client.force_login(rule_editor)
    code, content_hash = first_obligation(eu_version), eu_version.content_hash
    page = client.get(admin_url("rulesetversion_translations", eu_version.pk, "ko"))
    assert page.status_code == 200 and "texts are translated into Korean" in page.content.decode()
    key = f"obligations.{code}.title"
    response = client.post(admin_url("rulesetversion_translations", eu_version.pk, "ko"),
                           {"text": translation_yaml(eu_version, "ko", {key: "수정된 한국어 제목"})})
    assert response.status_code == 302
    eu_version.refresh_from_db()
    assert eu_version.translations["ko"][key] == "수정된 한국어 제목"
    assert (eu_version.status, eu_version.content_hash) == ("published", content_hash)
    changes = client.get(admin_url("rulesetversion_changes", eu_version.pk)).content.decode()
    assert "수정된 한국어 제목" in changes  # the change history records the translation change


def test_english_left_in_or_a_wrong_header_is_refused_and_nothing_is_saved(client, rule_editor, eu_version):
    client.force_login(rule_editor)
    before = eu_version.translations
    key = f"obligations.{first_obligation(eu_version)}.title"
    url = admin_url("rulesetversion_translations", eu_version.pk, "ko")
    response = client.post(url, {"text": translation_yaml(eu_version, "ko", {key: "Still the English title here"})})
    assert response.status_code == 200 and "still in English" in response.content.decode()
    response = client.post(url, {"text": translation_yaml(eu_version, "ja", {key: "日本語のタイトル"})})
    assert "the header must say language: ko" in response.content.decode()
    response = client.post(url, {"text": "language: ko\ntranslates: [unclosed"})
    assert response.status_code == 200 and "Nothing was saved" in response.content.decode()
    eu_version.refresh_from_db()
    assert eu_version.translations == before


def test_a_publisher_reads_but_cannot_edit_and_others_cannot_reach_it(client, publisher, plain_staff, eu_version):
    url = admin_url("rulesetversion_translations", eu_version.pk, "ja")
    client.force_login(publisher)
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": "language: ja"}).status_code == 403
    assert client.get(admin_url("rulesetversion_translations", eu_version.pk, "fr")).status_code == 404
    client.force_login(plain_staff)
    assert client.get(url).status_code in (302, 403)


def test_the_diff_shows_translation_changes_apart_from_the_content(client, rule_editor, eu_version, draft):
    key = f"obligations.{first_obligation(eu_version)}.title"
    set_translations(version=draft, language="ko", strings={key: "초안의 새 제목"})
    draft.refresh_from_db()
    diff = diff_documents(version_document(eu_version), version_document(draft), eu_version.translations,
                          draft.translations)
    change = next(c for c in diff.translations if c.key == key and c.language == "ko")
    assert change.new == "초안의 새 제목" and change.status in ("added", "changed")
    client.force_login(rule_editor)
    page = client.get(admin_url("rulesetversion_diff", draft.pk) + f"?against={eu_version.pk}")
    body = page.content.decode()
    assert "Translations (" in body and escape("초안의 새 제목") in body and key in body
