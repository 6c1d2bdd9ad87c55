"""The protocol as frozen, typed objects with every reference resolved; no I/O here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from protocolgen.check import openpoints
from protocolgen.check.openpoints import Open
from protocolgen.check.rules.document import risk_level
from protocolgen.load.canonical import fingerprint
from protocolgen.schema import catalogue

Data = Mapping[str, Any]


@dataclass(frozen=True)
class LegalGround:
    """A provision of law the protocol relies on."""

    id: str
    wet: str
    omschrijving: str
    artikel: str | None = None
    lid: str | None = None
    sub: str | None = None
    bwb: str | None = None
    celex: str | None = None
    staatsblad: str | None = None
    historisch: bool = False
    soort: tuple[str, ...] = ()

    @classmethod
    def of(cls, entry: Data) -> LegalGround:
        """Return the ground for a catalogue entry or a completed own ground."""
        optional = {k: entry.get(k) for k in ("artikel", "lid", "sub", "bwb", "celex",
                                               "staatsblad")}
        return cls(entry["id"], entry["wet"], entry["omschrijving"], **optional,
                   historisch=entry.get("historisch", False), soort=tuple(entry.get("soort", ())))

    @property
    def label(self) -> str:
        """Return the citation, e.g. 'art. 6 lid 1 sub e AVG'."""
        return catalogue.label(vars(self))

    @property
    def url(self) -> str:
        """Return a stable link to the provision (juriconnect, EUR-Lex or Staatsblad)."""
        return catalogue.url(vars(self))

    @property
    def wet_url(self) -> str:
        """Return a stable link to the whole law the provision is part of."""
        return catalogue.url({k: v for k, v in vars(self).items() if k != "artikel"})


@dataclass(frozen=True)
class Source:
    """A register or file from which personal data are consulted."""

    id: str
    naam: str
    houder: str
    toegang: str
    grondslagen: tuple[LegalGround, ...]
    beperkingen: str | None = None
    geheimhouding: str | None = None
    openbaar: bool = False
    doel: str | None = None
    verenigbaarheid: str | None = None


@dataclass(frozen=True)
class DataCategory:
    """A category of personal data and where it comes from."""

    id: str
    naam: str
    soort: str
    bronnen: tuple[Source, ...]
    omschrijving: str | None = None


@dataclass(frozen=True)
class Access:
    """A source at a level: hit-no-hit or inhoud."""

    bron: Source
    niveau: str


@dataclass(frozen=True)
class Role:
    """A role in the approach: bestuur, intern or extern."""

    id: str
    naam: str
    soort: str
    team: str
    doel: str
    taken: tuple[str, ...]
    wel: tuple[str, ...]
    niet: tuple[str, ...]
    bronnen: tuple[Access, ...] = ()
    instrumenten: tuple[str, ...] = ()
    partner: str | None = None
    plaatsvervanger: str | None = None
    melden: str | None = None
    melden_aan: str | None = None
    acuut: str | None = None
    signalen: tuple[str, ...] = ()
    in_melding: tuple[str, ...] = ()
    niet_in_melding: tuple[str, ...] = ()
    bevraging: str | None = None
    grondslagen: tuple[LegalGround, ...] = ()
    contact: Data | None = None

    @property
    def extern(self) -> bool:
        """Return whether this is a partner outside the municipality."""
        return self.soort == "extern"


@dataclass(frozen=True)
class Retention:
    """How long one kind of record is kept, and what happens then."""

    id: str
    wat: str
    termijn: str
    start: str
    actie: str
    basis: str
    opslag: str | None = None
    beheerder: str | None = None
    """The id of the role that keeps this record."""


@dataclass(frozen=True)
class Weighing:
    """A weighing moment or privacy check inside a phase."""

    id: str
    soort: str
    naam: str
    vragen: tuple[str, ...]
    beslisser: Role


@dataclass(frozen=True)
class Outcome:
    """Where a phase can lead: another phase, a role, or closing the case."""

    omschrijving: str
    soort: str  # fase, rol, afdeling, instantie or afsluiten
    doel_id: str | None = None
    doel_naam: str | None = None


@dataclass(frozen=True)
class PhaseRole:
    """What one role does in one phase."""

    rol: Role
    betrokkenheid: str
    taak: str


@dataclass(frozen=True)
class SourceUse:
    """A source consulted in a phase, by whom and at which level."""

    bron: Source
    niveau: str
    rol: Role
    criteria: str | None = None


@dataclass(frozen=True)
class Phase:
    """A step 'van signaal naar actie'."""

    id: str
    nummer: int
    naam: str
    doel: str
    activiteiten: tuple[str, ...]
    rollen: tuple[PhaseRole, ...]
    gegevens: tuple[DataCategory, ...]
    bronnen: tuple[SourceUse, ...]
    grondslagen: tuple[LegalGround, ...]
    wegingen: tuple[Weighing, ...]
    beslisser: Role
    uitkomsten: tuple[Outcome, ...]
    vastleggen: tuple[str, ...]
    bewaren: tuple[Retention, ...]
    monitoring: str | None = None


@dataclass(frozen=True)
class Sharing:
    """Personal data provided to a partner, or to an instance that has no role, outside the
    municipality."""

    id: str
    aan: Role | None
    fase: Phase
    gegevens: tuple[DataCategory, ...]
    grondslagen: tuple[LegalGround, ...]
    regeling: str
    beslisser: Role
    toelichting: str
    privacytoets: Weighing | None = None
    aan_instantie: str | None = None
    door: Role | None = None
    vastleggen: tuple[str, ...] = ()

    @property
    def ontvanger(self) -> str:
        """Return the name of who receives the data."""
        return self.aan.naam if self.aan else str(self.aan_instantie)


@dataclass(frozen=True)
class Risk:
    """A risk to data subjects, with its level before and after measures."""

    id: str
    titel: str
    omschrijving: str
    oorzaak: str
    kans: int
    impact: int
    restkans: int
    restimpact: int
    niveau: str
    restniveau: str
    kans_toelichting: str | None = None
    impact_toelichting: str | None = None


@dataclass(frozen=True)
class Measure:
    """A measure against one or more risks."""

    id: str
    titel: str
    omschrijving: str
    soort: str
    risicos: tuple[Risk, ...]
    eigenaar: Role
    status: str
    uiterlijk: dt.date | None = None
    werking: str | None = None


@dataclass(frozen=True)
class Dpia:
    """The data protection impact assessment."""

    tekst: Data
    eigenaar: Role
    kans: tuple[str, ...]
    impact: tuple[str, ...]
    risicos: tuple[Risk, ...]
    maatregelen: tuple[Measure, ...]
    raadpleging: Data | None

    def measures_for(self, risk: Risk) -> list[Measure]:
        """Return the measures that mitigate `risk`."""
        return [m for m in self.maatregelen if risk in m.risicos]

    def nummer(self, item: Risk | Measure) -> str:
        """Return how the DPIA numbers a risk or measure, in the order given: R1 …, M1 …"""
        if isinstance(item, Risk):
            return f"R{self.risicos.index(item) + 1}"
        return f"M{self.maatregelen.index(item) + 1}"


@dataclass(frozen=True)
class RoleView:
    """What is a role's own, for its role card: its phases and decisions, the sources it
    answers for, the records it keeps, the transfers it makes or receives, and the grounds for
    what it does itself."""

    rol: Role
    fases: tuple[tuple[Phase, PhaseRole], ...]
    wegingen: tuple[Weighing, ...]
    beslist_fases: tuple[Phase, ...]
    beantwoordt: tuple[Source, ...]
    """The sources this role answers hit/no-hit questions about."""
    bewaren: tuple[Retention, ...]
    verstrekkingen: tuple[Sharing, ...]
    grondslagen: tuple[LegalGround, ...]
    melden_aan: Role | None
    vraagbaak: tuple[Role, ...]
    """Whom to ask: the roles with a contact that decide in this role's phases or transfers,
    or receive its signals."""


@dataclass(frozen=True)
class Protocol:
    """A whole protocol, ready to render."""

    document: Data
    inleiding: Data
    reikwijdte: Data
    signaalcriteria: Data
    rechten: Data
    beveiliging: Data
    grondslagen: tuple[LegalGround, ...]
    bronnen: tuple[Source, ...]
    gegevens: tuple[DataCategory, ...]
    rollen: tuple[Role, ...]
    fases: tuple[Phase, ...]
    verstrekkingen: tuple[Sharing, ...]
    bewaartermijnen: tuple[Retention, ...]
    dpia: Dpia
    evaluatie_eigenaar: Role
    doorverwijzingen: tuple[tuple[str, Role], ...] = field(default=())
    vingerafdruk: str = ""
    """The fingerprint of the content (canonical.fingerprint)."""
    werkproces: Data | None = None
    open_punten: tuple[Open, ...] = ()
    """What the protocol marks as not yet decided or unknown, in document order."""

    def stale(self, record: str) -> bool:
        """Return whether the approval `record` (vaststelling, fg_advies) was given on other
        content than this."""
        recorded = self.document.get(record, {}).get("vingerafdruk")
        return recorded is not None and recorded != self.vingerafdruk

    @property
    def changed_since_adoption(self) -> bool:
        """Return whether this says it is adopted while its content is not what was adopted."""
        return self.document["status"] == "vastgesteld" and self.stale("vaststelling")

    @property
    def logo(self) -> str | None:
        """Return the logo's file name in the output's assets folder, if there is a logo."""
        logo = self.document.get("huisstijl", {}).get("logo")
        return f"logo{PurePath(logo).suffix.lower()}" if logo else None

    @property
    def gemeenten(self) -> tuple[str, ...]:
        """Return the gemeenten the protocol applies to."""
        return tuple(self.document.get("gemeenten") or (self.document["gemeente"],))

    @property
    def wie(self) -> str:
        """Return whose protocol this is, for headers: 'gemeente Lindenwaard', or the name of
        the samenwerkingsverband of several gemeenten."""
        name = str(self.document["gemeente"])
        return name if "gemeenten" in self.document else f"gemeente {name}"

    def besluit(self, gemeente: str, orgaan: str) -> Data | None:
        """Return the recorded adoption by `orgaan` of `gemeente`: its own besluit, or (for one
        gemeente) the protocol's vaststelling."""
        for taken in self.document.get("besluiten", []):
            if (taken["gemeente"], taken["orgaan"]) == (gemeente, orgaan):
                return taken  # type: ignore[no-any-return]
        if "gemeenten" in self.document:
            return None
        return self.document.get("vaststelling")

    @property
    def wetten(self) -> tuple[tuple[str, str], ...]:
        """Return every law the protocol cites, once, with a link to the whole law."""
        return tuple(dict.fromkeys((g.wet, g.wet_url) for g in self.grondslagen
                                   if isinstance(g, LegalGround)))

    @property
    def datum(self) -> dt.date:
        """Return the date of this version."""
        return self.document["datum"]  # type: ignore[no-any-return]

    def role(self, rid: str | None) -> Role | None:
        """Return the role with id `rid`, if there is one."""
        return next((r for r in self.rollen if r.id == rid), None)

    def view(self, role: Role) -> RoleView:
        """Return what is `role`'s own across the protocol, for its role card."""
        sharings = tuple(s for s in self.verstrekkingen if role in (s.aan, s.beslisser, s.door))
        acts = tuple((f, pr) for f in self.fases for pr in f.rollen if pr.rol is role)
        deciders = (self.role(role.melden_aan),
                    *(d for f, _ in acts
                      for d in (f.beslisser, *(w.beslisser for w in f.wegingen))),
                    *(d for s in sharings for d in (s.door, s.beslisser)))
        contacts = {r.id: r for r in deciders if r and r.contact and r is not role}
        return RoleView(
            rol=role, fases=acts,
            wegingen=tuple(w for f in self.fases for w in f.wegingen if w.beslisser is role),
            beslist_fases=tuple(f for f in self.fases if f.beslisser is role),
            beantwoordt=_unique(u.bron for f in self.fases for u in f.bronnen
                                if u.rol is role and u.niveau == "hit-no-hit"),
            bewaren=tuple(r for r in self.bewaartermijnen if r.beheerder == role.id),
            verstrekkingen=sharings,
            grondslagen=_unique((*role.grondslagen,
                                 *(g for a in role.bronnen for g in a.bron.grondslagen),
                                 *(g for s in sharings for g in s.grondslagen))),
            melden_aan=self.role(role.melden_aan),
            vraagbaak=tuple(contacts.values()),
        )


def _unique(items: Any) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def from_data(data: Data) -> Protocol:
    """Return the Protocol for schema- and rule-valid `data`."""
    points = openpoints.scan(data).points
    original, data = data, openpoints.substitute(data, points)
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
        vingerafdruk=fingerprint(original), open_punten=tuple(points),
        werkproces=data.get("werkproces"),
    )


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
