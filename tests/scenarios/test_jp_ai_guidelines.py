"""Japan: AI Guidelines for Business v1.2 (MIC and METI, 31 Mar 2026) and the AI Promotion Act
(Law No. 53 of 2025), rule set 2026.1.

Coverage tests count what the guidelines and the Act contain. Scenario tests classify the cases
METI itself gives (Appendix 1 of the guidelines, Table 3 "AI システム・サービス例", which names the
AI developer, AI provider and AI business user of each case, and the "AI事業者のパターン" figure),
plus cases built from the Act's articles, answered from their plain descriptions with the shared
questions' own words. Each checks scope (with its reason), tier, roles and key items with dates.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from frameworks.engine import InvalidAnswers
from tests.shipped import classify, role_codes, rule_set_in_force, statuses, tier_codes

FW = "jp-ai-guidelines"
AS_OF = "2026-11-22"
GUIDELINE_PREFIXES = ("principle-", "part2-e-", "dev-", "prov-", "user-", "hiroshima-", "part3-", "art13-")
ACT_CODES = ["art7-endeavour-use-ai", "art7-cooperate-with-government", "art16-state-investigation-guidance",
             "art25-2-hq-cooperation-requests"]
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"

NOW, LATER, NA = "applies_now", "applies_later", "not_applicable"
V12 = "2026-03-31"

# Who you are, as every case below answers it: a company assessing an AI system.
COMPANY = {"actor_type": "company", "assessed_subject": "system", "is_ai_system": True}


def jp(answers: dict, as_of: str = AS_OF) -> dict:
    return classify(answers, as_of, [FW])[FW]


def rule_set():
    return rule_set_in_force(FW, dt.date.fromisoformat(AS_OF))


def obligations() -> list[dict]:
    return rule_set().document["obligations"]


def spec() -> dict[str, dict]:
    return {o["code"]: o for o in obligations()}


def codes(prefix: str) -> list[str]:
    return [o["code"] for o in obligations() if o["code"].startswith(prefix)]


def by_prefix(result: dict, prefix: str) -> set[str]:
    return {status for code, status in statuses(result).items() if code.startswith(prefix)}


def obligation(result: dict, code: str) -> dict:
    return next(o for o in result["obligations"] if o["code"] == code)


def fired(result: dict, rule_code: str) -> bool:
    return next(t for t in result["trace"] if t["kind"] == "rule" and t["code"] == rule_code)["fired"]


def guideline_roles(result: dict) -> set[str]:
    return set(role_codes(result)) - {"utilising_business"}


# --- coverage: what the guidelines and the Act contain ------------------------------------------


def test_version_2026_1_encodes_guidelines_v1_2_from_31_march_2026():
    rs = rule_set()
    assert rs.label == "2026.1"
    assert rs.version["in_force_from"] == V12 and rs.version["status"] == "published"
    assert "supersedes" not in rs.version or not rs.version["supersedes"]
    assert rs.framework["market"] == "jp"
    assert "v1.2" in rs.version["title"] and "Law No. 53 of 2025" in rs.version["title"]
    urls = {s["url"] for s in rs.version["sources"]}
    assert "https://www.meti.go.jp/shingikai/mono_info_service/ai_shakai_jisso/pdf/20260331_1.pdf" in urls
    assert "https://laws.e-gov.go.jp/law/507AC0000000053" in urls
    assert "https://www8.cao.go.jp/cstp/ai/ai_guideline/ai_gl_2025.pdf" in urls  # Art. 13 guideline
    notes = " ".join(rs.version["notes"].split())
    for fact in ("AI agents", "physical AI", "31 March 2026", "19 December 2025", "23 December 2025",
                 "Readings a lawyer could dispute"):
        assert fact in notes, fact


def test_version_choice_by_date_retires_v1_1_on_31_march_2026():
    """The 2025.1 rule set (v1.1) covers 1 Sep 2025 to 30 Mar 2026; v1.2 takes over on 31 Mar 2026."""
    with pytest.raises(LookupError):
        rule_set_in_force(FW, dt.date(2025, 8, 31))
    assert rule_set_in_force(FW, dt.date(2025, 9, 1)).label == "2025.1"
    assert rule_set_in_force(FW, dt.date(2026, 3, 30)).label == "2025.1"
    assert rule_set_in_force(FW, dt.date(2026, 3, 31)).label == "2026.1"
    assert rule_set_in_force(FW, dt.date(2026, 11, 22)).label == "2026.1"


def test_exactly_ten_common_guiding_principles_read_in_v1_2():
    assert codes("principle-") == [f"principle-{n:02d}" for n in range(1, 11)]
    local = [spec()[c]["local_title"] for c in codes("principle-")]
    names = ["人間中心", "安全性", "公平性", "プライバシー保護", "セキュリティ確保", "透明性",
             "アカウンタビリティ", "教育・リテラシー", "公正競争確保", "イノベーション"]
    assert [t.split(") ", 1)[1] for t in local] == names
    for code in codes("principle-"):
        o = spec()[code]
        assert not o["roles"] and not o["tiers"], code  # every actor
        assert o["confidence"] == "primary", code  # sub-items read in the v1.2 text
        assert o["citation"].startswith("AI Guidelines for Business v1.2, Part 2 C"), code


def test_actor_items_follow_table_1_of_v1_2():
    s = spec()
    dev, prov, user = codes("dev-"), codes("prov-"), codes("user-")
    assert (len(dev), len(prov), len(user)) == (12, 12, 7)
    assert all(s[c]["roles"] == ["ai_developer"] for c in dev)
    assert all(s[c]["roles"] == ["ai_provider"] for c in prov)
    assert all(s[c]["roles"] == ["ai_business_user"] for c in user)
    # Table 1 item numbers, e.g. D-2) i, in the local titles.
    assert [s[c]["local_title"].split(".")[0] for c in dev] == [
        "D-2) i", "D-3) i", "D-2) ii", "D-2) iii", "D-3) ii", "D-5) i", "D-6) i", "D-5) ii", "D-6) ii",
        "D-7) i", "D-7) ii", "D-10) i"]
    assert [s[c]["local_title"].split(".")[0] for c in user] == [
        "U-2) i", "U-3) i", "U-4) i", "U-5) i", "U-6) i", "U-7) i", "U-7) ii"]

    def phases(items):
        found: dict[str, int] = {}
        for c in items:
            phase = s[c]["citation"].split(", ")[-1].split(" (")[0]
            found[phase] = found.get(phase, 0) + 1
        return found

    assert phases(dev) == {"data pre-processing and training phase": 2, "development phase": 5,
                           "after-development phase": 5}
    assert phases(prov) == {"implementation phase": 6, "after-provision phase": 6}


def test_part_2_d_hiroshima_principles_for_all_ai_actors():
    items = codes("hiroshima-")
    assert [c.split("-")[1] for c in items] == ROMAN
    for code, mark in zip(items, CIRCLED, strict=True):
        o = spec()[code]
        assert o["tiers"] == ["advanced_ai_system"] and o["roles"] == [], code
        assert o["citation"].endswith(mark), code
        assert o["citation"].startswith("AI Guidelines for Business v1.2, Part 2 D"), code
        assert o["confidence"] == "primary" and o["nature"] == "voluntary", code
    # The Code of Conduct and the reporting framework are for developers of advanced AI systems (Part 3).
    for code in ("part3-hiroshima-code-of-conduct", "part3-hiroshima-reporting-framework"):
        assert spec()[code]["roles"] == ["ai_developer"] and spec()[code]["tiers"] == ["advanced_ai_system"]


def test_every_item_has_citation_source_and_honest_confidence():
    s = spec()
    assert len(s) == 10 + 1 + 12 + 12 + 7 + 12 + 2 + 1 + 4
    for o in obligations():
        assert o["citation"].strip() and o["summary"].strip() and o["evidence"], o["code"]
        assert re.match(r"^https://(www\.meti\.go\.jp|laws\.e-gov\.go\.jp|www8\.cao\.go\.jp)/", o["source_url"]), o["code"]
        assert o["confidence"] in {"primary", "secondary", "unverified"}, o["code"]
        assert o["applies_from"][0]["citation"], o["code"]
        assert o["penalty"] is None, o["code"]  # no penalties anywhere
    # Read in the v1.2 text or the e-Gov statute text: primary. The Art. 13 guideline item rests on a
    # verbatim quotation in a secondary source.
    assert {c for c, o in s.items() if o["confidence"] != "primary"} == {"art13-guideline-information-for-users"}
    for rule in rule_set().document["rules"]:
        assert rule["citation"] and rule["confidence"] and rule["source_url"].startswith("https://")


def test_guidelines_are_voluntary_and_the_act_is_never_binding():
    s = spec()
    guideline = [o for c, o in s.items() if c.startswith(GUIDELINE_PREFIXES)]
    assert len(guideline) == 57
    assert {o["nature"] for o in guideline} == {"voluntary"}
    assert all("voluntary" in o["summary"] for o in guideline)
    assert sorted(c for c in s if c.startswith(("art7-", "art16-", "art25-"))) == sorted(ACT_CODES)
    assert s["art7-endeavour-use-ai"]["nature"] == "effort"
    assert s["art7-cooperate-with-government"]["nature"] == "effort"  # 責務規定: no order, no sanction
    assert "協力しなければならない" in s["art7-cooperate-with-government"]["summary"]
    assert s["art16-state-investigation-guidance"]["nature"] == "voluntary"
    assert s["art25-2-hq-cooperation-requests"]["nature"] == "voluntary"
    assert "binding" not in {o["nature"] for o in obligations()}
    for code in ACT_CODES:
        assert s[code]["roles"] == ["utilising_business"]
        assert s[code]["source_url"] == "https://laws.e-gov.go.jp/law/507AC0000000053"
        assert "no penalt" in s[code]["summary"].lower(), code
    assert "not an explicit power" in s["art16-state-investigation-guidance"]["summary"]


def test_roles_and_tiers_use_the_guidelines_own_terms():
    rs = rule_set()
    assert {r["code"]: r["local_label"] for r in rs.roles.values()} == {
        "ai_developer": "AI開発者", "ai_provider": "AI提供者", "ai_business_user": "AI利用者",
        "utilising_business": "活用事業者"}
    assert rs.tiers["advanced_ai_system"]["local_label"] == "高度なAIシステム"
    for tier in rs.tiers.values():
        assert "voluntary" in tier["description"] or "soft law" in tier["description"].lower(), tier["code"]
    description = rs.framework["description"]
    assert "soft law" in description and "voluntary" in description and "no penalties" in description


def test_the_advanced_ai_question_is_always_asked_and_allows_i_dont_know():
    question = next(q for q in rule_set().questions if q.code == "jp_most_advanced_ai")
    assert question.visible_if is None
    assert question.allow_unknown and question.if_unknown is True


def test_answer_mappings_for_changed_japanese_questions():
    mappings = {m["from"]: m for m in rule_set().document["answer_mappings"]}
    assert {c for c in mappings if c.startswith("jp_")} == {"jp_advanced_ai", "jp_integration_only"}
    assert mappings["jp_advanced_ai"]["to"] == "jp_most_advanced_ai"
    assert mappings["jp_advanced_ai"]["values"] == {"false": False, "true": None}  # keys are stored as text
    integration = [m for m in rule_set().document["answer_mappings"] if m["from"] == "jp_integration_only"]
    assert {m["to"]: m["values"] for m in integration} == {
        "trains_model": {"true": False, "false": True}, "uses_third_party_model": {"true": True, "false": None}}


# --- METI's own cases: Appendix 1, Table 3 -----------------------------------------------------


def test_recruitment_ai_developed_and_used_in_house():
    """Appendix 1, Table 3, 採用AI: A's AI development department trains a classification model on
    past entry sheets and hiring outcomes; A's systems department builds it into the hiring process
    and A's recruiting departments (group companies abroad included) use it to screen applicants.
    METI lists A as AI developer (development department), AI provider (systems department) and AI
    business user (recruiting departments)."""
    r = jp({**COMPANY, "trains_model": True, "builds_system": True, "uses_system": True,
            "development_markets": ["jp"], "use_markets": ["jp", "other"], "jp_most_advanced_ai": False})
    assert r["in_scope"] is True
    assert "use the AI system in your business operations in Japan" in r["scope_reason"]
    assert guideline_roles(r) == {"ai_developer", "ai_provider", "ai_business_user"}
    assert "utilising_business" in role_codes(r)
    assert tier_codes(r) == ["soft_law_guidance"]
    for prefix in ("principle-", "dev-", "prov-", "user-"):
        assert by_prefix(r, prefix) == {NOW}, prefix
    assert by_prefix(r, "hiroshima-") == {NA}
    assert obligation(r, "user-06-explain-to-stakeholders")["applies_from"] == V12
    assert fired(r, "part1-ai-provider-integrates")


def test_unmanned_store_operator_is_provider_and_business_user():
    """Appendix 1, Table 3, 無人コンビニ: convenience-store chain J runs stores where image-recognition
    AI (developed by X) totals what customers take and charges them on the way out. Customers use
    the AI service themselves. METI lists J as AI provider and J's stores as AI business user."""
    r = jp({**COMPANY, "uses_system": True, "serves_customers_with_system": True,
            "jp_customers_receive_results_only": False, "offer_markets": ["jp"], "use_markets": ["jp"],
            "jp_most_advanced_ai": False})
    assert r["in_scope"] is True
    assert guideline_roles(r) == {"ai_provider", "ai_business_user"}
    assert by_prefix(r, "prov-") == {NOW} and by_prefix(r, "user-") == {NOW} and by_prefix(r, "dev-") == {NA}
    assert fired(r, "part1-ai-provider-serves-customers")


