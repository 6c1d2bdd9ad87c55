"""A content-addressed store of laid-out PDFs, so that a rebuild lays out only what changed.

An entry's key is the SHA-256 of everything that determines a laid-out document: its HTML,
whether it must fit one page, every file in the assets folder (stylesheet, fonts, logo), and
the versions of protocolgen and of the libraries that lay out and write the PDF. What is
stored is WeasyPrint's PDF before protocolgen's finishing (metadata, the attached source), so
a change of the source alone does not make a document stale. An entry carries the SHA-256 of
its own bytes: one that is cut off, corrupt or of another format is ignored and made again,
never served, and so is one that is not the PDF it claims to be. Entries are written under a
temporary name and renamed into place.

The store keeps to its own: it writes and prunes only in a folder it marked with a
CACHEDIR.TAG (https://bford.info/cachedir/), refuses a folder that holds other files, is not
the user's own or that others can write to, never follows a link inside it, and removes
nothing but files of its own name pattern.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import stat
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from protocolgen.errors import UsageError
from protocolgen.version import __version__

FORMAT = b"protocolgen-cache 1\n"
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5",
             "pyphen", "pillow")
"""The libraries whose version can change a laid-out PDF."""
MORE_LIBRARIES = ("pikepdf", "jinja2", "markdown-it-py", "pyyaml", "cerberus")
"""The libraries whose version can change the rest of the output (HTML, finishing)."""
MAX_BYTES = 512 * 1024 * 1024
"""When the store grows past this, the entries used longest ago are removed."""
TAG = "CACHEDIR.TAG"
TAG_TEXT = ("Signature: 8a477f597d28d172789f06886806bc55\n"
            "# De cache van protocolgen (opgemaakte PDF's). protocolgen verwijdert hier alleen\n"
            "# zijn eigen bestanden. Zie https://bford.info/cachedir/\n")
SHARD = re.compile(r"[0-9a-f]{2}")
ENTRY = re.compile(r"[0-9a-f]{64}\.[a-z]+")
STALE_SECONDS = 3600
"""A temporary file older than this was left by a build that ended halfway (a full disk)."""


def default_folder() -> Path:
    """Return where the cache lives: PROTOCOLGEN_CACHE, else the user's cache folder."""
    chosen = os.environ.get("PROTOCOLGEN_CACHE")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "protocolgen" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "protocolgen"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "protocolgen"


@functools.cache
def versions(*, everything: bool = False) -> str:
    """Return the versions of protocolgen and of the libraries that lay out PDFs (with
    `everything`, of those that make the rest of the output too)."""
    found = [f"protocolgen {__version__}"]
    for name in LIBRARIES + (MORE_LIBRARIES if everything else ()):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return "\n".join(found)


def key(*parts: str | bytes) -> str:
    """Return the key of an entry made from `parts`."""
    digest = hashlib.sha256()
    for part in parts:
        raw = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(hashlib.sha256(raw).digest())
    return digest.hexdigest()


class Cache:
    """The store in `folder`; `read=False` (protocolgen build --force) only writes. Raise
    UsageError for a folder that cannot be the store (see the module's docstring)."""

    def __init__(self, folder: Path, *, read: bool = True) -> None:
        self.folder, self.read = folder, read
        claim(folder)

    def _path(self, name: str, kind: str) -> Path:
        return self.folder / name[:2] / f"{name}.{kind}"

    def get(self, name: str, kind: str = "pdf") -> bytes | None:
        """Return the stored bytes of `kind` for `name`, or None if absent or not to be
        trusted."""
        path = self._path(name, kind)
        if not self.read or not _own_folder(path.parent):
            return None
        raw = _read_own(path)
        head, _, rest = raw.partition(b"\n")
        checksum, payload = rest[:64], rest[65:]
        if head + b"\n" != FORMAT or rest[64:65] != b"\n" or \
                hashlib.sha256(payload).hexdigest().encode() != checksum:
            return None
        if kind == "pdf" and not (payload.startswith(b"%PDF-")
                                  and b"%%EOF" in payload[-1024:]):
            return None
        with contextlib.suppress(OSError):
            os.utime(path, follow_symlinks=False)  # most recently used, for pruning
        return payload

    def put(self, name: str, payload: bytes, kind: str = "pdf") -> None:
        """Store `payload` of `kind` for `name`; a store that cannot be written is passed
        over."""
        target = self._path(name, kind)
        entry = FORMAT + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
        temporary = None
        try:
            _mark(self.folder)
            target.parent.mkdir(exist_ok=True)
            if not _own_folder(target.parent):
                return
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(entry)
            os.replace(temporary, target)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)  # a full disk leaves no half entry behind

    def prune(self, limit: int = MAX_BYTES) -> None:
        """Remove the entries used longest ago until the store is below `limit` bytes, and
        temporary files a build left behind; only the store's own files, in its own
        folder."""
        if not _tagged(self.folder):
            return
        entries, stale = [], time.time() - STALE_SECONDS
        for shard, path, info in _own_files(self.folder):
            if ENTRY.fullmatch(path.name) and path.name.startswith(shard.name):
                entries.append((info.st_mtime, info.st_size, path))
            elif path.name.startswith(".tmp-") and info.st_mtime < stale:
                path.unlink(missing_ok=True)
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= limit:
                break
            path.unlink(missing_ok=True)
            total -= size


