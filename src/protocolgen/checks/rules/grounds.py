"""Rules about legal grounds: each processing has grounds of the kinds it needs, with what
they require beside them, secrecy lifted, no repealed law, own grounds that fit the catalogue."""

from __future__ import annotations

from collections.abc import Iterator

from protocolgen.checks.context import Context, Data, rule
from protocolgen.errors import Path_, Problem, closest, problem
from protocolgen.schema import catalogue


def grounds(ctx: Context) -> tuple[dict[str, Data], set[str]]:
    """Return the grounds a protocol may cite (the catalogue and its own readable grounds, those
    on a 'basis' completed from it) by id, and the ids of its own grounds that cannot be read."""
    found: dict[str, Data] = dict(catalogue.by_id())
    own = ctx.by_id("grondslagen")
    readable = ctx.by_id("grondslagen", "basis", "wet", "soort", "vereist", "bwb", "celex",
                         "staatsblad")
    for gid, ground in readable.items():
        if gid not in catalogue.by_id():
            found[gid] = catalogue.complete(ground)
    return found, set(own) - set(readable)


def kinds_of(cited: list[Data]) -> set[str]:
    return {kind for ground in cited for kind in ground.get("soort", [])}


def cited_in(ctx: Context, where: str) -> Iterator[tuple[Path_, Data, list[Data]]]:
    """Yield each phase or transfer (`where`) whose grounds can all be read, with the grounds;
    an open ground stands for a Dutch law of the kinds it names."""
    known, unreadable = grounds(ctx)
    for path, place in ctx.items(where, "grondslagen"):
        cited: list[Data] = []
        for i, gid in enumerate(place["grondslagen"]):
            point = ctx.open_grounds.get((*path, "grondslagen", i))
            if point is not None:
                cited.append({"wet": str(point), "staatsblad": "", "soort": point.soort})
            elif not isinstance(gid, str) or gid in unreadable:
                break
            elif gid in known:
                cited.append(known[gid])
        else:
            yield path, place, cited


def examples(kind: str, *, national: bool = False) -> str:
    """Return a few catalogue ids of `kind` (of Dutch law only), for an author who needs one."""
    ids = [e["id"] for e in catalogue.by_id().values()
           if kind in e["soort"] and (catalogue.national(e) or not national)][:3]
    return f" (bijvoorbeeld {', '.join(ids)})" if ids else ""


_DATA_NEEDS = {
    "strafrechtelijk": ("PG203", "strafrechtelijke gegevens"),
    "bijzonder": ("PG204", "bijzondere persoonsgegevens"),
    "bsn": ("PG205", "het burgerservicenummer"),
}


@rule
def data_need_grounds_of_their_kind(ctx: Context) -> Iterator[Problem]:
    """Require a ground of the kind 'strafrechtelijk', 'bijzonder' or 'bsn' in every phase and
    transfer that processes data of that kind (AVG art. 10 and 9, UAVG art. 46)."""
    kinds = {cid: cat["soort"] for cid, cat in ctx.by_id("gegevens", "soort").items()}
    for where in ("fases", "verstrekkingen"):
        for path, place, cited in cited_in(ctx, where):
            if not ctx.readable((*path, "gegevens")):
                continue
            used = {kinds.get(cid) for cid in place["gegevens"]}
            for kind, (code, what) in _DATA_NEEDS.items():
                if kind in used and kind not in kinds_of(cited):
                    yield problem(code, (*path, "grondslagen"), f"hier worden {what} verwerkt, "
                                  f"maar geen grondslag is van de soort '{kind}' "
                                  f"({catalogue.KINDS[kind]})", f"noem een grondslag van de "
                                  f"soort '{kind}'{examples(kind)}; zie 'protocolgen "
                                  f"grondslagen {kind}'")


@rule
def grounds_have_what_they_require(ctx: Context) -> Iterator[Problem]:
    """Require beside a ground the grounds it needs, from Dutch law: AVG art. 6 lid 1 sub e a
    law that lays down the task, art. 9 lid 2 sub g and art. 10 a law that permits it, UAVG
    art. 46 the law that prescribes the BSN."""
    for where in ("fases", "verstrekkingen"):
        for path, _, cited in cited_in(ctx, where):
            for ground in cited:
                others = [g for g in cited if g is not ground and catalogue.national(g)]
                for kind in ground.get("vereist", []):
                    if kind not in kinds_of(others):
                        yield problem("PG231", (*path, "grondslagen"),
                                      f"{catalogue.label(ground)} is alleen een grondslag samen "
                                      f"met een Nederlandse wet van de soort '{kind}' "
                                      f"({catalogue.KINDS[kind]}), en die ontbreekt hier",
                                      "noem die wet hier ook"
                                      f"{examples(kind, national=True)}, of voeg haar toe als "
                                      f"eigen grondslag met 'soort: [{kind}]'")


@rule
def secrecy_is_lifted(ctx: Context) -> Iterator[Problem]:
    """Require, in a phase that consults a source under a secrecy duty (fiscal, police data),
    a ground that lifts that duty: even a hit/no-hit discloses."""
    duties = {sid: s["geheimhouding"] for sid, s in
              ctx.by_id("bronnen", "geheimhouding").items() if "geheimhouding" in s}
    for path, _, cited in cited_in(ctx, "fases"):
        for use_path, use in ctx.items((*path, "bronnen"), "bron"):
            duty = duties.get(use["bron"])
            if duty and catalogue.SECRECY[duty] not in kinds_of(cited):
                kind = catalogue.SECRECY[duty]
                yield problem("PG233", use_path, f"de bron {use['bron']!r} valt onder een "
                              f"geheimhoudingsplicht ({duty}), maar geen grondslag van de fase "
                              f"is van de soort '{kind}' ({catalogue.KINDS[kind]})",
                              f"noem onder 'grondslagen' van de fase de bepaling die de "
                              f"geheimhouding opheft, als eigen grondslag met 'soort: [{kind}]'"
                              ", of raadpleeg de bron niet")


@rule
def no_repealed_laws(ctx: Context) -> Iterator[Problem]:
    """Forbid repealed laws (Wabo, Drank- en Horecawet, Wbp, Wet GBA, Wob) unless historisch."""
    for path, ground in ctx.items("grondslagen", "wet", "bwb", "historisch"):
        if ground.get("historisch"):
            continue
        for key in ("wet", "bwb"):
            gone = catalogue.repealed(ground.get(key, ""))
            if gone:
                yield problem("PG214", (*path, key), f"{ground[key]!r} is vervallen; opvolger "
                              f"is {catalogue.successor(gone)}", "verwijs naar de opvolger, of "
                              "zet 'historisch: true' als de oude wet bewust wordt genoemd")
                break


@rule
def own_grounds_fit_the_catalogue(ctx: Context) -> Iterator[Problem]:
    """Forbid an own ground with the id of a catalogue entry, or on an unknown 'basis'."""
    for path, ground in ctx.items("grondslagen", "basis"):
        if ground["id"] in catalogue.by_id():
            yield problem("PG238", (*path, "id"), f"{ground['id']!r} staat al in de catalogus",
                          f"verwijder deze grondslag en noem {ground['id']!r} direct, of geef "
                          "een eigen id")
        elif "basis" in ground and ground["basis"] not in catalogue.by_id():
            yield problem("PG238", (*path, "basis"), f"{ground['basis']!r} staat niet in de "
                          "catalogus", "kies een id uit 'protocolgen grondslagen'",
                          hint=closest(ground["basis"], list(catalogue.by_id())))
