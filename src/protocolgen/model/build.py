"""The model from a checked protocol: typed, frozen objects with every reference resolved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from protocolgen.checks import openpoints
from protocolgen.checks.validate import Checked
from protocolgen.model.dpia import Dpia, Measure, Risk
from protocolgen.model.protocol import Origin, Protocol
from protocolgen.model.types import (
    Access,
    Data,
    DataCategory,
    LegalGround,
    Outcome,
    Phase,
    PhaseRole,
    Retention,
    Role,
    Sharing,
    Source,
    SourceUse,
    Weighing,
)
from protocolgen.schema import catalogue
from protocolgen.schema.dpia import risk_level
from protocolgen.schema.fields import COLLECTIONS
from protocolgen.schema.openpoint import Open
from protocolgen.schema.origin import HEADINGS, KINDS


def from_checked(checked: Checked) -> Protocol:
    """Return the Protocol of a checked protocol that has no errors, every reference resolved
    and every open point in the place of its value."""
    assert checked.document is not None, "a protocol that did not parse has no model"
    data = openpoints.substitute(checked.document.data, list(checked.open_points))
    grounds = _grounds(data)
    sources = {s["id"]: Source(**{**s, "grondslagen": _pick(grounds, s["grondslagen"])})
               for s in data["bronnen"]}
    categories = {c["id"]: DataCategory(**{**c, "bronnen": _pick(sources, c["bronnen"])})
                  for c in data["gegevens"]}
    roles = {r["id"]: _role(r, sources, grounds) for r in data["rollen"]}
    retentions = {r["id"]: Retention(**r) for r in data["bewaartermijnen"]}
    names = {f["id"]: f["naam"] for f in data["fases"]}
    phases = {f["id"]: _phase(i, f, roles, sources, categories, grounds, retentions, names)
              for i, f in enumerate(data["fases"], start=1)}
    checks = {w.id: w for f in phases.values() for w in f.wegingen}
    sharings = tuple(Sharing(**{
        **s, "aan": roles.get(s.get("aan", "")), "fase": phases[s["fase"]],
        "gegevens": _pick(categories, s["gegevens"]),
        "grondslagen": _pick(grounds, s["grondslagen"]), "beslisser": roles[s["beslisser"]],
        "privacytoets": checks.get(s.get("privacytoets", "")), "door": roles[s["door"]],
        "vastleggen": tuple(s["vastleggen"]),
    }) for s in data.get("verstrekkingen", []))
    return Protocol(
        document=data["document"], inleiding=data["inleiding"], reikwijdte=data["reikwijdte"],
        signaalcriteria=data["signaalcriteria"], rechten=data["rechten"],
        beveiliging=data["beveiliging"], grondslagen=tuple(grounds.values()),
        bronnen=tuple(sources.values()), gegevens=tuple(categories.values()),
        rollen=tuple(roles.values()), fases=tuple(phases.values()), verstrekkingen=sharings,
        bewaartermijnen=tuple(retentions.values()), dpia=_dpia(data["dpia"], roles),
        evaluatie_eigenaar=roles[data["document"]["evaluatie"]["eigenaar"]],
        doorverwijzingen=tuple((d["omschrijving"], roles[d["doorverwijzen_naar"]])
                               for d in data["reikwijdte"]["niet_ondermijning"]),
        vingerafdruk=checked.fingerprint, open_punten=checked.open_points,
        werkproces=data.get("werkproces"), herkomst=_origins(data),
    )


def _origins(data: Data) -> tuple[Origin, ...]:
    """Return the parts taken over from a model, per kind, each named as the documents name
    it, in the order of the protocol."""
    named: dict[str, str] = {}
    for kind, path in COLLECTIONS.items():
        if kind in KINDS:
            listed: Any = data
            for step in path:
                listed = listed.get(step, []) if isinstance(listed, dict) else []
            named.update((f"{kind}.{item['id']}", _name(item)) for item in listed)
    for number, phase in enumerate(data["fases"], start=1):
        named[f"fases.{phase['id']}"] = f"{number} {phase['naam']}"
        named.update((f"wegingen.{w['id']}", str(w["naam"])) for w in phase["wegingen"])
    found = []
    for origin in data.get("herkomst", []):
        taken = {str(part) for part in origin["onderdelen"]}
        found.append(Origin(str(origin["model"]), tuple(
            (heading, names) for kind, heading in HEADINGS.items()
            if (names := tuple(name for part, name in named.items()
                               if part in taken and part.startswith(f"{kind}."))))))
    return tuple(found)


def _name(item: Data) -> str:
    return str(next((item[k] for k in ("naam", "titel", "wat") if k in item), item["id"]))


def _grounds(data: Data) -> dict[str, LegalGround]:
    """Return the grounds the protocol cites or adds: cited catalogue entries in the
    catalogue's order, then its own grounds."""
    places = (*data["bronnen"], *data["fases"], *data.get("verstrekkingen", []),
              *data["rollen"])
    cited = {g for place in places for g in place.get("grondslagen", []) if isinstance(g, str)}
    found = {gid: LegalGround.of(entry) for gid, entry in catalogue.by_id().items()
             if gid in cited}
    found.update((g["id"], LegalGround.of(catalogue.complete(g)))
                 for g in data.get("grondslagen", []))
    return found


