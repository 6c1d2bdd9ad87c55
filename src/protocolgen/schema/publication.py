"""Publication: which values are internal (not for the public edition), as the schema declares
them (`meta.intern`) and as a protocol adds to or takes from that under `publicatie`, and the
value that stands in the place of an internal one in the public edition (Withheld)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from protocolgen.errors import Path_
from protocolgen.schema.fields import Schema, items, md, record, text, texts

GAP = "zie de interne versie"
"""The fixed text in the place of an internal value (docs/vaste-teksten.md)."""

FIELDS: Schema = {
    "publicatie": record("wat de openbare editie (gemeenteblad, website) wel en niet bevat", {
        "dpia": {"type": "boolean", "required": False, "meta": {
            "beschrijving": "true als de gemeente ook de DPIA openbaar maakt (zonder het "
                            "interne deel)", "voorbeeld": False}},
        "intern": texts("velden die deze gemeente niet publiceert, naast die het formaat intern "
                        "noemt: het pad zonder nummers, zoals 'document.fg_advies'",
                        "document.fg_advies", required=False),
        "openbaar": items("velden die het formaat intern noemt maar die deze gemeente wel "
                          "publiceert, elk met de reden", record("een veld", {
                              "veld": text("het pad van het veld, zoals 'rollen.contact'",
                                           "rollen.contact"),
                              "reden": md("waarom dit openbaar mag",
                                          "De contactgegevens zijn algemene functieadressen."),
                          }), required=False),
    }, required=False),
}


@dataclass(frozen=True)
class Withheld:
    """An internal value, in its place in the public edition: it says that it is left out."""

    wat: str

    def __str__(self) -> str:
        return f"{self.wat}: {GAP}"

    def __html__(self) -> str:
        """Return the gap as the program's own text (nothing here comes from the protocol)."""
        return f'<span class="intern">{self}</span>'


def field_at(schema: Schema, dotted: str) -> Schema | None:
    """Return the field at a path without numbers ('rollen.contact'), or None."""
    field: Schema = {"type": "dict", "schema": schema}
    for step in dotted.split("."):
        while field.get("type") == "list":
            field = field["schema"]
        if field.get("type") != "dict" or step not in field["schema"]:
            return None
        field = field["schema"][step]
    return field


def can_withhold(field: Schema) -> bool:
    """Return whether a field can be left out of the public edition with a gap in its place:
    a text or date that may be open (nothing depends on it), or a list or record whose
    required contents all can (no id, reference, choice or number)."""
    meta = field.get("meta", {})
    if field.get("type") in ("string", "date"):
        return bool(meta.get("open")) and not meta.get("verwijst_naar")
    if field.get("type") == "list":
        return can_withhold(field["schema"])
    if field.get("type") == "dict":
        return all(can_withhold(sub) for sub in field["schema"].values()
                   if sub.get("required", True))
    return False


def declared(schema: Schema, prefix: str = "") -> Iterator[str]:
    """Yield the path of every field the format marks internal, in schema order."""
    for key, field in schema.items():
        dotted = f"{prefix}{key}"
        if field.get("meta", {}).get("intern"):
            yield dotted
            continue
        inner = field
        while inner.get("type") == "list":
            inner = inner["schema"]
        if inner.get("type") == "dict":
            yield from declared(inner["schema"], f"{dotted}.")


def internal_paths(schema: Schema, data: Mapping[str, Any]) -> frozenset[str]:
    """Return the paths (without numbers) that are internal for this protocol: the format's,
    plus those it adds under `publicatie.intern`, less those under `publicatie.openbaar`."""
    own = data.get("publicatie", {}) if isinstance(data.get("publicatie"), dict) else {}
    extra = {p for p in own.get("intern", []) if isinstance(p, str)}
    public = {e.get("veld") for e in own.get("openbaar", []) if isinstance(e, dict)}
    return frozenset((set(declared(schema)) | extra) - public)


def dotted(path: Path_) -> str:
    """Return a value's path without its list numbers: ('rollen', 3, 'contact') becomes
    'rollen.contact'."""
    return ".".join(step for step in path if isinstance(step, str))


def label(field: Schema, key: str) -> str:
    """Return what a gap calls the value left out: the field's description, up to a ';' or
    '(' , or its key."""
    about = str(field.get("meta", {}).get("beschrijving", key))
    return about.split(";")[0].split(" (")[0].strip() or key


def gap_texts(schema: Schema) -> list[str]:
    """Return the texts a gap can show: one per field the format marks internal, and the
    form for a field a protocol adds (docs/vaste-teksten.md)."""
    shown = [str(Withheld(label(field_at(schema, p) or {}, p))) for p in declared(schema)]
    return [*shown, f"(de beschrijving van het veld): {GAP}"]
