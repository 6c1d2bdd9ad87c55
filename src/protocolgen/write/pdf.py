"""The PDF stage: lay out documents in a pool of workers (layout.py does the layout with
WeasyPrint, which is imported only where something must be laid out), and finish laid-out PDFs
as archival documents (pikepdf)."""

from __future__ import annotations

import contextlib
import ctypes
import html as html_lib
import io
import multiprocessing
import os
import re
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf

from protocolgen.errors import CardTooLong, UsageError
from protocolgen.render.pages import Attachment, Rendered, is_card
from protocolgen.write.cache import key, versions
from protocolgen.write.files import Workshop

if TYPE_CHECKING:
    from protocolgen.write.layout import Renderer

Files = Mapping[str, Mapping[str, bytes]]
"""Per site (a gemeente's documents), the files its documents may load, by URL."""


@dataclass(frozen=True)
class Job:
    """One document to lay out: its HTML, the site whose files it loads, its base URL; a
    role card must fit on one page."""

    name: str
    html: str
    site: str
    base: str
    one_page: bool = False


Progress = Callable[[int, int, str], None]
"""Told (done, total, name) after each document laid out."""

START_METHOD = "fork" if sys.platform == "linux" else "spawn"
"""fork (Linux): workers inherit the loaded libraries, so each starts in milliseconds;
elsewhere fork is missing (Windows) or unsafe (macOS), and spawn starts them afresh."""

_renderers: dict[str, Renderer] = {}
"""Each worker process's own renderer per site (fonts are not shared across processes)."""
_files: Files = {}


def _start(files: Files, scratch: Path) -> None:
    global _files
    from protocolgen.write.layout import quiet

    quiet()
    tempfile.tempdir = str(scratch)  # WeasyPrint's font files, removed with the scratch folder
    _files = files
    _renderers.clear()


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


def _worker(files: Files, scratch: Path) -> None:
    _die_with_parent()
    _start(files, scratch)


def too_long(html: str) -> str:
    """Return what to say about a role card that does not fit on one page: which role, and its
    longest parts, which are the ones to shorten."""
    role = _visible(re.search(r"<h1>(.*?)</h1>", html, re.S)[1])  # type: ignore[index]
    parts = [(len(_visible(body)), _visible(title)) for title, body in re.findall(
        r'<section[^>]*><h2 id="[^"]*">(.*?)</h2>(.*?)</section>', html, re.S)]
    longest = ", ".join(f"'{title}' ({size} tekens)" for size, title in sorted(parts)[::-1][:3])
    return (f"de rolkaart van {role} past niet op één A4 — maak het langste korter: {longest}"
            "; of verdeel de rol over twee rollen")


def _visible(html: str) -> str:
    return html_lib.unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


CARD_TEXT_LIMIT = 8000
"""A role card with more visible text than this cannot fit on one A4 (the fullest card of
the examples has about 3,900 characters): it is refused before any layout, which for a huge
card would take minutes and gigabytes."""


def _too_long(job: Job) -> CardTooLong:
    return CardTooLong(job.site, job.name.removeprefix("rolkaart-"), too_long(job.html))


def _run(job: Job) -> bytes:
    from protocolgen.write.layout import Renderer

    renderer = _renderers.get(job.site)
    if renderer is None:
        renderer = _renderers[job.site] = Renderer(_files[job.site])
    document = renderer.render(job.html, job.base)
    if job.one_page and len(document.pages) > 1:
        raise _too_long(job)
    return renderer.pdf(document)


def lay_out(jobs: list[Job], *, files: Files, workers: int, scratch: Path,
            progress: Progress | None = None) -> list[bytes]:
    """Return WeasyPrint's PDF of every job, in order, using up to `workers` processes;
    temporary files go to `scratch`."""
    if not jobs:
        return []
    if workers <= 1 or len(jobs) <= 1:
        before = tempfile.tempdir
        try:
            _start(files, scratch)
            return _collect(jobs, map(_run, jobs), progress)
        finally:
            tempfile.tempdir = before
            _renderers.clear()
    context = multiprocessing.get_context(START_METHOD)
    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context, initializer=_worker,
                             initargs=(files, scratch)) as pool:
        return _collect(jobs, pool.map(_run, jobs), progress)


