"""The one exception family and the Problem record that validation returns as data."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

Path_ = tuple[str | int, ...]
"""A place in a document: keys and list indexes, as Cerberus reports them."""


class Severity(Enum):
    """How much a problem matters: a fout blocks building, a waarschuwing does not."""

    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a protocol: where, what, and what to do about it."""

    severity: Severity
    path: Path_
    message: str
    action: str
    position: Position | None = None
    hint: str | None = None

    @property
    def dotted_path(self) -> str:
        """Return the path as authors count: list items from 1 (`fases.2.rollen.1`)."""
        parts = [str(p + 1) if isinstance(p, int) else p for p in self.path]
        return ".".join(parts) or "(document)"

    def text(self) -> str:
        """Return the message line `bestand:regel:kolom: ernst: pad: wat — wat te doen`."""
        where = str(self.position) if self.position else "?"
        hint = f" (bedoelde je {self.hint!r}?)" if self.hint else ""
        return (
            f"{where}: {self.severity.value}: {self.dotted_path}: "
            f"{self.message}{hint} — {self.action}"
        )


def error(path: Path_, message: str, action: str, hint: str | None = None) -> Problem:
    """Return a problem that blocks building."""
    return Problem(Severity.FOUT, path, message, action, hint=hint)


def warning(path: Path_, message: str, action: str, hint: str | None = None) -> Problem:
    """Return a problem that is reported but does not block building (unless --strict)."""
    return Problem(Severity.WAARSCHUWING, path, message, action, hint=hint)


def closest(word: object, options: Iterable[str]) -> str | None:
    """Return the option that looks most like `word`, if one looks enough like it."""
    found = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return found[0] if found else None


class ProtocolgenError(Exception):
    """Raised for every failure protocolgen reports to its user; exit_code says how."""

    exit_code = 2


class UsageError(ProtocolgenError):
    """Raised when the command line or the environment cannot be used (exit 2)."""


class UnreadableInput(ProtocolgenError):
    """Raised when an input file cannot be read as a text file (exit 2)."""

    def __init__(self, path: Path | str, reason: str, action: str) -> None:
        super().__init__(f"{path}: {reason} — {action}")


class InvalidProtocol(ProtocolgenError):
    """Raised when a protocol has problems of severity fout (exit 1)."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems


class RenderError(ProtocolgenError):
    """Raised when a template, stylesheet or asset fails while building documents (exit 1)."""

    exit_code = 1
