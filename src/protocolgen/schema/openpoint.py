"""Open points: where the format lets a value be not yet known or not yet decided, and the
value that stands in its place (checks/openpoints.py finds them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from protocolgen.errors import Path_
from protocolgen.schema.fields import Schema

STATES = {"nog-te-besluiten": "nog niet besloten", "onbekend": "onbekend"}


KEYS = {"open", "toelichting", "wie", "uiterlijk", "soort"}


@dataclass(frozen=True)
class Open:
    """An open point, in the place of the value it stands for."""

    nummer: int
    path: Path_
    plaats: str
    staat: str
    toelichting: str
    wie: str | None = None
    uiterlijk: dt.date | None = None
    soort: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{STATES[self.staat]} (open punt {self.nummer})"

    def __html__(self) -> str:
        """Return the point as a link to its entry in the list of open points (the templates
        escape nothing here: the text is the program's own)."""
        return f'<a class="open" href="#open-punt-{self.nummer}">{self}</a>'


def marked(value: Any) -> bool:
    """Return whether `value` is written as an open point."""
    return isinstance(value, dict) and "open" in value


def may_be_open(field: Schema) -> bool:
    """Return whether the field may hold an open point, as the schema declares it
    (schema/fields.py: texts and dates that nothing else depends on, references to legal
    grounds)."""
    return bool(field.get("meta", {}).get("open"))
