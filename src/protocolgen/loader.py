"""Load a protocol file safely into plain data plus a map of where every value stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InvalidProtocol, Path_, Position, Problem, UnreadableInput, error

MAX_BYTES = 2 * 1024 * 1024
"""A protocol is tens of kilobytes; anything this large is a mistake or an attack."""

MAX_NODES = 100_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


@dataclass(frozen=True)
class Spot:
    """Where a value stands: its key (for mapping values) and the value itself."""

    key: Position
    value: Position


@dataclass
class Document:
    """A loaded protocol: its data and, for every path in it, the source position."""

    path: Path
    data: dict[str, Any]
    spots: dict[Path_, Spot] = field(default_factory=dict)
    source: bytes = b""
    """The bytes that were validated; the build attaches exactly these to every PDF."""

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """Return the position of `path`, or of its nearest ancestor that exists."""
        for end in range(len(path), -1, -1):
            spot = self.spots.get(path[:end])
            if spot is not None:
                return spot.key if key and end == len(path) else spot.value
        return Position(str(self.path), 1, 1)


def load(path: Path) -> Document:
    """Read `path` and return its data; raise InvalidProtocol or UnreadableInput."""
    raw = _read_bytes(path)
    text = _decode(path, raw)
    name = str(path)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise InvalidProtocol([_at(name, 1, 1, error(
            (), "het bestand is leeg", "begin met de sleutels 'document', 'rollen' en 'fases'"
        ))])
    _refuse_aliases(name, text)
    root = _compose(name, text)
    builder = _Builder(name)
    data = builder.value(root, ())
    if builder.problems:
        raise InvalidProtocol(builder.problems)
    if not isinstance(data, dict):
        raise InvalidProtocol([_at_mark(name, root.start_mark, error(
            (), "het document is geen verzameling sleutels", "begin het bestand met 'document:' "
            "en de andere hoofdsleutels, elk aan het begin van een regel"))])
    return Document(path, data, builder.spots, raw)


def _read_bytes(path: Path) -> bytes:
    """Return the file's bytes, refusing what is missing, not a file, or too large."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise UnreadableInput(path, "dit is geen bestand", "geef het pad van een .yaml-bestand")
        if size > MAX_BYTES:
            raise UnreadableInput(
                path, f"het bestand is {size // 1024} KiB, meer dan de grens van "
                f"{MAX_BYTES // 1024} KiB", "controleer of dit het juiste bestand is")
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableInput(path, "het bestand bestaat niet", "controleer het pad") from None
    except PermissionError:
        raise UnreadableInput(path, "het bestand mag niet gelezen worden",
                              "controleer de rechten op het bestand") from None
    except OSError as err:
        raise UnreadableInput(path, f"het bestand kan niet gelezen worden ({err.strerror})",
                              "controleer het pad") from err


def _decode(path: Path, raw: bytes) -> str:
    """Return the text of a UTF-8 file (a BOM is allowed); refuse binary input."""
    if b"\x00" in raw:
        raise UnreadableInput(path, "dit is een binair bestand, geen YAML-tekst",
                              "geef een YAML-bestand op")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise UnreadableInput(
            f"{path}:{line}:{column}", "het bestand is geen geldige UTF-8-tekst",
            "sla het bestand op als UTF-8 (in de meeste editors: 'Opslaan als', codering UTF-8)"
        ) from None


def _refuse_aliases(name: str, text: str) -> None:
    """Refuse anchors and aliases before composing: they make alias bombs possible."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise InvalidProtocol([_at_mark(name, event.start_mark, error(
                    (), "ankers (&) en verwijzingen (*) zijn niet toegestaan",
                    "schrijf de waarde voluit; verwijs naar andere onderdelen met hun id"))])
    except yaml.MarkedYAMLError as err:
        raise InvalidProtocol([_syntax_problem(name, err)]) from None


def _compose(name: str, text: str) -> yaml.Node:
    """Return the node tree of `text`, turning YAML syntax errors into problems."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        raise InvalidProtocol([_syntax_problem(name, err)]) from None
    assert node is not None  # empty documents were refused earlier
    return node


def _syntax_problem(name: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    what = (err.problem or "onleesbare YAML").strip()
    block = err.context_mark
    where = ("op deze plek" if block is None or mark is None or block.line == mark.line
             else f"hier en in het blok dat op regel {block.line + 1} begint")
    return _at_mark(name, mark, error(
        (), f"dit is geen geldige YAML ({what})",
        f"controleer inspringing, dubbele punten en aanhalingstekens {where}"))


def _at_mark(name: str, mark: Any, problem: Problem) -> Problem:
    """Return `problem` placed at a YAML mark (PyYAML's or libyaml's, counting from 0),
    or at 1:1 without one."""
    return _at(name, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, problem)


def _at(name: str, line: int, column: int, problem: Problem) -> Problem:
    return Problem(problem.severity, problem.path, problem.message, problem.action,
                   Position(name, line, column), problem.hint)


class _Builder:
    """Turn a node tree into plain data, recording positions and problems."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.spots: dict[Path_, Spot] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self.constructor = yaml.SafeLoader("")

    def pos(self, node: yaml.Node) -> Position:
        return Position(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def problem(self, node: yaml.Node, path: Path_, message: str, action: str) -> None:
        p = self.pos(node)
        self.problems.append(_at(p.file, p.line, p.column, error(path, message, action)))

    def value(self, node: yaml.Node, path: Path_, key: Position | None = None) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            if self.nodes == MAX_NODES + 1:
                self.problem(node, path, f"het document heeft meer dan {MAX_NODES} waarden",
                             "splits of verklein het document")
            return None
        self.spots[path] = Spot(key or self.pos(node), self.pos(node))
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, path, f"de YAML-tag {node.tag!r} is niet toegestaan",
                         "verwijder de tag (het woord dat met ! begint)")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node)
        except (ValueError, yaml.YAMLError):
            self.problem(node, path, f"de waarde {node.value!r} is geen geldige datum of getal",
                         "schrijf een datum als JJJJ-MM-DD, of zet tekst tussen aanhalingstekens")
            return None

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.constructor.construct_object(key_node)
            if not isinstance(key, str) or key_node.tag != "tag:yaml.org,2002:str":
                self.problem(key_node, path, f"de sleutel {key!r} is geen tekst",
                             "gebruik een sleutelnaam uit de documentatie (docs/formaat.md)")
                continue
            if key in result:
                first = self.spots[(*path, key)].key
                self.problem(key_node, (*path, key),
                             f"de sleutel {key!r} staat hier voor de tweede keer "
                             f"(eerder op regel {first.line}, kolom {first.column})",
                             "voeg de twee samen of verwijder er één")
                continue
            result[key] = self.value(value_node, (*path, key), self.pos(key_node))
        return result