def claim(folder: Path) -> None:
    """Raise UsageError if `folder` cannot be the store: not a folder, not the user's own or
    writable by others, or holding other files without the store's tag."""
    what = ("--cache (of PROTOCOLGEN_CACHE) een eigen, lege of nieuwe map, bijvoorbeeld "
            "~/.cache/protocolgen; er is niets geschreven")
    try:
        info = folder.stat()
    except FileNotFoundError:
        return  # made, and tagged, at the first entry
    except OSError as err:
        raise UsageError(f"{folder}: de cachemap is niet te lezen ({err.strerror}) — geef met "
                         + what) from None
    if not stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{folder}: de cachemap is geen map — geef met " + what)
    if _foreign(info):
        raise UsageError(f"{folder}: de cachemap is niet van u of anderen kunnen erin "
                         "schrijven, zodat een ander de PDF's kan vervangen — geef met " + what)
    with contextlib.suppress(OSError):
        if not _tagged(folder) and not _only_entries(folder):
            raise UsageError(f"{folder}: deze map is geen cache van protocolgen (er staan "
                             f"andere bestanden in en geen {TAG}); protocolgen zou er bij het "
                             "opruimen bestanden kunnen verwijderen — geef met " + what)


def _only_entries(folder: Path) -> bool:
    """Return whether `folder` holds nothing but shard folders of entries: empty, or a store
    from before the tag (it is tagged at the next entry)."""
    for child in folder.iterdir():
        if not SHARD.fullmatch(child.name) or not _own_folder(child) or not all(
                ENTRY.fullmatch(p.name) or p.name.startswith(".tmp-") for p in child.iterdir()):
            return False
    return True


def _foreign(info: os.stat_result) -> bool:
    """Return whether a folder is another user's, or one that others may write to."""
    if not hasattr(os, "getuid"):  # Windows: the user's profile folders are private
        return False
    return info.st_uid != os.getuid() or bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _tagged(folder: Path) -> bool:
    try:
        return (folder / TAG).read_text(encoding="utf-8") == TAG_TEXT
    except (OSError, UnicodeError):
        return False


def _mark(folder: Path) -> None:
    """Make the store's folder, private, with its tag."""
    if _tagged(folder):
        return
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    claim(folder)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(TAG_TEXT)
    os.replace(temporary, folder / TAG)


def _own_folder(shard: Path) -> bool:
    """Return whether a shard folder is a real folder of the user's own (never a link)."""
    try:
        info = shard.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and not _foreign(info)


def _read_own(path: Path) -> bytes:
    """Return the bytes of a regular file that is not a link, or b''."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return b""
    with os.fdopen(handle, "rb") as entry:
        if not stat.S_ISREG(os.fstat(entry.fileno()).st_mode):
            return b""
        return entry.read()


def _own_files(folder: Path) -> list[tuple[Path, Path, os.stat_result]]:
    """Return (shard, file, its stat) for every regular file in the store's shard folders."""
    found = []
    with contextlib.suppress(OSError):
        for shard in folder.iterdir():
            if not SHARD.fullmatch(shard.name) or not _own_folder(shard):
                continue
            for path in shard.iterdir():
                with contextlib.suppress(OSError):
                    info = path.lstat()
                    if stat.S_ISREG(info.st_mode):
                        found.append((shard, path, info))
    return found
