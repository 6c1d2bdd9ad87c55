"""The protocol as frozen, typed objects with every reference resolved; no I/O here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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
class Revision:
    """What changed since an earlier version, for the protocol's annex."""

    versie: str
    zinnen: tuple[str, ...]
