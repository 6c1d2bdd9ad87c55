"""Turn HTML into archival, tagged PDF; the only module that imports WeasyPrint."""

from __future__ import annotations

import ctypes
import datetime as dt
import io
import logging
import mimetypes
import multiprocessing
import os
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import pikepdf
import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .errors import RenderError

MAX_ASSET_BYTES = 20 * 1024 * 1024
PDF_VARIANT = "pdf/a-3a"
"""PDF/A-3 allows the YAML source as an attachment; level a makes the PDF tagged."""


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serve data: URLs and files inside the asset folders; refuse everything else."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)
        self.roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if (parts.scheme != "file" or parts.netloc not in ("", "localhost")
                or not any(path.is_relative_to(root) for root in self.roots)
                or not path.is_file() or path.stat().st_size > MAX_ASSET_BYTES):
            raise FatalURLFetchingError(f"geweigerd: {url}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(),
                                  headers={"Content-Type": mime})


@dataclass(frozen=True)
class Embedded:
    """The file a PDF was made from, embedded in it."""

    name: str
    content: bytes
    date: dt.datetime


class Renderer:
    """Render many documents with one font configuration and one fetcher."""

    def __init__(self, asset_root: Path) -> None:
        self.fetcher = AssetFetcher([asset_root])
        self.fonts = FontConfiguration()

    def render(self, html: str, base: Path) -> weasyprint.document.Document:
        """Lay out `html`, whose relative links resolve against folder `base`."""
        with _refusals():
            return weasyprint.HTML(string=html, base_url=base.resolve().as_uri() + "/",
                                   url_fetcher=self.fetcher).render(
                font_config=self.fonts, **_OPTIONS)

    def pdf(self, document: weasyprint.document.Document, source: Embedded | None) -> bytes:
        """Return the PDF of a laid-out document, with `source` attached if given."""
        attachments = [] if source is None else [weasyprint.Attachment(
            file_obj=io.BytesIO(source.content), name=source.name, url_fetcher=self.fetcher,
            description="De gegevens waaruit dit document is gemaakt (zonder commentaar)",
            created=source.date, modified=source.date, relationship="Source")]
        with _refusals():
            return _finish(document.write_pdf(attachments=attachments, **_OPTIONS))


@contextmanager
def _refusals() -> Iterator[None]:
    """Turn a refused URL into a RenderError that says what is allowed."""
    try:
        yield
    except FatalURLFetchingError as err:
        raise RenderError(f"{err} — een document mag alleen de eigen stijl, lettertypen en "
                          "het logo laden") from None


_OPTIONS = {"pdf_variant": PDF_VARIANT, "uncompressed_pdf": False}

START_METHOD = "fork" if sys.platform == "linux" else "spawn"
"""fork (Linux): workers inherit the loaded libraries, so each starts in milliseconds;
elsewhere fork is missing (Windows) or unsafe (macOS), and spawn starts them afresh."""


@dataclass(frozen=True)
class Job:
    """One document to turn into PDF; a role card must fit on one page."""

    name: str
    html: str
    one_page: bool = False
    attach: bool = True


_state: tuple[Renderer, Path, Embedded] | None = None
"""Each worker process's own renderer (fonts and fetcher are not shared across processes)."""


def _start(asset_root: Path, base: Path, source: Embedded, scratch: Path) -> None:
    global _state
    quiet()
    tempfile.tempdir = str(scratch)  # WeasyPrint's font folders, removed with the staging
    _state = (Renderer(asset_root), base, source)


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the build that started it ends, even by kill -9."""
    if sys.platform != "linux":
        return
    prctl = getattr(ctypes.CDLL(None), "prctl", None)
    if prctl is not None:
        pr_set_pdeathsig = 1
        prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() == 1:  # the parent was gone before the request took effect
        os._exit(1)


def _worker(asset_root: Path, base: Path, source: Embedded, scratch: Path) -> None:
    _die_with_parent()
    _start(asset_root, base, source, scratch)


def _run(job: Job) -> bytes:
    assert _state is not None
    renderer, base, source = _state
    document = renderer.render(job.html, base)
    if job.one_page and len(document.pages) > 1:
        document = renderer.render(job.html.replace('<body class="rolkaart', '<body class='
                                                    '"rolkaart klein', 1), base)
        if len(document.pages) > 1:
            raise RenderError(f"{job.name}: de rolkaart past niet op één A4 — maak taken, "
                              "wel/niet of vastleggen korter, of verdeel de rol over twee rollen")
    return renderer.pdf(document, source if job.attach else None)


Progress = Callable[[int, int, str], None]
"""Told (done, total, name) after each finished document."""


def write_pdfs(jobs: list[Job], *, assets: Path, base: Path, source: Embedded,
               workers: int, scratch: Path, progress: Progress | None = None) -> list[bytes]:
    """Return the PDF of every job, in order, using up to `workers` processes; temporary
    files go to `scratch`."""
    if workers <= 1 or len(jobs) <= 1:
        before = tempfile.tempdir
        try:
            _start(assets, base, source, scratch)
            return _collect(jobs, map(_run, jobs), progress)
        finally:
            tempfile.tempdir = before
    context = multiprocessing.get_context(START_METHOD)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_worker,
                             initargs=(assets, base, source, scratch)) as pool:
        return _collect(jobs, pool.map(_run, jobs), progress)


def _collect(jobs: list[Job], results: Iterable[bytes], progress: Progress | None
             ) -> list[bytes]:
    done = []
    for job, pdf in zip(jobs, results, strict=True):
        done.append(pdf)
        if progress is not None:
            progress(len(done), len(jobs), job.name)
    return done


def _finish(raw: bytes) -> bytes:
    """Declare PDF/UA-1 in the XMP metadata and type the attached YAML, deterministically."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdfuaid:part"] = "1"
        for spec in pdf.attachments.values():  # none on a role card
            spec.get_file().obj.Subtype = pikepdf.Name("/application/yaml")
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def quiet() -> None:
    """Keep WeasyPrint's own warnings out of the user's terminal; refusals raise instead."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
