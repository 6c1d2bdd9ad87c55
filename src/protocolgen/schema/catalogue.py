"""The catalogue of legal grounds that protocolgen knows: what each provision permits, of what
kind it is, and what it requires beside it. Protocols cite its ids and may add their own grounds;
the rules check kinds and requirements against it. The data is `grondslagen.yaml` in the package,
described in docs/grondslagen.md."""

from __future__ import annotations

import datetime as dt
import functools
from importlib import resources
from typing import Any

from protocolgen.load.yamllib import plain

Entry = dict[str, Any]

KINDS: dict[str, str] = {
    "verwerking": "grond voor de verwerking (AVG art. 6 lid 1)",
    "taak": "wettelijke taak of bevoegdheid waarop de verwerking berust",
    "verenigbaarheid": "toets voor verdere verwerking voor een ander doel",
    "bijzonder": "uitzondering op het verbod op bijzondere persoonsgegevens",
    "strafrechtelijk": "basis voor persoonsgegevens van strafrechtelijke aard",
    "bsn": "wet die het gebruik van het burgerservicenummer voorschrijft",
    "verstrekking": "grond om gegevens te verstrekken aan een ander",
    "opheffing-fiscaal": "opheffing van de fiscale geheimhoudingsplicht",
    "opheffing-politie": "grond om politiegegevens te verstrekken",
    "geheimhouding": "geheimhoudingsplicht",
    "beperking": "beperking of voorwaarde; geeft zelf geen toestemming",
    "rechten": "rechten van betrokkenen en de beperking daarvan",
    "procedure": "procedure, zoals de DPIA, een datalek of een beleidsregel",
}
"""Kinds of legal ground, with the Dutch line that messages and `grondslagen` show."""

SECRECY: dict[str, str] = {
    "fiscaal": "opheffing-fiscaal",
    "politiegegevens": "opheffing-politie",
}
"""Secrecy duties a source can carry, and the kind of ground that lifts each."""

IDENTIFIERS = ("bwb", "celex", "staatsblad")


@functools.cache
def entries() -> tuple[Entry, ...]:
    """Return every entry of the catalogue, in its order (read once a process)."""
    text = resources.files("protocolgen.schema").joinpath("grondslagen.yaml").read_text("utf-8")
    return tuple(plain(text))


@functools.cache
def by_id() -> dict[str, Entry]:
    """Return the catalogue's entries that a protocol may cite, by id (repealed ones left out)."""
    return {e["id"]: e for e in entries() if "vervallen" not in e}


def complete(own: Entry) -> Entry:
    """Return a protocol's own ground completed from the catalogue entry it is 'basis' on."""
    base = by_id().get(own.get("basis", ""), {})
    return {**base, **own, "soort": [*base.get("soort", []), *own.get("soort", [])],
            "vereist": [*base.get("vereist", []), *own.get("vereist", [])]}


def repealed(name: str) -> Entry | None:
    """Return the repealed law that `name` (a law's name or BWB id) refers to, if any."""
    for entry in entries():
        if "vervallen" in entry and (name.lower() in entry["namen"] or name == entry.get("bwb")):
            return entry
    return None


def successor(entry: Entry) -> str:
    """Return '<successor> (sinds d-m-jjjj)' for a repealed law."""
    gone: dt.date = entry["vervallen"]["datum"]
    return f"{entry['vervallen']['opvolger']} (sinds {gone.day}-{gone.month}-{gone.year})"


def national(ground: Entry) -> bool:
    """Return whether a ground is Dutch law (identified by a BWB id or the Staatsblad)."""
    return "bwb" in ground or "staatsblad" in ground


def label(ground: Entry) -> str:
    """Return the citation, e.g. 'art. 6 lid 1 sub e AVG'; a part that is an open point says
    so ('art. 2 onbekend (open punt 3)')."""
    parts = [f"art. {ground['artikel']}"] if ground.get("artikel") else []
    parts += [f"lid {ground['lid']}"] if ground.get("lid") else []
    parts += [f"sub {ground['sub']}"] if ground.get("sub") else []
    return " ".join([*parts, str(ground["wet"])])


def url(ground: Entry) -> str:
    """Return a stable link to the provision (juriconnect, EUR-Lex or Staatsblad); an article
    that is an open point leaves the link at the whole law."""
    if ground.get("bwb") and isinstance(ground.get("artikel"), str):
        return f"https://wetten.overheid.nl/jci1.3:c:{ground['bwb']}&artikel={ground['artikel']}"
    if ground.get("bwb"):
        return f"https://wetten.overheid.nl/{ground['bwb']}"
    if ground.get("celex"):
        return f"https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:{ground['celex']}"
    return f"https://zoek.officielebekendmakingen.nl/stb-{ground['staatsblad']}.html"


