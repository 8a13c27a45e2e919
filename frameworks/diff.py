"""What changed between two versions of a rule set (pure: two documents in, a diff out).

Both documents are canonicalised first, so a field left at its default in one and
written out in the other is not a change. Items are matched by code, so moving an
item within its list is not reported; a question moving to another section is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .ruleset import canonicalize

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"

# Version fields an admin edits; label and status identify the version rather than its content.
VERSION_FIELDS = ("title", "in_force_from", "in_force_until", "last_reviewed", "notes", "sources", "supersedes")
DATE_FIELDS = ("in_force_from", "in_force_until", "applies_from", "applies_until")
CITATION_FIELDS = ("citation", "citations", "source_url", "sources")


@dataclass(frozen=True)
class FieldChange:
    """One field's old and new value; ``path`` names nested parts, e.g. ``applies_from[0].date``."""

    path: str
    old: Any
    new: Any

    @property
    def name(self) -> str:
        """The top-level field, e.g. ``applies_from`` for ``applies_from[0].date``."""
        return self.path.split(".")[0].split("[")[0]

    @property
    def is_date(self) -> bool:
        return self.name in DATE_FIELDS or self.path.endswith(".date")

    @property
    def is_citation(self) -> bool:
        last = self.path.split(".")[-1].split("[")[0]
        return self.name in CITATION_FIELDS or last in CITATION_FIELDS


@dataclass(frozen=True)
class ItemChange:
    """An added, removed or changed item (question, choice, rule, obligation ...)."""

    kind: str
    code: str
    status: str
    label: str
    fields: tuple[FieldChange, ...] = ()
    parent: str = ""

    @property
    def key(self) -> str:
        return f"{self.parent}.{self.code}" if self.parent else self.code


@dataclass(frozen=True)
class TranslationChange:
    """A Korean or Japanese text added, removed or changed (translations.py keys, e.g. obligations.art9.title)."""

    language: str
    key: str
    old: Any
    new: Any

    @property
    def status(self) -> str:
        return ADDED if self.old is None else REMOVED if self.new is None else CHANGED


@dataclass(frozen=True)
class RuleSetDiff:
    old_label: str
    new_label: str
    framework: tuple[FieldChange, ...] = ()
    version: tuple[FieldChange, ...] = ()
    sections: tuple[ItemChange, ...] = ()
    questions: tuple[ItemChange, ...] = ()
    choices: tuple[ItemChange, ...] = ()
    roles: tuple[ItemChange, ...] = ()
    tiers: tuple[ItemChange, ...] = ()
    rules: tuple[ItemChange, ...] = ()
    obligations: tuple[ItemChange, ...] = ()
    crosswalk: tuple[ItemChange, ...] = ()
    definitions: tuple[ItemChange, ...] = ()
    exceptions: tuple[ItemChange, ...] = ()
    answer_mappings: tuple[ItemChange, ...] = ()
    # Not legal content (outside the content hash), shown apart: a translation fix changes no result.
    translations: tuple[TranslationChange, ...] = ()
    _groups: tuple[str, ...] = field(default=("sections", "questions", "choices", "roles", "tiers", "definitions",
                                              "exceptions", "rules", "obligations", "crosswalk", "answer_mappings"),
                                     repr=False)

    @property
    def items(self) -> list[ItemChange]:
        return [item for name in self._groups for item in getattr(self, name)]

    @property
    def is_empty(self) -> bool:
        return not (self.framework or self.version or self.items or self.translations)

    @property
    def content_unchanged(self) -> bool:
        """Only translations differ (or nothing): the legal content, and so every result, is the same."""
        return not (self.framework or self.version or self.items)

    def groups(self) -> list[tuple[str, tuple[ItemChange, ...]]]:
        """(title, items) for every kind of item that changed, in reading order."""
        titles = {"sections": "Sections", "questions": "Questions", "choices": "Answer choices", "roles": "Roles",
                  "tiers": "Risk tiers", "rules": "Classification rules", "obligations": "Obligations",
                  "crosswalk": "Crosswalk links", "definitions": "Named conditions", "exceptions": "Named exceptions",
                  "answer_mappings": "Answer mappings"}
        return [(titles[name], getattr(self, name)) for name in self._groups if getattr(self, name)]

    def find(self, kind: str, code: str, parent: str = "") -> ItemChange | None:
        return next((i for i in self.items if i.kind == kind and i.code == code and i.parent == parent), None)

    @property
    def date_changes(self) -> list[tuple[ItemChange | None, FieldChange]]:
        """Every changed date: the version's in-force dates and obligations' application dates."""
        out: list[tuple[ItemChange | None, FieldChange]] = [(None, f) for f in self.version if f.is_date]
        out += [(item, f) for item in self.items for f in item.fields if f.is_date]
        return out

    @property
    def citation_changes(self) -> list[tuple[ItemChange | None, FieldChange]]:
        out: list[tuple[ItemChange | None, FieldChange]] = [(None, f) for f in self.version if f.is_citation]
        out += [(item, f) for item in self.items for f in item.fields if f.is_citation]
        return out

    def counts(self) -> dict[str, int]:
        items = self.items
        return {status: sum(1 for i in items if i.status == status) for status in (ADDED, REMOVED, CHANGED)}

    @property
    def changed_choice_questions(self) -> set[str]:
        """Codes of questions present in both versions whose choices were added, removed or relabelled."""
        return {c.parent for c in self.choices}


