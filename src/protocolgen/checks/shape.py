"""The shape check: the schema applied by Cerberus (the only module that imports it), and
each Cerberus error translated into a Dutch problem with a stable code."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

import cerberus
from cerberus import TypeDefinition
from cerberus import errors as ce
from cerberus.schema import DefinitionSchema

from protocolgen.errors import Path_, Problem, closest, problem
from protocolgen.schema.catalogue import IDENTIFIERS
from protocolgen.schema.fields import Schema
from protocolgen.schema.openpoint import may_be_open
from protocolgen.schema.protocol import SCHEMA


def shape_problems(data: dict[str, Any]) -> list[Problem]:
    """Return a problem for every place where `data` does not fit the schema."""
    v = validator()
    v.validate(data, normalize=False)  # the schema has no defaults or coercions to apply
    return [_translate(e) for e in _leaves(v._errors)]


def _leaves(errors: Iterable[ce.ValidationError]) -> Iterator[ce.ValidationError]:
    for err in errors:
        if err.is_group_error:
            yield from _leaves(err.child_errors)
        else:
            yield err


def field_schema(schema_path: tuple[Any, ...]) -> Schema:
    """Return the rules of the field that a Cerberus schema path (minus its rule) points at."""
    node: Any = SCHEMA
    for step in schema_path:
        node = node[step]
    return node if isinstance(node, dict) else {}


def keys_at(path: Path_) -> list[str]:
    """Return the keys the schema allows in the mapping at document path `path`."""
    node: Schema = {"type": "dict", "schema": SCHEMA}
    for step in path:
        node = node["schema"]
        if not isinstance(step, int):
            node = node.get(step, {})
    inner = node.get("schema", {})
    return list(inner) if node.get("type") == "dict" else []


_TYPES = {
    "string": "tekst", "date": "een datum (JJJJ-MM-DD)", "dict": "een verzameling sleutels",
    "list": "een lijst", "integer": "een geheel getal", "boolean": "true of false",
}


_TYPE_ACTIONS = {
    "string": "zet de waarde tussen aanhalingstekens",
    "date": "schrijf de datum als JJJJ-MM-DD, zonder tijd (bijvoorbeeld 2026-03-10)",
    "dict": "zet de onderliggende sleutels ingesprongen onder deze sleutel",
    "list": "zet elk onderdeel op een eigen regel die begint met '- '",
    "integer": "schrijf een geheel getal zonder aanhalingstekens",
    "boolean": "schrijf true of false",
}


_CUSTOM = {
    "one_identifier": ("PG110", "een grondslag heeft precies één van 'bwb', 'celex' en "
                       "'staatsblad' nodig", "geef 'bwb' voor een Nederlandse wet, 'celex' voor "
                       "een Europese regel of 'staatsblad' voor een wet zonder BWB-id"),
    "ground_on_basis": ("PG113", "een grondslag met 'basis' neemt wet en vindplaats uit de "
                        "catalogus over", "verwijder 'wet', 'bwb', 'celex' en 'staatsblad', of "
                        "verwijder 'basis'"),
    "ground_in_full": ("PG113", "een eigen grondslag zonder 'basis' heeft 'wet' en "
                       "'omschrijving' nodig", "vul 'wet' en 'omschrijving' in, of verwijs met "
                       "'basis' naar een id uit de catalogus ('protocolgen grondslagen')"),
    "one_destination": ("PG111", "een uitkomst heeft precies één van 'naar_fase', 'naar_rol', "
                        "'naar_afdeling', 'naar_instantie' en 'afsluiten' nodig",
                        "kies waar deze uitkomst heen leidt"),
    "one_recipient": ("PG114", "een verstrekking heeft precies één van 'aan' en "
                      "'aan_instantie' nodig", "noem de rol die de gegevens ontvangt onder "
                      "'aan', of een instantie zonder rol onder 'aan_instantie'"),
}


_KINDS = [(bool, "true/false"), (int, "een getal"), (float, "een getal"), (str, "tekst"),
          (dt.datetime, "een tijdstip"), (dt.date, "een datum"), (list, "een lijst"),
          (dict, "een verzameling sleutels")]


def _found(value: Any) -> str:
    if value is None:
        return "geen waarde"
    return next((name for kind, name in _KINDS if isinstance(value, kind)), "een andere waarde")


def _shown(value: Any) -> str:
    """Return a user's value for a message, cut short if it is long."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…'"