def search(words: str = "") -> list[Entry]:
    """Return the citable entries whose id, citation, kinds or description hold every word."""
    wanted = words.lower().split()
    return [e for e in by_id().values()
            if all(w in " ".join([e["id"], label(e), *e["soort"], *e.get("vereist", []),
                                  e["omschrijving"]]).lower()
                   for w in wanted)]


NOTES = """\
## Wat de catalogus bewust niet bevat

De catalogus bevat alleen bepalingen waarvan wet, artikel en vindplaats zijn nagekeken. Deze
zijn weggelaten omdat de indeling per lid niet tegen de wettekst is gecontroleerd; noem ze als
eigen grondslag onder `grondslagen` (met `soort`), of met `basis` als preciezere verwijzing:

- UAVG art. 22-30 (uitzonderingen voor bijzondere persoonsgegevens): noem het artikel en lid
  dat u gebruikt, met `soort: [bijzonder]`.
- De leden van UAVG art. 33: `uavg-33` staat als artikel in de catalogus; noem het lid met
  `basis: uavg-33` en `lid`.
- De bepaling van de Gemeentewet die de fiscale geheimhouding van AWR art. 67 op gemeentelijke
  belastingen van toepassing verklaart, en de uitzonderingen daarop: een grondslag die de
  geheimhouding opheft, is een eigen grondslag met `soort: [opheffing-fiscaal]`.
- De artikelen van de Wet politiegegevens waarop een verstrekking berust: een eigen grondslag
  met `soort: [opheffing-politie]`.
- Gemeentewet art. 125 en 151b-151d, de artikelen van de Omgevingswet en de Alcoholwet, de
  Archiefwet en de Selectielijst: de wetten die wel in de catalogus staan, staan er als geheel.

De datums waarop de vervallen wetten (Wabo, Drank- en Horecawet, Wbp, Wet GBA, Wob) zijn
vervallen, en het BWB-id van de Wabo, zijn niet tegen de wettekst gecontroleerd; ze dienen
alleen om een vervallen wet te herkennen en de opvolger te noemen.
"""


def as_markdown() -> str:
    """Return docs/grondslagen.md: the kinds, then every entry, then what is left out."""
    lines = ["# Grondslagen", "", "protocolgen kent een catalogus van wettelijke grondslagen. "
             "Een protocol noemt ze met hun id, bijvoorbeeld `grondslagen: [avg-6-1-e, "
             "gemeentewet-172]`, en mag eigen grondslagen toevoegen onder `grondslagen` (zie "
             "formaat.md). Zoek in de catalogus met `protocolgen grondslagen [ZOEK]`.", "",
             "Dit bestand wordt gemaakt met `protocolgen grondslagen --markdown -o "
             "docs/grondslagen.md`.", "", "## Soorten", "",
             "Elke grondslag heeft een of meer soorten. De controles (controles.md) eisen per "
             "verwerking een grondslag van de juiste soort, en bij een grondslag die iets "
             "*vereist* een Nederlandse wet van die soort ernaast.", "",
             "| soort | betekenis |", "|---|---|"]
    lines += [f"| `{kind}` | {meaning} |" for kind, meaning in KINDS.items()]
    lines += ["", "## De catalogus", "", "| id | bepaling | soort | vereist daarnaast | "
              "wat de bepaling inhoudt |", "|---|---|---|---|---|"]
    lines += [f"| `{e['id']}` | [{label(e)}]({url(e)}) | {', '.join(e['soort'])} | "
              f"{', '.join(e.get('vereist', [])) or '—'} | {e['omschrijving']} |"
              for e in by_id().values()]
    lines += ["", "## Vervallen wetten", "", "| wet | vervallen sinds | opvolger |",
              "|---|---|---|"]
    lines += [f"| {e['wet']} | {e['vervallen']['datum'].isoformat()} | "
              f"{e['vervallen']['opvolger']} |" for e in entries() if "vervallen" in e]
    return "\n".join([*lines, "", NOTES])


def listing(found: list[Entry]) -> str:
    """Return the entries as text for the terminal: id, citation, kinds, requirements, line."""
    blocks = []
    for e in found:
        lines = [f"{e['id']}  {label(e)}", f"    {e['omschrijving']}",
                 f"    soort: {', '.join(e['soort'])}"]
        if e.get("vereist"):
            lines.append(f"    vereist daarnaast: {', '.join(e['vereist'])}")
        lines.append(f"    {url(e)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""