def field_changes(old: Any, new: Any, path: str = "") -> list[FieldChange]:
    """Differences between two values, descending into mappings and into lists of mappings."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[FieldChange] = []
        for key in _ordered_union(old, new):
            out += field_changes(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))
        return out
    if _is_mapping_list(old) and _is_mapping_list(new):
        keyed = all("code" in item for item in [*old, *new])
        old_items = {item["code"]: item for item in old} if keyed else dict(enumerate(old))
        new_items = {item["code"]: item for item in new} if keyed else dict(enumerate(new))
        out = []
        for key in _ordered_union(old_items, new_items):
            out += field_changes(old_items.get(key), new_items.get(key), f"{path}[{key}]")
        return out
    return [FieldChange(path, old, new)]


def _is_mapping_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _ordered_union(first: Iterable, second: Iterable) -> list:
    keys = list(first)
    keys += [k for k in second if k not in keys]
    return keys


def _items(kind: str, old: list[dict], new: list[dict], *, key=lambda i: i["code"], label=lambda i: i["code"],
           ignore: tuple[str, ...] = (), parent: str = "") -> list[ItemChange]:
    old_by_key = {key(i): i for i in old}
    new_by_key = {key(i): i for i in new}
    out = []
    for item_key in _ordered_union(old_by_key, new_by_key):
        before, after = old_by_key.get(item_key), new_by_key.get(item_key)
        if before is None:
            out.append(ItemChange(kind, item_key, ADDED, label(after), parent=parent))
        elif after is None:
            out.append(ItemChange(kind, item_key, REMOVED, label(before), parent=parent))
        else:
            changes = field_changes({k: v for k, v in before.items() if k not in ignore},
                                    {k: v for k, v in after.items() if k not in ignore})
            if changes:
                out.append(ItemChange(kind, item_key, CHANGED, label(after), tuple(changes), parent=parent))
    return out


def _questions(document: dict) -> dict[str, dict]:
    return {q["code"]: {**q, "section": s["code"]} for s in document["sections"] for q in s["questions"]}


def translation_changes(old: dict | None, new: dict | None) -> list[TranslationChange]:
    """Differences between two versions' translations ({language: {key: text}}), by language and key."""
    old, new = old or {}, new or {}
    out = []
    for language in _ordered_union(old, new):
        before, after = old.get(language, {}), new.get(language, {})
        out += [TranslationChange(language, key, before.get(key), after.get(key))
                for key in _ordered_union(before, after) if before.get(key) != after.get(key)]
    return out


def diff_documents(old_document: dict, new_document: dict, old_translations: dict | None = None,
                   new_translations: dict | None = None) -> RuleSetDiff:
    """Everything that differs between two rule-set documents of the same framework (and their translations)."""
    old, new = canonicalize(old_document), canonicalize(new_document)
    old_questions, new_questions = _questions(old), _questions(new)
    choices: list[ItemChange] = []
    for code in old_questions.keys() & new_questions.keys():
        choices += _items("choice", old_questions[code]["choices"], new_questions[code]["choices"],
                          label=lambda c: c["label"], parent=code)
    question_order = list(_ordered_union(old_questions, new_questions))
    choices.sort(key=lambda c: question_order.index(c.parent))

    def crosswalk_key(link: dict) -> str:
        return f"{link['obligation']} → {link['framework']}:{link['target']}"

    return RuleSetDiff(
        old_label=old["version"]["label"], new_label=new["version"]["label"],
        framework=tuple(field_changes(old["framework"], new["framework"])),
        version=tuple(c for name in VERSION_FIELDS
                      for c in field_changes(old["version"].get(name), new["version"].get(name), name)),
        sections=tuple(_items("section", old["sections"], new["sections"], label=lambda s: s["title"],
                              ignore=("questions",))),
        questions=tuple(_items("question", list(old_questions.values()), list(new_questions.values()),
                               label=lambda q: q["prompt"], ignore=("choices",))),
        choices=tuple(choices),
        roles=tuple(_items("role", old["roles"], new["roles"], label=lambda r: r["label"])),
        tiers=tuple(_items("tier", old["tiers"], new["tiers"], label=lambda t: t["label"])),
        rules=tuple(_items("rule", old["rules"], new["rules"], label=lambda r: r["explanation"])),
        obligations=tuple(_items("obligation", old["obligations"], new["obligations"], label=lambda o: o["title"])),
        crosswalk=tuple(_items("crosswalk link", old["crosswalk"], new["crosswalk"], key=crosswalk_key,
                               label=lambda link: link["kind"])),
        definitions=tuple(_items("definition", old.get("definitions", []), new.get("definitions", []),
                                 label=lambda d: d["description"])),
        exceptions=tuple(_items("exception", old.get("exceptions", []), new.get("exceptions", []),
                                label=lambda e: e["label"])),
        answer_mappings=tuple(_items("answer mapping", old.get("answer_mappings", []), new.get("answer_mappings", []),
                                     key=lambda m: f"{m['from']} → {m['to']}", label=lambda m: m.get("note") or m["to"])),
        translations=tuple(translation_changes(old_translations, new_translations)),
    )
