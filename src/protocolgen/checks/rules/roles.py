"""Rules about roles: the sources a role may use, a privacytoets before using them, partners
that are external, cards with a reachable contact, outcomes that lead forward."""

from __future__ import annotations

from collections.abc import Iterator

from protocolgen.checks.context import Context, Data, rule
from protocolgen.errors import Problem, problem
from protocolgen.schema.fields import CHECKS


@rule
def roles_may_use_their_sources(ctx: Context) -> Iterator[Problem]:
    """Forbid a role consulting a source in a phase beyond what its role allows."""
    rank = {"hit-no-hit": 1, "inhoud": 2}
    roles = ctx.by_id("rollen", "bronnen")
    for fase_path, _ in ctx.items("fases"):
        for path, use in ctx.items((*fase_path, "bronnen"), "bron", "niveau", "rol"):
            if use["rol"] not in roles:
                continue  # an unknown or unreadable role is reported elsewhere
            allowed = {b["bron"]: rank[b["niveau"]]
                       for b in roles[use["rol"]].get("bronnen", [])}
            if allowed.get(use["bron"], 0) < rank[use["niveau"]]:
                yield problem("PG212", path, f"de rol {use['rol']!r} mag de bron "
                              f"{use['bron']!r} niet op niveau {use['niveau']!r} raadplegen",
                              f"voeg de bron met dat niveau toe bij de rol {use['rol']!r} of "
                              "laat een andere rol de bron raadplegen")


@rule
def source_use_needs_privacy_check(ctx: Context) -> Iterator[Problem]:
    """Require a privacytoets in every phase that consults a source, except for a public
    source consulted within criteria fixed in policy (CCV step 2); such criteria apply to
    public sources only."""
    public = {sid for sid, s in ctx.by_id("bronnen", "openbaar").items() if s.get("openbaar")}
    for path, fase in ctx.items("fases", "bronnen", "wegingen"):
        uses = ctx.items((*path, "bronnen"), "bron", "criteria")
        for use_path, use in uses:
            if "criteria" in use and use["bron"] not in public:
                yield problem("PG240", (*use_path, "criteria"), f"de bron {use['bron']!r} is "
                              "niet openbaar; criteria uit beleid vervangen alleen bij een "
                              "openbare bron de privacytoets", "verwijder 'criteria' en voeg "
                              "een privacytoets toe, of zet 'openbaar: true' bij een bron die "
                              "dat is")
        checked = any(w["soort"] in CHECKS for w in fase["wegingen"])
        exempt = all("criteria" in use and use["bron"] in public for _, use in uses)
        if fase.get("bronnen") and not checked and not exempt:
            yield problem("PG213", (*path, "bronnen"), "in deze fase worden bronnen "
                          "geraadpleegd zonder privacytoets", "voeg onder 'wegingen' een "
                          "weging met soort 'privacytoets' toe, of raadpleeg alleen openbare "
                          "bronnen binnen criteria uit beleid ('criteria')")


@rule
def partners_are_external(ctx: Context) -> Iterator[Problem]:
    """Require 'partner' on every external role and forbid it on the others."""
    for path, role in ctx.items("rollen", "soort", "partner"):
        if role["soort"] == "extern" and "partner" not in role:
            yield problem("PG215", (*path, "soort"), "een externe rol heeft 'partner' nodig",
                          "voeg 'partner:' toe (riec, politie, om, belastingdienst, lbb, mma "
                          "of anders)")
        elif role["soort"] != "extern" and "partner" in role:
            yield problem("PG216", (*path, "partner"), "alleen een externe rol is een partner",
                          "verwijder 'partner' of zet 'soort: extern'")


def _reachable(role: Data | None) -> bool:
    contact = (role or {}).get("contact") or {}
    return isinstance(contact, dict) and bool(contact.keys() & {"telefoon", "email"})


@rule
def cards_name_a_reachable_contact(ctx: Context) -> Iterator[Problem]:
    """Warn when a role card cannot say whom to call: a role that reports signals needs
    'melden_aan' with a role that has a phone number or e-mail address, and a role that
    answers hit/no-hit questions about a source needs such a contact itself."""
    roles = ctx.by_id("rollen", "contact")
    for path, role in ctx.items("rollen", "melden", "melden_aan", "contact"):
        receiver = role.get("melden_aan")
        if receiver is not None and receiver not in roles:
            continue  # an unknown receiver, or one whose contact cannot be read, is reported
        if "melden" in role and not _reachable(roles.get(receiver or "")):
            yield problem("PG308", (*path, "melden"), f"de rolkaart van {role['id']!r} zegt "
                          "niet wie signalen ontvangt en hoe die bereikbaar is", "zet "
                          "'melden_aan' op de rol die signalen ontvangt, met 'contact' met een "
                          "telefoonnummer of e-mailadres")
    for fase_path, _ in ctx.items("fases"):
        for path, use in ctx.items((*fase_path, "bronnen"), "niveau", "rol"):
            if use["niveau"] == "hit-no-hit" and use["rol"] in roles \
                    and not _reachable(roles[use["rol"]]):
                yield problem("PG308", (*path, "rol"), f"de rol {use['rol']!r} beantwoordt "
                              "hit/no-hit-vragen maar heeft geen telefoonnummer of e-mailadres",
                              f"voeg bij de rol {use['rol']!r} 'contact' toe met 'telefoon' of "
                              "'email'")


@rule
def outcomes_lead_forward(ctx: Context) -> Iterator[Problem]:
    """Forbid an outcome that leads back to its own phase or an earlier one (a cycle)."""
    order = {fid: i for i, fid in enumerate(ctx.by_id("fases"))}
    for fase_path, fase in ctx.items("fases"):
        for path, outcome in ctx.items((*fase_path, "uitkomsten"), "naar_fase"):
            target = outcome.get("naar_fase")
            if target == fase["id"]:
                yield problem("PG218", (*path, "naar_fase"), "deze uitkomst leidt naar "
                              "dezelfde fase", "kies een volgende fase, een rol of 'afsluiten'")
            elif target in order and order[target] < order[fase["id"]]:
                yield problem("PG218", (*path, "naar_fase"), f"deze uitkomst leidt terug naar "
                              f"de eerdere fase {target!r}", "kies een volgende fase, een rol "
                              "of 'afsluiten'; fases staan in de volgorde waarin een casus ze "
                              "doorloopt")
