"""Rule-set compilation: semantic checks over a canonical document, conditions compiled.

Everything here is pure. ``compile_document`` validates a document (schema, references,
conditions) and returns a ``CompiledRuleSet`` for the engine, or raises ``RuleSetInvalid``
listing every problem with its location.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .conditions import BOOL, DATE, LIST, NUMBER, STRING, CompiledCondition, ConditionError, VarType, compile_condition
from .document import (  # noqa: F401 - re-exported: callers import these from here
    MARKETS,
    UNKNOWN,
    Problem,
    RuleSetInvalid,
    canonicalize,
    compact,
    content_hash,
    document_format,
    schema_problems,
)
from .shared import expand_shared_questions

CHOICE_TYPES = ("single_choice", "multiple_choice")
DERIVED_VARIABLES = ("tiers", "roles")


def question_type(question: dict) -> VarType:
    kind = question["type"]
    if kind == "yes_no":
        return VarType(BOOL)
    if kind == "number":
        return VarType(NUMBER)
    if kind == "date":
        return VarType(DATE)
    if kind == "text":
        return VarType(STRING)
    choices = frozenset(c["code"] for c in question["choices"])
    return VarType(STRING if kind == "single_choice" else LIST, choices=choices)


@dataclass(frozen=True)
class CompiledException:
    code: str
    label: str
    citation: str
    condition: CompiledCondition


@dataclass(frozen=True)
class CompiledDefinition:
    code: str
    description: str
    citation: str
    condition: CompiledCondition


@dataclass(frozen=True)
class CompiledQuestion:
    code: str
    type: str
    section: str
    required: bool
    choices: frozenset[str]
    minimum: float | None
    maximum: float | None
    visible_if: CompiledCondition | None
    spec: dict = field(repr=False, compare=False)
    per_market: bool = False
    allow_unknown: bool = False
    if_unknown: Any = None


@dataclass(frozen=True)
class CompiledRule:
    code: str
    assign_kind: str
    assign_value: str
    precedence: int
    when: CompiledCondition
    unless: tuple[CompiledException, ...]
    spec: dict = field(repr=False, compare=False)


@dataclass(frozen=True)
class DatedEntry:
    date: dt.date
    when: CompiledCondition | None
    citation: str


@dataclass(frozen=True)
class CompiledObligation:
    code: str
    roles: frozenset[str]
    tiers: frozenset[str]
    when: CompiledCondition | None
    unless: tuple[CompiledException, ...]
    applies_from: tuple[DatedEntry, ...]
    applies_until: dt.date | None
    spec: dict = field(repr=False, compare=False)
    applies_despite_ban: bool = False


@dataclass(frozen=True)
class Localization:
    """The language a rule set's texts are in, and the keys of strings still shown in English."""

    language: str = "en"
    untranslated: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.untranslated


@dataclass(frozen=True)
class CompiledRuleSet:
    """Everything the engine needs for one version, with every condition compiled."""

    framework: dict
    version: dict
    content_hash: str
    questions: tuple[CompiledQuestion, ...]
    rules: tuple[CompiledRule, ...]
    obligations: tuple[CompiledObligation, ...]
    roles: dict
    tiers: dict
    crosswalk: tuple[dict, ...]
    document: dict = field(repr=False, compare=False)
    definitions: tuple[CompiledDefinition, ...] = ()
    format: int = 1
    # Korean and Japanese texts by language and key (translations.py); not legal content, not hashed.
    translations: dict = field(default_factory=dict, repr=False, compare=False)
    localization: Localization = field(default_factory=Localization, repr=False, compare=False)
    # Identifies the texts outside the content hash (translations, help texts) of a stored version.
    texts_digest: str = field(default="", repr=False, compare=False)

    @property
    def framework_code(self) -> str:
        return self.framework["code"]

    @property
    def label(self) -> str:
        return self.version["label"]

    @property
    def market(self) -> str | None:
        return self.framework.get("market")

    @property
    def prohibiting_tiers(self) -> frozenset[str]:
        return frozenset(code for code, tier in self.tiers.items() if tier.get("prohibits_use"))

    @property
    def answer_mappings(self) -> list[dict]:
        return self.document.get("answer_mappings", [])

    def assignment_label(self, kind: str, value: str) -> str:
        """What a rule's assignment reads as: a tier's or role's label, or 'In scope' / 'Out of scope'."""
        if kind == "tier":
            return self.tiers[value]["label"]
        if kind == "role":
            return self.roles[value]["label"]
        return "In scope" if value == "in" else "Out of scope"


