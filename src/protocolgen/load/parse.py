"""Read a protocol safely into plain data plus a map of where every value stands.

A protocol may stand in several files (load/files.py); every position names the file its
value was written in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protocolgen.errors import (
    InvalidProtocol,
    Path_,
    Position,
    Problem,
    UnreadableInput,
    problem,
)
from protocolgen.load.files import Source, SourceFile, read
from protocolgen.load.yamllib import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    Event,
    MappingNode,
    Node,
    NodeEvent,
    ScalarNode,
    SequenceNode,
    YAMLError,
    compose,
    events,
    scalar_constructor,
)

MAX_NODES = 100_000
MAX_DEPTH = 40
"""The example nests 7 deep; deeper nesting is a mistake and would exhaust the stack."""

_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""How a date is written, for the validator and the JSON Schema alike: JJJJ-MM-DD, no time.
Only this form becomes a date; other YAML timestamps ('2026-03-10 14:00') stay text."""

_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters that YAML 1.1 does not allow in a stream (its 'printable' set, inverted)."""


@dataclass(frozen=True)
class Spot:
    """Where a value stands: its key (for mapping values) and the value itself."""

    key: Position
    value: Position


@dataclass
class Document:
    """A parsed protocol: its data, the source position of every path, and what the loader
    found wrong without having to stop (such values are None in `data`)."""

    source: Source
    data: dict[str, Any]
    spots: dict[Path_, Spot] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """Return the position of `path`, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            spot = self.spots.get(path[:end])
            if spot is not None:
                return spot.key if key and end == len(path) else spot.value
        return Position(self.source.name, 1, 1)


def parse(source: Source) -> Document:
    """Return the data in `source`, each file's top-level keys side by side; raise
    InvalidProtocol when it cannot be read as a protocol (problems that leave the rest
    readable are kept on the document instead)."""
    data: dict[str, Any] = {}
    spots: dict[Path_, Spot] = {}
    problems: list[Problem] = []
    for file in source.files:
        part = _parse_file(file)
        clash = {key for key in part.data if key in data}
        for key in sorted(clash, key=lambda k: part.spots[(k,)].key.line):
            first, again = spots[(key,)].key, part.spots[(key,)].key
            problems.append(_at(again.file, again.line, again.column, problem(
                "PG019", (key,), f"de sleutel {key!r} staat al in {first.file} (regel "
                f"{first.line}, kolom {first.column})", "zet dit onderdeel in één van de "
                "bestanden")))
        data.update((key, value) for key, value in part.data.items() if key not in clash)
        for path, spot in part.spots.items():
            if (path[0] not in clash) if path else () not in spots:  # the main file's root
                spots[path] = spot
        problems += (found for found in part.problems
                     if not found.path[:1] or found.path[0] not in clash)
    return Document(source, data, spots, problems)


def load(*paths: Path) -> Document:
    """Read and parse the protocol in the files at `paths`; raise UnreadableInput or
    InvalidProtocol."""
    return parse(read(*paths))


def _parse_file(file: SourceFile) -> Document:
    """Return the data in one file of a protocol."""
    text = _decode(file)
    name = file.name
    _refuse_unprintable(name, text)
    _scan_events(name, text)
    root = _compose(name, text)
    builder = _Builder(name)
    data = None if root is None else builder.value(root, ())
    if data is None and not builder.problems:  # nothing, comments, or only '---'
        raise InvalidProtocol([_at(name, 1, 1, problem(
            "PG010", (), "het bestand is leeg", "begin met de sleutels 'document', 'rollen' en "
            "'fases'"))])
    if not isinstance(data, dict):
        raise InvalidProtocol([_at_mark(name, root and root.start_mark, problem(
            "PG011", (), "het document is geen verzameling sleutels", "begin het bestand met "
            "'document:' en de andere hoofdsleutels, elk aan het begin van een regel"))])
    return Document(Source((file,)), data, builder.spots, builder.problems)


def _decode(source: SourceFile) -> str:
    """Return the text of UTF-8 bytes (a BOM is allowed); refuse binary input."""
    raw = source.raw
    if b"\x00" in raw:
        line, column = _line_column(raw[: raw.index(b"\x00")].decode("utf-8", "replace"))
        raise UnreadableInput(source.name, _at(source.name, line, column, problem(
            "PG003", (), "dit is een binair bestand, geen YAML-tekst (een NUL-teken)",
            "geef een YAML-bestand op")))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = _line_column(raw[: err.start].decode("utf-8", "replace"))
        raise UnreadableInput(source.name, _at(source.name, line, column, problem(
            "PG004", (), "het bestand is geen geldige UTF-8-tekst", "sla het bestand op als "
            "UTF-8 (in de meeste editors: 'Opslaan als', codering UTF-8)"))) from None


