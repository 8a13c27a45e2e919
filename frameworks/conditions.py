"""Rule conditions: a small, statically typed subset of CEL (Common Expression Language).

Rule data never contains Python. A condition is a CEL expression over the answers,
for example ``'recruitment' in employment_uses && !narrow_procedural_task``.
cel-python's parser turns the text into a parse tree; this module type-checks the
tree against the rule set's questions and compiles it into Python closures, so a
condition costs microseconds to evaluate and can do nothing but compute a value.

Supported CEL:
  literals      true false null 42 1e25 'text' "text" ['a', 'b']
  identifiers   question codes; ``tiers`` and ``roles`` (lists of codes assigned so far)
  logic         !a   a && b   a || b   cond ? a : b
  comparison    == != < <= > >=   (numbers; dates against 'YYYY-MM-DD' strings)
  membership    'choice' in multi_choice_question    single_choice in ['a', 'b']
  arithmetic    + - * /  on numbers
  functions     size(list)  and  list.size()

Unanswered questions take neutral values: a yes/no counts as false, a choice as
nothing selected, text as ''. Unanswered numbers and dates are null, and any
ordering comparison with null is false.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from celpy import celparser
from lark import Token, Tree
from lark.exceptions import LarkError

BOOL = "bool"
NUMBER = "number"
STRING = "string"
DATE = "date"
LIST = "list"
NULL = "null"


class ConditionError(ValueError):
    """A condition that does not parse or does not fit the rule set's questions."""


@dataclass(frozen=True)
class VarType:
    """The static type of a variable or sub-expression.

    ``choices`` holds the allowed codes for choice questions, tiers and roles, so a
    misspelt code in rule data is caught when the rule set loads.
    ``literal`` is the value of a string literal, kept for those checks.
    """

    kind: str
    choices: frozenset[str] | None = None
    literal: Any = None
    literal_items: tuple[str, ...] | None = field(default=None)


@dataclass(frozen=True)
class CompiledCondition:
    source: str
    variables: tuple[str, ...]
    function: Callable[[Mapping[str, Any]], Any]

    def __call__(self, values: Mapping[str, Any]) -> bool:
        return bool(self.function(values))


_parser = None


# Conditions in rule data are a line or two; these bounds keep a hostile one from exhausting the parser.
MAX_CONDITION_CHARS = 4000
MAX_CONDITION_NESTING = 20


def _nesting(source: str) -> int:
    depth = deepest = 0
    for ch in source:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
    return deepest


def _parse(source: str) -> Tree:
    global _parser
    if len(source) > MAX_CONDITION_CHARS:
        raise ConditionError(f"condition has {len(source):,} characters; at most {MAX_CONDITION_CHARS:,} are allowed")
    if _nesting(source) > MAX_CONDITION_NESTING:
        raise ConditionError(f"condition nests brackets more than {MAX_CONDITION_NESTING} levels deep")
    if _parser is None:
        _parser = celparser.CELParser()
    try:
        return _parser.parse(source)
    except RecursionError:
        raise ConditionError("condition is nested too deeply to read") from None
    except (celparser.CELParseError, LarkError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else "syntax error"
        raise ConditionError(f"not a valid CEL expression: {first_line}") from None


def compile_condition(source: str, env: Mapping[str, VarType]) -> CompiledCondition:
    """Parse, type-check and compile ``source``; the result must be a boolean."""
    if not isinstance(source, str) or not source.strip():
        raise ConditionError("condition is empty")
    compiler = _Compiler(env)
    try:
        function, vtype = compiler.compile(_parse(source))
    except RecursionError:  # e.g. thousands of chained && terms: the tree is deeper than Python recurses
        raise ConditionError("condition is too long a chain of terms; split it or use 'in'") from None
    if vtype.kind != BOOL:
        raise ConditionError(f"condition must be true or false, but it gives a {vtype.kind}")
    return CompiledCondition(source=source, variables=tuple(compiler.variables), function=function)


def referenced_variables(source: str) -> list[str]:
    """The identifiers a condition uses, without type checking (for dependency checks)."""
    tree = _parse(source)
    names: list[str] = []
    for node in tree.iter_subtrees_topdown():
        if node.data == "ident":
            name = str(node.children[0])
            if name not in names:
                names.append(name)
    return names


def _decode_string(token: str) -> str:
    if token[:1] in "rRbB" or token.startswith(("'''", '"""')):
        raise ConditionError(f"only plain quoted strings are supported, not {token}")
    body = token[1:-1]
    out, i = [], 0
    escapes = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "t": "\t"}
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1 : i + 2]
            if nxt not in escapes:
                raise ConditionError(f"unsupported escape \\{nxt} in {token}")
            out.append(escapes[nxt])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _is_iso_date(text: Any) -> bool:
    try:
        dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return False
    return len(text) == 10


