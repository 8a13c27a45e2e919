"""Strict YAML reading for rule data: dates stay text, duplicate keys are errors."""

from __future__ import annotations

from collections.abc import Hashable

import yaml

from .document import Problem, RuleSetInvalid
from .safe_yaml import parse_limited


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as 'YYYY-MM-DD' strings and refuses duplicate keys."""


def _no_duplicate_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value, not a list or mapping",
                                                    key_node.start_mark)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key '{key}'", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicate_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp",
                              yaml.SafeLoader.construct_yaml_str)  # type: ignore[type-var]  # stubs: SafeConstructor only


def parse_yaml(text: str, name: str) -> dict:
    """Parse YAML text; syntax errors and passed limits become RuleSetInvalid with the line and column."""
    document = parse_limited(text, name, loader=_StrictLoader)  # size, depth and alias limits: safe_yaml.py
    if not isinstance(document, dict):
        raise RuleSetInvalid([Problem(name, "the file must hold a YAML mapping (key: value pairs)")])
    return document