class _Checker:
    """Collects problems while compiling, so one run reports all of them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, location: str, message: str) -> None:
        self.problems.append(Problem(location, message))

    def unique(self, items: list[dict], location: str, what: str) -> None:
        seen: set[str] = set()
        for item in items:
            if item["code"] in seen:
                self.add(f"{location}[{item['code']}]", f"duplicate {what} code '{item['code']}'")
            seen.add(item["code"])

    def condition(self, source: str | None, env: dict, location: str) -> CompiledCondition | None:
        if source is None:
            return None
        try:
            return compile_condition(source, env)
        except ConditionError as exc:
            self.add(location, str(exc))
            return None

    def date(self, value: str | None, location: str) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.add(location, f"'{value}' is not a real date")
            return None


@dataclass
class _Context:
    """What the compilation steps share: the canonical document, the checker and the condition types."""

    doc: dict
    check: _Checker
    env: dict[str, VarType] = field(default_factory=dict)
    named_exceptions: dict[str, CompiledException] = field(default_factory=dict)
    named_exception_specs: dict[str, dict] = field(default_factory=dict)
    inline_specs: dict[str, dict] = field(default_factory=dict)

    @property
    def roles(self) -> dict:
        return {r["code"]: r for r in self.doc["roles"]}

    @property
    def tiers(self) -> dict:
        return {t["code"]: t for t in self.doc["tiers"]}

    @property
    def version2(self) -> bool:
        return document_format(self.doc) >= 2


# --- steps ------------------------------------------------------------------------------

FORMAT_2_KEYS = ("shared_questions", "definitions", "exceptions", "answer_mappings")


def _check_format(document: dict) -> list[Problem]:
    """Format-1 files may not use format-2 keys (they would be silently ignored otherwise)."""
    if document_format(document) >= 2:
        return []
    problems = [Problem(key, "needs `format: 2`") for key in FORMAT_2_KEYS if key in document]
    for key in ("market", "out_of_scope_reason"):
        if key in document.get("framework", {}):
            problems.append(Problem(f"framework.{key}", "needs `format: 2`"))
    if "supersedes" in document.get("version", {}):
        problems.append(Problem("version.supersedes", "needs `format: 2`"))
    return problems


def _check_version(ctx: _Context) -> None:
    version, check = ctx.doc["version"], ctx.check
    check.date(version["in_force_from"], "version.in_force_from")
    check.date(version.get("in_force_until"), "version.in_force_until")
    if version.get("in_force_until") and version["in_force_until"] <= version["in_force_from"]:
        check.add("version.in_force_until", "must be after in_force_from")
    if version.get("supersedes") == version["label"]:
        check.add("version.supersedes", "a version cannot supersede itself")
    if ctx.version2:
        framework = ctx.doc["framework"]
        if not framework.get("market"):
            check.add("framework.market", "a format-2 rule set names its market (eu, kr, us or jp)")
        if not framework.get("out_of_scope_reason"):
            check.add("framework.out_of_scope_reason", "a format-2 rule set says why a system is out of scope "
                      "when no scope-in rule fires")


def _check_uniqueness(ctx: _Context) -> None:
    doc, check = ctx.doc, ctx.check
    for key, what in (("sections", "section"), ("roles", "role"), ("tiers", "tier"), ("rules", "rule"),
                      ("obligations", "obligation")):
        check.unique(doc[key], key, what)
    if ctx.version2:
        check.unique(doc["definitions"], "definitions", "definition")
        check.unique(doc["exceptions"], "exceptions", "exception")


def _question_shape_problems(q: dict, loc: str, check: _Checker) -> None:
    is_choice = q["type"] in CHOICE_TYPES
    if is_choice and len(q["choices"]) < 2:
        check.add(f"{loc}.choices", "a choice question needs at least two choices")
    if not is_choice and q["choices"]:
        check.add(f"{loc}.choices", f"a {q['type']} question cannot have choices")
    check.unique(q["choices"], f"{loc}.choices", "choice")
    if q["type"] != "number" and (q["minimum"] is not None or q["maximum"] is not None or q["unit"]):
        check.add(loc, "minimum, maximum and unit are only for number questions")


def _check_unknown(q: dict, loc: str, check: _Checker) -> None:
    """allow_unknown needs an if_unknown that is itself a valid answer."""
    from .engine import answer_problem  # the one definition of a valid answer

    if not q.get("allow_unknown"):
        if q.get("if_unknown") is not None:
            check.add(f"{loc}.if_unknown", "only for questions with allow_unknown: true")
        return
    if q["type"] in ("text", "date"):
        check.add(f"{loc}.allow_unknown", f"a {q['type']} question cannot be answered 'unknown'")
        return
    if q.get("if_unknown") is None:
        check.add(f"{loc}.if_unknown", "allow_unknown needs if_unknown: the conservative answer to assume")
        return
    probe = _compiled_question(q, "", None)
    message = answer_problem(probe, q["if_unknown"])
    if message:
        check.add(f"{loc}.if_unknown", f"not a valid answer: {message}")
    if q["type"] == "single_choice" and UNKNOWN in probe.choices:
        check.add(f"{loc}.choices", f"'{UNKNOWN}' is reserved for 'I don't know' when allow_unknown is set")


def _compiled_question(q: dict, section: str, visible_if: CompiledCondition | None) -> CompiledQuestion:
    return CompiledQuestion(
        code=q["code"], type=q["type"], section=section, required=q["required"],
        choices=frozenset(c["code"] for c in q["choices"]), minimum=q["minimum"], maximum=q["maximum"],
        visible_if=visible_if, spec=q, per_market=bool(q.get("per_market")),
        allow_unknown=bool(q.get("allow_unknown")), if_unknown=q.get("if_unknown"),
    )


def _compile_questions(ctx: _Context) -> list[CompiledQuestion]:
    check, env = ctx.check, ctx.env
    questions: list[CompiledQuestion] = []
    for section in ctx.doc["sections"]:
        for q in section["questions"]:
            loc = f"questions[{q['code']}]"
            if q["code"] in env:
                check.add(loc, f"duplicate question code '{q['code']}'")
                continue
            if q["code"] in DERIVED_VARIABLES:
                check.add(loc, f"'{q['code']}' is reserved for the engine")
                continue
            _question_shape_problems(q, loc, check)
            _check_unknown(q, loc, check)
            # Visibility may only look back: a question appears after the answer that reveals it.
            visible_if = check.condition(q["visible_if"], dict(env), f"{loc}.visible_if")
            env[q["code"]] = question_type(q)
            questions.append(_compiled_question(q, section["code"], visible_if))
    if not questions:
        check.add("sections", "a rule set needs at least one question")
    return questions


def _compile_definitions(ctx: _Context) -> list[CompiledDefinition]:
    """Named conditions over answers and earlier definitions (not tiers or roles: they are worked out once)."""
    definitions = []
    for d in ctx.doc.get("definitions", []):
        loc = f"definitions[{d['code']}]"
        if d["code"] in ctx.env or d["code"] in DERIVED_VARIABLES:
            ctx.check.add(f"{loc}.code", f"'{d['code']}' is already a question code or reserved; "
                          "a definition needs its own name")
            continue
        condition = ctx.check.condition(d["when"], dict(ctx.env), f"{loc}.when")
        ctx.env[d["code"]] = VarType(BOOL)
        if condition is not None:
            definitions.append(CompiledDefinition(d["code"], d["description"], d["citation"], condition))
    return definitions


def _full_env(ctx: _Context) -> dict[str, VarType]:
    return {**ctx.env, "tiers": VarType(LIST, choices=frozenset(ctx.tiers)),
            "roles": VarType(LIST, choices=frozenset(ctx.roles))}


def _compile_named_exceptions(ctx: _Context, env: dict) -> None:
    for exc in ctx.doc.get("exceptions", []):
        compiled = ctx.check.condition(exc["when"], env, f"exceptions[{exc['code']}].when")
        ctx.named_exception_specs[exc["code"]] = exc
        if compiled is not None:
            ctx.named_exceptions[exc["code"]] = CompiledException(exc["code"], exc["label"], exc["citation"], compiled)


def _same_exception(inline: dict, named: dict) -> bool:
    return all(inline.get(k) == named.get(k) for k in ("label", "when", "citation"))


def _compile_unless(ctx: _Context, items: list, env: dict, location: str) -> tuple[CompiledException, ...]:
    """An `unless` list: named exception codes (format 2) and inline exceptions."""
    out, seen = [], set()
    for item in items:
        code = item if isinstance(item, str) else item["code"]
        loc = f"{location}.unless[{code}]"
        if code in seen:
            ctx.check.add(f"{location}.unless[{code}]", f"duplicate exception code '{code}'")
        seen.add(code)
        if isinstance(item, str):
            if code not in ctx.named_exception_specs:
                ctx.check.add(loc, f"no named exception '{code}' in this file's exceptions")
            elif code in ctx.named_exceptions:
                out.append(ctx.named_exceptions[code])
            continue
        named = ctx.named_exception_specs.get(code)
        if named is not None and not _same_exception(item, named):
            ctx.check.add(loc, f"exception code '{code}' already names a different exception in exceptions; "
                          "one code, one content: refer to it by code or give this one its own code")
        elif ctx.version2 and not _same_exception(item, ctx.inline_specs.setdefault(code, item)):
            ctx.check.add(loc, f"exception code '{code}' is used elsewhere in this file with a different content; "
                          "one code, one content: name it in exceptions or give this one its own code")
        compiled = ctx.check.condition(item["when"], env, f"{loc}.when")
        if compiled is not None:
            out.append(CompiledException(code, item["label"], item["citation"], compiled))
    return tuple(out)


def _compile_rules(ctx: _Context, env: dict) -> list[CompiledRule]:
    rules: list[CompiledRule] = []
    for rule in ctx.doc["rules"]:
        loc = f"rules[{rule['code']}]"
        kind, value = next(iter(rule["assign"].items()))
        if kind == "tier" and value not in ctx.tiers:
            ctx.check.add(f"{loc}.assign.tier", f"unknown tier '{value}'")
        if kind == "role" and value not in ctx.roles:
            ctx.check.add(f"{loc}.assign.role", f"unknown role '{value}'")
        when = ctx.check.condition(rule["when"], env, f"{loc}.when")
        unless = _compile_unless(ctx, rule["unless"], env, loc)
        if when is not None:
            rules.append(CompiledRule(rule["code"], kind, value, rule["precedence"], when, unless, rule))
    if ctx.version2 and not any(next(iter(r["assign"])) == "scope" and r["assign"]["scope"] == "in"
                                for r in ctx.doc["rules"]):
        ctx.check.add("rules", "a format-2 rule set needs at least one `scope: in` rule saying why the law "
                      "reaches the organisation in its market")
    # Highest precedence first; file order breaks ties (sorted is stable).
    rules.sort(key=lambda r: -r.precedence)
    return rules


def _compile_dates(ctx: _Context, o: dict, env: dict, loc: str) -> tuple[tuple[DatedEntry, ...], dt.date | None]:
    dated: list[DatedEntry] = []
    for i, entry in enumerate(o["applies_from"]):
        eloc = f"{loc}.applies_from[{i}]"
        day = ctx.check.date(entry["date"], f"{eloc}.date")
        cond = ctx.check.condition(entry["when"], env, f"{eloc}.when")
        if day is not None:
            dated.append(DatedEntry(day, cond, entry["citation"]))
    if o["applies_from"] and o["applies_from"][-1]["when"] is not None:
        ctx.check.add(f"{loc}.applies_from", "the last entry must have no condition, so every case has a date")
    until = ctx.check.date(o["applies_until"], f"{loc}.applies_until")
    if until and dated and until <= min(d.date for d in dated):
        ctx.check.add(f"{loc}.applies_until", "must be after applies_from")
    return tuple(dated), until


def _compile_obligation(ctx: _Context, o: dict, env: dict) -> CompiledObligation:
    loc = f"obligations[{o['code']}]"
    for code in o["roles"]:
        if code not in ctx.roles:
            ctx.check.add(f"{loc}.roles", f"unknown role '{code}'")
    for code in o["tiers"]:
        if code not in ctx.tiers:
            ctx.check.add(f"{loc}.tiers", f"unknown tier '{code}'")
    when = ctx.check.condition(o["when"], env, f"{loc}.when")
    unless = _compile_unless(ctx, o["unless"], env, loc)
    dated, until = _compile_dates(ctx, o, env, loc)
    return CompiledObligation(
        code=o["code"], roles=frozenset(o["roles"]), tiers=frozenset(o["tiers"]), when=when, unless=unless,
        applies_from=dated, applies_until=until, spec=o, applies_despite_ban=bool(o.get("applies_despite_ban")),
    )


def _check_crosswalk(ctx: _Context) -> None:
    own = {o["code"] for o in ctx.doc["obligations"]}
    for i, link in enumerate(ctx.doc["crosswalk"]):
        loc = f"crosswalk[{i}]"
        if link["obligation"] not in own:
            ctx.check.add(f"{loc}.obligation", f"unknown obligation '{link['obligation']}' in this version")
        if link["framework"] == ctx.doc["framework"]["code"]:
            ctx.check.add(f"{loc}.framework", "crosswalk links join different frameworks")


def _check_answer_mappings(ctx: _Context) -> None:
    """Mappings point at this version's questions; 'unknown' only where the question allows it."""
    questions = {q["code"]: q for s in ctx.doc["sections"] for q in s["questions"]}
    for i, m in enumerate(ctx.doc.get("answer_mappings", [])):
        loc = f"answer_mappings[{i}]"
        target = questions.get(m["to"])
        if target is None:
            ctx.check.add(f"{loc}.to", f"no question '{m['to']}' in this version")
            continue
        values = m.get("values") or {}
        if UNKNOWN in values.values() and not target.get("allow_unknown"):
            ctx.check.add(f"{loc}.values", f"maps to '{UNKNOWN}' but {m['to']} does not allow_unknown")
        choices = {c["code"] for c in target["choices"]}
        for new in values.values():
            items = new if isinstance(new, list) else [new]
            bad = [v for v in items if choices and isinstance(v, str) and v != UNKNOWN and v not in choices]
            if bad:
                ctx.check.add(f"{loc}.values", f"{', '.join(map(repr, bad))} not among the choices of {m['to']}")


