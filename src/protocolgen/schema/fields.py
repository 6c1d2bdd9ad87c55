"""The shape of a protocol: one declarative Cerberus schema with Dutch descriptions.

Every field carries `meta.beschrijving` (and usually `meta.voorbeeld`); `docs/formaat.md` and the
JSON Schema are generated from it, so the documentation cannot drift from what is checked.
A field whose `meta.verwijst_naar` names a collection holds the id of an item in that collection;
rules.py resolves every such reference generically.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from protocolgen.schema.vocabulary import values

Schema = dict[str, Any]

ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
"""Safe slugs: they become file names and HTML anchors, so nothing else is allowed."""

COLLECTIONS: dict[str, tuple[str, ...]] = {
    "rollen": ("rollen",),
    "grondslagen": ("grondslagen",),
    "gegevens": ("gegevens",),
    "bronnen": ("bronnen",),
    "fases": ("fases",),
    "bewaartermijnen": ("bewaartermijnen",),
    "verstrekkingen": ("verstrekkingen",),
    "risicos": ("dpia", "risicos"),
    "maatregelen": ("dpia", "maatregelen"),
}
"""The id-keyed lists of a protocol, by the name references use, and where they stand."""

CHECKS = ("privacytoets", "weging-en-privacytoets")
"""The kinds of weging that are a privacytoets."""


def text(about: str, example: str | None = None, *, required: bool = True,
         markdown: bool = False, pattern: str | None = None, pattern_nl: str | None = None,
         vast: bool = False, intern: bool = False) -> Schema:
    """Return the schema of a text field; `vast` if files, headers or checks depend on it so
    that it must be known (it cannot be an open point), `intern` if it is not for
    publication."""
    field: Schema = {"type": "string", "required": required, "empty": False,
                     "meta": {"beschrijving": about, "markdown": markdown,
                              **_knowledge(open_=not vast, intern=intern)}}
    if example is not None:
        field["meta"]["voorbeeld"] = example
    if pattern:
        field["regex"] = pattern
        field["meta"]["patroon"] = pattern_nl
    return field


def md(about: str, example: str | None = None, *, required: bool = True) -> Schema:
    """Return the schema of a text field that may hold Markdown."""
    return text(about, example, required=required, markdown=True)


def choice(about: str, words: str, *, required: bool = True) -> Schema:
    """Return the schema of a field that takes one of the values of the vocabulary list
    `words` (schema/vocabulary.py), which gives each its Dutch word."""
    allowed = values(words)
    return {"type": "string", "required": required, "allowed": allowed,
            "meta": {"beschrijving": about, "voorbeeld": allowed[0], "woorden": words,
                     **_knowledge(open_=False)}}


def date(about: str, example: str, *, required: bool = True, vast: bool = False) -> Schema:
    """Return the schema of a date written as JJJJ-MM-DD."""
    return {"type": "date", "required": required,
            "meta": {"beschrijving": about, "voorbeeld": example,
                     **_knowledge(open_=not vast)}}


def _knowledge(*, open_: bool, intern: bool = False) -> Schema:
    """Return what the program knows about a field beyond its shape: whether it may be an
    open point (`open`) and whether it is internal, not for publication (`intern`)."""
    return {"open": open_, "intern": intern}


def fingerprint(about: str) -> Schema:
    """Return the field that records which content an approval was about."""
    return text(f"vingerafdruk van {about}; schrijf hem met 'protocolgen vaststellen' of "
                "'protocolgen advies', niet met de hand", "9f86d081884c7d659a2feaa0c55ad015a3bf"
                "4f1b2b0b822cd15d6c15b0f00a08", required=False, pattern="[0-9a-f]{64}",
                pattern_nl="64 tekens 0-9 en a-f, zoals 'protocolgen vaststellen' die schrijft")


def ident(about: str) -> Schema:
    """Return the schema of the id of an item (it becomes part of a file name: at most 64)."""
    field = text(about, "casusregisseur", pattern=ID_PATTERN, vast=True,
                 pattern_nl="kleine letters, cijfers en losse streepjes (bijvoorbeeld 'fase-1')")
    field["maxlength"] = 64
    return field


def ref(about: str, collection: str, *, required: bool = True) -> Schema:
    """Return the schema of a reference, by id, to an item of `collection`."""
    field = ident(about)
    field["required"] = required
    field["meta"].update(verwijst_naar=collection, voorbeeld=None,
                         open=collection == "grondslagen")
    return field


MAX_ITEMS = 200
"""No list in a protocol needs more; the bound keeps a build's memory and time in check."""


