"""Whether an output folder is up to date: the key of every input of a build, what the cache
keeps of a check, and the test that leaves an up-to-date folder as it is."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from pathlib import Path, PurePath

from protocolgen.errors import Position, Problem
from protocolgen.load.files import Source
from protocolgen.shipped import templates_dir
from protocolgen.write.cache import Cache, key, versions
from protocolgen.write.distribute import MANIFEST
from protocolgen.write.files import BuildResult


def inputs(source: Source, previous: Source | None, templates: Path | None, logo: bytes
           ) -> str:
    """Return the key of everything that determines an output folder: every file of the
    source (and of the earlier version), every template file (with the stylesheet and
    fonts), the logo file and the versions."""
    folders = [templates_dir(), *([templates] if templates else [])]
    files = [(f"{i}/{p.relative_to(folder).as_posix()}", p.read_bytes())
             for i, folder in enumerate(folders) for p in sorted(folder.rglob("*")) if p.is_file()]
    return key(PurePath(source.name).name, *source.key_parts(),
               *(previous.key_parts() if previous else (b"",)),
               *(part for named in files for part in named), logo, versions(everything=True))


def memo_key(source: Source, previous: Source | None, today: dt.date, strict: bool) -> str:
    """Return the key under which the cache keeps what the check of `source` said."""
    return key("check", *source.key_parts(), *(previous.key_parts() if previous else (b"",)),
               today.isoformat(), str(strict), versions(everything=True))


def logo_bytes(source: Source, logo: str | None) -> bytes:
    """Return the logo file's bytes as the source names it (nothing without a logo)."""
    return (source.folder / logo).read_bytes() if logo else b""


def current(source: Source, out_dir: Path, cache: Cache, *, templates: Path | None = None,
            strict: bool = False, today: dt.date, previous: Source | None = None
            ) -> BuildResult | None:
    """Return the result of an earlier build of `source` if its output is up to date, from
    what the cache kept of that build's check, without checking again: the check's result
    depends only on what the key holds (the source, the date, the versions) and on the logo
    file, whose contents the cache kept too. None if anything is not as it was."""
    try:
        memo = json.loads(cache.get(memo_key(source, previous, today, strict), "check")
                          or b"null")
        logo = logo_bytes(source, memo["logo"])
        if hashlib.sha256(logo).hexdigest() != memo["logo_sha256"]:
            return None
        warnings = [Problem(**{**p, "path": tuple(p["path"]),
                               "position": p["position"] and Position(**p["position"])})
                    for p in memo["problems"]]
        return unchanged(out_dir / memo["folder"], inputs(source, previous, templates, logo),
                         warnings)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def remember(cache: Cache, memo: str, folder: str, logo: str | None, logo_raw: bytes,
             warnings: list[Problem]) -> None:
    """Keep what the check said under `memo`, for `current`."""
    kept = {"folder": folder, "logo": logo, "logo_sha256": hashlib.sha256(logo_raw).hexdigest(),
            "problems": [dataclasses.asdict(p) for p in warnings]}
    cache.put(memo, json.dumps(kept, ensure_ascii=False).encode(), "check")


def unchanged(folder: Path, inputs: str, warnings: list[Problem]) -> BuildResult | None:
    """Return the result of an earlier build into `folder` if it was made from `inputs`
    and its files are all as its manifest says."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("invoer") != inputs:
            return None
        files = [(folder / entry["pad"], entry["sha256"]) for entry in manifest["bestanden"]]
        if any(hashlib.sha256(path.read_bytes()).hexdigest() != digest
               for path, digest in files):
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    written = [path for path, _ in files if not path.is_relative_to(folder / "assets")]
    return BuildResult(folder, [*written, folder / MANIFEST], warnings, written=False)
