"""What goes out to teams: a zip per team with its role cards and the protocol, and a manifest
of every file a build wrote, so that a receiver can tell which version they hold.

Both are deterministic: the same protocol gives the same bytes (fixed times, order and
permissions in the zips; sorted keys in the manifest).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from protocolgen.schema.fields import slug
from protocolgen.version import __version__

if TYPE_CHECKING:
    from protocolgen.model.protocol import Protocol

MANIFEST = "manifest.json"
BUNDLES = "bundels"


def teams(protocol: Protocol) -> dict[str, list[str]]:
    """Return the ids of the roles of each team, teams in the order they first appear; a team
    that is an open point is a team of its own, named by the point ("onbekend (open punt 7)")."""
    found: dict[str, list[str]] = {}
    for role in protocol.rollen:
        found.setdefault(str(role.team), []).append(role.id)
    return found


def write_bundles(folder: Path, protocol: Protocol) -> list[Path]:
    """Write per team `bundels/<team>-versie-<versie>.zip` holding the protocol and the
    team's role cards, from the PDFs already in `folder`; return the zips."""
    version = protocol.document["versie"]
    moment = dt.datetime.combine(max(protocol.datum, dt.date(1980, 1, 1)), dt.time())
    (folder / BUNDLES).mkdir()
    written = []
    for team, roles in teams(protocol).items():
        names = ["privacyprotocol.pdf", *(f"rolkaart-{role}.pdf" for role in roles)]
        target = folder / BUNDLES / f"{slug(team)}-versie-{version}.zip"
        target.write_bytes(_zip([(n, (folder / n).read_bytes()) for n in names], moment))
        written.append(target)
    return written


def _day(value: object) -> str | None:
    """Return a date as ISO text, an open point as its text, nothing as None."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return None if value is None else str(value)


def _zip(files: list[tuple[str, bytes]], moment: dt.datetime) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=moment.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


def edition(path: str) -> str:
    """Return the edition a file of the output belongs to: publiek below `publiek/`, else
    intern (the role cards, the bundles and the documents with everything in them)."""
    return "publiek" if path.startswith("publiek/") else "intern"


def write_manifest(folder: Path, protocol: Protocol, source_name: str, inputs: str) -> Path:
    """Write `manifest.json`: every file below `folder` with its SHA-256 and size, what
    version, status and content they were made from, and the key of all the build's inputs
    (so that a rebuild from the same inputs can leave the folder as it is)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST
                   and not p.name.startswith("."))
    document = protocol.document
    adoption = document.get("vaststelling", {})
    manifest = {
        "gemaakt_met": f"protocolgen {__version__}",
        "bron": source_name,
        "gemeente": document["gemeente"],
        "versie": document["versie"],
        "datum": document["datum"].isoformat(),
        "status": document["status"],
        "vingerafdruk": protocol.vingerafdruk,
        "vastgesteld_op": _day(adoption.get("datum")),
        "gewijzigd_na_vaststelling": protocol.changed_since_adoption,
        "invoer": inputs,
        "bestanden": [{"pad": p.relative_to(folder).as_posix(),
                       "editie": edition(p.relative_to(folder).as_posix()),
                       "sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                       "bytes": p.stat().st_size} for p in files],
    }
    target = folder / MANIFEST
    target.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                      encoding="utf-8")
    return target
