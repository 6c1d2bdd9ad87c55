"""What a rule may see of a protocol (Context), and the registry of rules (@rule, run)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from protocolgen.errors import Path_, Problem
from protocolgen.load.parse import Document
from protocolgen.schema.fields import COLLECTIONS
from protocolgen.schema.openpoint import Open

Data = dict[str, Any]


Rule = Callable[["Context"], Iterator[Problem]]


RULES: list[Rule] = []


class Context:
    """What a rule may look at: the document, today's date, and which values it may read.

    A value may be read when it is there and neither it nor anything below it has a problem
    of reading or shape: then it has exactly the shape the schema describes. Rules read data
    only through these methods, so a broken part is skipped, never a cause of a crash."""

    def __init__(self, document: Document, today: dt.date,
                 unreadable: frozenset[Path_] = frozenset(),
                 open_grounds: Mapping[Path_, Open] | None = None, fingerprint: str = ""
                 ) -> None:
        self.document, self.today, self.fingerprint = document, today, fingerprint
        self.open_grounds = open_grounds or {}
        self._hidden = {path[:end] for path in unreadable for end in range(len(path) + 1)}

    def readable(self, path: Path_) -> bool:
        """Return whether nothing at or below `path` has a problem already."""
        return path not in self._hidden

    def find(self, path: Path_) -> Any:
        """Return the value at `path` whatever its state, or None if it is not there."""
        node: Any = self.document.data
        for step in path:
            if isinstance(step, int) and isinstance(node, list) and step < len(node):
                node = node[step]
            elif isinstance(step, str) and isinstance(node, dict):
                node = node.get(step)
            else:
                return None
        return node

    def get(self, path: Path_) -> Any:
        """Return the value at `path` if it can be read, else None."""
        return self.find(path) if self.readable(path) else None

    def items(self, where: str | Path_, *fields: str) -> list[tuple[Path_, Data]]:
        """Return, with their paths, the items of a collection (by name: their 'id' must be
        there and readable) or of the list at a path, that are mappings whose `fields` can be
        read: a rule sees only what the shape check let through, whatever shape the rest has."""
        path = COLLECTIONS[where] if isinstance(where, str) else where
        need = ("id", *fields) if isinstance(where, str) else fields
        found = self.find(path)
        if not isinstance(found, list):
            return []
        return [((*path, i), item) for i, item in enumerate(found) if isinstance(item, dict)
                and ("id" in item or not isinstance(where, str))
                and all(self.readable((*path, i, key)) for key in need)]

    def by_id(self, collection: str, *fields: str) -> dict[str, Data]:
        """Return the readable items of a collection keyed by id (the first one wins)."""
        found: dict[str, Data] = {}
        for _, item in self.items(collection, *fields):
            found.setdefault(item["id"], item)
        return found

    def line_of(self, path: Path_) -> str:
        """Return 'regel N' for the value at `path`, to point at a second place (with the
        file's name when it stands in another file than the main one)."""
        at = self.document.position(path)
        return (f"regel {at.line}" if at.file == self.document.source.name
                else f"{at.file} regel {at.line}")


def rule(func: Rule) -> Rule:
    """Register `func` as a rule."""
    RULES.append(func)
    return func


def run(ctx: Context) -> Iterator[Problem]:
    """Yield the problems of every rule."""
    for func in RULES:
        yield from func(ctx)
