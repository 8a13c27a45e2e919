"""Rule-data translations: file checks, fallback for drafts, completeness of shipped data, hash independence."""

import datetime as dt

import pytest
import yaml
from django.core.management import call_command

from frameworks import loader
from frameworks import translations as tr
from frameworks.engine import evaluate
from frameworks.loader import read_files, translation_path, translations_for
from frameworks.models import RuleSetVersion
from frameworks.ruleset import RuleSetInvalid, compile_document
from frameworks.selectors import compiled_ruleset, localized_ruleset
from frameworks.services import set_translations
from frameworks.translation_files import dump

from .support import SAMPLE_CODE, sample_document, write_yaml

KO = {
    "obligations": {"art4-ai-literacy": {"title": "직원의 인공지능 리터러시 지원",
                                         "evidence": ["교육 기록", "인공지능 이용 정책"]}},
    "rules": {"art50-interaction": "사람이 시스템과 직접 상호작용하기 때문"},
    "tiers": {"minimal": {"label": "최소 위험"}},
    "exceptions": {"medical-or-safety": "의료 또는 안전상의 이유"},
    "questions": {"is_ai_system": {"prompt": "인공지능 시스템입니까?"},
                  "use_areas": {"choices": {"employment": "고용"}}},
}


def write_translation(path, language="ko", translates=f"{SAMPLE_CODE} sample-1", **body):
    document = {"language": language, "translates": translates, **body}
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def sample_path(tmp_path):
    return write_yaml(tmp_path / "sample-1.yaml", sample_document())


def messages(exc_info) -> list[str]:
    return [str(p) for p in exc_info.value.problems]


def test_a_draft_translation_falls_back_to_english_and_lists_what_is_missing(sample_path):
    write_translation(translation_path(sample_path, "ko"), **KO)
    [loaded] = read_files([sample_path])
    korean = tr.localize(loaded.rule_set, "ko")
    obligations = {o.code: o.spec for o in korean.obligations}
    assert obligations["art4-ai-literacy"]["title"] == "직원의 인공지능 리터러시 지원"
    assert obligations["art4-ai-literacy"]["evidence"] == ["교육 기록", "인공지능 이용 정책"]
    assert obligations["art9-risk-management"]["title"] == "Run a risk-management system"  # English fallback
    assert "obligations.art9-risk-management.title" in korean.localization.untranslated
    assert "obligations.art4-ai-literacy.title" not in korean.localization.untranslated
    assert korean.tiers["minimal"]["label"] == "최소 위험"
    assert {q.code: q.spec for q in korean.questions}["is_ai_system"]["prompt"] == "인공지능 시스템입니까?"
    labels = {e.code: e.label for r in korean.rules for e in r.unless}
    assert labels["medical-or-safety"] == "의료 또는 안전상의 이유"
    # The English rule set is untouched and a Japanese request (no file) is all English, marked as such.
    assert {o.code: o.spec for o in loaded.rule_set.obligations}["art4-ai-literacy"]["title"] == "Support AI literacy of staff"
    japanese = tr.localize(loaded.rule_set, "ja-JP")
    assert japanese.localization.language == "ja"
    assert len(japanese.localization.untranslated) == len(tr.source_strings(loaded.rule_set.document))


def test_localized_rule_sets_evaluate_exactly_as_the_english_one(sample_path):
    write_translation(translation_path(sample_path, "ko"), **KO)
    [loaded] = read_files([sample_path])
    korean = tr.localize(loaded.rule_set, "ko")
    answers = {"org_uses_system": True, "is_ai_system": True, "interacts_with_people": True,
               "use_areas": ["employment"], "employment_uses": ["recruitment"]}
    day = dt.date(2026, 12, 3)
    english_result = evaluate([loaded.rule_set], answers, day).results[SAMPLE_CODE]
    korean_result = evaluate([korean], answers, day).results[SAMPLE_CODE]
    assert korean.content_hash == loaded.rule_set.content_hash
    assert [(o.code, o.status, o.applies_from) for o in korean_result.obligations] == \
        [(o.code, o.status, o.applies_from) for o in english_result.obligations]
    explanations = {e["code"]: e["explanation"] for e in korean_result.trace if e["kind"] == "rule"}
    assert explanations["art50-interaction"] == "사람이 시스템과 직접 상호작용하기 때문"


@pytest.mark.parametrize("body, expected", [
    ({"obligations": {"art4-ai-literacy": {"titel": "제목"}}}, "Additional properties are not allowed"),
    ({"obligations": {"no-such-duty": {"title": "제목"}}}, "obligations.no-such-duty.title: the rule set has no such text"),
    ({"obligations": {"art4-ai-literacy": {"title": ""}}}, "obligations.art4-ai-literacy.title"),
    ({"obligations": {"art4-ai-literacy": {"title": "Support AI literacy of staff"}}},
     "obligations.art4-ai-literacy.title: still in English"),
    ({"obligations": {"art4-ai-literacy": {"title": "Support AI literacy (인공지능) of the staff members"}}},
     "still in English"),
    ({"obligations": {"art4-ai-literacy": {"evidence": ["교육 기록"]}}}, "1 items; the English has 2"),
    ({"rules": {"art50-interaction": ["목록"]}}, "rules.art50-interaction"),
])
def test_a_bad_translation_file_is_a_load_error_naming_the_key(sample_path, body, expected):
    write_translation(translation_path(sample_path, "ko"), **body)
    with pytest.raises(RuleSetInvalid) as caught:
        read_files([sample_path])
    assert any(expected in m and "sample-1.ko.yaml" in m for m in messages(caught)), messages(caught)


