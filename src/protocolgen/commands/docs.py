"""Derive the JSON Schema (for editors) and the format documentation (for authors) from SCHEMA."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from protocolgen.errors import CODES
from protocolgen.render.markdown import escape_markdown
from protocolgen.schema.catalogue import KINDS
from protocolgen.schema.fields import COLLECTIONS, Schema
from protocolgen.schema.openpoint import STATES, may_be_open
from protocolgen.schema.origin import HEADINGS
from protocolgen.schema.protocol import SCHEMA
from protocolgen.schema.publication import gap_texts
from protocolgen.schema.vocabulary import VOCABULARY, word

_JSON_TYPES = {"string": "string", "date": "string", "integer": "integer",
               "boolean": "boolean", "dict": "object", "list": "array"}


def json_schema() -> dict[str, Any]:
    """Return a draft-07 JSON Schema equivalent to SCHEMA's shape rules."""
    root = _json_field({"type": "dict", "schema": SCHEMA, "meta": {
        "beschrijving": "Privacyprotocol voor de bestuurlijke aanpak van ondermijning"}})
    return {"$schema": "http://json-schema.org/draft-07/schema#",
            "$id": "https://protocolgen.invalid/protocol.schema.json",
            "title": "protocolgen-protocol", **root, "definitions": {"openPunt": _OPEN}}


