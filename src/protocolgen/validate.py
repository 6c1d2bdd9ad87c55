"""Check a protocol file: shape with Cerberus, then meaning with the rules; return all problems."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cerberus import errors as ce

from . import rules
from .errors import InvalidProtocol, Path_, Problem, Severity, closest, error
from .loader import Document, load
from .schema import SCHEMA, Schema, validator


@dataclass(frozen=True)
class Report:
    """What checking one file found: the loaded document (if it loaded) and every problem."""

    path: Path
    document: Document | None
    problems: list[Problem]

    def blocking(self, *, strict: bool = False) -> list[Problem]:
        """Return the problems that stop a build: errors, and warnings too when strict."""
        return [p for p in self.problems if strict or p.severity is Severity.FOUT]


def check(path: Path, *, today: dt.date | None = None) -> Report:
    """Load and validate `path`; raise UnreadableInput only when it cannot be read at all."""
    try:
        doc = load(path)
    except InvalidProtocol as err:
        return Report(path, None, err.problems)
    problems = shape_problems(doc.data)
    if not problems:
        problems = list(rules.run(rules.Context(doc.data, doc, today or dt.date.today())))
    located = [_locate(doc, p) for p in problems]
    return Report(path, doc, sorted(located, key=_order))


def shape_problems(data: dict[str, Any]) -> list[Problem]:
    """Return a problem for every place where `data` does not fit the schema."""
    v = validator()
    v.validate(data)
    return [_translate(e) for e in _leaves(v._errors)]


def _order(problem: Problem) -> tuple[int, int]:
    pos = problem.position
    return (pos.line, pos.column) if pos else (0, 0)


def _locate(doc: Document, problem: Problem) -> Problem:
    if problem.position is not None:
        return problem
    on_key = problem.message.startswith(("de sleutel ", "hier staat geen waarde"))
    return replace(problem, position=doc.position(problem.path, key=on_key))


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
    "date": "schrijf de datum als JJJJ-MM-DD, zonder aanhalingstekens",
    "dict": "zet de onderliggende sleutels ingesprongen onder deze sleutel",
    "list": "zet elk onderdeel op een eigen regel die begint met '- '",
    "integer": "schrijf een geheel getal zonder aanhalingstekens",
    "boolean": "schrijf true of false",
}

_CUSTOM = {
    "one_identifier": ("een grondslag heeft precies één van 'bwb', 'celex' en 'staatsblad' "
                       "nodig", "geef 'bwb' voor een Nederlandse wet, 'celex' voor een Europese "
                       "regel of 'staatsblad' voor een wet zonder BWB-id"),
    "one_destination": ("een uitkomst heeft precies één van 'naar_fase', 'naar_rol' en "
                        "'afsluiten' nodig", "kies waar deze uitkomst heen leidt"),
}


def _found(value: Any) -> str:
    if value is None:
        return "geen waarde"
    names = [(bool, "true/false"), (int, "een getal"), (float, "een getal"), (str, "tekst"),
             (dt.date, "een datum"), (list, "een lijst"), (dict, "een verzameling sleutels")]
    return next(name for kind, name in names if isinstance(value, kind))


def _translate(err: ce.ValidationError) -> Problem:
    """Return the Dutch problem for one Cerberus error."""
    path: Path_ = tuple(err.document_path)
    rules_here = field_schema(err.schema_path[:-1])
    about = rules_here.get("meta", {}).get("beschrijving", "")
    code, value, constraint = err.code, err.value, err.constraint
    field = path[-1] if path else ""
    if code == ce.UNKNOWN_FIELD.code:
        allowed = keys_at(path[:-1])
        return error(path, f"de sleutel {field!r} is hier niet bekend",
                     "verwijder de sleutel of gebruik een van: " + ", ".join(allowed),
                     hint=closest(field, allowed))
    if code == ce.REQUIRED_FIELD.code:
        return error(path, f"de verplichte sleutel {field!r} ontbreekt",
                     f"voeg '{field}:' toe ({about})")
    if code == ce.BAD_TYPE.code:
        return error(path, f"verwacht {_TYPES[constraint]}, gevonden {_found(value)}",
                     _TYPE_ACTIONS[constraint])
    if code == ce.NOT_NULLABLE.code:
        return error(path, "hier staat geen waarde", f"vul een waarde in ({about})")
    if code == ce.EMPTY_NOT_ALLOWED.code:
        return error(path, "de waarde is leeg", f"vul een waarde in ({about})")
    if code == ce.MIN_LENGTH.code:
        return error(path, f"de lijst heeft {len(value)} onderdelen, minstens {constraint} nodig",
                     f"voeg toe: {about}")
    if code == ce.REGEX_MISMATCH.code:
        return error(path, f"{value!r} heeft niet de juiste vorm",
                     f"gebruik {rules_here['meta']['patroon']}")
    if code == ce.UNALLOWED_VALUE.code:
        return error(path, f"{value!r} is geen toegestane waarde",
                     "kies uit: " + ", ".join(map(str, constraint)),
                     hint=closest(value, constraint))
    if code == ce.MIN_VALUE.code:
        return error(path, f"{value!r} is te klein", f"gebruik een getal van minstens {constraint}")
    if code == ce.CUSTOM.code and err.info and err.info[0] in _CUSTOM:
        message, action = _CUSTOM[err.info[0]]
        return error(path, message, action)
    return error(path, f"onverwachte waarde {value!r}", "controleer dit onderdeel met "
                 "docs/formaat.md")
