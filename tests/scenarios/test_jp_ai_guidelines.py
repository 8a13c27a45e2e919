"""Japan: AI Guidelines for Business (v1.1) and the AI Promotion Act (Law No. 53 of 2025).

Coverage tests count what the guidelines and the Act contain; scenario tests classify
realistic systems and check scope, tiers, roles and the status of key obligations.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from frameworks.engine import InvalidAnswers
from tests.shipped import classify, role_codes, rule_set_in_force, statuses, tier_codes

FW = "jp-ai-guidelines"
AS_OF = "2026-11-22"
GUIDELINE_PREFIXES = ("principle-", "dev-", "prov-", "user-", "hiroshima-")
ACT_PREFIXES = ("art7-", "art16-", "art25-")
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]

NOW, LATER, NA = "applies_now", "applies_later", "not_applicable"


def jp(answers: dict, as_of: str = AS_OF) -> dict:
    return classify(answers, as_of, [FW])[FW]


def rule_set():
    return rule_set_in_force(FW, dt.date.fromisoformat(AS_OF))


def obligations() -> list[dict]:
    """Canonical obligation specs (defaults filled in)."""
    return rule_set().document["obligations"]


def codes(prefix: str) -> list[str]:
    return [o["code"] for o in obligations() if o["code"].startswith(prefix)]


def by_prefix(result: dict, prefix: str) -> set[str]:
    """The set of statuses of all obligations whose code starts with prefix."""
    return {status for code, status in statuses(result).items() if code.startswith(prefix)}


def obligation(result: dict, code: str) -> dict:
    return next(o for o in result["obligations"] if o["code"] == code)


def fired(result: dict, rule_code: str) -> bool:
    return next(t for t in result["trace"] if t["kind"] == "rule" and t["code"] == rule_code)["fired"]


BUSINESS = {"org_type": "private", "is_ai_system": True}


# --- coverage: what the law contains ---------------------------------------------------


def test_exactly_ten_common_guiding_principles():
    principles = codes("principle-")
    assert principles == [f"principle-{n:02d}" for n in range(1, 11)]
    local = [o["local_title"] for o in obligations() if o["code"].startswith("principle-")]
    names = ["人間中心", "安全性", "公平性", "プライバシー保護", "セキュリティ確保", "透明性",
             "アカウンタビリティ", "教育・リテラシー", "公正競争確保", "イノベーション"]
    assert [t.split(") ", 1)[1] for t in local] == names
    # Principles bind every actor and every tier.
    assert all(not o["roles"] and not o["tiers"] for o in obligations() if o["code"].startswith("principle-"))


def test_hiroshima_items_i_to_xii_present():
    items = codes("hiroshima-")
    assert [c.split("-")[1] for c in items] == ROMAN
    for o in obligations():
        if o["code"].startswith("hiroshima-"):
            assert o["tiers"] == ["advanced_ai_system"]
            assert o["roles"] == []  # developers fully; providers and business users to an appropriate extent
            numeral = o["code"].split("-")[1].upper()
            assert o["citation"].endswith(f"Part 2 D, {numeral})")
    xii = next(o for o in obligations() if o["code"].startswith("hiroshima-xii-"))
    assert "all actors" in xii["title"]


def test_actor_specific_item_counts_and_phases():
    spec = {o["code"]: o for o in obligations()}
    dev, prov, user = codes("dev-"), codes("prov-"), codes("user-")
    assert (len(dev), len(prov), len(user)) == (12, 12, 7)
    assert all(spec[c]["roles"] == ["ai_developer"] for c in dev)
    assert all(spec[c]["roles"] == ["ai_provider"] for c in prov)
    assert all(spec[c]["roles"] == ["ai_business_user"] for c in user)

    def phases(items):
        found: dict[str, int] = {}
        for c in items:
            phase = spec[c]["citation"].rsplit(", ", 1)[1]
            found[phase] = found.get(phase, 0) + 1
        return found

    assert phases(dev) == {"data pre-processing and training phase": 2, "development phase": 5,
                           "post-development phase": 5}
    assert phases(prov) == {"implementation phase": 6, "after-provision phase": 6}


def test_every_obligation_has_citation_source_url_and_confidence():
    assert len(obligations()) == 10 + 12 + 12 + 7 + 12 + 4
    for o in obligations():
        assert o["citation"].strip(), o["code"]
        assert re.match(r"^https://(www\.meti\.go\.jp|laws\.e-gov\.go\.jp)/", o["source_url"]), o["code"]
        assert o["confidence"] in {"primary", "secondary", "unverified"}, o["code"]
        assert o["summary"].strip() and o["evidence"], o["code"]
        assert o["applies_from"][0]["citation"], o["code"]
    for rule in rule_set().document["rules"]:
        assert rule["citation"] and rule["confidence"] and rule["source_url"].startswith("https://")


def test_every_guideline_item_is_voluntary():
    guideline_items = [o for o in obligations() if o["code"].startswith(GUIDELINE_PREFIXES)]
    assert len(guideline_items) == 53
    assert {o["nature"] for o in guideline_items} == {"voluntary"}
    assert all("voluntary" in o["summary"] for o in guideline_items)
    assert all("meti.go.jp" in o["source_url"] for o in guideline_items)


def test_ai_promotion_act_duties_and_no_penalties():
    spec = {o["code"]: o for o in obligations()}
    act = [c for c in spec if c.startswith(ACT_PREFIXES)]
    assert sorted(act) == ["art16-state-investigation-guidance", "art25-2-hq-cooperation-requests",
                           "art7-cooperate-with-government", "art7-endeavour-use-ai"]
    assert spec["art7-cooperate-with-government"]["nature"] == "binding"
    assert spec["art7-endeavour-use-ai"]["nature"] == "effort"
    assert spec["art16-state-investigation-guidance"]["nature"] == "voluntary"
    assert spec["art25-2-hq-cooperation-requests"]["nature"] == "voluntary"
    for code in act:
        assert spec[code]["roles"] == ["utilising_business"]
        assert spec[code]["source_url"] == "https://laws.e-gov.go.jp/law/507AC0000000053"
        assert "no penalt" in spec[code]["summary"].lower(), code
    # No penalties anywhere: not in the Act, not in the soft-law guidelines.
    assert all(o["penalty"] is None for o in obligations())
    # Art. 16 gives no statutory naming power.
    assert "not an explicit power" in spec["art16-state-investigation-guidance"]["summary"]


def test_confidence_follows_the_fact_base():
    spec = {o["code"]: o for o in obligations()}
    for code, o in spec.items():
        if code.startswith(("dev-", "prov-", "user-", "hiroshima-")):
            assert o["confidence"] == "unverified", code
            assert "UNVERIFIED" in o["summary"], code
    # Principle names are secondary; principles whose summaries list unverified sub-items are unverified.
    assert spec["principle-09"]["confidence"] == "secondary"
    for n in [1, 2, 3, 4, 5, 6, 7, 8, 10]:
        assert spec[f"principle-{n:02d}"]["confidence"] == "unverified"
        assert "sub-item" in spec[f"principle-{n:02d}"]["summary"] and "UNVERIFIED" in spec[f"principle-{n:02d}"]["summary"]
    # Art. 7 and Art. 25 were checked against verbatim quotations of the statute; Art. 16 was not.
    assert spec["art7-cooperate-with-government"]["confidence"] == "primary"
    assert spec["art25-2-hq-cooperation-requests"]["confidence"] == "primary"
    assert spec["art16-state-investigation-guidance"]["confidence"] == "secondary"


def test_soft_law_is_stated_plainly():
    rs = rule_set()
    description = rs.framework["description"]
    assert "soft law" in description and "voluntary" in description and "no penalties" in description
    for tier in rs.tiers.values():
        assert "voluntary" in tier["description"] or "soft law" in tier["description"].lower(), tier["code"]
    assert {r["local_label"] for r in rs.roles.values()} == {"AI開発者", "AI提供者", "AI利用者", "活用事業者"}


def test_version_metadata():
    rs = rule_set()
    version = rs.version
    assert rs.framework["name"] == "Japan AI Guidelines for Business and AI Promotion Act"
    assert rs.framework["jurisdiction"] == "Japan"
    assert version["label"] == "2025.1" and version["status"] == "published"
    assert version["in_force_from"] == "2025-09-01" and version["last_reviewed"] == "2026-11-22"
    assert all(s["url"].startswith("https://") for s in version["sources"])
    for fact in ("28 March 2025", "4 June\n2025", "1 September 2025", "31 March 2026"):
        assert fact.replace("\n", " ") in version["notes"].replace("\n", " "), fact


def test_no_version_in_force_before_the_act_was_fully_in_force():
    with pytest.raises(LookupError):
        rule_set_in_force(FW, dt.date(2025, 8, 31))
    assert rule_set_in_force(FW, dt.date(2025, 9, 1)).label == "2025.1"
    # v1.2 of the guidelines (31 Mar 2026) is not encoded, so 2025.1 stays in force after it.
    assert rule_set_in_force(FW, dt.date(2026, 4, 1)).label == "2025.1"


# --- scenarios -------------------------------------------------------------------------


def test_company_using_third_party_chatbot_internally():
    """A Japanese trading company gives its staff a third-party generative AI chatbot (a SaaS
    product built on a large language model) to draft e-mails and summarise documents. It does
    not develop the chatbot or offer it to anyone."""
    r = jp({**BUSINESS, "org_develops_system": False, "org_offers_system": False, "org_uses_system": True,
            "org_provides_service_with_ai": False, "generates_content": True})
    assert r["in_scope"] is True
    assert tier_codes(r) == ["advanced_ai_system", "soft_law_guidance"]
    assert role_codes(r) == ["ai_business_user", "utilising_business"]
    assert by_prefix(r, "user-") == {NOW}
    assert by_prefix(r, "dev-") == {NA}
    assert by_prefix(r, "prov-") == {NA}
    assert by_prefix(r, "principle-") == {NOW}
    assert by_prefix(r, "hiroshima-") == {NOW}
    assert statuses(r)["art7-cooperate-with-government"] == NOW
    assert obligation(r, "dev-01-appropriate-training-data")["reason"] == "Binds only: AI developer."
    assert obligation(r, "user-03-personal-data-input")["nature"] == "voluntary"
    # The explanation points at the answer that made the company an AI business user.
    entry = next(t for t in r["trace"] if t["code"] == "part1-ai-business-user")
    assert entry["fired"] and entry["answers"] == {"org_uses_system": True}
    assert r["unanswered"] == []


def test_foundation_model_developer():
    """A Tokyo AI lab pre-trains a Japanese large language model and licenses it through an API
    to other companies. It does not use the model in its own operations."""
    r = jp({**BUSINESS, "org_develops_system": True, "org_offers_system": True, "org_uses_system": False,
            "org_provides_service_with_ai": False, "generates_content": True, "is_general_purpose_model": True,
            "jp_integration_only": False})
    assert r["in_scope"] is True
    assert tier_codes(r)[0] == "advanced_ai_system"
    assert set(role_codes(r)) == {"ai_developer", "ai_provider", "utilising_business"}
    assert by_prefix(r, "dev-") == {NOW}
    assert by_prefix(r, "hiroshima-") == {NOW}
    assert by_prefix(r, "user-") == {NA}
    assert statuses(r)["hiroshima-vii-content-provenance"] == NOW
    assert obligation(r, "hiroshima-i-lifecycle-risk")["applies_from"] == "2025-03-28"


def test_commissioned_model_developer_only():
    """A start-up fine-tunes a vision model under contract; the client sells the product under its
    own brand. The start-up neither offers nor uses the system itself."""
    r = jp({**BUSINESS, "org_develops_system": True, "org_offers_system": False, "org_uses_system": False,
            "org_provides_service_with_ai": False, "generates_content": False, "is_general_purpose_model": False,
            "jp_integration_only": False, "jp_advanced_ai": False})
    assert role_codes(r) == ["ai_developer", "utilising_business"]
    assert tier_codes(r) == ["soft_law_guidance"]
    assert by_prefix(r, "dev-") == {NOW}
    assert by_prefix(r, "prov-") == {NA}
    assert by_prefix(r, "hiroshima-") == {NA}


def test_saas_provider_integrating_a_third_party_model():
    """An HR-software company adds a writing assistant to its SaaS product by calling another
    company's large language model through an API, with retrieval over the customer's documents.
    It trains no model itself and does not use the assistant internally."""
    r = jp({**BUSINESS, "org_develops_system": True, "org_offers_system": True, "org_uses_system": False,
            "org_provides_service_with_ai": True, "generates_content": True, "jp_integration_only": True})
    assert r["in_scope"] is True
    assert role_codes(r) == ["ai_provider", "utilising_business"]
    assert "advanced_ai_system" in tier_codes(r)
    assert by_prefix(r, "prov-") == {NOW}
    assert by_prefix(r, "dev-") == {NA}
    assert by_prefix(r, "user-") == {NA}
    developer_rule = next(t for t in r["trace"] if t["code"] == "part1-ai-developer")
    assert developer_rule["fired"] is False
    assert [e["code"] for e in developer_rule["exceptions"] if e["applies"]] == ["integration-only"]


def test_system_with_no_business_use_is_out_of_scope():
    """An individual builds an image-generation toy for personal fun; no company develops, offers
    or uses it in business."""
    r = jp({"org_type": "private", "is_ai_system": True, "org_develops_system": False, "org_offers_system": False,
            "org_uses_system": False, "org_provides_service_with_ai": False, "generates_content": True,
            "jp_personal_use_only": True})
    assert r["in_scope"] is False
    assert tier_codes(r) == [] and role_codes(r) == []
    assert set(statuses(r).values()) == {NA}
    assert fired(r, "part1-scope-out-non-business")
    assert obligation(r, "art7-cooperate-with-government")["reason"] == "The framework does not apply to this system."


def test_non_ai_software_is_out_of_scope():
    """A logistics firm uses a fixed, hand-written routing rule table: it does not infer anything."""
    r = jp({**BUSINESS, "is_ai_system": False, "org_develops_system": False, "org_offers_system": False,
            "org_uses_system": True, "org_provides_service_with_ai": False, "generates_content": False,
            "jp_advanced_ai": False})
    assert r["in_scope"] is False
    assert fired(r, "art2-scope-out-not-ai")
    assert statuses(r)["principle-01"] == NA


@pytest.mark.parametrize("roles", [
    {"org_develops_system": True, "jp_integration_only": False},
    {"org_offers_system": True},
    {"org_uses_system": True},
    {"org_provides_service_with_ai": True},
])
def test_art7_cooperation_duty_applies_to_any_business_using_ai(roles):
    """A retailer's demand-forecasting model (not generative, not a foundation model), seen from
    each business role in turn: whatever the role, the business is a utilising business."""
    answers = {**BUSINESS, "org_develops_system": False, "org_offers_system": False, "org_uses_system": False,
               "org_provides_service_with_ai": False, "generates_content": False, "jp_advanced_ai": False}
    answers.update(roles)
    r = jp(answers, as_of="2025-09-01")
    assert r["in_scope"] is True
    assert "utilising_business" in role_codes(r)
    assert tier_codes(r) == ["soft_law_guidance"]
    cooperate = obligation(r, "art7-cooperate-with-government")
    assert cooperate["status"] == NOW
    assert cooperate["nature"] == "binding"
    assert cooperate["penalty"] is None
    assert cooperate["applies_from"] == "2025-06-04"
    assert obligation(r, "art7-endeavour-use-ai")["nature"] == "effort"
    assert obligation(r, "art25-2-hq-cooperation-requests")["applies_from"] == "2025-09-01"
    assert statuses(r)["art25-2-hq-cooperation-requests"] == NOW
    assert by_prefix(r, "hiroshima-") == {NA}
    assert LATER not in set(statuses(r).values())


def test_public_body_is_not_a_utilising_business():
    """A city office uses a speech-to-text model to transcribe council meetings."""
    r = jp({"org_type": "public_body", "is_ai_system": True, "org_develops_system": False,
            "org_offers_system": False, "org_uses_system": True, "org_provides_service_with_ai": False,
            "generates_content": False, "jp_advanced_ai": False})
    assert r["in_scope"] is True
    assert role_codes(r) == ["ai_business_user"]
    assert statuses(r)["art7-cooperate-with-government"] == NA
    assert statuses(r)["user-01-safe-proper-use"] == NOW


def test_business_user_of_a_foundation_model_for_classification_is_advanced():
    """An insurer routes incoming claims e-mails with a classification feature of a large language
    model supplied by a cloud vendor; the feature only labels e-mails and generates no content."""
    base = {**BUSINESS, "org_develops_system": False, "org_offers_system": False, "org_uses_system": True,
            "org_provides_service_with_ai": False, "generates_content": False}
    advanced = jp({**base, "jp_advanced_ai": True})
    assert tier_codes(advanced) == ["advanced_ai_system", "soft_law_guidance"]
    assert statuses(advanced)["hiroshima-xii-responsible-use"] == NOW
    narrow = jp({**base, "jp_advanced_ai": False})
    assert tier_codes(narrow) == ["soft_law_guidance"]
    assert statuses(narrow)["hiroshima-xii-responsible-use"] == NA


def test_questions_follow_their_visibility():
    # The integration question is asked only of organisations that develop the system.
    with pytest.raises(InvalidAnswers):
        jp({**BUSINESS, "org_develops_system": False, "org_uses_system": True, "jp_integration_only": True})
    # The advanced-AI question is not asked when the system already generates content.
    with pytest.raises(InvalidAnswers):
        jp({**BUSINESS, "org_uses_system": True, "generates_content": True, "jp_advanced_ai": True})
    # Unanswered required questions are reported.
    r = jp({"is_ai_system": True, "org_uses_system": True})
    assert {"org_type", "generates_content"} <= set(r["unanswered"])
