"""Between database rows and rule-set documents (the canonical form in ruleset.py)."""

from __future__ import annotations

from django.db.models import Prefetch

from .models import (
    Choice,
    ClassificationRule,
    CrosswalkLink,
    Obligation,
    Question,
    Role,
    RuleSetVersion,
    Section,
    Tier,
)
from .ruleset import canonicalize, compact


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _question(q: Question, version2: bool) -> dict:
    data = {"code": q.code, "prompt": q.prompt, "help": q.help, "help_by_framework": q.help_by_framework,
            "type": q.type, "required": q.required,
            "unit": q.unit, "minimum": q.minimum, "maximum": q.maximum, "visible_if": q.visible_if or None,
            "citations": q.citations,
            "choices": [{"code": c.code, "label": c.label, "help": c.help} for c in q.choices.all()]}
    if version2:
        data.update(per_market=q.per_market, allow_unknown=q.allow_unknown, if_unknown=q.if_unknown)
    return data


def _format_2_parts(version: RuleSetVersion, document: dict) -> None:
    """Format-2 keys; a format-1 version's document never has them (its hash must not move)."""
    document["framework"].update(market=version.market or None, out_of_scope_reason=version.out_of_scope_reason)
    document["version"]["supersedes"] = version.supersedes or None
    document.update(shared_questions=version.shared_questions, definitions=version.definitions,
                    exceptions=version.exceptions, answer_mappings=version.answer_mappings)
    tiers = {t.code: t for t in version.tiers.all()}
    for tier in document["tiers"]:
        tier["prohibits_use"] = tiers[tier["code"]].prohibits_use
    obligations = {o.code: o for o in version.obligations.all()}
    for obligation in document["obligations"]:
        obligation["applies_despite_ban"] = obligations[obligation["code"]].applies_despite_ban


def version_document(version: RuleSetVersion) -> dict:
    """The document of a stored version, as its YAML would hold it (a fixed number of queries)."""
    framework = version.framework
    version2 = version.format >= 2
    sections = version.sections.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position").prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("position")))),
    ).order_by("position")
    document = {
        "format": version.format,
        "framework": {"code": framework.code, "name": framework.name, "local_name": framework.local_name,
                      "official_languages": framework.official_languages,
                      "jurisdiction": framework.jurisdiction, "description": framework.description},
        "version": {"label": version.label, "title": version.title, "status": version.status,
                    "in_force_from": _date(version.in_force_from), "in_force_until": _date(version.in_force_until),
                    "last_reviewed": _date(version.last_reviewed), "notes": version.notes, "sources": version.sources},
        "sections": [
            {"code": s.code, "title": s.title, "description": s.description,
             "questions": [_question(q, version2) for q in s.questions.all()]}
            for s in sections
        ],
        "roles": [{"code": r.code, "label": r.label, "local_label": r.local_label, "description": r.description,
                   "citation": r.citation} for r in version.roles.order_by("position")],
        "tiers": [{"code": t.code, "label": t.label, "local_label": t.local_label, "rank": t.rank,
                   "description": t.description, "citation": t.citation} for t in version.tiers.order_by("position")],
        "rules": [{"code": r.code, "assign": {r.assign_kind: r.assign_value}, "precedence": r.precedence,
                   "when": r.when, "unless": r.unless, "explanation": r.explanation, "citation": r.citation,
                   "source_url": r.source_url or None, "confidence": r.confidence}
                  for r in version.rules.order_by("position")],
        "obligations": [{"code": o.code, "title": o.title, "local_title": o.local_title, "summary": o.summary,
                         "citation": o.citation, "source_url": o.source_url, "confidence": o.confidence,
                         "nature": o.nature, "roles": o.roles, "tiers": o.tiers, "when": o.when or None,
                         "unless": o.unless, "applies_from": o.applies_from, "applies_until": _date(o.applies_until),
                         "deadline": o.deadline, "penalty": o.penalty, "evidence": o.evidence}
                        for o in version.obligations.order_by("position")],
        "crosswalk": [{"obligation": c.obligation_code, "framework": c.target_framework,
                       "target": c.target_obligation, "kind": c.kind, "note": c.note}
                      for c in version.crosswalk_links.order_by("position")],
    }
    if version2:
        _format_2_parts(version, document)
    return compact(document)


