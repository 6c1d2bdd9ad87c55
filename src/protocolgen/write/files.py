"""Writing one gemeente's output folder from values: the assets, every file the writers made,
the team bundles and the manifest, staged and swapped into place as a whole."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from protocolgen.errors import Problem
from protocolgen.render.pages import Rendered
from protocolgen.write.cache import Cache
from protocolgen.write.distribute import write_bundles, write_manifest
from protocolgen.write.output import staged

Progress = Callable[[int, int, str], None]
"""Told (done, total, name) after each document laid out."""


@dataclass(frozen=True)
class Workshop:
    """What a writer may use: a scratch folder inside the output folder (removed afterwards),
    the cache of laid-out documents and a progress line."""

    scratch: Path
    cache: Cache | None = None
    progress: Progress | None = None


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings it passed over."""

    folder: Path
    files: list[Path]
    warnings: list[Problem]
    written: bool = True
    """False when the folder was up to date and left as it was."""


def write_folder(out_dir: Path, site: Rendered, made: Mapping[str, bytes], *,
                 source_name: str, inputs: str, warnings: list[Problem]) -> BuildResult:
    """Write `out_dir/<site.name>/`: the assets, the files `made` by the writers, a bundle per
    team when there are PDFs, and the manifest; the earlier folder stays until all is written."""
    with staged(out_dir, site.name, source_name) as staging:
        for path, body in site.assets.items():
            (staging / "assets" / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / "assets" / path).write_bytes(body)
        files = []
        for name, body in made.items():
            files.append(staging / name)
            files[-1].parent.mkdir(parents=True, exist_ok=True)  # publiek/ for that edition
            files[-1].write_bytes(body)
        if any(name.endswith(".pdf") and "/" not in name for name in made):
            files += write_bundles(staging, site.protocol)
        files.append(write_manifest(staging, site.protocol, source_name, inputs))
    final = out_dir / site.name
    return BuildResult(final, [final / f.relative_to(staging) for f in files], warnings)