_OPEN = {
    "type": "object",
    "description": "open punt: een waarde die nog niet is besloten of niet bekend is",
    "properties": {
        "open": {"type": "string", "enum": list(STATES),
                 "errorMessage": "kies nog-te-besluiten of onbekend"},
        "toelichting": {"type": "string", "minLength": 1,
                        "description": "wat er open is en waarom"},
        "wie": {"type": "string", "minLength": 1, "description": "wie erover besluit"},
        "uiterlijk": {"type": "string", "format": "date",
                      "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                      "description": "uiterlijk wanneer"},
        "soort": {"type": "array", "items": {"type": "string", "enum": list(KINDS)},
                  "description": "soorten grondslag waarvoor dit open punt staat"},
    },
    "required": ["open", "toelichting"],
    "additionalProperties": False,
}
"""An open point, which any text, date or legal ground may be instead (openpoints.py)."""


def json_schema_text() -> str:
    """Return the JSON Schema as stable, readable text."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _json_field(field: Schema) -> dict[str, Any]:
    out = _json_value(field)
    if not may_be_open(field):
        return out
    return {"description": out.get("description", ""),
            "anyOf": [out, {"$ref": "#/definitions/openPunt"}]}


def _json_value(field: Schema) -> dict[str, Any]:
    meta = field.get("meta", {})
    out: dict[str, Any] = {"type": _JSON_TYPES[field["type"]]}
    if "beschrijving" in meta:
        out["description"] = _describe(field)
    if meta.get("voorbeeld") is not None:
        out["examples"] = [meta["voorbeeld"]]
    if field["type"] == "date":
        out.update(format="date", pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                   errorMessage="schrijf een datum als JJJJ-MM-DD")
    if "allowed" in field:
        out["enum"] = field["allowed"]
        out["enumDescriptions"] = [word(v, field["meta"]["woorden"]) for v in field["allowed"]]
        out["errorMessage"] = "kies uit: " + ", ".join(map(str, field["allowed"]))
    if "regex" in field:
        out["pattern"] = f"^(?:{field['regex']})$"
        out["errorMessage"] = f"schrijf {meta.get('patroon') or 'een waarde in de juiste vorm'}"
    if field.get("empty") is False and field["type"] == "string":
        out["minLength"] = 1
    if "maxlength" in field and field["type"] == "string":
        out["maxLength"] = field["maxlength"]
    if "min" in field:
        out["minimum"] = field["min"]
    if field["type"] == "dict":
        out["properties"] = {k: _json_field(v) for k, v in field["schema"].items()}
        out["required"] = [k for k, v in field["schema"].items() if v.get("required")]
        out["additionalProperties"] = False
    if field["type"] == "list":
        out["items"] = _json_field(field["schema"])
        if field.get("minlength"):
            out["minItems"] = field["minlength"]
        if "maxlength" in field:
            out["maxItems"] = field["maxlength"]
    return out


def _describe(field: Schema) -> str:
    meta = field["meta"]
    text = meta["beschrijving"]
    if meta.get("verwijst_naar"):
        text += f" (id uit '{'.'.join(COLLECTIONS[meta['verwijst_naar']])}')"
    if meta.get("markdown"):
        text += " (Markdown toegestaan)"
    return str(text)


def _type_nl(field: Schema) -> str:
    meta = field.get("meta", {})
    kind = field["type"]
    if meta.get("verwijst_naar"):
        return f"id uit `{'.'.join(COLLECTIONS[meta['verwijst_naar']])}`"
    if "allowed" in field:
        return "keuze: " + ", ".join(f"`{a}`" for a in field["allowed"])
    if kind == "list":
        return "lijst van " + _type_nl(field["schema"])
    names = {"string": "Markdown-tekst" if meta.get("markdown") else "tekst",
             "date": "datum (JJJJ-MM-DD)", "integer": "geheel getal", "boolean": "true/false",
             "dict": "onderdelen"}
    return names[kind] + (f" ({meta['patroon']})" if meta.get("patroon") else "")


def _rows(schema: Schema, prefix: str, samples: list[Any]) -> Iterator[str]:
    """Yield a table row per field; `samples` are the example's mappings at this place."""
    for key, field in schema.items():
        path, is_list = f"{prefix}{key}", field["type"] == "list"
        values = [s[key] for s in samples if isinstance(s, dict) and key in s  # as the schema
                  and (isinstance(s[key], list) and bool(s[key]) if is_list else True)]
        intern = " **(intern)**" if field["meta"].get("intern") else ""
        yield (f"| `{path}` | {_type_nl(field)} | {'ja' if field.get('required') else 'nee'} "
               f"| {field['meta']['beschrijving']}{intern} | {_example(field, values)} |")
        inner = field["schema"] if is_list else field
        if inner.get("type") == "dict":
            nested = [item for v in values for item in v] if is_list else values
            yield from _rows(inner["schema"], f"{path}[]." if is_list else f"{path}.", nested)


def _example(field: Schema, values: list[Any]) -> str:
    """Return the schema's example, else a value from the example protocol, as text."""
    inner = field["schema"] if field["type"] == "list" else field
    if inner.get("type") == "dict":
        return "zie de velden hieronder"
    example = inner.get("meta", {}).get("voorbeeld")
    if example is None and values:
        example = values[0][0] if field["type"] == "list" else values[0]
    if example is None:
        return ""
    if hasattr(example, "isoformat") or inner["type"] == "date":
        return f"`{example if isinstance(example, str) else example.isoformat()}`"
    text = json.dumps(example, ensure_ascii=False).replace("|", "\\|")
    return f"`{text[:90] + '…' if len(text) > 90 else text}`"


def format_docs(sample: dict[str, Any]) -> str:
    """Return docs/formaat.md from SCHEMA, with examples taken from `sample` where needed."""
    lines = [
        "# Het protocolformaat",
        "",
        "Dit bestand wordt gemaakt met `protocolgen docs -o docs/formaat.md` uit het schema dat",
        "protocolgen zelf gebruikt, met voorbeelden uit `protocols/lindenwaard.yaml`; de tests",
        "controleren dat het bijgewerkt is. Pas het dus niet met de hand aan.",
        "",
        "`[]` in een pad betekent: elk onderdeel van de lijst. Een veld met *id uit …* verwijst",
        "naar het `id` van een onderdeel in die lijst. Onbekende sleutels zijn een fout.",
        "Uitleg over de controles staat in [controles.md](controles.md).",
        "",
        "**Open punten.** Wat nog niet is besloten of niet bekend is, vul je niet in met een",
        "verzonnen waarde. Elke tekst, elke datum (behalve gemeente, titel, versie en datum van",
        "het document) en elk onderdeel van een lijst grondslagen mag in plaats van een waarde",
        "een open punt zijn:",
        "",
        "```yaml",
        "datum:",
        "  open: nog-te-besluiten   # of: onbekend",
        "  toelichting: Het college besluit hierover na het advies van de FG.",
        "  wie: het college          # verplicht bij nog-te-besluiten",
        "  uiterlijk: 2027-03-01     # mag weg",
        "```",
        "",
        "In een lijst grondslagen zegt `soort` voor welke soort grondslag het open punt staat",
        "(zie [grondslagen.md](grondslagen.md)). `validate` waarschuwt per open punt (PG307) en",
        "`--strict` laat het falen; de documenten tonen het als open punt en zetten alle open",
        "punten in het hoofdstuk *Openstaande punten*.",
        "",
        "**Intern.** Een veld met **(intern)** komt niet in de openbare editie (`build --editie",
        "publiek`, zie [publiceren.md](publiceren.md)); `publicatie` zegt wat nog meer intern is.",
        "",
    ]
    for key, field in SCHEMA.items():
        lines += [f"## `{key}`", "", field["meta"]["beschrijving"].capitalize() + ".", "",
                  "| veld | soort | verplicht | betekenis | voorbeeld |",
                  "|---|---|---|---|---|"]
        inner = field["schema"] if field["type"] == "list" else field
        prefix = f"{key}[]." if field["type"] == "list" else f"{key}."
        value = sample.get(key)
        lines += list(_rows(inner["schema"], prefix, value if isinstance(value, list) else [value]))
        lines.append("")
    return "\n".join(lines)


def codes_docs() -> str:
    """Return docs/meldingen.md: every problem code with its severity and meaning."""
    groups = [("PG0", "Het bestand lezen"), ("PG1", "De vorm (zie formaat.md)"),
              ("PG2", "De betekenis (zie controles.md)"), ("PG3", "Waarschuwingen")]
    lines = ["# Meldingen", "", "Elke melding van `protocolgen validate` en `protocolgen build` "
             "eindigt met een vaste code, zoals `[PG202]`. Een code verandert nooit van "
             "betekenis, zodat andere programma's (CI, een editor, een dashboard) op de code "
             "kunnen filteren in plaats van op de tekst. In `--format json` staat de code in het "
             "veld `code`.", "", "Dit bestand wordt gemaakt met `protocolgen codes -o "
             "docs/meldingen.md`.", ""]
    for prefix, title in groups:
        lines += [f"## {title}", "", "| code | ernst | betekenis |", "|---|---|---|"]
        lines += [f"| `{code}` | {severity.value} | {meaning} |"
                  for code, (severity, meaning) in CODES.items() if code.startswith(prefix)]
        lines.append("")
    return "\n".join(lines)


PROGRAM_TEXTS = {
    "het procesoverzicht (diagrams.py)": [
        "Procesoverzicht van signaal naar actie", "Fase", "Naar", "Afsluiten:"],
    "de risicomatrix (diagrams.py)": [
        "Risicomatrix vóór maatregelen", "Risicomatrix na maatregelen", "kans", "impact",
        "laag", "midden", "hoog"],
    "een open punt (openpoints.py)": [f"{state} (open punt N)" for state in STATES.values()],
    "de openbare editie (schema/publication.py)": gap_texts(SCHEMA),
    "overgenomen uit een model (schema/origin.py)": list(HEADINGS.values()),
    "datums (render.py)": ["januari", "februari", "maart", "april", "mei", "juni", "juli",
                           "augustus", "september", "oktober", "november", "december"],
}
"""Texts that the program itself writes into documents, outside the templates."""


def fixed_texts() -> dict[str, list[str]]:
    """Return every text the documents can contain that does not come from the protocol: per
    template its sentences and labels (text between tags, visible attributes, quoted strings
    that contain a space or a capital), the stylesheet's generated text, and the program's
    own texts; in order of appearance, without repeats."""
    import html

    from protocolgen.render.env import lex
    from protocolgen.shipped import PREVIEW, templates_dir

    found: dict[str, list[str]] = {}
    for template in sorted(templates_dir().glob("*.j2")):
        if template.name == PREVIEW:  # the preview's banner, in no document
            continue
        parts, strings = [], []
        for _, kind, value in lex(template.read_text(encoding="utf-8")):
            if kind == "data":
                parts.append(value)
            elif kind in ("variable_begin", "block_begin"):
                parts.append("\x01")
            if kind == "string" and re.search(r"\s|[A-ZÀ-Ý]", value[1:-1]):
                strings.append(value[1:-1])
        source = "".join(parts)
        shown = re.findall(r'(?:alt|title|aria-label)="([^"\x01]*)', source)
        between = re.sub(r"<[^>]*>", "\x01", source).split("\x01")
        found[template.name] = _distinct(html.unescape(t) for t in [*between, *shown, *strings])
    css = (templates_dir() / "print.css").read_text(encoding="utf-8")
    found["print.css"] = _distinct(text for rule in re.findall(r"content:([^;}]*)", css)
                                   for text in re.findall(r'"([^"]*)"', rule))
    found["schema/vocabulary.py"] = _distinct(
        text for words in VOCABULARY.values() for word in words.values()
        for text in ([word] if isinstance(word, str) else word.values()))
    found.update(PROGRAM_TEXTS)
    return found


def _distinct(texts: Iterator[str] | list[str]) -> list[str]:
    """Return the texts with letters in them, whitespace collapsed, each once."""
    kept = (" ".join(t.split()) for t in texts)
    return list(dict.fromkeys(t for t in kept if re.search(r"[A-Za-zÀ-ÿ]", t)))


def fixed_texts_docs() -> str:
    """Return docs/vaste-teksten.md: every text the documents can hold beside the protocol's."""
    lines = ["# Vaste teksten", "",
             "Alles wat in de documenten staat, komt uit het protocol (de YAML), uit de catalogus "
             "van grondslagen ([grondslagen.md](grondslagen.md)) of uit deze lijst. Deze lijst "
             "bevat elke tekst die de sjablonen en het programma zelf toevoegen: koppen, "
             "labels en zinnen met een gat waar een waarde uit het protocol komt. Geen van deze "
             "teksten stelt een feit over de gemeente vast; wat de gemeente doet, staat in de "
             "YAML. De FG kan zo in één lijst nagaan wat protocolgen zelf zegt.", "",
             "Dit bestand wordt gemaakt met `protocolgen docs --vaste-teksten -o "
             "docs/vaste-teksten.md`; een test controleert dat het bijgewerkt is, en een andere "
             "dat een protocol waarvan elke tekst een merkteken is, documenten geeft met alleen "
             "merktekens en woorden uit deze lijst.", ""]
    for source, texts in fixed_texts().items():
        lines += [f"## {source}", ""]
        lines += [f"- {escape_markdown(t)}" for t in texts]
        lines.append("")
    return "\n".join(lines)

