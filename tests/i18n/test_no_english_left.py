"""Every main page in Korean and in Japanese shows no English interface text (issue 11).

Each page is rendered with the test client for the owner of a four-framework assessment (EU, Japan, Korea, US)
whose profile language is Korean or Japanese (visitors' pages: the language cookie). The visible text (and the
title, aria-label, placeholder and alt values) is extracted, an explicit allowlist is removed (names the fixtures
create, codes, citations, URLs, law names and acronyms), and any run of two or more English words that is left
fails the test, printed with its page.

Rule data is checked too: the versions in force of all four frameworks are translated completely, so none of
their translatable texts may show in English. Citations and source titles are legal references and are not
translatable texts of a rule set (frameworks/translations.py); they are allowed as the rule data has them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from compliance.assessments.models import Answer, Assessment, ObligationSummary, PinnedVersion
from compliance.assessments.selectors import assessment_state, wizard_state
from compliance.assessments.stored_results import refresh_results
from compliance.gaps.actions.services import create_action, link_action
from compliance.gaps.models import Action
from compliance.organizations.models import UserProfile
from compliance.reports.models import Report
from frameworks import translations as tr
from frameworks.models import RuleSetVersion
from frameworks.selectors import compiled_ruleset, versions_in_force
from tests.assessments.four_frameworks import FOUR_MARKETS, four_framework_assessment
from tests.factories import AS_OF

LANGUAGES = ("ko", "ja")

# A run of two or more English words (ASCII letters; a word may carry an apostrophe or hyphen inside). A word
# has a lower-case letter: upper-case tokens are acronyms and codes ("NIST", "GOVERN, MAP"), allowed by themselves.
WORD = r"(?=[A-Za-z'’-]*[a-z])(?:[A-Za-z][A-Za-z'’-]*[A-Za-z]|[a-z])"
ENGLISH_RUN = re.compile(rf"(?:{WORD})(?:[ \t,.:;/&!?()\"“”]+(?:{WORD}))+")
CUT = "\u241e"  # what a removed allowlisted text is replaced with: it ends a run on either side

# Names and words that stay as they are in every language. Kept small on purpose: each entry is a name, a code,
# a citation form, a law's name or an acronym.
ALLOWED = [
    # Law names, acronyms and units as the pages write them in Korean and Japanese too
    r"EU AI Act", r"AI Act", r"GDPR", r"OMB", r"NIST", r"AI RMF", r"AI", r"PDF", r"CSV", r"XLSX", r"API", r"YAML",
    r"EU", r"US", r"USA", r"FLOP", r"OpenAPI", r"Swagger", r"Excel",
    # Citation forms: "Art. 26(1)", "Sec. 6(n)", "OMB M-25-21", "Annex III", "EO 14110"
    r"\b(?:Art|Arts|Sec|Secs|para|paras|p|pp|No|Nos)\.\s*[\w()\-–.,]*",
    r"\bAnnex(?:es)?\s+[IVX]+\b", r"\bM-\d\d-\d\d\b", r"\bEO\s+\d+\b",
    # Lists of codes an import accepts (market and lifecycle-stage codes)
    r"\beu, kr, us, jp(?:, other)?\b", r"\bdesign, development, deployed,? (?:or )?retired\b",
    # The language names of the switcher
    r"English",
    # English terms the rule-data translations keep beside their own words, and a file name
    r"\(small mid-cap\)", r"privacy by design", r"robots\.txt",
    # URLs and e-mail addresses
    r"https?://\S+", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b",
]


class VisibleText(HTMLParser):
    """The text a person sees or hears: element text, plus title, aria-label, placeholder, alt and button values."""

    SKIP = {"script", "style", "template", "noscript", "code"}  # <code>: question, choice and market codes
    # Words on either side of these stay one run ("Read <strong>the</strong> text"); any other tag ends a run.
    INLINE = {"a", "abbr", "b", "bdi", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong",
              "sub", "sup", "time", "u", "var", "wbr"}
    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
            return
        if tag not in self.INLINE:
            self.parts.append("\n")
        values = dict(attrs)
        for name in self.ATTRIBUTES:
            if values.get(name):
                self.parts += ["\n", values[name] or "", "\n"]
        if tag == "input" and values.get("type") in ("submit", "button", "reset") and values.get("value"):
            self.parts += ["\n", values["value"] or "", "\n"]

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag not in self.INLINE:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    lines = "".join(parser.parts).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def english_runs(text: str, allowed: list[str]) -> list[str]:
    for phrase in sorted(allowed, key=len, reverse=True):  # longest first: a name inside a longer text
        text = text.replace(phrase, CUT)
    for pattern in ALLOWED:
        text = re.sub(pattern, CUT, text)
    return [match.group(0) for match in ENGLISH_RUN.finditer(text)]


# --- the pages -----------------------------------------------------------------------------------------------


@pytest.fixture
def four(organization, owner, shipped_rule_sets):
    assessment = four_framework_assessment(organization, owner)
    refresh_results(assessment_ids=[assessment.pk], force=True)  # its stored results, as saving answers writes them
    # An action serving a Korean and an EU obligation, and a report being rendered: their pages are checked too.
    action = create_action(organization_id=organization.pk, user=owner, title="Risk plan")
    state = assessment_state(assessment)
    for framework, obligation in (("kr-ai-basic-act", "art34-1-1-risk-management-plan"),
                                  ("eu-ai-act", "art9-risk-management")):
        link_action(action=action, state=state, framework_code=framework, obligation_code=obligation, user=owner)
    Report.objects.create(organization=organization, assessment=assessment, requested_by=owner, state_hash="x",
                          status=Report.Status.QUEUED)
    return assessment


def rule_data_names() -> list[str]:
    """Citations and source titles of the versions in force: legal references, never translated (they are not
    among a rule set's translatable texts, frameworks/translations.py), so they stay as the rule data has them."""
    names: list[str] = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("citation", "local_citation", "citations", "date_citation"):
            names.append(node)

    for version in versions_in_force(as_of=AS_OF):
        document = compiled_ruleset(version).document
        walk(document)
        names += [source["title"] for source in document["version"].get("sources", [])]
    return [" ".join(n.split()) for n in names if n.strip()]


def older_tier_options() -> list[str]:
    """The tier filter of the portfolio pages offers the tiers of every published and retired version ("US: ..."),
    and older versions are not translated (by decision, README): their tiers that no version in force has keep
    their English label, in that option only."""
    in_force = versions_in_force(as_of=AS_OF)
    current = {(v.framework.code, code) for v in in_force for code in compiled_ruleset(v).tiers}
    older = RuleSetVersion.objects.exclude(status=RuleSetVersion.Status.DRAFT).exclude(pk__in=[v.pk for v in in_force])
    return [f"{version.framework.code.split('-')[0].upper()}: {tier['label']}" for version in older.select_related("framework")
            for code, tier in compiled_ruleset(version).tiers.items() if (version.framework.code, code) not in current]


def older_version_texts() -> list[str]:
    """The English texts and citations of shipped versions that are no longer in force (not translated, by decision:
    README), less every text a version in force also has (those must show translated)."""
    in_force = versions_in_force(as_of=AS_OF)
    current = set()
    for version in in_force:
        current.update(str(v) for v in tr.source_strings(compiled_ruleset(version).document).values())
    texts = set()
    older = RuleSetVersion.objects.exclude(status=RuleSetVersion.Status.DRAFT).exclude(pk__in=[v.pk for v in in_force])
    for version in older.select_related("framework"):
        document = compiled_ruleset(version).document
        for value in tr.source_strings(document).values():
            texts.update(v for v in (value if isinstance(value, list) else [value]) if str(v) not in current)
        texts.update(o["citation"] for o in document.get("obligations", []))
    return [" ".join(str(t).split()) for t in texts if str(t).strip()]


def fixture_names(four, owner) -> list[str]:
    """What the fixtures typed in: names of the organization, system, assessment and person, system texts."""
    system = four.system
    names = [four.organization.name, system.name, four.label, owner.username, owner.email, system.description,
             system.purpose, system.owner, "Risk plan"]
    return [n for n in names if n]


def member_pages(four) -> dict[str, str]:
    pk = four.pk
    summary = ObligationSummary.objects.filter(assessment=four).order_by("framework_code", "obligation_code")
    item = {framework: summary.filter(framework_code=framework).first() for framework in
            ("eu-ai-act", "jp-ai-guidelines", "kr-ai-basic-act", "us-federal")}
    pages = {
        "home": reverse("home"),
        "systems list": reverse("assessments:system_list"),
        "system page": reverse("assessments:system_detail", args=[four.system.pk]),
        "system form": reverse("assessments:system_create"),
        "system edit": reverse("assessments:system_edit", args=[four.system.pk]),
        "new assessment": reverse("assessments:start", args=[four.system.pk]),
        "assessments list": reverse("assessments:list"),
        "results": reverse("assessments:detail", args=[pk]),
        "timeline": reverse("assessments:timeline", args=[pk]),
        "crosswalk": reverse("assessments:crosswalk", args=[pk]),
        "review": reverse("assessments:review", args=[pk]),
        "gap tracker": reverse("gaps:tracker", args=[pk]),
        "gap dashboard": reverse("gaps:dashboard", args=[four.organization.pk]),
        "actions": reverse("gaps:actions"),
        "new action": reverse("gaps:action_new"),
        "assigned to me": reverse("gaps:assigned"),
        "reports": reverse("reports:assessment", args=[pk]),
        "members": reverse("organizations:members"),
        "organization settings": reverse("organizations:settings"),
        "new organization": reverse("organizations:create"),
        "profile": reverse("account:profile"),
        "upgrade history": reverse("upgrades:history", args=[pk]),
        "systems import": reverse("inventory:import"),
        "password change": reverse("password_change"),
        "not found (404)": "/does-not-exist/",
        "forbidden (403)": reverse("assessments:section", args=[pk, "no-such-section"]),
    }
    action = Action.objects.get(organization=four.organization)
    pages["action"] = reverse("gaps:action", args=[action.pk])
    pages["action edit"] = reverse("gaps:action_edit", args=[action.pk])
    pages["action evidence"] = reverse("gaps:action_evidence", args=[action.pk])
    pages["report"] = reverse("reports:detail", args=[Report.objects.get(assessment=four).pk])
    for framework, summary_row in item.items():
        if summary_row is not None:
            args = [pk, framework, summary_row.obligation_code]
            pages[f"gap item {framework}"] = reverse("gaps:item", args=args)
            pages[f"gap item edit {framework}"] = reverse("gaps:edit", args=args)
            pages[f"evidence {framework}"] = reverse("gaps:evidence", args=args)
    return pages


def section_pages(four, language: str) -> dict[str, str]:
    with translation.override(language):  # the questionnaire of the page's language (it is cached per language)
        wizard = wizard_state(four)
    return {f"questionnaire {s.code}": reverse("assessments:section", args=[four.pk, s.code]) for s in wizard.sections}


def check(client: Client, pages: dict[str, str], allowed: list[str]) -> list[str]:
    assert pages, "no page to check"
    found = []
    for name, url in pages.items():
        response = client.get(url, follow=True)
        assert response.status_code in (200, 403, 404), f"{name} ({url}) answered {response.status_code}"
        html = response.content.decode()
        for run in english_runs(visible_text(html), allowed):
            found.append(f"{name} ({url}): {run!r}")
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_pages_have_no_english_left(shipped_rule_sets, language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = {"landing": "/", "sign-up": reverse("organizations:signup"), "login": reverse("login"),
             "password reset": reverse("password_reset"), "not found (404)": "/does-not-exist/"}
    found = check(client, pages, [])
    assert not found, f"{len(found)} English texts left in {language}:\n" + "\n".join(found)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_member_pages_have_no_english_left(client_for, owner, four, language):
    UserProfile.objects.update_or_create(user=owner, defaults={"language": language})
    client = client_for(owner)
    pages = {**member_pages(four), **section_pages(four, language)}
    # Every framework's gap item pages, and more than a handful of questionnaire sections, are among them.
    assert {f"gap item {code}" for code in ("eu-ai-act", "jp-ai-guidelines", "kr-ai-basic-act", "us-federal")} <= set(pages)
    assert sum(name.startswith("questionnaire ") for name in pages) >= 10
    allowed = fixture_names(four, owner) + rule_data_names() + older_tier_options()
    found = check(client, pages, allowed)
    assert not found, f"{len(found)} English texts left in {language}:\n" + "\n".join(found)



@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_upgrade_page_has_no_english_left(client_for, owner, four, language):
    """An assessment still on Korea's 2026.1 (superseded): the page that offers the upgrade, and its history. The
    older version's own texts are not translated (by decision), so they alone may show in English."""
    older = RuleSetVersion.objects.select_related("framework").get(framework__code="kr-ai-basic-act", label="2026.1")
    assessment = Assessment.objects.create(organization=four.organization, system=four.system, as_of=AS_OF,
                                           label="Korea 2026.1", created_by=owner)
    PinnedVersion.objects.create(assessment=assessment, framework=older.framework, version=older)
    for code, value in FOUR_MARKETS.items():
        Answer.objects.create(assessment=assessment, question_code=code, value=value)
    UserProfile.objects.update_or_create(user=owner, defaults={"language": language})
    client = client_for(owner)
    pages = {"upgrade": reverse("upgrades:upgrade", args=[assessment.pk]),
             "upgrade history": reverse("upgrades:history", args=[assessment.pk])}
    page = client.get(pages["upgrade"]).content.decode()
    assert 'name="frameworks"' in page, "the upgrade is offered"
    allowed = fixture_names(four, owner) + ["Korea 2026.1"] + rule_data_names() + older_version_texts()
    found = check(client, pages, allowed)
    assert not found, f"{len(found)} English texts left in {language}:\n" + "\n".join(found)
