"""Where parts of a protocol come from: the parts a protocol took over from a model (the CCV
Modelprotocol, a regional base) that the gemeente has not yet assessed for itself. The
documents list them for the FG and the college until the gemeente removes them here."""

from __future__ import annotations

import re

from protocolgen.schema.fields import Schema, items, record, text, texts

KINDS = {"fases": "fase", "wegingen": "weging", "rollen": "rol", "bronnen": "bron",
         "gegevens": "gegevenscategorie", "bewaartermijnen": "bewaartermijn",
         "verstrekkingen": "verstrekking", "risicos": "risico", "maatregelen": "maatregel"}
"""The kinds of part that can be taken over, by the list they stand in, and their word."""
HEADINGS = {"fases": "Fases", "wegingen": "Wegingen en privacytoetsen", "rollen": "Rollen",
            "bronnen": "Bronnen", "gegevens": "Gegevens", "bewaartermijnen": "Bewaartermijnen",
            "verstrekkingen": "Verstrekkingen", "risicos": "Risico's",
            "maatregelen": "Maatregelen"}
"""How the documents head the parts of each kind (docs/vaste-teksten.md)."""
PART = re.compile(r"(?P<lijst>[a-z]+)\.(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)")
"""How a part is named: its list and its id, such as 'wegingen.w1'."""

FIELDS: Schema = {
    "herkomst": items(
        "onderdelen die uit een model zijn overgenomen en die de gemeente nog niet zelf heeft "
        "beoordeeld; haal een onderdeel hier weg zodra het beoordeeld is", record("een model", {
            "model": text("het model waaruit de onderdelen komen",
                          "het CCV Modelprotocol ondermijning", vast=True),
            "onderdelen": texts("de overgenomen onderdelen, elk als 'lijst.id': "
                                + ", ".join(KINDS) + " (bijvoorbeeld 'wegingen.w1')",
                                "wegingen.w1"),
        }), required=False),
}
