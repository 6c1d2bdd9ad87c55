"""Put a build's documents in place: at every instant the output folder holds either the
complete old or the complete new documents, and nothing that protocolgen did not make is
ever replaced.

A build writes into a staging folder beside the output folder, under a lock on the parent
folder, and then swaps the two in one step (Linux `renameat2` with RENAME_EXCHANGE). Where the
system cannot swap, it renames twice and the next build repairs a gap that a crash between the
two renames left. Staging folders of a killed build are removed by the next build.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from protocolgen.errors import UsageError

MARK = ".protocolgen"
"""A file in every output folder naming the protocol it was made from."""

_OS_PROBLEMS = {
    errno.ENAMETOOLONG: ("de naam is te lang voor het bestandssysteem",
                         "kies met -o een kortere map"),
    errno.EROFS: ("het bestandssysteem is alleen-lezen",
                  "kies met -o een map waarin geschreven mag worden"),
    errno.ENOSPC: ("de schijf is vol", "maak ruimte vrij en bouw opnieuw"),
    errno.EDQUOT: ("het quotum op de schijf is op", "maak ruimte vrij en bouw opnieuw"),
    errno.EFBIG: ("een bestand wordt groter dan het systeem toestaat",
                  "verhoog de grens voor bestandsgrootte (ulimit -f) of kies een andere map"),
    errno.EBUSY: ("de map is in gebruik of is een koppelpunt (mount point)",
                  "koppel de map erboven, of kies met -o een andere map"),
    errno.EACCES: ("hier mag niet geschreven worden",
                   "controleer de rechten of kies met -o een andere map"),
    errno.EPERM: ("hier mag niet geschreven worden",
                  "controleer de rechten of kies met -o een andere map"),
    errno.EEXIST: ("hier staat een bestand waar een map moet komen",
                   "kies met -o een map, geen bestand"),
    errno.ENOTDIR: ("hier staat een bestand waar een map moet komen",
                    "kies met -o een map, geen bestand"),
}


@contextmanager
def staged(out_dir: Path, name: str, source_name: str) -> Iterator[Path]:
    """Yield an empty staging folder for `out_dir/name`; when the block succeeds, swap it into
    place; when anything fails, remove it and leave the earlier output as it was.

    Call it inside `locked(out_dir)`. Operating-system failures become a UsageError (exit 2)
    that names the path."""
    with _os_problems():
        final = out_dir / name
        _tidy(out_dir, name)
        _refuse_foreign(final, source_name)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}-bouw-", dir=out_dir))
        try:
            yield staging
            (staging / MARK).write_text(source_name + "\n", encoding="utf-8")
            staging.chmod(0o755)
            _swap(staging, final)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


@contextmanager
def _os_problems() -> Iterator[None]:
    try:
        yield
    except OSError as err:
        what, action = _OS_PROBLEMS.get(err.errno or 0, (
            f"het systeem meldt: {err.strerror or err}", "controleer de map en bouw opnieuw"))
        where = err.filename or "de uitvoermap"
        raise UsageError(f"{where}: de documenten kunnen niet geschreven worden: {what} — "
                         f"{action}; eerdere documenten zijn niet veranderd") from err


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on `out_dir` so that builds into it follow one another, and
    remove the scratch folders of builds that were killed."""
    with _os_problems(), _lock(out_dir):
        for path in out_dir.glob(".protocolgen-werk-*"):
            shutil.rmtree(path, ignore_errors=True)
        yield


@contextmanager
def _lock(out_dir: Path) -> Iterator[None]:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir}: dit is een bestand, geen map — kies met -o een map voor de "
                         "documenten")
    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # no advisory locks on this system: builds must not overlap
        yield
        return
    handle = os.open(out_dir, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _tidy(out_dir: Path, name: str) -> None:
    """Remove what a killed build left: staging folders, and an old folder that a crash
    between two renames left in place of the output (it is put back first)."""
    final = out_dir / name
    leftovers = re.compile(rf"\.{re.escape(name)}-(bouw|oud)-[a-z0-9_]{{8}}")
    for path in sorted(out_dir.iterdir()):
        found = leftovers.fullmatch(path.name)
        if not found or not path.is_dir():
            continue
        if found.group(1) == "oud" and not final.exists():
            os.rename(path, final)
        else:
            shutil.rmtree(path)


def _refuse_foreign(final: Path, source_name: str) -> None:
    """Refuse to replace anything but protocolgen's own output of this same protocol."""
    if final.is_symlink():
        raise UsageError(f"{final}: dit is een koppeling (symlink); protocolgen vervangt die "
                         "niet — laat -o naar de map wijzen waar de documenten moeten komen")
    if final.exists() and not final.is_dir():
        raise UsageError(f"{final}: hier staat al een bestand dat protocolgen niet heeft gemaakt "
                         "— verplaats het, of kies met -o een andere map")
    if not final.exists():
        return
    mark = final / MARK
    legacy = (final / "index.html").is_file() and (final / "assets").is_dir()
    if not mark.is_file() and not legacy:
        raise UsageError(f"{final}: deze map is niet door protocolgen gemaakt en wordt niet "
                         "vervangen — verplaats de map, of kies met -o een andere map")
    if mark.is_file():
        made_from = mark.read_text(encoding="utf-8", errors="replace").strip()
        if made_from != source_name:
            raise UsageError(f"{final}: deze map bevat de documenten van {made_from}, niet van "
                             f"{source_name} — geef elk protocol een eigen gemeentenaam, bouw in "
                             "een andere map (-o) of verwijder de oude map")


def _swap(staging: Path, final: Path) -> None:
    """Put `staging` in the place of `final` and remove what was there."""
    if not final.exists():
        os.rename(staging, final)
    elif _exchange(staging, final):
        shutil.rmtree(staging)  # now holds the old documents
    else:
        old = Path(tempfile.mkdtemp(prefix=f".{final.name}-oud-", dir=final.parent))
        os.rmdir(old)  # only its unused name is wanted
        os.rename(final, old)
        os.rename(staging, final)  # a crash before this line is repaired by _tidy
        shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; return False where the system cannot."""
    if sys.platform != "linux":
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS):  # a file system or kernel without exchange
        return False
    raise OSError(code, os.strerror(code), str(b))
