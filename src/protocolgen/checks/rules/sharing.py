"""Rules about transfers: a ground to transfer, a privacytoets before, the WGS for the RIEC,
hand-overs that are transfers, and municipal decisions taken by the gemeente."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from protocolgen.checks.context import Context, Data, rule
from protocolgen.checks.rules.grounds import cited_in, examples, kinds_of
from protocolgen.errors import Path_, Problem, closest, problem
from protocolgen.schema.fields import CHECKS

WGS_IN_FORCE = dt.date(2025, 3, 1)


def _riec(ctx: Context) -> set[str]:
    """Return the ids of the roles that are the RIEC."""
    return {rid for rid, role in ctx.by_id("rollen", "partner").items()
            if role.get("partner") == "riec"}


@rule
def riec_sharing_uses_wgs(ctx: Context) -> Iterator[Problem]:
    """Warn when a protocol dated from 1-3-2025 shares with the RIEC without the WGS."""
    dated = ctx.get(("document", "datum"))
    if dated is None or dated < WGS_IN_FORCE:
        return
    riec = _riec(ctx)
    for path, share in ctx.items("verstrekkingen", "aan", "regeling"):
        if share.get("aan") in riec and share["regeling"] != "wgs":
            yield problem("PG303", (*path, "regeling"), "sinds 1-3-2025 geldt voor het RIEC de "
                          "Wet gegevensverwerking door samenwerkingsverbanden (WGS)",
                          "zet 'regeling: wgs' en noem de WGS als grondslag")


def _rests_on_wgs(cited: list[Data]) -> bool:
    return any(g.get("id") == "wgs" or g.get("basis") == "wgs" for g in cited)


@rule
def transfers_have_a_ground_to_transfer(ctx: Context) -> Iterator[Problem]:
    """Require a ground of the kind 'verstrekking' for every transfer, and the WGS for a
    transfer to the RIEC in a protocol dated from 1-3-2025."""
    dated = ctx.get(("document", "datum"))
    riec = _riec(ctx)
    for path, share, cited in cited_in(ctx, "verstrekkingen"):
        kinds = kinds_of(cited)
        if "verstrekking" not in kinds and not {"verwerking", "verenigbaarheid"} <= kinds:
            yield problem("PG234", (*path, "grondslagen"), "geen grondslag staat deze "
                          "verstrekking toe: er is geen grondslag van de soort 'verstrekking', "
                          "en ook geen grond voor de verwerking met de toets van AVG art. 6 "
                          "lid 4", "noem de bepaling die de verstrekking toestaat"
                          f"{examples('verstrekking')}, of een grond voor de verwerking met "
                          "'avg-6-4' als de verstrekking verenigbaar is met het doel van "
                          "verzamelen")
        if (dated is not None and dated >= WGS_IN_FORCE and ctx.readable((*path, "aan"))
                and share.get("aan") in riec and not _rests_on_wgs(cited)):
            yield problem("PG232", (*path, "grondslagen"), "sinds 1-3-2025 berust een "
                          "verstrekking aan het RIEC op de Wet gegevensverwerking door "
                          "samenwerkingsverbanden, maar die staat niet bij de grondslagen",
                          "noem 'wgs' onder 'grondslagen'")


@rule
def transfers_follow_a_privacy_check(ctx: Context) -> Iterator[Problem]:
    """Require every transfer to name what precedes it: a privacytoets of its phase or an
    earlier phase, or the weging or beslismoment of its own phase that decides it (CCV stap 2:
    the hand-over of a signal to the RIEC follows weging 3, before any source is consulted)."""
    order = {fid: i for i, fid in enumerate(ctx.by_id("fases"))}
    checks: dict[str, int] = {}
    own: dict[str, str] = {}
    for fase_path, fase in ctx.items("fases"):
        for _, w in ctx.items((*fase_path, "wegingen"), "soort"):
            if not isinstance(w.get("id"), str):
                continue
            if w["soort"] in CHECKS:
                checks[w["id"]] = order[fase["id"]]
            else:
                own[w["id"]] = fase["id"]
    for path, share in ctx.items("verstrekkingen", "fase", "privacytoets"):
        if share["fase"] not in order:
            continue
        check = share.get("privacytoets")
        if check is None:
            yield problem("PG235", (*path, "id"), "deze verstrekking noemt geen privacytoets "
                          "die eraan voorafgaat", "noem onder 'privacytoets' de privacytoets "
                          "(uit 'wegingen') die aan deze verstrekking voorafgaat, of de weging "
                          "van dezelfde fase die tot de verstrekking besluit")
        elif own.get(check) != share["fase"] and checks.get(check, len(order)) > order[
                share["fase"]]:
            yield problem("PG235", (*path, "privacytoets"), f"{check!r} is geen privacytoets "
                          f"in de fase {share['fase']!r} of een eerdere fase, en geen weging "
                          "van die fase", "kies een weging met 'soort: privacytoets' uit deze "
                          "of een eerdere fase, of de weging van deze fase die tot de "
                          "verstrekking besluit", hint=closest(check, sorted(
                              [*(c for c, at in checks.items() if at <= order[share["fase"]]),
                               *(w for w, at in own.items() if at == share["fase"])])))


@rule
def handovers_are_transfers(ctx: Context) -> Iterator[Problem]:
    """Require a transfer for every outcome that hands a case to an external partner or an
    instance, and one list of data per transfer (same phase, same recipient)."""
    external = {rid for rid, role in ctx.by_id("rollen", "soort").items()
                if role["soort"] == "extern"}
    described: dict[tuple[str, str], tuple[Path_, list[str]]] = {}
    for path, share in ctx.items("verstrekkingen", "fase", "aan", "aan_instantie", "gegevens"):
        to = share.get("aan") or share.get("aan_instantie")
        key = (share["fase"], str(to))
        if key in described and sorted(described[key][1]) != sorted(share["gegevens"]):
            yield problem("PG237", (*path, "gegevens"), f"de verstrekking aan {to!r} in de fase "
                          f"{share['fase']!r} staat ook op {ctx.line_of(described[key][0])}, "
                          "met andere gegevens", "beschrijf één verstrekking met één lijst "
                          "gegevens")
        described.setdefault(key, (path, share["gegevens"]))
    for fase_path, fase in ctx.items("fases"):
        for path, outcome in ctx.items((*fase_path, "uitkomsten"), "naar_rol", "naar_instantie"):
            dest, to = ("naar_rol", outcome.get("naar_rol")) if outcome.get("naar_rol") in \
                external else ("naar_instantie", outcome.get("naar_instantie"))
            if isinstance(to, str) and (fase["id"], to) not in described:
                field = "aan" if dest == "naar_rol" else "aan_instantie"
                yield problem("PG236", (*path, dest), f"deze uitkomst geeft de casus aan "
                              f"{to!r} buiten de gemeente, maar onder 'verstrekkingen' staat "
                              f"geen verstrekking aan {to!r} in deze fase", "beschrijf de "
                              f"verstrekking onder 'verstrekkingen' (met '{field}'): gegevens, "
                              "grondslagen, beslisser en privacytoets")


@rule
def municipal_decisions_stay_municipal(ctx: Context) -> Iterator[Problem]:
    """Forbid an external partner deciding a phase, a weging or a sharing of the gemeente,
    and a sharing 'to a partner' whose receiver is not external."""
    kinds = {rid: role["soort"] for rid, role in ctx.by_id("rollen", "soort").items()}
    deciders = ctx.items("fases", "beslisser") + ctx.items("verstrekkingen", "beslisser")
    deciders += [found for path, _ in ctx.items("fases")
                 for found in ctx.items((*path, "wegingen"), "beslisser")]
    for path, item in deciders:
        if kinds.get(item["beslisser"]) == "extern":
            yield problem("PG222", (*path, "beslisser"), f"de externe partner "
                          f"{item['beslisser']!r} kan niet beslissen namens de gemeente",
                          "kies een rol van de gemeente als beslisser; de partner kan "
                          "'geraadpleegd' zijn")
    for path, share in ctx.items("verstrekkingen", "aan"):
        if kinds.get(share.get("aan", "")) in ("intern", "bestuur"):
            yield problem("PG223", (*path, "aan"), f"de rol {share['aan']!r} hoort bij de "
                          "gemeente; een verstrekking gaat naar een externe partner",
                          "kies een rol met 'soort: extern', of beschrijf de interne "
                          "uitwisseling in de fase zelf")