def items(about: str, item: Schema, *, required: bool = True, minimum: int = 1,
          maximum: int = MAX_ITEMS, intern: bool = False) -> Schema:
    """Return the schema of a list whose items all have the shape `item`; `sleutel` names the
    fields that identify an item (for the diff and, later, a merge)."""
    return {"type": "list", "required": required, "minlength": minimum, "maxlength": maximum,
            "schema": item, "meta": {"beschrijving": about, "sleutel": item_identity(item),
                                     **_knowledge(open_=False, intern=intern)}}


def item_identity(item: Schema) -> tuple[str, ...]:
    """Return the fields that identify an item: its id, or its required references (a
    consultation is the source and the role); none for texts and references."""
    fields = item.get("schema", {}) if item.get("type") == "dict" else {}
    if "id" in fields:
        return ("id",)
    return tuple(k for k, f in fields.items() if f.get("meta", {}).get("verwijst_naar")
                 and f.get("required", True))


def texts(about: str, example: str, *, required: bool = True, markdown: bool = False,
          maximum: int = MAX_ITEMS, intern: bool = False) -> Schema:
    """Return the schema of a list of texts."""
    return items(about, text("een regel tekst", example, markdown=markdown), required=required,
                 maximum=maximum, intern=intern)


def refs(about: str, collection: str, *, required: bool = True) -> Schema:
    """Return the schema of a list of references to items of `collection`."""
    return items(about, ref("een id", collection), required=required)


def record(about: str, fields: Schema, *, required: bool = True, check: str | None = None,
           intern: bool = False) -> Schema:
    """Return the schema of a mapping with exactly the keys in `fields`."""
    field: Schema = {"type": "dict", "required": required, "schema": fields,
                     "meta": {"beschrijving": about, **_knowledge(open_=False, intern=intern)}}
    if check:
        field["check_with"] = check
    return field


def number(about: str, example: int, *, required: bool = True) -> Schema:
    """Return the schema of a whole number of at least 1."""
    return {"type": "integer", "required": required, "min": 1,
            "meta": {"beschrijving": about, "voorbeeld": example, **_knowledge(open_=False)}}


CONTACT = {
    "naam": text("naam van het contactpunt of de functie", "Privacyteam gemeente Lindenwaard"),
    "email": text("e-mailadres", "privacy@lindenwaard.nl", required=False,
                  pattern=r"[^@\s]+@[^@\s]+\.[a-z]{2,}", pattern_nl="een e-mailadres"),
    "telefoon": text("telefoonnummer", "14 0577", required=False,
                     pattern=r"[0-9 +()-]{5,20}", pattern_nl="cijfers, spaties, + en -"),
    "adres": text("postadres", "Postbus 100, 7300 AA Lindenwaard", required=False),
}


MAX_SLUG = 64


def slug(text: str) -> str:
    """Return a safe folder name: ASCII letters, digits and hyphens only, at most 64 long
    (cut between words where a word boundary is near)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(name) > MAX_SLUG:
        cut = name[:MAX_SLUG + 1]
        name = cut[:cut.rfind("-")] if cut.rfind("-") > MAX_SLUG // 2 else cut[:MAX_SLUG]
    return name.strip("-") or "protocol"
