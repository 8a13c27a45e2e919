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


def version_document(version: RuleSetVersion) -> dict:
    """The document of a stored version, as its YAML would hold it (a fixed number of queries)."""
    framework = version.framework
    sections = version.sections.prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("position").prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("position")))),
    ).order_by("position")
    document = {
        "format": 1,
        "framework": {"code": framework.code, "name": framework.name, "local_name": framework.local_name,
                      "jurisdiction": framework.jurisdiction, "description": framework.description},
        "version": {"label": version.label, "title": version.title, "status": version.status,
                    "in_force_from": _date(version.in_force_from), "in_force_until": _date(version.in_force_until),
                    "last_reviewed": _date(version.last_reviewed), "notes": version.notes, "sources": version.sources},
        "sections": [
            {"code": s.code, "title": s.title, "description": s.description, "questions": [
                {"code": q.code, "prompt": q.prompt, "help": q.help, "type": q.type, "required": q.required,
                 "unit": q.unit, "minimum": q.minimum, "maximum": q.maximum, "visible_if": q.visible_if or None,
                 "citations": q.citations,
                 "choices": [{"code": c.code, "label": c.label, "help": c.help} for c in q.choices.all()]}
                for q in s.questions.all()
            ]}
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
    return compact(document)


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
                help=q["help"], type=q["type"], required=q["required"], unit=q["unit"], minimum=q["minimum"],
                maximum=q["maximum"], visible_if=q["visible_if"] or "", citations=q["citations"]))
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
             rank=t["rank"], description=t["description"], citation=t["citation"]) for i, t in enumerate(doc["tiers"])])
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
            penalty=o["penalty"], evidence=o["evidence"])
        for i, o in enumerate(doc["obligations"])])
    CrosswalkLink.objects.bulk_create([
        CrosswalkLink(version=version, position=i, obligation_code=c["obligation"], target_framework=c["framework"],
                      target_obligation=c["target"], kind=c["kind"], note=c["note"])
        for i, c in enumerate(doc["crosswalk"])])
