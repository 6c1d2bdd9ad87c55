"""Check a parsed protocol: shape with Cerberus, then meaning with the rules, in one pass."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from protocolgen.checks import openpoints
from protocolgen.checks import rules as _rules  # noqa: F401  (importing them registers the rules)
from protocolgen.checks.context import Context, run
from protocolgen.checks.shape import shape_problems
from protocolgen.errors import ON_KEY, InvalidProtocol, Problem, Severity
from protocolgen.load.canonical import fingerprint
from protocolgen.load.files import Source
from protocolgen.load.parse import Document, parse
from protocolgen.schema.openpoint import Open
from protocolgen.schema.walk import normalise_dates


@dataclass(frozen=True)
class Checked:
    """A checked protocol: the parsed document (None if it could not be parsed), every
    problem, its open points and the fingerprint of its content, each found once here and
    handed on to the model."""

    source: Source
    document: Document | None
    problems: list[Problem]
    open_points: tuple[Open, ...] = ()
    fingerprint: str = ""

    def blocking(self, *, strict: bool = False) -> list[Problem]:
        """Return the problems that stop a build: errors, and warnings too when strict."""
        return [p for p in self.problems if strict or p.severity is Severity.FOUT]


HIDES_NOTHING = frozenset({"PG101", "PG018"})
"""Problems that leave every known value readable: an unknown key, or a key that is no text
(both are left out of the data the rules see)."""

VALUE_REFUSED = frozenset({"PG017", "PG020"})
"""Loader problems that leave None in place of the value: what the shape check then says
about that None adds nothing."""


def check_source(source: Source, *, today: dt.date | None = None) -> Checked:
    """Return `source` parsed and checked; a source that cannot be parsed gives no document,
    only the problems that stopped the parse."""
    try:
        document = parse(source)
    except InvalidProtocol as err:
        return Checked(source, None, err.problems)
    return check(document, today=today)


def check(doc: Document, *, today: dt.date | None = None) -> Checked:
    """Return every problem of `doc`, of reading, shape and meaning, in one pass: the rules
    run on all that is well-formed and skip only the values that have a problem already."""
    normalise_dates(doc.data)
    opened = openpoints.scan(doc.data)
    shape = [p for p in shape_problems(doc.data)
             if not any(p.path[:len(path)] == path for path in opened.marked)]
    refused = {p.path for p in doc.problems if p.code in VALUE_REFUSED}
    print_ = fingerprint(doc.data)
    ctx = context(doc, today or dt.date.today(), [*doc.problems, *shape], opened, print_)
    found = [*doc.problems, *(p for p in shape if p.path not in refused), *opened.problems,
             *run(ctx)]
    return Checked(doc.source, doc, sorted((_locate(doc, p) for p in found), key=_order),
                   tuple(opened.points), print_)


def context(doc: Document, today: dt.date, problems: list[Problem],
            opened: openpoints.Scan | None = None, print_: str | None = None) -> Context:
    """Return what the rules may see of `doc`, given its problems of reading and shape and its
    open points (scanned here if not given): not what those broke, nor an open point, except
    an open legal ground, which stands for a law of the kinds it names."""
    opened = opened or openpoints.scan(doc.data)
    grounds = {p.path: p for p in opened.points if p.path[-2] == "grondslagen"}
    unreadable = frozenset(p.path for p in problems if p.code not in HIDES_NOTHING)
    return Context(doc, today, unreadable | (opened.marked - set(grounds)), grounds,
                   print_ or fingerprint(doc.data))


def _order(found: Problem) -> tuple[int, int]:
    pos = found.position
    return (pos.line, pos.column) if pos else (0, 0)


def _locate(doc: Document, found: Problem) -> Problem:
    if found.position is not None:
        return found
    return replace(found, position=doc.position(found.path, key=found.code in ON_KEY))


