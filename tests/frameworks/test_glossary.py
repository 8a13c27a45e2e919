"""The glossary: every term has its three languages and sources, and translations use the checked terms."""

import re
from pathlib import Path

import pytest
import yaml

from frameworks import loader
from frameworks import translations as tr

GLOSSARY = Path(loader.DATA_DIR) / "glossary.yaml"


def glossary() -> list[dict]:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))["terms"]


def test_every_term_has_three_languages_and_says_where_each_rendering_comes_from():
    terms = glossary()
    assert len(terms) >= 30
    for term in terms:
        assert term["en"] and term["ko"] and term["ja"], term
        assert set(term["source"]) == {"ko", "ja"}, term["en"]
        for language in ("ko", "ja"):
            source = term["source"][language]
            assert source.startswith(("official:", "none", "MSIT")), (term["en"], source)
        assert set(term.get("check", [])) <= set(tr.LANGUAGES)
        assert set(term["frameworks"]) <= {"eu-ai-act", "kr-ai-basic-act", "jp-ai-guidelines", "us-federal"}


def test_the_statutes_own_terms_are_marked_official():
    official = {t["ko"] for t in glossary() if t["source"]["ko"].startswith("official")}
    assert {"고영향 인공지능", "인공지능개발사업자", "인공지능이용사업자", "생성형 인공지능", "인공지능사업자"} <= official
    official = {t["ja"] for t in glossary() if t["source"]["ja"].startswith("official")}
    assert {"AI開発者", "AI提供者", "AI利用者", "高度なAIシステム", "活用事業者"} <= official


@pytest.fixture(scope="module")
def versions_in_force():
    current = loader.versions_in_force_shipped()
    return [f.rule_set for f in loader.read_files(loader.default_paths())
            if (f.rule_set.framework_code, f.rule_set.label) in current]


def _texts(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def test_translations_use_the_glossary_terms(versions_in_force):
    problems = []
    for term in glossary():
        pattern = re.compile(term.get("match") or re.escape(term["en"]), re.IGNORECASE)
        for rule_set in versions_in_force:
            if rule_set.framework_code not in term["frameworks"]:
                continue
            source = tr.source_strings(rule_set.document)
            for language in term.get("check", []):
                wanted = [term[language], *term.get("also", {}).get(language, [])]
                translated = rule_set.translations.get(language, {})
                for key, english in source.items():
                    if key not in translated:
                        continue  # not translated yet: the completeness test reports it
                    for en, text in zip(_texts(english), _texts(translated[key]), strict=False):
                        if pattern.search(en) and not any(w in text for w in wanted):
                            problems.append(f"{rule_set.framework_code} {language} {key}: '{term['en']}' "
                                            f"should read '{term[language]}'")
    assert not problems, "\n".join(problems[:40])
