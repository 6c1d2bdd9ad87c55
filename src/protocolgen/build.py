"""The pipeline: check, model, render, write — into a staging folder that replaces the old
output only when every document of the gemeente succeeded."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePath

from .errors import InvalidProtocol, Problem, UsageError
from .loader import Source
from .logo import clean_svg
from .model import Protocol, from_data
from .output import staged
from .render import make_env, render_documents, templates_dir
from .schema import ID_PATTERN
from .validate import check


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings it passed over."""

    folder: Path
    files: list[Path]
    warnings: list[Problem]


def build(source: Source, out_dir: Path, *, templates: Path | None = None,
          strict: bool = False, today: dt.date | None = None) -> BuildResult:
    """Build every document of the protocol in `source` into `out_dir/<gemeente>/`."""
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{templates}: de map met sjablonen bestaat niet — geef een bestaande "
                         "map op bij --templates")
    # 1. Check everything before anything is written.
    report = check(source, today=today)
    if report.blocking(strict=strict) or report.document is None:
        raise InvalidProtocol(report.problems)
    # 2. Resolve references into the model, 3. render every HTML document.
    protocol = from_data(report.document.data)
    pages = render_documents(protocol, make_env(templates))
    # 4. Write into a staging folder next to the final one, 5. swap it into place.
    _require_pdf_libraries()
    final = out_dir / slug(protocol.document["gemeente"])
    with staged(out_dir, final.name, PurePath(source.name).name) as staging:
        _copy_assets(staging / "assets", source.folder, protocol, templates)
        files = _write_documents(staging, pages, source, protocol)
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


MAX_SLUG = 64


def slug(text: str) -> str:
    """Return a safe folder name: ASCII letters, digits and hyphens only, at most 64 long."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    return name or "protocol"


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


def _write_documents(staging: Path, pages: dict[str, str], source: Source,
                     protocol: Protocol) -> list[Path]:
    from .pdf import Embedded, Job, write_pdfs

    for name in pages:
        if not re.fullmatch(ID_PATTERN, name):  # names come from validated ids; never trust
            raise UsageError(f"onveilige bestandsnaam {name!r}")
    jobs = [Job(name, html, one_page=name.startswith("rolkaart-"))
            for name, html in pages.items() if name != "index"]
    date = dt.datetime.combine(protocol.datum, dt.time(), tzinfo=dt.UTC)
    scratch = staging / ".tmp"  # WeasyPrint's temporary fonts; gone before the swap
    scratch.mkdir()
    pdfs = write_pdfs(jobs, assets=staging / "assets", base=staging,
                      source=Embedded(PurePath(source.name).name, source.raw, date),
                      workers=min(_cores(), 4), scratch=scratch)
    shutil.rmtree(scratch)
    written = []
    for name, html in pages.items():
        written.append(staging / f"{name}.html")
        written[-1].write_text(html, encoding="utf-8")
    for job, pdf in zip(jobs, pdfs, strict=True):
        written.append(staging / f"{job.name}.pdf")
        written[-1].write_bytes(pdf)
    return written
