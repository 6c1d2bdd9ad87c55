"""A content-addressed store of laid-out PDFs, so that a rebuild lays out only what changed.

An entry's key is the SHA-256 of everything that determines a laid-out document: its HTML,
whether it must fit one page, every file in the assets folder (stylesheet, fonts, logo), and
the versions of protocolgen and of the libraries that lay out and write the PDF. What is
stored is WeasyPrint's PDF before protocolgen's finishing (metadata, the attached source), so
a change of the source alone does not make a document stale. An entry carries the SHA-256 of
its own bytes: one that is cut off, corrupt or of another format is ignored and made again,
never served. Entries are written under a temporary name and renamed into place.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from protocolgen.version import __version__

FORMAT = b"protocolgen-cache 1\n"
LIBRARIES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "tinyhtml5",
             "pyphen", "pillow")
"""The libraries whose version can change a laid-out PDF."""
MORE_LIBRARIES = ("pikepdf", "jinja2", "markdown-it-py", "pyyaml", "cerberus")
"""The libraries whose version can change the rest of the output (HTML, finishing)."""
MAX_BYTES = 512 * 1024 * 1024
"""When the store grows past this, the entries used longest ago are removed."""


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
    """The store in `folder`; `read=False` (protocolgen build --force) only writes."""

    def __init__(self, folder: Path, *, read: bool = True) -> None:
        self.folder, self.read = folder, read

    def _path(self, name: str, kind: str) -> Path:
        return self.folder / name[:2] / f"{name}.{kind}"

    def get(self, name: str, kind: str = "pdf") -> bytes | None:
        """Return the stored bytes of `kind` for `name`, or None if absent or not to be
        trusted."""
        if not self.read:
            return None
        try:
            raw = self._path(name, kind).read_bytes()
        except OSError:
            return None
        head, _, rest = raw.partition(b"\n")
        checksum, payload = rest[:64], rest[65:]
        if head + b"\n" != FORMAT or rest[64:65] != b"\n" or \
                hashlib.sha256(payload).hexdigest().encode() != checksum:
            return None
        with contextlib.suppress(OSError):
            os.utime(self._path(name, kind))  # most recently used, for pruning
        return payload

    def put(self, name: str, payload: bytes, kind: str = "pdf") -> None:
        """Store `payload` of `kind` for `name`; a store that cannot be written is passed
        over."""
        target = self._path(name, kind)
        entry = FORMAT + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(handle, "wb") as out:
                out.write(entry)
            os.replace(temporary, target)
        except OSError:
            return

    def prune(self, limit: int = MAX_BYTES) -> None:
        """Remove the entries used longest ago until the store is below `limit` bytes."""
        try:
            entries = sorted((p.stat().st_mtime, p.stat().st_size, p)
                             for p in self.folder.glob("*/*.*"))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in entries:
            if total <= limit:
                break
            path.unlink(missing_ok=True)
            total -= size
