"""The whole protocol in the model, ready to render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePath

from protocolgen.model.dpia import Dpia
from protocolgen.model.types import (
    Data,
    DataCategory,
    LegalGround,
    Phase,
    Retention,
    Role,
    Sharing,
    Source,
)
from protocolgen.schema.openpoint import Open


@dataclass(frozen=True)
class Origin:
    """Parts taken over from a model and not yet assessed locally: per kind (its heading),
    the names of the parts, in the order of the protocol."""

    model: str
    onderdelen: tuple[tuple[str, tuple[str, ...]], ...]


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
    herkomst: tuple[Origin, ...] = ()
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