def _collect(jobs: list[Job], results: Iterable[bytes], progress: Progress | None
             ) -> list[bytes]:
    done = []
    for job, pdf in zip(jobs, results, strict=True):
        done.append(pdf)
        if progress is not None:
            progress(len(done), len(jobs), job.name)
    return done


def finish(raw: bytes, source: Attachment | None) -> bytes:
    """Return a laid-out PDF with PDF/UA-1 declared in its XMP metadata and, if given, the
    source attached as PDF/A-3 asks (an associated file of the document), deterministically."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(raw)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["pdfuaid:part"] = "1"
        if source is not None:
            when = source.date.strftime("D:%Y%m%d%H%M%SZ")
            spec = pikepdf.AttachedFileSpec(
                pdf, source.content, filename=source.name, mime_type="application/yaml",
                description="De gegevens waaruit dit document is gemaakt (zonder commentaar)",
                creation_date=when, mod_date=when)
            spec.obj.AFRelationship = pikepdf.Name.Source
            pdf.attachments[source.name] = spec
            pdf.Root.AF = pikepdf.Array([spec.obj])
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def write(sites: Sequence[Rendered], shop: Workshop) -> list[dict[str, bytes]]:
    """Return each site's documents but the index as PDF: what the cache holds is taken from
    it, the rest is laid out in one pool for all sites, longest first (so that the longest does
    not start last), and finished with its attachment."""
    jobs = {(site.name, name): Job(name, html, site.name, _base(site), one_page=is_card(name))
            for site in sites for name, html in site.pages.items() if name != "index"}
    by_name = {site.name: site for site in sites}
    keys = {at: _key(job, by_name[at[0]]) for at, job in jobs.items()}
    laid = {at: pdf for at, k in keys.items()
            if shop.cache and (pdf := shop.cache.get(k)) is not None}
    todo = sorted((job for at, job in jobs.items() if at not in laid),
                  key=lambda j: len(j.html), reverse=True)
    for job in todo:
        if job.one_page and len(_visible(job.html)) > CARD_TEXT_LIMIT:
            raise _too_long(job)
    if todo:
        require_libraries()
        files = {site.name: {f"{_base(site)}assets/{path}": body
                             for path, body in site.assets.items()} for site in sites}
        for job, pdf in zip(todo, lay_out(todo, files=files, workers=min(_cores(), 4),
                                          scratch=shop.scratch, progress=shop.progress),
                            strict=True):
            laid[job.site, job.name] = pdf
            if shop.cache:
                shop.cache.put(keys[job.site, job.name], pdf)
    return [{f"{name}.pdf": finish(laid[site.name, name], site.attached(name))
             for (where, name) in jobs if where == site.name} for site in sites]


def _base(site: Rendered) -> str:
    """Return the URL against which a site's relative links resolve."""
    return f"file:///protocolgen/{site.name}/"


def _key(job: Job, site: Rendered) -> str:
    """Return the cache key of a document: its HTML, the stylesheet and fonts, the other files
    it names (the logo), and the versions of the libraries."""
    style = {p: b for p, b in site.assets.items() if p == "print.css" or p.startswith("fonts/")}
    used = {**style, **{p: b for p, b in site.assets.items()
                        if p not in style and f"assets/{p}" in job.html}}
    files = key(*(part for path, body in sorted(used.items()) for part in (path, body)))
    return key(job.html, str(job.one_page), files, versions())


def _cores() -> int:
    """Return the cores this process may use (all of them where the system cannot say)."""
    if hasattr(os, "sched_getaffinity"):  # Linux
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def require_libraries() -> None:
    """Load WeasyPrint before anything is written: a machine without its system libraries
    gets a Dutch answer instead of WeasyPrint's English banner and a traceback."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            from protocolgen.write import layout  # noqa: F401
    except (OSError, ImportError) as err:
        raise UsageError(
            f"de systeembibliotheken voor PDF ontbreken ({err}) — installeer Pango en HarfBuzz "
            "(Debian en Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            "libharfbuzz-subset0; macOS: brew install pango) en bouw opnieuw; er is niets "
            "geschreven") from err
