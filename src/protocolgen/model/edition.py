"""The public edition's data: a checked protocol with every internal value (schema/
publication.py) replaced by a Withheld gap, and the open points inside those values left out
(the rest renumbered), so that nothing internal reaches the model, and so no document."""

from __future__ import annotations

import dataclasses
from typing import Any

from protocolgen.checks.validate import Checked
from protocolgen.errors import Path_
from protocolgen.schema.fields import Schema
from protocolgen.schema.protocol import ROOT, SCHEMA
from protocolgen.schema.publication import Withheld, can_withhold, dotted, internal_paths, label

EDITIONS = ("intern", "publiek")
"""The editions a build makes: the internal set (all documents, everything in them) and the
public one (the protocol and, if the gemeente publishes it, the DPIA, without anything
internal)."""


def gap(field: Schema, what: str) -> Any:
    """Return what stands in the place of an internal value of shape `field`: a Withheld for
    a text or date, one gap item for a list, a record of gaps in its required fields."""
    if field.get("type") == "list":
        return [gap(field["schema"], what)]
    if field.get("type") == "dict":
        return {key: gap(sub, what) for key, sub in field["schema"].items()
                if sub.get("required", True)}
    return Withheld(what)


def withhold(data: Any, internal: frozenset[str]) -> tuple[Any, list[Path_]]:
    """Return a copy of `data` with each value at an internal path replaced by its gap, and
    the paths replaced. A path that names no field that can be withheld is left as it is
    (the check reports it: PG250)."""
    replaced: list[Path_] = []

    def copy(node: Any, field: Schema, path: Path_) -> Any:
        if path and isinstance(path[-1], str) and dotted(path) in internal \
                and can_withhold(field):
            replaced.append(path)
            return gap(field, label(field, path[-1]))
        if isinstance(node, dict) and field.get("type") == "dict":
            return {k: copy(v, field["schema"].get(k, {}), (*path, k)) for k, v in node.items()}
        if isinstance(node, list) and field.get("type") == "list":
            return [copy(v, field["schema"], (*path, i)) for i, v in enumerate(node)]
        return node

    return copy(data, ROOT, ()), replaced


def public(checked: Checked) -> Checked:
    """Return `checked` as the public edition sees it: internal values withheld, and only the
    open points outside them, numbered anew in order."""
    assert checked.document is not None, "a protocol that did not parse has no edition"
    internal = internal_paths(SCHEMA, checked.document.data)
    data, replaced = withhold(checked.document.data, internal)
    inside = {p for p in replaced}
    kept = [o for o in checked.open_points
            if not any(o.path[:len(p)] == p for p in inside)]
    points = tuple(dataclasses.replace(o, nummer=i) for i, o in enumerate(kept, start=1))
    document = dataclasses.replace(checked.document, data=data)
    return dataclasses.replace(checked, document=document, open_points=points)


def plain(data: Any) -> Any:
    """Return `data` with each gap as its text: the public edition's source, for its PDFs."""
    if isinstance(data, Withheld):
        return str(data)
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data