def _translate(err: ce.ValidationError) -> Problem:
    """Return the Dutch problem for one Cerberus error."""
    path: Path_ = tuple(err.document_path)
    rules_here = field_schema(err.schema_path[:-1])
    about = rules_here.get("meta", {}).get("beschrijving", "").split("; ")[0]
    code, value, constraint = err.code, err.value, err.constraint
    field = path[-1] if path else ""
    if code == ce.UNKNOWN_FIELD.code:
        allowed = keys_at(path[:-1])
        return problem("PG101", path, f"de sleutel {_shown(field)} is hier niet bekend",
                       "verwijder de sleutel of gebruik een van: " + ", ".join(allowed),
                       hint=closest(field, allowed))
    if code == ce.REQUIRED_FIELD.code:
        return problem("PG102", path, f"de verplichte sleutel {field!r} ontbreekt",
                       f"voeg '{field}:' toe ({about})")
    if code == ce.BAD_TYPE.code:
        found = _found(value)
        if constraint == "date" and isinstance(value, str | dt.datetime):
            found = f"{found} {_shown(str(value))}"
        return problem("PG103", path, f"verwacht {_TYPES[constraint]}, gevonden {found}",
                       _TYPE_ACTIONS[constraint])
    if code == ce.NOT_NULLABLE.code:
        return problem("PG104", path, "hier staat geen waarde", f"vul een waarde in ({about})")
    if code == ce.EMPTY_NOT_ALLOWED.code:
        return problem("PG105", path, "de waarde is leeg", f"vul een waarde in ({about})")
    if code == ce.MIN_LENGTH.code:
        item = rules_here.get("schema", {})
        unknown = ("; is het nog niet bekend of besloten, dan telt een open punt ('- open: "
                   "onbekend' met 'toelichting') als onderdeel") if may_be_open(item) else ""
        return problem("PG106", path, f"de lijst heeft {len(value)} onderdelen, minstens "
                       f"{constraint} nodig", f"voeg toe: {about}{unknown}")
    if code == ce.MAX_LENGTH.code and isinstance(value, str):
        return problem("PG112", path, f"de tekst is {len(value)} tekens lang, hoogstens "
                       f"{constraint} toegestaan", "kies een kortere tekst")
    if code == ce.MAX_LENGTH.code:
        return problem("PG112", path, f"de lijst heeft {len(value)} onderdelen, hoogstens "
                       f"{constraint} toegestaan", "verklein de lijst")
    if code == ce.REGEX_MISMATCH.code and isinstance(value, str) and _invisible(value):
        return problem("PG107", path, f"{_shown(value)} bevat een onzichtbaar teken",
                       "typ de waarde opnieuw, zonder het onzichtbare teken")
    if code == ce.REGEX_MISMATCH.code:
        return problem("PG107", path, f"{_shown(value)} heeft niet de juiste vorm",
                       f"gebruik {rules_here['meta']['patroon']}")
    if code == ce.UNALLOWED_VALUE.code:
        return problem("PG108", path, f"{_shown(value)} is geen toegestane waarde",
                       "kies uit: " + ", ".join(map(str, constraint)),
                       hint=closest(value, constraint))
    if code == ce.MIN_VALUE.code:
        return problem("PG109", path, f"{value!r} is te klein",
                       f"gebruik een getal van minstens {constraint}")
    if code == ce.MAX_VALUE.code:
        return problem("PG112", path, f"{value!r} is te groot",
                       f"gebruik een getal van hoogstens {constraint}")
    if code == ce.CUSTOM.code and err.info and err.info[0] in _CUSTOM:
        kind, message, action = _CUSTOM[err.info[0]]
        return problem(kind, path, message, action)
    return problem("PG199", path, f"onverwachte waarde {_shown(value)}",
                   "controleer dit onderdeel met docs/formaat.md")


def _invisible(text: str) -> bool:
    """Return whether `text` holds a character that shows nothing (Unicode category Cf)."""
    return any(unicodedata.category(c) == "Cf" for c in text)


class ShapeValidator(cerberus.Validator):  # type: ignore[misc]
    """Cerberus validator with the few shape checks that need Python."""

    types_mapping: ClassVar[dict[str, TypeDefinition]] = {
        **cerberus.Validator.types_mapping,
        # A timestamp is a datetime, which is a date too; the format has dates only.
        "date": TypeDefinition("date", (dt.date,), (dt.datetime,)),
        # true/false (and YAML 1.1's yes/no) are no numbers, though Python counts them so.
        "integer": TypeDefinition("integer", (int,), (bool,)),
    }

    def _validate_regex(self, pattern: str, field: str, value: Any) -> None:
        """{'type': 'string'}"""
        # Cerberus matches with an appended '$', which lets a trailing newline through; an
        # invisible character (zero-width space, soft hyphen) inside an id or an e-mail
        # address would make it another one that looks the same.
        if isinstance(value, str) and (not re.fullmatch(pattern, value) or _invisible(value)):
            self._error(field, cerberus.errors.REGEX_MISMATCH)

    def _validate_empty(self, empty: bool, field: str, value: Any) -> None:
        """{'type': 'boolean'}"""
        # Blanks are as empty as nothing: ' ' or a zero-width space must not pass as a
        # required text.
        super()._validate_empty(empty, field, "" if isinstance(value, str)
                                and all(c.isspace() or _invisible(c) for c in value) else value)

    def _check_with_own_ground(self, field: str, value: Any) -> None:
        if not isinstance(value, dict):
            return
        found = sum(key in value for key in IDENTIFIERS)
        if "basis" in value:
            if found or "wet" in value:
                self._error(field, "ground_on_basis")
        elif found != 1:
            self._error(field, "one_identifier")
        elif not {"wet", "omschrijving"} <= value.keys():
            self._error(field, "ground_in_full")

    def _check_with_one_recipient(self, field: str, value: Any) -> None:
        if isinstance(value, dict) and ("aan" in value) == ("aan_instantie" in value):
            self._error(field, "one_recipient")

    def _check_with_one_destination(self, field: str, value: Any) -> None:
        if not isinstance(value, dict):
            return
        chosen = [key in value for key in ("naar_fase", "naar_rol", "naar_afdeling",
                                           "naar_instantie")] + [value.get("afsluiten") is True]
        if sum(chosen) != 1:
            self._error(field, "one_destination")


class _CheckedSchema(DefinitionSchema):  # type: ignore[misc]
    """SCHEMA, without Cerberus checking it against its rules once more in every process: that
    check costs three times a validation, and SCHEMA is a constant that the tests check with
    `validator(checked=True)`."""

    def validate(self, schema: Any = None) -> None:
        pass


@functools.cache
def validator(checked: bool = False) -> ShapeValidator:
    """Return the validator for SCHEMA that refuses unknown keys (made once per process);
    `checked` makes Cerberus check SCHEMA itself first, as the tests do."""
    shape = ShapeValidator(allow_unknown=False)
    shape.schema = DefinitionSchema(shape, SCHEMA) if checked else _CheckedSchema(shape, SCHEMA)
    return shape