def version_fields(document: dict) -> dict:
    """RuleSetVersion fields for a document's format-2 keys (defaults for format 1)."""
    doc = canonicalize(document)
    if doc.get("format", 1) < 2:
        return {"format": 1}
    return {"format": doc["format"], "market": doc["framework"]["market"] or "",
            "out_of_scope_reason": doc["framework"]["out_of_scope_reason"],
            "supersedes": doc["version"]["supersedes"] or "", "shared_questions": doc["shared_questions"],
            "definitions": doc["definitions"], "exceptions": doc["exceptions"],
            "answer_mappings": doc["answer_mappings"]}


def write_version_content(version: RuleSetVersion, document: dict) -> None:
    """Create the children of a draft version from a canonical document (bulk inserts)."""
    doc = canonicalize(document)
    sections = Section.objects.bulk_create([
        Section(version=version, position=i, code=s["code"], title=s["title"], description=s["description"])
        for i, s in enumerate(doc["sections"])
    ])
    questions, choices_by_question = [], []
    position = 0
    for section, s in zip(sections, doc["sections"], strict=True):
        for q in s["questions"]:
            questions.append(Question(
                version=version, section=section, position=position, code=q["code"], prompt=q["prompt"],
                help=q["help"], help_by_framework=q["help_by_framework"], type=q["type"], required=q["required"], unit=q["unit"], minimum=q["minimum"],
                maximum=q["maximum"], visible_if=q["visible_if"] or "", citations=q["citations"],
                per_market=q.get("per_market", False), allow_unknown=q.get("allow_unknown", False),
                if_unknown=q.get("if_unknown")))
            choices_by_question.append(q["choices"])
            position += 1
    questions = Question.objects.bulk_create(questions)
    choices = []
    for question, items in zip(questions, choices_by_question, strict=True):
        choices += [Choice(question=question, position=i, code=c["code"], label=c["label"], help=c["help"])
                    for i, c in enumerate(items)]
    Choice.objects.bulk_create(choices)
    Role.objects.bulk_create([
        Role(version=version, position=i, code=r["code"], label=r["label"], local_label=r["local_label"],
             description=r["description"], citation=r["citation"]) for i, r in enumerate(doc["roles"])])
    Tier.objects.bulk_create([
        Tier(version=version, position=i, code=t["code"], label=t["label"], local_label=t["local_label"],
             rank=t["rank"], description=t["description"], citation=t["citation"],
             prohibits_use=t.get("prohibits_use", False)) for i, t in enumerate(doc["tiers"])])
    ClassificationRule.objects.bulk_create([
        ClassificationRule(
            version=version, position=i, code=r["code"], assign_kind=next(iter(r["assign"])),
            assign_value=next(iter(r["assign"].values())), precedence=r["precedence"], when=r["when"],
            unless=r["unless"], explanation=r["explanation"], citation=r["citation"],
            source_url=r["source_url"] or "", confidence=r["confidence"])
        for i, r in enumerate(doc["rules"])])
    Obligation.objects.bulk_create([
        Obligation(
            version=version, position=i, code=o["code"], title=o["title"], local_title=o["local_title"],
            summary=o["summary"], citation=o["citation"], source_url=o["source_url"], confidence=o["confidence"],
            nature=o["nature"], roles=o["roles"], tiers=o["tiers"], when=o["when"] or "", unless=o["unless"],
            applies_from=o["applies_from"], applies_until=o["applies_until"], deadline=o["deadline"],
            penalty=o["penalty"], evidence=o["evidence"], applies_despite_ban=o.get("applies_despite_ban", False))
        for i, o in enumerate(doc["obligations"])])
    CrosswalkLink.objects.bulk_create([
        CrosswalkLink(version=version, position=i, obligation_code=c["obligation"], target_framework=c["framework"],
                      target_obligation=c["target"], kind=c["kind"], note=c["note"])
        for i, c in enumerate(doc["crosswalk"])])
