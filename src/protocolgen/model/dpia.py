"""The DPIA in the model: risks with their levels, measures, and how the DPIA numbers them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from protocolgen.model.types import Data, Role


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
