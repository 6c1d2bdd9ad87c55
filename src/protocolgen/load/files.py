"""Where a protocol comes from: one or more files, read safely, or a file as it was in git.

Every later stage names a value's place by the file it was written in, so a protocol of
several files (or, later, a base and a local file) needs nothing else from this module."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from protocolgen.errors import UnreadableInput, UsageError, problem

MAX_BYTES = 2 * 1024 * 1024
"""A protocol is tens of kilobytes; anything this large is a mistake or an attack."""


@dataclass(frozen=True)
class SourceFile:
    """The bytes of one file of a protocol, the name that messages show, and its folder."""

    name: str
    raw: bytes
    folder: Path


@dataclass(frozen=True)
class Source:
    """A protocol as read: its files, the first of which is the main file (its name names the
    protocol, and relative paths in the protocol, such as the logo, resolve against its
    folder). Each file holds top-level keys of its own."""

    files: tuple[SourceFile, ...]

    @classmethod
    def one(cls, name: str, raw: bytes, folder: Path) -> Source:
        """Return the source of a protocol in one file."""
        return cls((SourceFile(name, raw, folder),))

    @property
    def main(self) -> SourceFile:
        """Return the main file."""
        return self.files[0]

    @property
    def name(self) -> str:
        """Return the name that stands for the whole protocol in messages."""
        return self.main.name

    @property
    def folder(self) -> Path:
        """Return the folder that relative paths in the protocol resolve against."""
        return self.main.folder

    def key_parts(self) -> tuple[str | bytes, ...]:
        """Return what identifies the content of every file, for cache keys."""
        return tuple(part for f in self.files for part in (Path(f.name).name, f.raw))


def read(*paths: Path) -> Source:
    """Return the protocol in the files at `paths`, the first being the main file; raise
    UnreadableInput for a file that cannot be read."""
    if not paths:
        raise UsageError("geef het pad van een protocol")
    return Source(tuple(read_file(path) for path in paths))


def read_file(path: Path) -> SourceFile:
    """Return the file at `path`, refusing what is missing, not a file, or too
    large; raise UnreadableInput."""
    name = str(path)

    def unreadable(code: str, reason: str, action: str) -> UnreadableInput:
        return UnreadableInput(name, problem(code, (), reason, action))

    try:
        if not path.is_file():
            if not path.exists():
                raise unreadable("PG001", "het bestand bestaat niet", "controleer het pad")
            raise unreadable("PG001", "dit is geen bestand", "geef het pad van een .yaml-bestand")
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except PermissionError:
        raise unreadable("PG001", "het bestand mag niet gelezen worden",
                         "controleer de rechten op het bestand") from None
    except OSError as err:
        raise unreadable("PG001", f"het bestand kan niet gelezen worden ({err.strerror})",
                         "controleer het pad") from err
    if len(raw) > MAX_BYTES:
        size = path.stat().st_size if path.is_file() else len(raw)
        raise unreadable("PG002", f"het bestand is {size // 1024} KiB, meer dan de grens van "
                         f"{MAX_BYTES // 1024} KiB", "controleer of dit het juiste bestand is")
    return SourceFile(name, raw, path.parent)


def read_revision(rev: str, path: Path) -> Source:
    """Return the source in the file at `path` as it was in git revision `rev`; raise
    UsageError when git cannot give it."""
    if rev.startswith("-"):
        raise UsageError(f"{rev!r} is geen git-revisie")
    try:
        shown = subprocess.run(["git", "-C", str(path.parent), "show", f"{rev}:./{path.name}"],
                               capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as failure:
        raise UsageError(f"git is niet te gebruiken ({failure}) — installeer git of "
                         "vergelijk twee bestanden") from None
    if shown.returncode != 0:
        why = shown.stderr.decode(errors="replace").strip().splitlines()
        raise UsageError(f"git kent {rev}:{path} niet ({why[-1] if why else 'onbekend'}) — "
                         "controleer de revisie en het pad")
    if len(shown.stdout) > MAX_BYTES:
        raise UsageError(f"{rev}:{path} is te groot om als protocol te lezen")
    return Source.one(f"{rev}:{path}", shown.stdout, path.parent)
