"""YAML from people who may be careless or hostile: bounded before anything expands it.

PyYAML builds an alias (``*name``) as a reference to the anchored object, so a "billion laughs" file
is small in memory until something walks it as a tree (the schema check, the canonical form, the
hash, an error message that prints a value) and then expands it past gigabytes. So the limits are
checked on the composed node graph, before construction and schema validation:

- the text: at most MAX_CHARS characters, no control characters (PyYAML's reader refuses them);
- nesting: at most MAX_DEPTH levels, counting through aliases;
- size: at most MAX_NODES nodes with every alias expanded, and at most MAX_ALIASES aliases;
- integers: at most MAX_INT_DIGITS digits (Python refuses to convert over 4,300 anyway).

Every refusal is a RuleSetInvalid with ``file:line:column`` and a short message; messages quote at most
EXCERPT_CHARS characters of any value (``excerpt``).
"""

from __future__ import annotations

import yaml

from .document import Problem, RuleSetInvalid

MAX_CHARS = 2_000_000  # the largest shipped rule file has about 250,000
MAX_DEPTH = 40  # shipped files nest 7 levels
MAX_NODES = 200_000  # shipped files have about 20,000
MAX_ALIASES = 200
MAX_INT_DIGITS = 30
EXCERPT_CHARS = 200


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters of ``text``, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


class _Limit(yaml.YAMLError):
    def __init__(self, message: str, mark):
        super().__init__(message)
        self.problem, self.problem_mark = message, mark


class _BoundedComposer(yaml.SafeLoader):
    """Put in front of a loader: counts nesting and aliases while composing (before any recursion limit).
    A SafeLoader itself only for its type; placed before the loader, super() reaches the loader's methods."""

    _depth: int
    _aliases: int

    def compose_document(self):
        self._depth, self._aliases = 0, 0
        return super().compose_document()

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Limit(f"more than {MAX_ALIASES} aliases (*name); write the values out",
                             self.peek_event().start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Limit(f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node):
        digits = sum(ch.isdigit() for ch in node.value)
        if digits > MAX_INT_DIGITS:
            raise _Limit(f"a number with {digits:,} digits; at most {MAX_INT_DIGITS} are allowed", node.start_mark)
        return super().construct_yaml_int(node)


_BOUNDED: dict[type[yaml.SafeLoader], type[yaml.SafeLoader]] = {}


def _bounded(loader: type[yaml.SafeLoader]) -> type[yaml.SafeLoader]:
    """The loader with the limits in front (one class per loader, made once)."""
    if loader not in _BOUNDED:
        cls: type[yaml.SafeLoader] = type(f"Bounded{loader.__name__}", (_BoundedComposer, loader), {})
        cls.add_constructor("tag:yaml.org,2002:int", _BoundedComposer.construct_yaml_int)
        _BOUNDED[loader] = cls
    return _BOUNDED[loader]


def _expanded_size(root: yaml.Node) -> tuple[yaml.Node | None, int, int]:
    """(a node where a limit is passed or None, nodes with aliases expanded, depth through aliases).

    Iterative, memoised by node: an alias is the same node object as its anchor, so each node is
    measured once however often it is referenced."""
    sizes: dict[int, tuple[int, int]] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = (1, 1)
            continue
        children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else node.value
        if not children_done:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)
            continue
        size = 1 + sum(sizes[id(c)][0] for c in children)
        depth = 1 + max((sizes[id(c)][1] for c in children), default=0)
        sizes[id(node)] = (size, depth)
        if size > MAX_NODES or depth > MAX_DEPTH:
            return node, size, depth
    size, depth = sizes[id(root)]
    return None, size, depth


def _where(name: str, mark) -> str:
    return f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name


def _reader_location(text: str, name: str, position: int) -> str:
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return f"{name}:{line}:{column}"


def parse_limited(text: str, name: str, *, loader: type[yaml.SafeLoader]) -> object:
    """Parse ``text`` with ``loader`` (a SafeLoader subclass) within the limits above."""
    if len(text) > MAX_CHARS:
        raise RuleSetInvalid([Problem(name, f"the file has {len(text):,} characters; at most {MAX_CHARS:,} "
                                            "are allowed")])
    parser = None
    try:
        parser = _bounded(loader)(text)  # the reader refuses control characters here
        node = parser.get_single_node()
        if node is None:
            return None
        over, size, depth = _expanded_size(node)
        if over is not None:
            what = (f"expands to more than {MAX_NODES:,} values (aliases counted each time they are used)"
                    if size > MAX_NODES else f"is nested more than {MAX_DEPTH} levels deep (through aliases)")
            raise RuleSetInvalid([Problem(_where(name, over.start_mark), f"this value {what}")])
        return parser.construct_document(node)
    except yaml.reader.ReaderError as exc:
        raise RuleSetInvalid([Problem(_reader_location(text, name, exc.position),
                                      f"character {exc.character!r} is not allowed in YAML (control characters "
                                      "such as NUL cannot appear in a rule file)")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = excerpt(str(getattr(exc, "problem", None) or exc))
        prefix = "" if isinstance(exc, _Limit) else "YAML syntax error: "
        raise RuleSetInvalid([Problem(_where(name, mark), f"{prefix}{problem}")]) from None
    except RecursionError:  # a limit above should always come first; this keeps a traceback out regardless
        raise RuleSetInvalid([Problem(name, f"nested more than {MAX_DEPTH} levels deep")]) from None
    finally:
        if parser is not None:
            parser.dispose()