def _ordered(op: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
    def compare(a: Any, b: Any) -> bool:
        if a is None or b is None:
            return False
        return op(a, b)

    return compare


def _arith(op: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def compute(a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        return op(a, b)

    return compute


def _divide(a: Any, b: Any) -> Any:
    return None if b == 0 else a / b


_RELATIONS = {
    "relation_eq": operator.eq,
    "relation_ne": operator.ne,
    "relation_lt": _ordered(operator.lt),
    "relation_le": _ordered(operator.le),
    "relation_gt": _ordered(operator.gt),
    "relation_ge": _ordered(operator.ge),
}
_ARITHMETIC = {
    "addition_add": _arith(operator.add),
    "addition_sub": _arith(operator.sub),
    "multiplication_mul": _arith(operator.mul),
    "multiplication_div": _arith(_divide),
}
_SYMBOL = {
    "relation_eq": "==", "relation_ne": "!=", "relation_lt": "<", "relation_le": "<=",
    "relation_gt": ">", "relation_ge": ">=", "relation_in": "in",
    "addition_add": "+", "addition_sub": "-", "multiplication_mul": "*", "multiplication_div": "/",
}


class _Compiler:
    def __init__(self, env: Mapping[str, VarType]):
        self.env = env
        self.variables: list[str] = []

    def compile(self, node: Tree) -> tuple[Callable, VarType]:
        handler = getattr(self, f"_{node.data}", None)
        if handler is None:
            raise ConditionError(f"'{node.data}' expressions are not supported in conditions")
        return handler(node)

    # --- structure -------------------------------------------------------------
    def _expr(self, node: Tree):
        if len(node.children) == 1:
            return self.compile(node.children[0])
        cond, ctype = self.compile(node.children[0])
        yes, ytype = self.compile(node.children[1])
        no, ntype = self.compile(node.children[2])
        self._require(ctype, BOOL, "the test of ?:")
        if ytype.kind != ntype.kind and NULL not in (ytype.kind, ntype.kind):
            raise ConditionError(f"both branches of ?: must have one type, not {ytype.kind} and {ntype.kind}")
        return (lambda v: yes(v) if cond(v) else no(v)), VarType(ytype.kind if ytype.kind != NULL else ntype.kind)

    def _conditionalor(self, node: Tree):
        return self._logic(node, "||")

    def _conditionaland(self, node: Tree):
        return self._logic(node, "&&")

    def _logic(self, node: Tree, symbol: str):
        if len(node.children) == 1:
            return self.compile(node.children[0])
        left, ltype = self.compile(node.children[0])
        right, rtype = self.compile(node.children[1])
        self._require(ltype, BOOL, f"the left side of {symbol}")
        self._require(rtype, BOOL, f"the right side of {symbol}")
        if symbol == "&&":
            return (lambda v: bool(left(v)) and bool(right(v))), VarType(BOOL)
        return (lambda v: bool(left(v)) or bool(right(v))), VarType(BOOL)

    def _relation(self, node: Tree):
        if len(node.children) == 1:
            return self.compile(node.children[0])
        op_node, right_node = node.children
        left, ltype = self.compile(op_node.children[0])
        right, rtype = self.compile(right_node)
        if op_node.data == "relation_in":
            self._check_membership(ltype, rtype)
            return (lambda v: left(v) in right(v)), VarType(BOOL)
        self._check_comparison(op_node.data, ltype, rtype)
        fn = _RELATIONS[op_node.data]
        # Dates are ISO strings, so string order is date order.
        return (lambda v: fn(left(v), right(v))), VarType(BOOL)

    def _addition(self, node: Tree):
        return self._arithmetic(node)

    def _multiplication(self, node: Tree):
        return self._arithmetic(node)

    def _arithmetic(self, node: Tree):
        if len(node.children) == 1:
            return self.compile(node.children[0])
        op_node, right_node = node.children
        left, ltype = self.compile(op_node.children[0])
        right, rtype = self.compile(right_node)
        symbol = _SYMBOL[op_node.data]
        self._require(ltype, NUMBER, f"the left side of {symbol}")
        self._require(rtype, NUMBER, f"the right side of {symbol}")
        fn = _ARITHMETIC[op_node.data]
        return (lambda v: fn(left(v), right(v))), VarType(NUMBER)

    def _unary(self, node: Tree):
        if len(node.children) == 1:
            return self.compile(node.children[0])
        op, operand_node = node.children
        operand, otype = self.compile(operand_node)
        if op.data == "unary_not":
            self._require(otype, BOOL, "the operand of !")
            return (lambda v: not operand(v)), VarType(BOOL)
        self._require(otype, NUMBER, "the operand of unary -")
        if otype.literal is not None:
            value = -otype.literal
            return (lambda v: value), VarType(NUMBER, literal=value)
        return (lambda v: None if operand(v) is None else -operand(v)), VarType(NUMBER)

    def _member(self, node: Tree):
        return self.compile(node.children[0])

    def _member_dot_arg(self, node: Tree):
        target_node, name = node.children[0], str(node.children[1])
        args = node.children[2:] if len(node.children) > 2 else []
        if name != "size" or any(a is not None and getattr(a, "children", None) for a in args):
            raise ConditionError(f"method .{name}() is not supported; only list.size() is")
        target, ttype = self.compile(target_node)
        self._require(ttype, LIST, "the target of .size()")
        return (lambda v: len(target(v))), VarType(NUMBER)

    def _primary(self, node: Tree):
        return self.compile(node.children[0])

    def _paren_expr(self, node: Tree):
        return self.compile(node.children[0])

    def _ident_arg(self, node: Tree):
        name = str(node.children[0])
        args = node.children[1].children if len(node.children) > 1 and node.children[1] is not None else []
        if name != "size":
            raise ConditionError(f"function {name}() is not supported; only size() is")
        if len(args) != 1:
            raise ConditionError("size() takes exactly one list")
        target, ttype = self.compile(args[0])
        self._require(ttype, LIST, "the argument of size()")
        return (lambda v: len(target(v))), VarType(NUMBER)

    def _ident(self, node: Tree):
        name = str(node.children[0])
        if name not in self.env:
            raise ConditionError(f"unknown question code '{name}'")
        if name not in self.variables:
            self.variables.append(name)
        return operator.itemgetter(name), self.env[name]

    def _list_lit(self, node: Tree):
        items = node.children[0].children if node.children and node.children[0] is not None else []
        compiled = [self.compile(item) for item in items]
        for _, itype in compiled:
            if itype.kind != STRING or itype.literal is None:
                raise ConditionError("list literals may only hold quoted strings, e.g. ['a', 'b']")
        values = frozenset(itype.literal for _, itype in compiled)
        literal_items = tuple(itype.literal for _, itype in compiled)
        return (lambda v: values), VarType(LIST, literal_items=literal_items)

    def _literal(self, node: Tree):
        token = node.children[0]
        assert isinstance(token, Token)  # the grammar puts one token under a literal
        kind, text = token.type, str(token)
        value: str | int | float | bool
        if kind == "STRING_LIT":
            value = _decode_string(text)
            return (lambda v: value), VarType(STRING, literal=value)
        if kind in ("INT_LIT", "UINT_LIT"):
            value = int(text.rstrip("uU"), 0)
            return (lambda v: value), VarType(NUMBER, literal=value)
        if kind == "FLOAT_LIT":
            value = float(text)
            return (lambda v: value), VarType(NUMBER, literal=value)
        if kind == "BOOL_LIT":
            value = text == "true"
            return (lambda v: value), VarType(BOOL, literal=value)
        if kind == "NULL_LIT":
            return (lambda v: None), VarType(NULL)
        raise ConditionError(f"{kind.lower().replace('_lit', '')} literals are not supported")

    # --- type rules --------------------------------------------------------------
    @staticmethod
    def _require(vtype: VarType, kind: str, where: str) -> None:
        if vtype.kind != kind:
            raise ConditionError(f"{where} must be a {kind}, not a {vtype.kind}")

    @staticmethod
    def _check_codes(codes, allowed: frozenset[str] | None, context: str) -> None:
        if allowed is None:
            return
        for code in codes:
            if code not in allowed:
                raise ConditionError(
                    f"'{code}' is not a valid code for {context}; expected one of: {', '.join(sorted(allowed))}"
                )

    def _check_membership(self, ltype: VarType, rtype: VarType) -> None:
        if rtype.kind != LIST:
            raise ConditionError(f"the right side of 'in' must be a list, not a {rtype.kind}")
        if ltype.kind != STRING:
            raise ConditionError(f"the left side of 'in' must be a string, not a {ltype.kind}")
        if ltype.literal is not None:
            self._check_codes([ltype.literal], rtype.choices, "that list")
        if rtype.literal_items is not None:
            self._check_codes(rtype.literal_items, ltype.choices, "that question")

    def _check_comparison(self, op: str, ltype: VarType, rtype: VarType) -> None:
        symbol = _SYMBOL[op]
        kinds = {ltype.kind, rtype.kind}
        if NULL in kinds:
            if op not in ("relation_eq", "relation_ne"):
                raise ConditionError(f"null can only be compared with == or !=, not {symbol}")
            return
        if DATE in kinds:
            other = rtype if ltype.kind == DATE else ltype
            if other.kind == STRING:
                if not _is_iso_date(other.literal):
                    raise ConditionError(f"a date must be compared with a 'YYYY-MM-DD' string, not {other.literal!r}")
                return
            if other.kind != DATE:
                raise ConditionError(f"cannot compare a date with a {other.kind}")
            return
        if ltype.kind != rtype.kind:
            raise ConditionError(f"cannot compare a {ltype.kind} with a {rtype.kind} using {symbol}")
        if op not in ("relation_eq", "relation_ne") and ltype.kind != NUMBER:
            raise ConditionError(f"{symbol} compares numbers or dates, not {ltype.kind}s")
        if ltype.kind == STRING:
            if ltype.literal is not None:
                self._check_codes([ltype.literal], rtype.choices, "that question")
            if rtype.literal is not None:
                self._check_codes([rtype.literal], ltype.choices, "that question")
