"""The metadata file beside the Word file: what DROP's wizard asks for the bekendmaking in the
gemeenteblad (officiële titel, citeertitel, soort regeling, vastgesteld door, datums,
grondslagen with their juriconnect links, the regeling it replaces), from the protocol's
fields. A value the protocol does not give is an open point in the file, never a guess."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from protocolgen.model.types import LegalGround
from protocolgen.schema.openpoint import STATES, Open
from protocolgen.schema.vocabulary import word

if TYPE_CHECKING:
    from protocolgen.model.protocol import Protocol

NAME = "gemeenteblad.json"


def _value(value: Any, key: str) -> Any:
    """Return a value for the file: a date as JJJJ-MM-DD, an open point as one, and a value
    the protocol does not give as an open point that names the key to fill in."""
    if isinstance(value, Open):
        return {"open": STATES[value.staat], "open_punt": value.nummer,
                "toelichting": value.toelichting}
    if value is None:
        return {"open": "ontbreekt", "toelichting": f"staat niet in het protocol; vul "
                f"'{key}' in"}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def metadata(protocol: Protocol) -> dict[str, Any]:
    """Return the metadata of the protocol's bekendmaking, by DROP's questions."""
    document = protocol.document
    adoption = document.get("vaststelling", {})
    kind = document.get("soort_regeling")
    organs = [word(o, "orgaan") for o in document["vastgesteld_door"]]
    grounds = [{"citaat": g.label, "wet": g.wet, "link": g.url}
               for g in protocol.grondslagen if isinstance(g, LegalGround)]
    fields = {
        "officiele_titel": (document["titel"], "document.titel"),
        "citeertitel": (document.get("citeertitel"), "document.citeertitel"),
        "soort_regeling": (word(kind, "soort_regeling") if kind else None,
                           "document.soort_regeling"),
        "datum_vaststelling": (adoption.get("datum"), "document.vaststelling.datum"),
        "inwerkingtreding": (adoption.get("inwerkingtreding"),
                             "document.vaststelling.inwerkingtreding"),
        "kenmerk_besluit": (adoption.get("besluit"), "document.vaststelling.besluit"),
        "vervangt": (adoption.get("vervangt"), "document.vaststelling.vervangt"),
    }
    found = {name: _value(value, key) for name, (value, key) in fields.items()}
    return {
        "bestand": "privacyprotocol.docx",
        "gemeenten": list(protocol.gemeenten),
        "versie": document["versie"],
        "status": document["status"],
        **found,
        "vastgesteld_door": organs,
        "grondslagen": grounds,
        "open": sorted(name for name, value in found.items() if isinstance(value, dict)),
    }


def metadata_file(protocol: Protocol) -> dict[str, bytes]:
    """Return the metadata file by name: JSON, sorted keys, UTF-8."""
    text = json.dumps(metadata(protocol), ensure_ascii=False, indent=2, sort_keys=True,
                      default=str)  # a gap of the public edition as its text
    return {NAME: (text + "\n").encode("utf-8")}