def compile_document(document: dict, catalogue: dict | None = None) -> CompiledRuleSet:
    """Validate a document against the schema and the rule-set semantics, then compile it.

    A format-2 document's shared questions are inserted from ``catalogue`` (default: the
    shipped shared-questions.yaml). Raises RuleSetInvalid listing every problem with its location.
    """
    problems = schema_problems(document) or _check_format(document)
    if problems:
        raise RuleSetInvalid(problems)
    document = expand_shared_questions(document, catalogue)
    ctx = _Context(canonicalize(document), _Checker())
    _check_version(ctx)
    _check_uniqueness(ctx)
    questions = _compile_questions(ctx)
    definitions = _compile_definitions(ctx)
    env = _full_env(ctx)
    _compile_named_exceptions(ctx, env)
    rules = _compile_rules(ctx, env)
    obligations = [_compile_obligation(ctx, o, env) for o in ctx.doc["obligations"]]
    _check_crosswalk(ctx)
    _check_answer_mappings(ctx)
    if ctx.check.problems:
        raise RuleSetInvalid(ctx.check.problems)
    doc = ctx.doc
    return CompiledRuleSet(
        framework=doc["framework"], version=doc["version"], content_hash=content_hash(doc),
        questions=tuple(questions), rules=tuple(rules), obligations=tuple(obligations),
        roles=ctx.roles, tiers=ctx.tiers, crosswalk=tuple(doc["crosswalk"]), document=doc,
        definitions=tuple(definitions), format=document_format(doc),
    )