def _line_column(before: str) -> tuple[int, int]:
    """Return the line and column (from 1) of the character that follows `before`."""
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def _refuse_unprintable(name: str, text: str) -> None:
    found = _NOT_PRINTABLE.search(text)
    if found:
        line, column = _line_column(text[: found.start()])
        raise InvalidProtocol([_at(name, line, column, problem(
            "PG013", (), f"het teken U+{ord(found.group()):04X} is niet toegestaan in YAML",
            "verwijder het teken (vaak ongemerkt meegekopieerd uit een ander programma)"))])


def _scan_events(name: str, text: str) -> None:
    """Refuse anchors, aliases, deep nesting and too many values before building anything:
    one flat pass over the parser's events, so no input can exhaust memory or the stack."""
    depth = nodes = 0
    try:
        for event in events(text):
            if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
                _stop(name, event, "PG014", "ankers (&) en verwijzingen (*) zijn niet toegestaan",
                      "schrijf de waarde voluit; verwijs naar andere onderdelen met hun id")
            if isinstance(event, NodeEvent):
                nodes += 1
                if nodes > MAX_NODES:
                    _stop(name, event, "PG016", f"het document heeft meer dan {MAX_NODES} "
                          "waarden", "splits of verklein het document")
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    _stop(name, event, "PG015", f"het document is hier meer dan {MAX_DEPTH} "
                          "niveaus diep genest", "controleer de inspringing en de haken")
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError as err:
        raise InvalidProtocol([_syntax_problem(name, err)]) from None


def _stop(name: str, event: Event, code: str, message: str, action: str) -> None:
    raise InvalidProtocol([_at_mark(name, event.start_mark, problem(code, (), message, action))])


def _compose(name: str, text: str) -> Node | None:
    """Return the node tree of `text` (None when it holds no document), turning YAML syntax
    errors into problems."""
    try:
        return compose(text)
    except YAMLError as err:
        raise InvalidProtocol([_syntax_problem(name, err)]) from None


def _syntax_problem(name: str, err: YAMLError) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    what = (getattr(err, "problem", None) or "onleesbare YAML").strip()
    block = getattr(err, "context_mark", None)
    where = ("op deze plek" if block is None or mark is None or block.line == mark.line
             else f"hier en in het blok dat op regel {block.line + 1} begint")
    return _at_mark(name, mark, problem(
        "PG012", (), f"dit is geen geldige YAML ({what})",
        f"controleer inspringing, dubbele punten en aanhalingstekens {where}"))


def _at_mark(name: str, mark: Any, found: Problem) -> Problem:
    """Return `found` placed at a YAML mark (PyYAML's or libyaml's, counting from 0),
    or at 1:1 without one."""
    return _at(name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, found)


def _at(name: str, line: int, column: int, found: Problem) -> Problem:
    return Problem(found.code, found.path, found.message, found.action,
                   Position(name, line, column), found.hint)


class _Builder:
    """Turn a node tree into plain data, recording positions and problems; a value that is
    refused is left out, so later stages see only what was read."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.spots: dict[Path_, Spot] = {}
        self.problems: list[Problem] = []
        self.constructor = scalar_constructor()

    def pos(self, node: Node) -> Position:
        return Position(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: Node, path: Path_, code: str, message: str,
                action: str) -> None:
        p = self.pos(node)
        self.problems.append(_at(p.file, p.line, p.column, problem(code, path, message, action)))

    def value(self, node: Node, path: Path_, key: Position | None = None) -> Any:
        self.spots[path] = Spot(key or self.pos(node), self.pos(node))
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, path, "PG017", f"de YAML-tag {node.tag!r} is niet toegestaan",
                         "verwijder de tag (het woord dat met ! begint)")
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:timestamp" and not DATE.fullmatch(node.value):
            return node.value
        try:
            return self.constructor.construct_object(node)
        except (ValueError, OverflowError, YAMLError):
            self.problem(node, path, "PG020", f"de waarde {node.value!r} is geen geldige datum "
                         "of getal", "schrijf een datum als JJJJ-MM-DD, of zet tekst tussen "
                         "aanhalingstekens")
            return None

    def mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, ScalarNode)
                    and key_node.tag == "tag:yaml.org,2002:str"):
                what = (f"{key_node.value or '(leeg)'}" if isinstance(key_node, ScalarNode)
                        else "(een lijst)" if isinstance(key_node, SequenceNode)
                        else "(een verzameling)")
                self.problem(key_node, path, "PG018", f"de sleutel {what} is geen tekst",
                             "gebruik een sleutelnaam uit de documentatie (docs/formaat.md)")
                continue
            key = key_node.value
            if key in result or (*path, key) in self.spots:
                first = self.spots[(*path, key)].key
                self.problem(key_node, (*path, key), "PG019",
                             f"de sleutel {key!r} staat hier voor de tweede keer "
                             f"(eerder op regel {first.line}, kolom {first.column})",
                             "voeg de twee samen of verwijder er één")
                continue
            result[key] = self.value(value_node, (*path, key), self.pos(key_node))
        return result
