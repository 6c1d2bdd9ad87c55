"""The YAML library (PyYAML), in one module: its safe loader, node and event types, and the
two ways the program writes YAML. Every other module reaches PyYAML through this one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from yaml import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    MappingNode,
    Node,
    NodeEvent,
    ScalarNode,
    SequenceNode,
    YAMLError,
)

__all__ = ["AliasEvent", "CollectionEndEvent", "CollectionStartEvent", "Event", "MappingNode",
           "Node", "NodeEvent", "ScalarNode", "SequenceNode", "YAMLError", "compose", "dump",
           "events", "plain", "scalar_constructor"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The C loader where libyaml is present (same results, faster), the Python one otherwise."""


def events(text: str) -> Iterator[Event]:
    """Return the parser's events for `text`, one by one (nothing built yet)."""
    return yaml.parse(text, Loader=_Loader)


def compose(text: str) -> Node | None:
    """Return the node tree of the first document in `text`, or None if it holds none."""
    return yaml.compose(text, Loader=_Loader)


def scalar_constructor() -> yaml.SafeLoader:
    """Return a safe constructor for turning single scalar nodes into values."""
    return yaml.SafeLoader("")


def plain(text: str) -> Any:
    """Return the data of a YAML text the program ships itself (safe loader)."""
    return yaml.load(text, Loader=_Loader)


def dump(data: Any) -> str:
    """Return `data` as block YAML, keys in their order, non-ASCII as written."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
