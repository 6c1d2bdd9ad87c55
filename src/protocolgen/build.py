"""The pipeline: check, model, render, write — into a staging folder that replaces the old
output only when every document of the gemeente succeeded."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InvalidProtocol, Problem, RenderError, UsageError
from .model import Protocol, from_data
from .render import make_env, render_documents, templates_dir
from .schema import ID_PATTERN
from .validate import check

if TYPE_CHECKING:
    from weasyprint.document import Document

    from .pdf import Renderer


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings it passed over."""

    folder: Path
    files: list[Path]
    warnings: list[Problem]


def build(source: Path, out_dir: Path, *, templates: Path | None = None, strict: bool = False,
          today: dt.date | None = None) -> BuildResult:
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
    final = out_dir / slug(protocol.document["gemeente"])
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}-", dir=out_dir))
    try:
        _copy_assets(staging / "assets", source, protocol, templates)
        files = _write_documents(staging, pages, source, protocol)
        staging.chmod(0o755)
        _replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return BuildResult(final, [final / f.relative_to(staging) for f in files], report.problems)


def slug(text: str) -> str:
    """Return a safe folder name: ASCII letters, digits and hyphens only."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "protocol"


def logo_name(protocol: Protocol) -> str | None:
    """Return the logo's file name inside assets/, if the protocol has a logo."""
    logo = protocol.document.get("huisstijl", {}).get("logo")
    return f"logo{Path(logo).suffix.lower()}" if logo else None


def _copy_assets(assets: Path, source: Path, protocol: Protocol, templates: Path | None) -> None:
    shipped = templates_dir()
    shutil.copytree(shipped / "fonts", assets / "fonts")
    css = templates / "print.css" if templates and (templates / "print.css").is_file() else (
        shipped / "print.css")
    shutil.copyfile(css, assets / "print.css")
    name = logo_name(protocol)
    if name:
        shutil.copyfile(source.parent / protocol.document["huisstijl"]["logo"], assets / name)


def _write_documents(staging: Path, pages: dict[str, str], source: Path,
                     protocol: Protocol) -> list[Path]:
    from .pdf import Renderer, Source, quiet

    quiet()
    renderer = Renderer(staging / "assets")
    date = dt.datetime.combine(protocol.datum, dt.time(), tzinfo=dt.UTC)
    embedded = Source(source.name, source.read_bytes(), date)
    written = []
    for name, html in pages.items():
        if not re.fullmatch(ID_PATTERN, name):  # names come from validated ids; never trust
            raise UsageError(f"onveilige bestandsnaam {name!r}")
        html_path = staging / f"{name}.html"
        html_path.write_text(html, encoding="utf-8")
        written.append(html_path)
        if name != "index":
            document = renderer.render(html, staging)
            if name.startswith("rolkaart-") and len(document.pages) > 1:
                document = _fit_on_one_page(renderer, name, html, staging)
            pdf_path = staging / f"{name}.pdf"
            pdf_path.write_bytes(renderer.pdf(document, embedded))
            written.append(pdf_path)
    return written


def _fit_on_one_page(renderer: Renderer, name: str, html: str, staging: Path) -> Document:
    """Lay out a role card in the smaller type; fail if it still needs a second page."""
    document = renderer.render(html.replace('<body class="rolkaart', '<body class="rolkaart '
                                            'klein', 1), staging)
    if len(document.pages) > 1:
        raise RenderError(f"{name}: de rolkaart past niet op één A4 — maak taken, wel/niet of "
                          "vastleggen korter, of verdeel de rol over twee rollen")
    return document


def _replace(staging: Path, final: Path) -> None:
    """Move `staging` to `final`, removing an earlier build only after the move."""
    if not final.exists():
        os.rename(staging, final)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{final.name}-oud-", dir=final.parent))
    os.rename(final, old / final.name)
    os.rename(staging, final)
    shutil.rmtree(old)