def test_unmanned_store_system_developer_x():
    """Appendix 1, Table 3, 無人コンビニ: X develops the image-recognition AI system for unmanned stores
    and supplies it to J. METI lists X as the AI developer."""
    r = jp({**COMPANY, "trains_model": True, "builds_system": True, "offers_system": True,
            "offer_markets": ["jp"], "development_markets": ["jp"], "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_developer", "ai_provider"}
    assert by_prefix(r, "dev-") == {NOW} and by_prefix(r, "user-") == {NA}


def test_cancer_diagnosis_ai_developer_and_provider():
    """Appendix 1, Table 3, がん診断AI: A trains a multimodal model on medical histories and endoscope
    images that highlights likely cancer during an examination, and supplies the system to medical
    institutions. METI lists A as AI developer and AI provider."""
    r = jp({**COMPANY, "trains_model": True, "builds_system": True, "offers_system": True,
            "offer_markets": ["jp"], "development_markets": ["jp"], "jp_most_advanced_ai": False})
    assert r["in_scope"] is True
    assert guideline_roles(r) == {"ai_developer", "ai_provider"}
    assert statuses(r)["dev-03-safe-design"] == NOW
    assert statuses(r)["prov-10-inform-stakeholders"] == NOW
    assert statuses(r)["user-01-safe-proper-use"] == NA


def test_hospital_using_diagnosis_ai_is_business_user_not_provider():
    """Appendix 1, Table 3, がん診断AI, and the "patterns of AI businesses" figure (pattern 1): the
    medical institution's doctors use the diagnosis-support AI and decide; patients receive only the
    diagnosis. METI lists the institution as AI business user and patients as non-business users."""
    r = jp({**COMPANY, "uses_system": True, "serves_customers_with_system": True,
            "jp_customers_receive_results_only": True, "offer_markets": ["jp"], "use_markets": ["jp"],
            "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_business_user"}
    assert by_prefix(r, "prov-") == {NA}
    assert by_prefix(r, "user-") == {NOW}
    assert obligation(r, "prov-01-risk-measures")["reason"] == "Binds only: AI provider."


def test_defect_detection_contractor_is_the_developer():
    """Appendix 1, Table 3, 不良品検知AI: contractor B develops the deep-learning models (image
    generation and recognition) that inspect A Kogyo's finished parts; it neither sells nor runs the
    inspection system itself. METI lists B as the AI developer."""
    r = jp({**COMPANY, "trains_model": True, "jp_model_trained_by_contractor": False, "builds_system": True,
            "development_markets": ["jp"], "jp_most_advanced_ai": False})
    assert "train or build the AI in Japan" in r["scope_reason"]
    assert guideline_roles(r) == {"ai_developer"}
    assert by_prefix(r, "dev-") == {NOW} and by_prefix(r, "prov-") == {NA} and by_prefix(r, "user-") == {NA}


def test_manufacturer_that_commissioned_defect_detection_is_provider_and_user():
    """Appendix 1, Table 3, 不良品検知AI: A Kogyo commissioned B to develop the models, builds them into
    its production line and uses them to inspect parts. METI lists A Kogyo's production management
    as AI provider and its production line as AI business user; B, not A Kogyo, is the developer."""
    r = jp({**COMPANY, "trains_model": True, "jp_model_trained_by_contractor": True, "builds_system": True,
            "uses_system": True, "development_markets": ["jp"], "use_markets": ["jp"],
            "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_provider", "ai_business_user"}
    assert statuses(r)["dev-01-appropriate-training-data"] == NA
    assert not fired(r, "part1-ai-developer")


def test_power_line_inspection_user_integrates_a_supplied_model():
    """Appendix 1, Table 3, 送電線の点検AI: power company P brings in X's image-recognition AI; P's
    systems department builds it into inspection and report writing, and P's maintenance staff use
    it. METI lists X as developer, P's systems department as provider and P's maintenance as user."""
    r = jp({**COMPANY, "builds_system": True, "uses_third_party_model": True, "uses_system": True,
            "development_markets": ["jp"], "use_markets": ["jp"], "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_provider", "ai_business_user"}
    assert statuses(r)["prov-06-document-architecture"] == NOW
    assert statuses(r)["dev-11-document-development"] == NA


def test_smart_appliance_maker_has_no_business_user():
    """Appendix 1, Table 3, スマート家電の最適化AI: A develops a model that controls smart appliances from
    sensor data and user feedback and sells the appliances to consumers. METI lists A as developer and
    provider; there is no AI business user (consumers are non-business users)."""
    r = jp({**COMPANY, "trains_model": True, "builds_system": True, "offers_system": True,
            "offer_markets": ["jp"], "development_markets": ["jp"], "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_developer", "ai_provider"}
    assert by_prefix(r, "user-") == {NA}


def test_in_house_generative_assistant_is_advanced_only_if_the_model_is_frontier():
    """Appendix 1, Table 3, 対話型AI社内導入: group company C builds an in-house AI assistant on A's
    cloud platform and generative AI model and offers it to the B group's staff, C's own staff
    included. METI lists A as developer, C as provider and the group's staff as business users.
    Being generative does not make it an advanced AI system: Part 2 D applies only if the model is
    one of the most advanced systems."""
    answers = {**COMPANY, "builds_system": True, "uses_third_party_model": True, "offers_system": True,
               "uses_system": True, "offer_markets": ["jp"], "use_markets": ["jp"], "development_markets": ["jp"]}
    ordinary = jp({**answers, "jp_most_advanced_ai": False})
    assert guideline_roles(ordinary) == {"ai_provider", "ai_business_user"}
    assert tier_codes(ordinary) == ["soft_law_guidance"]
    assert by_prefix(ordinary, "hiroshima-") == {NA}
    frontier = jp({**answers, "jp_most_advanced_ai": True})
    assert tier_codes(frontier) == ["advanced_ai_system", "soft_law_guidance"]
    assert by_prefix(frontier, "hiroshima-") == {NOW}
    assert obligation(frontier, "hiroshima-xii-responsible-use")["applies_from"] == V12
    # The Code of Conduct is for developers of advanced AI systems; C only builds on A's model.
    assert statuses(frontier)["part3-hiroshima-code-of-conduct"] == NA


def test_model_api_developer_is_not_an_ai_provider():
    """Appendix 1, Table 3, 売上予測AI and its footnote: A designs the sales-forecast model and its API
    (endpoints, parameters, responses); P builds the API into the retailer's systems. Where a model
    is offered as an API, METI treats the API designer as the AI developer and the one who builds it
    into production systems as the AI provider."""
    r = jp({"actor_type": "company", "assessed_subject": "model_only", "trains_model": True,
            "releases_model": ["api"], "offer_markets": ["jp"], "development_markets": ["jp"],
            "jp_most_advanced_ai": False})
    assert r["in_scope"] is True
    assert guideline_roles(r) == {"ai_developer"}
    assert by_prefix(r, "prov-") == {NA}


def test_sales_forecast_integrator_is_the_provider():
    """Appendix 1, Table 3, 売上予測AI: P implements the API calls to A's forecasting model and
    integrates them into retailer I's sales and inventory systems; I's staff use the forecasts. METI
    lists P as the AI provider (I is the business user)."""
    r = jp({**COMPANY, "builds_system": True, "uses_third_party_model": True, "development_markets": ["jp"],
            "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_provider"}
    assert fired(r, "part1-ai-provider-integrates") and not fired(r, "part1-ai-developer")


def test_programming_assistant_service():
    """Appendix 1, Table 3, プログラミング支援AI: model developer D offers a code-generation service
    that it designs and runs; software house H uses it. METI lists D as developer and provider."""
    d = jp({**COMPANY, "trains_model": True, "builds_system": True, "offers_system": True,
            "offer_markets": ["jp"], "development_markets": ["jp"], "jp_most_advanced_ai": False})
    assert guideline_roles(d) == {"ai_developer", "ai_provider"}
    h = jp({**COMPANY, "uses_system": True, "use_markets": ["jp"], "jp_most_advanced_ai": False})
    assert guideline_roles(h) == {"ai_business_user"}
    assert by_prefix(h, "user-") == {NOW} and by_prefix(h, "dev-") == {NA} and by_prefix(h, "prov-") == {NA}


def test_ai_agent_building_service_built_on_a_supplied_model():
    """Appendix 1, Table 3 (new in v1.2), AIエージェント作成サービス: X offers a service for building AI
    agents from workflows; the model making the decisions is Y's, called through an API. METI lists
    Y as developer and X as provider."""
    r = jp({**COMPANY, "builds_system": True, "uses_third_party_model": True, "offers_system": True,
            "offer_markets": ["jp"], "development_markets": ["jp"], "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_provider"}
    assert by_prefix(r, "dev-") == {NA}


def test_travel_booking_agent_offered_to_the_public():
    """Appendix 1, Table 3 (new in v1.2), 旅行先提案・予約AIエージェント: airline G develops the model and
    offers travellers an AI agent that proposes destinations and books flights through external
    systems. METI lists G as developer and provider; there is no AI business user (travellers are
    non-business users)."""
    r = jp({**COMPANY, "trains_model": True, "builds_system": True, "offers_system": True,
            "serves_customers_with_system": True, "offer_markets": ["jp"], "development_markets": ["jp"],
            "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_developer", "ai_provider"}
    assert by_prefix(r, "user-") == {NA}


def test_sales_support_agent_user_unsure_if_the_model_is_advanced():
    """Appendix 1, Table 3 (new in v1.2), 営業・CS支援AIエージェント: Y's sales department uses Z's AI
    agent, which manages prospects and schedules and sends e-mails on its own. METI lists Y's sales
    department as AI business user. Y does not know whether Z's model is a frontier model, so the
    advanced-AI items are shown, flagged as assumed."""
    r = jp({**COMPANY, "uses_system": True, "use_markets": ["jp"], "jp_most_advanced_ai": "unknown"})
    assert guideline_roles(r) == {"ai_business_user"}
    assert "advanced_ai_system" in tier_codes(r)
    assert by_prefix(r, "hiroshima-") == {NOW}
    assert [(a["question"], a["value"]) for a in r["assumed"]] == [("jp_most_advanced_ai", True)]


def test_automated_driving_system_is_physical_ai():
    """Appendix 1, Table 3 (new in v1.2), 自動運転システム: car maker H develops a route-planning model
    and builds it into the vehicle control system of cars it sells. METI lists H as developer and
    provider; drivers are non-business users. v1.2's developer and provider items name the loss of
    control of linked robots and guardrail technology."""
    r = jp({**COMPANY, "trains_model": True, "builds_system": True, "offers_system": True,
            "offer_markets": ["jp"], "development_markets": ["jp"], "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_developer", "ai_provider"}
    for code in ("dev-03-safe-design", "prov-01-risk-measures"):
        assert obligation(r, code)["status"] == NOW
        assert "guardrail" in spec()[code]["summary"] and "robot" in spec()[code]["summary"]


def test_warehouse_using_autonomous_mobile_robots():
    """Appendix 1, Table 3 (new in v1.2), 自律移動ロボット: logistics firm J offers transport by
    autonomous mobile robots in warehouses; O's warehouse management uses the service. METI lists
    O as AI business user."""
    r = jp({**COMPANY, "uses_system": True, "use_markets": ["jp"], "jp_most_advanced_ai": False})
    assert r["in_scope"] is True and guideline_roles(r) == {"ai_business_user"}
    assert statuses(r)["user-07-use-documents-follow-terms"] == NOW


# --- cases built from the definitions and the Act's articles -----------------------------------


def test_customer_service_chatbot_makes_a_provider_and_a_business_user():
    """Part 1 (AI provider: provides a service with AI built in to business users and, in some cases,
    non-business users; AI business user: uses an AI system or service in business activities) and
    the "patterns of AI businesses" (pattern 3): a Japanese retailer builds a chatbot on a model
    supplied by another company and runs it in its own customer service; customers chat with it."""
    r = jp({**COMPANY, "builds_system": True, "uses_third_party_model": True, "uses_system": True,
            "serves_customers_with_system": True, "offer_markets": ["jp"], "use_markets": ["jp"],
            "development_markets": ["jp"], "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_provider", "ai_business_user"}
    assert statuses(r)["prov-10-inform-stakeholders"] == NOW
    assert statuses(r)["user-06-explain-to-stakeholders"] == NOW
    assert statuses(r)["dev-01-appropriate-training-data"] == NA


def test_open_weights_release_makes_a_developer_not_a_provider():
    """Part 1 (AI developer develops models; AI provider builds AI into applications, products,
    systems or business processes and provides it as a service): a lab trains a general-purpose
    language model and publishes its weights worldwide, Japan included, with no application of its
    own. It is not one of the most advanced systems."""
    r = jp({"actor_type": "company", "assessed_subject": "model_only", "trains_model": True,
            "releases_model": ["weights"], "offer_markets": ["jp", "us", "eu", "other"],
            "development_markets": ["other"], "jp_most_advanced_ai": False})
    assert r["in_scope"] is True
    assert guideline_roles(r) == {"ai_developer"}
    assert tier_codes(r) == ["soft_law_guidance"]
    assert by_prefix(r, "hiroshima-") == {NA} and by_prefix(r, "prov-") == {NA}


def test_frontier_model_developer_gets_the_code_of_conduct():
    """Part 2 D and Part 3 (Code of Conduct for organisations developing advanced AI systems; the
    OECD reporting framework): a lab trains a state-of-the-art large language model, offers it
    through an API and in its own chat app to users in Japan."""
    r = jp({"actor_type": "company", "assessed_subject": "system_and_model", "is_ai_system": True,
            "trains_model": True, "releases_model": ["api"], "builds_system": True, "offers_system": True,
            "offer_markets": ["jp", "us", "other"], "development_markets": ["us"],
            "jp_most_advanced_ai": True})
    assert guideline_roles(r) == {"ai_developer", "ai_provider"}
    assert tier_codes(r) == ["advanced_ai_system", "soft_law_guidance"]
    assert by_prefix(r, "hiroshima-") == {NOW}
    assert statuses(r)["part3-hiroshima-code-of-conduct"] == NOW
    assert statuses(r)["part3-hiroshima-reporting-framework"] == NOW
    assert r["assumed"] == []


def test_no_ai_business_in_japan_is_out_of_scope():
    """AI Promotion Act Art. 7 (utilising businesses) and Guidelines Part 1 (addressees): a US
    insurer builds and uses a claims-triage model in the US only; its outputs concern US customers."""
    r = jp({**COMPANY, "trains_model": True, "builds_system": True, "uses_system": True,
            "development_markets": ["us"], "use_markets": ["us"], "output_markets": ["us"],
            "jp_most_advanced_ai": False})
    assert r["in_scope"] is False
    assert r["scope_reason"] == rule_set().framework["out_of_scope_reason"]
    assert "do not develop, provide or use AI in business in Japan" in r["scope_reason"]
    assert tier_codes(r) == [] and role_codes(r) == []
    assert set(statuses(r).values()) == {NA}


def test_foreign_provider_selling_to_japanese_businesses_is_in_scope():
    """Guidelines Part 1 (AI provider) and Act Art. 7: a German software company develops a
    contract-review assistant in Germany and sells it to law firms in the EU and Japan."""
    r = jp({**COMPANY, "trains_model": True, "builds_system": True, "offers_system": True,
            "offer_markets": ["eu", "jp"], "development_markets": ["eu"], "jp_most_advanced_ai": False})
    assert r["in_scope"] is True
    assert r["scope_reason"].startswith("In scope because")
    assert "to customers in Japan" in r["scope_reason"]
    assert fired(r, "part1-scope-offers-in-japan") and not fired(r, "part1-scope-develops-in-japan")
    assert guideline_roles(r) == {"ai_developer", "ai_provider"}


def test_outputs_reaching_people_in_japan_bring_the_business_within_scope():
    """Guidelines Part 1 (non-business users affected by AI) and Act Art. 7: a Singapore lender
    scores applicants who live in Japan with a model it runs in Singapore."""
    r = jp({**COMPANY, "uses_system": True, "use_markets": ["other"], "output_markets": ["jp"],
            "jp_most_advanced_ai": False})
    assert r["in_scope"] is True
    assert fired(r, "part1-scope-outputs-in-japan")
    assert "used in Japan or affect people there" in r["scope_reason"]


def test_non_ai_software_is_out_of_scope():
    """AI Promotion Act Art. 2 (AI-related technology substitutes human cognition, inference and
    judgment): a Japanese logistics firm routes parcels with a hand-written rule table."""
    r = jp({**COMPANY, "is_ai_system": False, "uses_system": True, "use_markets": ["jp"],
            "jp_most_advanced_ai": False})
    assert r["in_scope"] is False
    assert fired(r, "art2-scope-out-not-ai")
    assert r["scope_reason"].startswith("Out of scope because")
    assert statuses(r)["principle-01"] == NA


def test_public_body_follows_the_guidelines_but_is_not_a_utilising_business():
    """Guidelines Part 1 (addressees include government and local authorities) and Act Arts. 4, 5
    and 7: a city office transcribes council meetings with a speech-to-text system."""
    r = jp({**COMPANY, "actor_type": "public_body", "uses_system": True, "use_markets": ["jp"],
            "jp_most_advanced_ai": False})
    assert r["in_scope"] is True
    assert role_codes(r) == ["ai_business_user"]
    assert statuses(r)["art7-cooperate-with-government"] == NA
    assert statuses(r)["user-01-safe-proper-use"] == NOW
    assert statuses(r)["principle-07"] == NOW


@pytest.mark.parametrize("facts", [
    {"trains_model": True, "builds_system": True, "development_markets": ["jp"]},
    {"offers_system": True, "offer_markets": ["jp"]},
    {"uses_system": True, "use_markets": ["jp"]},
    {"serves_customers_with_system": True, "offer_markets": ["jp"]},
    {"imports_or_distributes": ["distributes"], "offer_markets": ["jp"]},
])
def test_art7_applies_to_every_business_using_ai_and_carries_no_penalty(facts):
    """AI Promotion Act Art. 7 (活用事業者: anyone who intends to develop or provide products or services
    using AI or otherwise use AI in business) and Supplementary Provisions Art. 1: a retailer's
    demand-forecasting model, seen from each business activity in turn."""
    r = jp({**COMPANY, **facts, "jp_most_advanced_ai": False}, as_of="2026-04-01")
    assert r["in_scope"] is True
    assert "utilising_business" in role_codes(r)
    assert tier_codes(r) == ["soft_law_guidance"]
    cooperate = obligation(r, "art7-cooperate-with-government")
    assert cooperate["status"] == NOW and cooperate["nature"] == "effort" and cooperate["penalty"] is None
    assert cooperate["applies_from"] == "2025-06-04"
    assert obligation(r, "art7-endeavour-use-ai")["nature"] == "effort"
    assert obligation(r, "art25-2-hq-cooperation-requests")["applies_from"] == "2025-09-01"
    assert obligation(r, "art16-state-investigation-guidance")["status"] == NOW
    assert by_prefix(r, "hiroshima-") == {NA}
    assert LATER not in set(statuses(r).values())
    assert not [o for o in r["obligations"] if o["status"] != NA and o["nature"] == "binding"]


def test_distributor_is_a_provider():
    """Appendix 1, Table 3, スマート家電 (the provider may be an agent or distributor): a Japanese
    trading company resells a foreign AI translation device unchanged."""
    r = jp({**COMPANY, "imports_or_distributes": ["imports", "distributes"], "offer_markets": ["jp"],
            "jp_most_advanced_ai": False})
    assert guideline_roles(r) == {"ai_provider"}


def test_questions_follow_their_visibility():
    # The contractor question is asked only of organisations whose model was trained.
    with pytest.raises(InvalidAnswers):
        jp({**COMPANY, "uses_system": True, "use_markets": ["jp"], "jp_model_trained_by_contractor": True})
    # The customers-only-receive-results question is not asked of those who offer the system itself.
    with pytest.raises(InvalidAnswers):
        jp({**COMPANY, "offers_system": True, "serves_customers_with_system": True, "offer_markets": ["jp"],
            "jp_customers_receive_results_only": True})
    # The advanced-AI question is asked even of a generative system used in-house.
    r = jp({**COMPANY, "uses_system": True, "use_markets": ["jp"]})
    assert "jp_most_advanced_ai" in r["unanswered"]


# --- several frameworks at once, one set of answers ---------------------------------------------

ALL = ["eu-ai-act", "jp-ai-guidelines", "kr-ai-basic-act", "us-federal"]


def asked_by_all() -> set[str]:
    day = dt.date.fromisoformat(AS_OF)
    return {q.code for code in ALL for q in rule_set_in_force(code, day).questions}


def test_japanese_chatbot_provider_under_every_framework():
    """Guidelines Part 1 and Appendix 1 (pattern 3): a Tokyo retailer builds a customer-service chatbot
    on a model supplied by another company and runs it for customers in Japan and Korea. Japan reads
    only its own market: the result is the same whether or not the Korean use is listed."""
    answers = {**COMPANY, "established_in": ["jp"], "builds_system": True, "uses_third_party_model": True,
               "uses_system": True, "serves_customers_with_system": True, "interacts_with_people": True,
               "generates_content": True, "offer_markets": ["jp", "kr"], "use_markets": ["jp"],
               "development_markets": ["jp"], "jp_most_advanced_ai": False}
    answers = {k: v for k, v in answers.items() if k in asked_by_all()}
    results = classify(answers, AS_OF, ALL)
    jp_result = results[FW]
    assert jp_result["in_scope"] is True
    assert guideline_roles(jp_result) == {"ai_provider", "ai_business_user"}
    assert tier_codes(jp_result) == ["soft_law_guidance"]
    assert results["eu-ai-act"]["in_scope"] is False  # nothing offered, used or output in the EU
    only_japan = classify({**answers, "offer_markets": ["jp"]}, AS_OF, ALL)[FW]
    assert statuses(only_japan) == statuses(jp_result) and role_codes(only_japan) == role_codes(jp_result)


@pytest.mark.parametrize("uses", [{"kr": ["employment"]}, {"eu": ["employment"], "kr": []}, ["employment"]])
def test_sensitive_uses_in_other_markets_never_change_the_japanese_result(uses):
    """One market's answers never change another market's result: Japan's guidelines have no
    sensitive-use tiers, so listing a use per market leaves the Japanese classification alone."""
    base = {**COMPANY, "trains_model": True, "builds_system": True, "offers_system": True,
            "offer_markets": ["jp", "kr", "eu"], "development_markets": ["jp"], "jp_most_advanced_ai": False}
    base = {k: v for k, v in base.items() if k in asked_by_all()}
    before = classify(base, AS_OF, ALL)[FW]
    after = classify({**base, "sensitive_areas": uses}, AS_OF, ALL)[FW]
    assert statuses(after) == statuses(before)
    assert role_codes(after) == role_codes(before) and tier_codes(after) == tier_codes(before)
