"""Rules about meaning: small named checks that yield problems, each with a stable code.

Every rule is a generator registered with @rule and documented by its one-line docstring
(docs/controles.md says the same for authors). Rules run in the same pass as the shape check,
on every part of the document that can be read; see Context.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from protocolgen.checks.context import Context, rule
from protocolgen.checks.logo import SUFFIXES, unusable
from protocolgen.errors import Path_, Problem, closest, problem
from protocolgen.schema import catalogue
from protocolgen.schema.fields import COLLECTIONS
from protocolgen.schema.protocol import SCHEMA
from protocolgen.schema.walk import walk

NVT = re.compile(r"\s*(n\.?v\.?t\.?|niet van toepassing\.?)\s*", re.IGNORECASE)


@rule
def unique_ids(ctx: Context) -> Iterator[Problem]:
    """Forbid two items with the same id in one collection, and two wegingen with one id."""
    groups = {name: ctx.items(name) for name in COLLECTIONS}
    groups["wegingen"] = [found for path, _ in ctx.items("fases")
                          for found in ctx.items((*path, "wegingen"), "id")]
    for name, members in groups.items():
        seen: dict[str, Path_] = {}
        for path, item in members:
            if item["id"] in seen:
                first = seen[item["id"]]
                yield problem("PG201", (*path, "id"), f"het id {item['id']!r} komt al voor in "
                              f"'{name}' ({ctx.line_of((*first, 'id'))})",
                              "geef elk onderdeel een eigen id")
            seen.setdefault(item["id"], path)


@rule
def references_resolve(ctx: Context) -> Iterator[Problem]:
    """Forbid a reference to an id that is not defined in the collection it points to."""
    known = {name: set(ctx.by_id(name)) for name in COLLECTIONS}
    known["grondslagen"] |= set(catalogue.by_id())
    hints = MAX_HINTS
    for path, field, value in walk({"type": "dict", "schema": SCHEMA}, ctx.document.data):
        target = field.get("meta", {}).get("verwijst_naar")
        if target and isinstance(value, str) and ctx.readable(path) \
                and value not in known[target]:
            where = ".".join(COLLECTIONS[target])
            if target == "grondslagen":
                message = f"{value!r} staat niet in de catalogus en niet onder 'grondslagen'"
                action = ("kies een id uit 'protocolgen grondslagen' of voeg een eigen "
                          "grondslag toe onder 'grondslagen'")
            else:
                message = f"{value!r} is niet gedefinieerd onder '{where}'"
                action = f"gebruik een id uit '{where}' of voeg het daar toe"
            hints -= 1
            yield problem("PG202", path, message, action,
                          hint=closest(value, sorted(known[target])) if hints >= 0 else None)


MAX_HINTS = 100
"""Did-you-mean hints for at most this many dangling references: a typo comes alone, and
thousands of them (a file from elsewhere) would otherwise take seconds to suggest."""


MAX_RETENTION_YEARS = 20
_UNIT_YEARS = {"dag": 1 / 365, "dagen": 1 / 365, "week": 7 / 365, "weken": 7 / 365,
               "maand": 1 / 12, "maanden": 1 / 12, "jaar": 1}


@rule
def retention_is_bounded(ctx: Context) -> Iterator[Problem]:
    """Forbid a retention period longer than 20 years."""
    for path, term in ctx.items("bewaartermijnen", "termijn"):
        count, unit = term["termijn"].split(" ")
        if int(count) * _UNIT_YEARS[unit] > MAX_RETENTION_YEARS:
            yield problem("PG225", (*path, "termijn"), f"een bewaartermijn van "
                          f"{term['termijn']} is langer dan {MAX_RETENTION_YEARS} jaar",
                          f"kies een termijn van hoogstens {MAX_RETENTION_YEARS} jaar; wat "
                          "blijvend bewaard moet worden, krijgt 'actie: overbrengen'")


@rule
def not_applicable_needs_reason(ctx: Context) -> Iterator[Problem]:
    """Forbid a bare 'n.v.t.': say why something does not apply."""
    for path, field, value in walk({"type": "dict", "schema": SCHEMA}, ctx.document.data):
        if field.get("type") == "string" and isinstance(value, str) and NVT.fullmatch(value):
            yield problem("PG217", path, f"{value.strip()!r} zonder reden", "schrijf 'Niet van "
                          "toepassing, omdat …' met de reden")


@rule
def logo_is_a_local_image(ctx: Context) -> Iterator[Problem]:
    """Require the logo to be a usable SVG, PNG or JPEG file inside the protocol's folder."""
    path = ("document", "huisstijl", "logo")
    logo = ctx.get(path)
    if logo is None:
        return
    folder = ctx.document.source.folder.resolve()
    try:
        target = (folder / logo).resolve()
        inside = target.is_relative_to(folder) and not urlsplit(logo).scheme \
            and not Path(logo).is_absolute()
        exists = target.is_file()
        why = unusable(target) if inside and exists and target.suffix.lower() in SUFFIXES \
            else None
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL
        inside, exists, why, target = True, False, None, Path(logo)
    if not inside:
        yield problem("PG219", path, f"het logo {logo!r} staat niet in de map van het protocol",
                      "zet het logo naast het YAML-bestand en geef een relatief pad")
    elif target.suffix.lower() not in SUFFIXES:
        yield problem("PG220", path, f"het logo {logo!r} is geen SVG-, PNG- of JPEG-bestand",
                      "gebruik een .svg-, .png- of .jpg-bestand")
    elif not exists:
        yield problem("PG221", path, f"het logo {logo!r} bestaat niet",
                      "controleer de bestandsnaam")
    elif why:
        yield problem("PG230", path, f"het logo {logo!r} is niet bruikbaar: {why}",
                      "sla het logo opnieuw op als SVG, PNG of JPEG (hoogstens 1 MiB)")
