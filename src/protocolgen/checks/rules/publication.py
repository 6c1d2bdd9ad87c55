"""Rules about the public edition: what a protocol adds to, or takes from, the fields the
format marks internal (`publicatie`) must name fields that can be left out or let in."""

from __future__ import annotations

from collections.abc import Iterator

from protocolgen.checks.context import Context, rule
from protocolgen.errors import Problem, closest, problem
from protocolgen.schema.protocol import SCHEMA
from protocolgen.schema.publication import can_withhold, declared, field_at


@rule
def publication_fields(ctx: Context) -> Iterator[Problem]:
    """Forbid a field under publicatie.intern that does not exist or cannot be left out, and
    one under publicatie.openbaar that the format does not mark internal."""
    marked = list(declared(SCHEMA))
    for i, name in enumerate(ctx.get(("publicatie", "intern")) or []):
        path = ("publicatie", "intern", i)
        if not isinstance(name, str) or not ctx.readable(path):
            continue
        field = field_at(SCHEMA, name)
        if field is None:
            yield problem("PG250", path, f"{name!r} is geen veld van het formaat",
                          "schrijf het pad zonder nummers, zoals 'document.fg_advies' of "
                          "'rollen.contact' (docs/formaat.md)",
                          hint=closest(name, _all_paths()))
        elif not can_withhold(field):
            yield problem("PG250", path, f"{name!r} kan niet uit de openbare editie worden "
                          "weggelaten: een id, verwijzing, keuze of getal waar de documenten "
                          "op steunen", "noem een tekst, een datum, of een lijst of onderdeel "
                          "met alleen teksten en datums")
    for place, entry in ctx.items(("publicatie", "openbaar"), "veld"):
        if entry["veld"] not in marked:
            yield problem("PG251", (*place, "veld"), f"{entry['veld']!r} is niet intern volgens "
                          "het formaat", "laat dit weg; intern zijn alleen: "
                          + ", ".join(marked))


def _all_paths() -> list[str]:
    """Return the path of every field of the format, without numbers."""
    found: list[str] = []

    def visit(schema: dict[str, object], prefix: str) -> None:
        for key, field in schema.items():
            found.append(prefix + key)
            inner = field
            while isinstance(inner, dict) and inner.get("type") == "list":
                inner = inner["schema"]
            if isinstance(inner, dict) and inner.get("type") == "dict":
                visit(inner["schema"], f"{prefix}{key}.")

    visit(SCHEMA, "")
    return found