def test_the_file_must_say_what_it_translates(sample_path):
    write_translation(translation_path(sample_path, "ja"), language="ko", translates="eu-ai-act 2026.2")
    with pytest.raises(RuleSetInvalid) as caught:
        read_files([sample_path])
    found = messages(caught)
    assert any("language: says 'ko'; the file name says 'ja'" in m for m in found)
    assert any("translates: says 'eu-ai-act 2026.2'" in m for m in found)


def test_a_version_in_force_needs_every_string_translated(sample_path):
    write_translation(translation_path(sample_path, "ko"), **KO)
    [loaded] = read_files([sample_path])
    strings, problems = translations_for(sample_path, loaded.rule_set, complete=True)
    found = [str(p) for p in problems]
    assert any("sample-1.ko.yaml: obligations.art9-risk-management.title: missing Korean translation" in m for m in found)
    assert any("sample-1.ja.yaml: missing: the Japanese translation" in m for m in found)
    assert "obligations.art4-ai-literacy.title" not in " ".join(m for m in found if "ko.yaml" in m)
    # Complete files pass.
    source = tr.source_strings(loaded.rule_set.document)
    korean = {k: ([f"번역문 {i}" for i in range(len(v))] if isinstance(v, list) else f"번역문 {n}")
              for n, (k, v) in enumerate(source.items())}
    japanese = {k: ([f"翻訳文 {i}" for i in range(len(v))] if isinstance(v, list) else f"翻訳文 {n}")
                for n, (k, v) in enumerate(source.items())}
    translation_path(sample_path, "ko").write_text(dump(korean, language="ko", translates=f"{SAMPLE_CODE} sample-1"))
    translation_path(sample_path, "ja").write_text(dump(japanese, language="ja", translates=f"{SAMPLE_CODE} sample-1"))
    strings, problems = translations_for(sample_path, loaded.rule_set, complete=True)
    assert problems == []
    assert strings["ko"] == korean and strings["ja"] == japanese  # dump and flatten are inverses


def test_only_each_frameworks_newest_published_version_must_be_complete():
    assert loader.versions_in_force_shipped() == {
        ("eu-ai-act", "2026.2"), ("jp-ai-guidelines", "2026.1"), ("kr-ai-basic-act", "2026.2"), ("us-federal", "2026.1")}


def test_the_content_hash_ignores_translations(sample_path):
    before = compile_document(sample_document()).content_hash
    write_translation(translation_path(sample_path, "ko"), **KO)
    [loaded] = read_files([sample_path])
    assert loaded.rule_set.translations["ko"]["rules.art50-interaction.explanation"]
    assert loaded.rule_set.content_hash == before


def test_a_corrected_translation_updates_the_published_version_in_place(db, sample_path, capsys):
    write_translation(translation_path(sample_path, "ko"), **KO)
    call_command("load_rulesets", str(sample_path))
    version = RuleSetVersion.objects.get(framework__code=SAMPLE_CODE, label="sample-1")
    content_hash, pk, obligation_ids = version.content_hash, version.pk, list(version.obligations.values_list("pk"))
    assert version.status == "published"
    assert localized_ruleset(version, "ko").tiers["minimal"]["label"] == "최소 위험"
    corrected = {**KO, "tiers": {"minimal": {"label": "최소 위험 (수정)"}}}
    write_translation(translation_path(sample_path, "ko"), **corrected)
    call_command("load_rulesets", str(sample_path))
    assert "translations updated" in capsys.readouterr().out
    version = RuleSetVersion.objects.get(pk=pk)
    assert (version.content_hash, version.status) == (content_hash, "published")
    assert list(version.obligations.values_list("pk")) == obligation_ids
    assert localized_ruleset(version, "ko").tiers["minimal"]["label"] == "최소 위험 (수정)"
    assert compiled_ruleset(version).tiers["minimal"]["label"] == "Minimal risk"
    # The history keeps the earlier translation (the admin's history and diff show the change).
    labels = [h.translations.get("ko", {}).get("tiers.minimal.label") for h in version.history.order_by("history_date")]
    assert "최소 위험" in labels and labels[-1] == "최소 위험 (수정)"


def test_rule_editors_set_translations_of_a_published_version_checked_like_files(db, sample_path):
    call_command("load_rulesets", str(sample_path))
    version = RuleSetVersion.objects.get(framework__code=SAMPLE_CODE, label="sample-1")
    with pytest.raises(RuleSetInvalid, match="still in English"):
        set_translations(version=version, language="ko", strings={"obligations.art4-ai-literacy.title": "Support staff AI literacy"})
    set_translations(version=version, language="ko", strings={"obligations.art4-ai-literacy.title": "인공지능 리터러시"})
    version.refresh_from_db()
    korean = localized_ruleset(version, "ko")
    assert {o.code: o.spec["title"] for o in korean.obligations}["art4-ai-literacy"] == "인공지능 리터러시"
    assert version.status == "published"


def test_shipped_versions_in_force_are_translated_completely_apart_from_pending_files():
    """Every user-visible string of the versions in force and of the shared catalogue, in Korean and Japanese,
    except in the files still listed as being translated (the loader requires every other file complete)."""
    files = read_files(loader.default_paths())
    current = loader.versions_in_force_shipped()
    missing = {}
    for f in files:
        if (f.rule_set.framework_code, f.rule_set.label) not in current:
            continue
        for language in tr.LANGUAGES:
            pending = any(name.startswith(f"{f.name.removesuffix('.yaml')}.{language}.") for name in loader.PENDING)
            keys = tr.missing_keys(f.rule_set, language)
            if keys and not pending:
                missing[f"{f.name} {language}"] = len(keys)
    assert not missing, f"missing strings: {missing}"


def test_no_shipped_translation_is_pending():
    assert not loader.PENDING, f"still to translate: {sorted(loader.PENDING)}"