def _pick(found: Mapping[str, Any], ids: list[Any]) -> tuple[Any, ...]:
    """Return the items with these ids; an open point stands for itself."""
    return tuple(i if isinstance(i, Open) else found[i] for i in ids)


def _role(r: Data, sources: Mapping[str, Source], grounds: Mapping[str, LegalGround]) -> Role:
    lists = ("taken", "wel", "niet", "instrumenten", "signalen", "in_melding", "niet_in_melding")
    return Role(**{**r, **{key: tuple(r.get(key, ())) for key in lists},
                   "grondslagen": _pick(grounds, r.get("grondslagen", [])),
                   "bronnen": tuple(Access(sources[b["bron"]], b["niveau"])
                                    for b in r.get("bronnen", []))})


def _phase(number: int, f: Data, roles: Mapping[str, Role], sources: Mapping[str, Source],
           categories: Mapping[str, DataCategory], grounds: Mapping[str, LegalGround],
           retentions: Mapping[str, Retention], names: Mapping[str, str]) -> Phase:
    return Phase(
        id=f["id"], nummer=number, naam=f["naam"], doel=f["doel"],
        activiteiten=tuple(f["activiteiten"]),
        rollen=tuple(PhaseRole(roles[r["rol"]], r["betrokkenheid"], r["taak"])
                     for r in f["rollen"]),
        gegevens=_pick(categories, f["gegevens"]),
        bronnen=tuple(SourceUse(sources[b["bron"]], b["niveau"], roles[b["rol"]],
                                b.get("criteria")) for b in f.get("bronnen", [])),
        grondslagen=_pick(grounds, f["grondslagen"]),
        wegingen=tuple(Weighing(w["id"], w["soort"], w["naam"], tuple(w["vragen"]),
                                roles[w["beslisser"]]) for w in f["wegingen"]),
        beslisser=roles[f["beslisser"]],
        uitkomsten=tuple(_outcome(u, roles, names) for u in f["uitkomsten"]),
        vastleggen=tuple(f["vastleggen"]), bewaren=_pick(retentions, f["bewaren"]),
        monitoring=f.get("monitoring"),
    )


def _outcome(u: Data, roles: Mapping[str, Role], names: Mapping[str, str]) -> Outcome:
    if "naar_fase" in u:
        return Outcome(u["omschrijving"], "fase", u["naar_fase"], names[u["naar_fase"]])
    if "naar_rol" in u:
        return Outcome(u["omschrijving"], "rol", u["naar_rol"], roles[u["naar_rol"]].naam)
    for key in ("naar_afdeling", "naar_instantie"):
        if key in u:
            return Outcome(u["omschrijving"], key.removeprefix("naar_"), None, u[key])
    return Outcome(u["omschrijving"], "afsluiten")


def _dpia(d: Data, roles: Mapping[str, Role]) -> Dpia:
    scale = d["risicoschaal"]
    risks = {r["id"]: Risk(**r, niveau=risk_level(r["kans"], r["impact"], scale),
                           restniveau=risk_level(r["restkans"], r["restimpact"], scale))
             for r in d["risicos"]}
    measures = tuple(Measure(**{**m, "risicos": _pick(risks, m["risicos"]),
                                "eigenaar": roles[m["eigenaar"]]}) for m in d["maatregelen"])
    return Dpia(tekst=d, eigenaar=roles[d["eigenaar"]], kans=tuple(scale["kans"]),
                impact=tuple(scale["impact"]), risicos=tuple(risks.values()),
                maatregelen=measures, raadpleging=d.get("voorafgaande_raadpleging"))
