"""Rules about parts taken over from a model (schema/origin.py): each one named exists, and
each one is a warning until the gemeente has assessed it."""

from __future__ import annotations

from collections.abc import Iterator

from protocolgen.checks.context import Context, rule
from protocolgen.errors import Problem, closest, problem
from protocolgen.schema.origin import KINDS, PART


def part_ids(ctx: Context) -> dict[str, set[str]]:
    """Return the ids of every kind of part that can be taken over."""
    found = {name: set(ctx.by_id(name)) for name in KINDS if name != "wegingen"}
    found["wegingen"] = {w["id"] for path, _ in ctx.items("fases")
                         for _, w in ctx.items((*path, "wegingen"), "id")}
    return found


@rule
def taken_over_parts_exist_and_await_assessment(ctx: Context) -> Iterator[Problem]:
    """Require every part under 'herkomst' to exist (once), and warn for each that it was
    taken over from a model and is not yet assessed by the gemeente."""
    ids = part_ids(ctx)
    seen: set[str] = set()
    for path, origin in ctx.items(("herkomst",), "model", "onderdelen"):
        for i, part in enumerate(origin["onderdelen"]):
            at = (*path, "onderdelen", i)
            named = PART.fullmatch(part) if isinstance(part, str) else None
            if not isinstance(part, str) or not ctx.readable(at):
                continue
            if named is None or named["lijst"] not in KINDS:
                yield problem("PG260", at, f"{part!r} noemt geen onderdeel", "schrijf "
                              "'lijst.id', met als lijst een van: " + ", ".join(KINDS),
                              hint=closest(part.split(".")[0], KINDS))
            elif named["id"] not in ids[named["lijst"]]:
                yield problem("PG260", at, f"onder '{named['lijst']}' staat geen onderdeel "
                              f"met id {named['id']!r}", "noem een onderdeel dat bestaat",
                              hint=closest(named["id"], sorted(ids[named["lijst"]])))
            elif part in seen:
                yield problem("PG260", at, f"{part!r} staat al onder 'herkomst'",
                              "noem elk onderdeel één keer")
            else:
                seen.add(part)
                yield problem("PG320", at, f"{KINDS[named['lijst']]} {named['id']!r} is "
                              f"overgenomen uit {origin['model']} en nog niet lokaal "
                              "beoordeeld", "beoordeel het onderdeel en haal het daarna hier "
                              "weg; tot dan noemen de documenten het als overgenomen")
