"""The pipeline: check, model, render, write — into a staging folder that replaces the old
output only when every document of the gemeente succeeded."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from .canonical import as_yaml
from .diff import comparable, revision
from .distribute import write_bundles, write_manifest
from .errors import InvalidProtocol, Problem, UsageError
from .loader import Source
from .logo import clean_svg
from .model import Protocol, from_data
from .output import slug, staged
from .render import make_env, render_documents, templates_dir
from .schema import ID_PATTERN
from .validate import check

if TYPE_CHECKING:
    from .pdf import Embedded, Progress


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings it passed over."""

    folder: Path
    files: list[Path]
    warnings: list[Problem]


def build(source: Source, out_dir: Path, *, templates: Path | None = None,
          strict: bool = False, today: dt.date | None = None,
          progress: Progress | None = None, previous: Source | None = None) -> BuildResult:
    """Build every document of the protocol in `source` into `out_dir/<gemeente>/`; with
    `previous`, an earlier version, the protocol lists what changed since then."""
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{templates}: de map met sjablonen bestaat niet — geef een bestaande "
                         "map op bij --templates")
    # 1. Check everything before anything is written.
    report = check(source, today=today)
    if report.blocking(strict=strict) or report.document is None:
        raise InvalidProtocol(report.problems)
    # 2. Resolve references into the model, 3. render every HTML document.
    protocol = from_data(report.document.data)
    changes = None if previous is None else revision(comparable(previous),
                                                         report.document.data)
    pages = render_documents(protocol, make_env(templates), changes)
    # 4. Write into a staging folder next to the final one, 5. swap it into place.
    _require_pdf_libraries()
    final = out_dir / slug(protocol.document["gemeente"])
    with staged(out_dir, final.name, PurePath(source.name).name) as staging:
        _copy_assets(staging / "assets", source.folder, protocol, templates)
        files = _write_documents(staging, pages, _source_copy(source, report.document.data,
                                                               protocol), progress)
        files += write_bundles(staging, protocol)
        files.append(write_manifest(staging, protocol, PurePath(source.name).name))
    return BuildResult(final, [final / f.relative_to(staging) for f in files], report.problems)


def _cores() -> int:
    """Return the cores this process may use (all of them where the system cannot say)."""
    if hasattr(os, "sched_getaffinity"):  # Linux
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _require_pdf_libraries() -> None:
    """Load the PDF stage before anything is written: a machine without WeasyPrint's system
    libraries gets a Dutch answer instead of WeasyPrint's English banner and a traceback."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            from . import pdf  # noqa: F401
    except (OSError, ImportError) as err:
        raise UsageError(
            f"de systeembibliotheken voor PDF ontbreken ({err}) — installeer Pango en HarfBuzz "
            "(Debian en Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            "libharfbuzz-subset0; macOS: brew install pango) en bouw opnieuw; er is niets "
            "geschreven") from err


def _copy_assets(assets: Path, folder: Path, protocol: Protocol, templates: Path | None
                 ) -> None:
    shipped = templates_dir()
    shutil.copytree(shipped / "fonts", assets / "fonts")
    css = templates / "print.css" if templates and (templates / "print.css").is_file() else (
        shipped / "print.css")
    shutil.copyfile(css, assets / "print.css")
    if protocol.logo:
        logo = folder / protocol.document["huisstijl"]["logo"]
        raw = logo.read_bytes()
        (assets / protocol.logo).write_bytes(clean_svg(raw) if protocol.logo.endswith(".svg")
                                             else raw)


def _source_copy(source: Source, data: dict[str, Any], protocol: Protocol) -> Embedded:
    """Return what the protocol and the DPIA carry: the data without the authors' comments."""
    from .pdf import Embedded

    date = dt.datetime.combine(protocol.datum, dt.time(), tzinfo=dt.UTC)
    return Embedded(f"{PurePath(source.name).stem}.yaml", as_yaml(data), date)


def _write_documents(staging: Path, pages: dict[str, str], embedded: Embedded,
                     progress: Progress | None) -> list[Path]:
    from .pdf import Job, write_pdfs

    for name in pages:
        if not re.fullmatch(ID_PATTERN, name):  # names come from validated ids; never trust
            raise UsageError(f"onveilige bestandsnaam {name!r}")
    # Role cards go to teams and partners: they carry no source. The protocol and the DPIA
    # carry the data they were made from, without the authors' comments (docs/distributie.md).
    jobs = [Job(name, html, one_page=name.startswith("rolkaart-"),
                attach=not name.startswith("rolkaart-"))
            for name, html in pages.items() if name != "index"]

    scratch = staging / ".tmp"  # WeasyPrint's temporary fonts; gone before the swap
    scratch.mkdir()
    pdfs = write_pdfs(jobs, assets=staging / "assets", base=staging,
                      source=embedded, workers=min(_cores(), 4), scratch=scratch,
                      progress=progress)
    shutil.rmtree(scratch)
    written = []
    for name, html in pages.items():
        written.append(staging / f"{name}.html")
        written[-1].write_text(html, encoding="utf-8")
    for job, pdf in zip(jobs, pdfs, strict=True):
        written.append(staging / f"{job.name}.pdf")
        written[-1].write_bytes(pdf)
    return written
