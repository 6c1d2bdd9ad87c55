"""What changed between two versions of a protocol, in plain Dutch.

The comparison follows the schema: items of a list are matched by their id, or else by the
references that identify them (a source with its role), or else by their whole value; so
moving an item within a list is no change. Texts are compared as the fingerprint compares
them: rewrapping a paragraph is no change either.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from protocolgen.errors import InvalidProtocol, UsageError
from protocolgen.load.canonical import normal
from protocolgen.load.files import Source
from protocolgen.load.parse import parse
from protocolgen.model.types import Revision
from protocolgen.render.markdown import escape_markdown
from protocolgen.schema.fields import Schema, item_identity
from protocolgen.schema.protocol import SCHEMA

MAX_SHOWN = 120
TOP = {"dpia": "DPIA"}
"""Labels of top-level sections that capitalising alone does not give."""


@dataclass(frozen=True)
class Change:
    """One difference: where (a chain of labels), what kind, and the old and new values."""

    where: tuple[str, ...]
    kind: str  # toegevoegd, verwijderd, gewijzigd
    old: Any = None
    new: Any = None

    def sentence(self) -> str:
        """Return the change as one Dutch sentence."""
        where = " › ".join(self.where)
        if self.kind == "gewijzigd":
            return f"{where}: was {_show(self.old)}, is nu {_show(self.new)}."
        value = self.new if self.kind == "toegevoegd" else self.old
        return f"{where}: {self.kind}{'' if value is None else ' ' + _show(value)}."


def _show(value: Any) -> str:
    if isinstance(value, dict):
        text = ", ".join(f"{k} {_show(v)}" for k, v in value.items())
        return f"({text})"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value) or "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return repr(text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 1] + "…")


def comparable(source: Source) -> dict[str, Any]:
    """Return the data of a version to compare; one that cannot be read is a usage error
    (exit 2: for `diff`, exit 1 means 'changed')."""
    try:
        data = parse(source).data
    except InvalidProtocol as failure:
        raise UsageError(f"{source.name} is niet te lezen als protocol:\n{failure}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{source.name} is geen protocol: bovenaan horen sleutels")
    return data


def revision(old: dict[str, Any], new: dict[str, Any]) -> Revision:
    """Return the changes from the earlier version `old` to `new` as sentences."""
    document = old.get("document")
    version = document.get("versie") if isinstance(document, dict) else None
    return Revision(str(version or "?"), tuple(c.sentence() for c in compare(old, new)))


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Return every change from `old` to `new` (both loaded protocols), in schema order."""
    top = {"type": "dict", "schema": SCHEMA, "meta": {"beschrijving": "protocol"}}
    return list(_field(top, normal(old), normal(new), ()))


def _about(field: Schema) -> str:
    return str(field.get("meta", {}).get("beschrijving", ""))


def _noun(field: Schema) -> str:
    """Return 'Rol' for the item schema described as 'een rol'."""
    about = _about(field).removeprefix("een ")
    return about[:1].upper() + about[1:]


def _field(field: Schema, old: Any, new: Any, where: tuple[str, ...]) -> Iterator[Change]:
    if old == new:
        return
    if field.get("type") == "dict" and isinstance(old, dict) and isinstance(new, dict):
        subs = field.get("schema", {})
        for key in [*subs, *sorted((set(old) | set(new)) - set(subs))]:
            sub = subs.get(key, {})
            here = (*where, _label(sub, key) if where else TOP.get(key, key.capitalize()))
            if key not in new and key in old:
                yield Change(here, "verwijderd", old[key])
            elif key not in old and key in new:
                yield Change(here, "toegevoegd", new=new[key])
            elif key in old:
                yield from _field(sub, old[key], new[key], here)
    elif field.get("type") == "list" and isinstance(old, list) and isinstance(new, list):
        yield from _list(field.get("schema", {}), old, new, where)
    else:
        yield Change(where, "gewijzigd", old, new)


def _label(field: Schema, key: str) -> str:
    """Return how a field is named: by its description, or by its key where the description
    only lists the choices."""
    about = _about(field).split("; ")[0]
    return key if "allowed" in field else (about or key)


def _list(item: Schema, old: list[Any], new: list[Any], where: tuple[str, ...]
          ) -> Iterator[Change]:
    keys = item_identity(item)
    if not keys:  # texts, references, or records without identity: compare as a multiset
        left, right = [_canon(v) for v in old], [_canon(v) for v in new]
        for value in old:
            if _canon(value) not in right:
                yield Change(where, "verwijderd", value)
            else:
                right.remove(_canon(value))
        for value in new:
            if _canon(value) not in left:
                yield Change(where, "toegevoegd", new=value)
            else:
                left.remove(_canon(value))
        return
    where = where[:-1]  # the items name themselves: "Rol 'boa' (Boa)"
    before = {_key(v, keys): v for v in old if isinstance(v, dict)}
    after = {_key(v, keys): v for v in new if isinstance(v, dict)}
    for key, value in before.items():
        here = (*where, _entity(item, value, keys))
        if key not in after:
            yield Change(here, "verwijderd")
        else:
            yield from _field(item, value, after[key], here)
    for key, value in after.items():
        if key not in before:
            rest = {k: v for k, v in value.items() if k not in keys}
            yield Change((*where, _entity(item, value, keys)), "toegevoegd",
                         new=None if keys == ("id",) else rest)


def _key(value: dict[str, Any], keys: tuple[str, ...]) -> str:
    return _canon([value.get(k) for k in keys])


def _entity(item: Schema, value: dict[str, Any], keys: tuple[str, ...]) -> str:
    """Return "Rol 'boa' (Boa)" or "Raadpleging bron 'brp', rol 'boa'" for an item."""
    ident = (f"'{value.get(keys[0])}'" if len(keys) == 1
             else ", ".join(f"{k} '{value.get(k)}'" for k in keys))
    name = value.get("naam") or value.get("titel")
    return f"{_noun(item)} {ident}" + (f" ({name})" if isinstance(name, str) else "")


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def as_text(changes: list[Change]) -> str:
    """Return the changes as lines of text."""
    return "\n".join(change.sentence() for change in changes)


def as_markdown(changes: list[Change], old: str, new: str) -> str:
    """Return the changes as Markdown, for a comment on a merge request."""
    head = f"### Wijzigingen in het protocol\n\nVan `{old}` naar `{new}`: "
    if not changes:
        return head + "geen inhoudelijke wijzigingen.\n"
    count = f"{len(changes)} {'wijziging' if len(changes) == 1 else 'wijzigingen'}.\n\n"
    return head + count + "\n".join(f"- {escape_markdown(c.sentence())}" for c in changes) + "\n"


