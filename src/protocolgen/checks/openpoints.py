"""Open points: values the author does not know, or the gemeente has not decided yet, marked as
such instead of invented. Any text or date (and any item of a list of legal grounds) may be

    open: nog-te-besluiten | onbekend
    toelichting: what is open and why
    wie: who decides (for nog-te-besluiten)
    uiterlijk: by when (optional)
    soort: [kinds of legal ground it stands for] (only in a list of grounds)

Validation warns about each one; the documents print it as what it is and list them all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from protocolgen.errors import Path_, Problem, problem
from protocolgen.schema.catalogue import KINDS
from protocolgen.schema.fields import Schema
from protocolgen.schema.openpoint import KEYS, STATES, Open, marked, may_be_open
from protocolgen.schema.protocol import SCHEMA
from protocolgen.schema.walk import quoted_date, walk


@dataclass(frozen=True)
class Scan:
    """What a protocol marks as open: the well-formed points, the problems (one warning per
    point, errors for malformed ones) and every marked path, well-formed or not."""

    points: list[Open]
    problems: list[Problem]
    marked: frozenset[Path_]


def scan(data: Mapping[str, Any]) -> Scan:
    """Return the open points of `data`, numbered in document order."""
    points: list[Open] = []
    found: list[Problem] = []
    marks: set[Path_] = set()
    for path, field, value in walk({"type": "dict", "schema": SCHEMA}, data):
        if not marked(value):
            continue
        marks.add(path)
        if not may_be_open(field):
            found.append(problem("PG239", path, "hier kan geen open punt staan: een keuze, id "
                                 "of verwijzing moet bekend zijn", "vul de waarde in; een open "
                                 "punt kan bij een tekst, een datum of een grondslag staan"))
            continue
        shape = list(_shape(path, value, field))
        found += shape
        if not shape:
            point = Open(len(points) + 1, path, place(data, path), value["open"],
                         value["toelichting"].strip(), value.get("wie"),
                         _day(value.get("uiterlijk")), tuple(value.get("soort", ())))
            points.append(point)
            who = f"; besluit door {point.wie}" if point.wie else ""
            by = f", uiterlijk {point.uiterlijk.isoformat()}" if point.uiterlijk else ""
            found.append(problem("PG307", path, f"open punt {point.nummer} ({point.plaats}): "
                                 f"{STATES[point.staat]}{who}{by}", "vul de waarde in zodra "
                                 "die bekend of besloten is; tot dan staat het punt in de "
                                 "documenten onder 'Openstaande punten'"))
    return Scan(points, found, frozenset(marks))


def place(data: Mapping[str, Any], path: Path_) -> str:
    """Return where a value stands, for readers: "Fase Bronnenonderzoek › grondslagen voor
    deze fase"; an item without a name is named by its id."""
    labels: list[str] = []
    field: Schema = {"type": "dict", "schema": SCHEMA}
    node: Any = data
    for step in path:
        if isinstance(step, int):
            field, node = field["schema"], node[step]
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                noun = field["meta"]["beschrijving"].removeprefix("een ")
                name = node.get("naam") or node.get("titel") or node.get("wat")
                labels[-1:] = [f"{noun[:1].upper()}{noun[1:]} "
                               + (name if isinstance(name, str) else f"'{node['id']}'")]
        else:
            field, node = field["schema"][step], node[step]
            about = field.get("meta", {}).get("beschrijving", step).split(";")[0]
            labels.append(step.upper() if step == "dpia" else (
                step.capitalize() if not labels else about))
    return " › ".join(labels)


def _shape(path: Path_, value: dict[str, Any], field: Schema) -> Iterator[Problem]:
    for key in sorted(set(value) - KEYS):
        yield problem("PG239", (*path, key), f"de sleutel {key!r} hoort niet bij een open punt",
                      "gebruik alleen open, toelichting, wie, uiterlijk en soort")
    if not isinstance(value["open"], str) or value["open"] not in STATES:
        yield problem("PG239", (*path, "open"), f"{value['open']!r} is geen soort open punt",
                      "kies nog-te-besluiten of onbekend")
    if not isinstance(value.get("toelichting"), str) or not value["toelichting"].strip():
        yield problem("PG239", path, "een open punt zonder toelichting",
                      "zeg onder 'toelichting' wat er open is en waarom")
    if value["open"] == "nog-te-besluiten" and not isinstance(value.get("wie"), str):
        yield problem("PG239", path, "een besluit dat nog genomen moet worden, zonder wie "
                      "besluit", "zeg onder 'wie' wie erover besluit")
    if "uiterlijk" in value and _day(value["uiterlijk"]) is None:
        yield problem("PG239", (*path, "uiterlijk"), "'uiterlijk' is geen datum",
                      "schrijf de datum als JJJJ-MM-DD")
    kinds = value.get("soort", [])
    grounds = field.get("meta", {}).get("verwijst_naar") == "grondslagen"
    if "soort" in value and not grounds:
        yield problem("PG239", (*path, "soort"), "'soort' hoort alleen bij een open grondslag",
                      "verwijder 'soort'")
    elif not isinstance(kinds, list) or not all(isinstance(k, str) and k in KINDS
                                                 for k in kinds):
        yield problem("PG239", (*path, "soort"), "'soort' is geen lijst van soorten grondslag",
                      "kies uit: " + ", ".join(KINDS))


def substitute(data: Any, points: list[Open]) -> Any:
    """Return a copy of `data` with every open point replaced by its Open."""
    at = {p.path: p for p in points}

    def copy(node: Any, path: Path_) -> Any:
        if path in at:
            return at[path]
        if isinstance(node, dict):
            return {k: copy(v, (*path, k)) for k, v in node.items()}
        if isinstance(node, list):
            return [copy(v, (*path, i)) for i, v in enumerate(node)]
        return node

    return copy(data, ())



def _day(value: object) -> dt.date | None:
    """Return a date written plainly or in quotes ('2027-03-01'), as in every date field;
    None for anything else."""
    if isinstance(value, dt.date):
        return value
    return quoted_date(value) if isinstance(value, str) else None
