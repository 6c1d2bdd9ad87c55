"""Walking a protocol along its schema, and what the schema says about a place: which fields
identify a list's items, and how a place is named for readers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from protocolgen.errors import Path_
from protocolgen.load.parse import DATE
from protocolgen.schema.fields import Schema
from protocolgen.schema.protocol import ROOT


def walk(field: Schema, node: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Schema, Any]]:
    """Yield (path, field schema, value) for every value in `node` that the schema describes,
    skipping whatever does not have the shape the schema expects."""
    yield path, field, node
    if field.get("type") == "dict" and isinstance(node, dict):
        for key, sub in field["schema"].items():
            if key in node:
                yield from walk(sub, node[key], (*path, key))
    elif field.get("type") == "list" and isinstance(node, list):
        for i, item in enumerate(node):
            yield from walk(field["schema"], item, (*path, i))


def normalise_dates(data: dict[str, Any]) -> None:
    """Turn quoted dates ('2026-03-10') in date fields into dates, in place: editors see YAML
    as JSON, where a date is text either way, so the JSON Schema cannot tell them apart."""
    for path, field, value in list(walk(ROOT, data)):
        if field.get("type") == "date" and isinstance(value, str) \
                and (parsed := quoted_date(value)) is not None:
            parent: Any = data
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = parsed


def quoted_date(value: str) -> dt.date | None:
    """Return the date a text 'JJJJ-MM-DD' stands for, or None."""
    if not DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None




def identity(field: Schema) -> tuple[str, ...]:
    """Return the fields that identify an item of the list `field` (none for a list of texts
    or references, or a list that is not one)."""
    return tuple(field.get("meta", {}).get("sleutel", ()))
