"""The pipeline: check, model and render every protocol first; then lay out every document that
the cache does not hold, all gemeenten in one pool; then write each gemeente's documents into a
staging folder that replaces its old output only when all of them succeeded."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import io
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from protocolgen.errors import InvalidProtocol, Position, Problem, UsageError
from protocolgen.load.parse import Source
from protocolgen.shipped import templates_dir
from protocolgen.write.cache import Cache, key, versions
from protocolgen.write.distribute import MANIFEST
from protocolgen.write.output import locked, slug, staged

if TYPE_CHECKING:
    from protocolgen.model.types import Protocol
    from protocolgen.write.pdf import Embedded, Job, Progress

# The rest (the check, the model, Jinja2, pikepdf, ...) is imported where it is used, so that
# a rebuild of output that is up to date (see `current`) costs little more than starting up.


@dataclass(frozen=True)
class Plan:
    """One checked protocol, ready to render, lay out and write; what it renders is made when
    first asked for (a protocol whose output is up to date is not rendered at all)."""

    source: Source
    data: dict[str, Any]
    protocol: Protocol
    warnings: list[Problem]
    templates: Path | None = None
    previous: Source | None = None
    memo: str = ""
    """The key under which the cache keeps what the check said (see `current`)."""

    @property
    def name(self) -> str:
        """Return the name of the gemeente's output folder."""
        return slug(self.protocol.document["gemeente"])

    @functools.cached_property
    def pages(self) -> dict[str, str]:
        """Return every HTML document, by output name."""
        from protocolgen.commands.diff import comparable, revision
        from protocolgen.render.pages import make_env, render_documents
        from protocolgen.schema.fields import ID_PATTERN

        changes = (None if self.previous is None else
                   revision(comparable(self.previous), self.data))
        pages = render_documents(self.protocol, make_env(self.templates), changes)
        for name in pages:
            if not re.fullmatch(ID_PATTERN, name):  # names come from validated ids; never trust
                raise UsageError(f"onveilige bestandsnaam {name!r}")
        return pages

    @functools.cached_property
    def assets(self) -> dict[str, bytes]:
        """Return the files the documents load, by path in the assets folder."""
        return _assets(self.source.folder, self.logo, self.templates)

    @property
    def logo(self) -> str | None:
        """Return the logo's path as the protocol gives it, if it has one."""
        return self.protocol.document.get("huisstijl", {}).get("logo")  # type: ignore[no-any-return]

    @functools.cached_property
    def embedded(self) -> Embedded:
        """Return what the protocol and the DPIA carry: the data they were made from, without
        the authors' comments (role cards, which go to teams and partners, carry nothing;
        docs/distributie.md)."""
        from protocolgen.load.canonical import as_yaml
        from protocolgen.write.pdf import Embedded

        date = dt.datetime.combine(self.protocol.datum, dt.time(), tzinfo=dt.UTC)
        return Embedded(f"{PurePath(self.source.name).stem}.yaml", as_yaml(self.data), date)

    @functools.cached_property
    def inputs(self) -> str:
        """Return the key of everything that determines the output folder."""
        logo = (self.source.folder / self.logo).read_bytes() if self.logo else b""
        return _inputs(self.source, self.previous, self.templates, logo)

    @property
    def base(self) -> str:
        """Return the URL against which its documents' relative links resolve."""
        return f"file:///protocolgen/{self.name}/"


    def jobs(self) -> list[Job]:
        """Return the documents to lay out: every page but the index."""
        from protocolgen.write.pdf import Job

        return [Job(name, html, self.name, self.base, one_page=_card(name))
                for name, html in self.pages.items() if name != "index"]

    def files(self) -> dict[str, bytes]:
        """Return the files its documents may load, by URL."""
        return {f"{self.base}assets/{path}": body for path, body in self.assets.items()}


def _inputs(source: Source, previous: Source | None, templates: Path | None, logo: bytes
            ) -> str:
    """Return the key of everything that determines an output folder: the source (and the
    earlier version), every template file (with the stylesheet and fonts), the logo file and
    the versions."""
    folders = [templates_dir(), *([templates] if templates else [])]
    files = [(f"{i}/{p.relative_to(folder).as_posix()}", p.read_bytes())
             for i, folder in enumerate(folders) for p in sorted(folder.rglob("*")) if p.is_file()]
    return key(PurePath(source.name).name, source.raw, previous.raw if previous else b"",
               *(part for named in files for part in named), logo, versions(everything=True))


def _memo_key(source: Source, previous: Source | None, today: dt.date, strict: bool) -> str:
    return key("check", source.name, source.raw, previous.raw if previous else b"",
               today.isoformat(), str(strict), versions(everything=True))


def current(source: Source, out_dir: Path, cache: Cache, *, templates: Path | None = None,
            strict: bool = False, today: dt.date, previous: Source | None = None
            ) -> BuildResult | None:
    """Return the result of an earlier build of `source` if its output is up to date, from
    what the cache kept of that build's check, without checking again: the check's result
    depends only on what the key holds (the source, the date, the versions) and on the logo
    file, whose contents the cache kept too. None if anything is not as it was."""
    try:
        memo = json.loads(cache.get(_memo_key(source, previous, today, strict), "check")
                          or b"null")
        logo = (source.folder / memo["logo"]).read_bytes() if memo["logo"] else b""
        if hashlib.sha256(logo).hexdigest() != memo["logo_sha256"]:
            return None
        warnings = [Problem(**{**p, "path": tuple(p["path"]),
                               "position": p["position"] and Position(**p["position"])})
                    for p in memo["problems"]]
        return _unchanged(out_dir / memo["folder"], _inputs(source, previous, templates, logo),
                          warnings)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def _remember(plan: Plan, cache: Cache) -> None:
    """Keep what the check of `plan` said, for `current`."""
    logo = (plan.source.folder / plan.logo).read_bytes() if plan.logo else b""
    memo = {"folder": plan.name, "logo": plan.logo,
            "logo_sha256": hashlib.sha256(logo).hexdigest(),
            "problems": [dataclasses.asdict(p) for p in plan.warnings]}
    cache.put(plan.memo, json.dumps(memo, ensure_ascii=False).encode(), "check")


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote, and the warnings it passed over."""

    folder: Path
    files: list[Path]
    warnings: list[Problem]
    written: bool = True
    """False when the folder was up to date and left as it was."""


def build(source: Source, out_dir: Path, *, templates: Path | None = None,
          strict: bool = False, today: dt.date | None = None,
          progress: Progress | None = None, previous: Source | None = None,
          cache: Cache | None = None) -> BuildResult:
    """Build every document of the protocol in `source` into `out_dir/<gemeente>/`; with
    `previous`, an earlier version, the protocol lists what changed since then; with `cache`,
    only documents that changed are laid out again."""
    plan = prepare(source, templates=templates, strict=strict, today=today, previous=previous)
    return build_all([plan], out_dir, progress=progress, cache=cache)[0]


def prepare(source: Source, *, templates: Path | None = None, strict: bool = False,
            today: dt.date | None = None, previous: Source | None = None) -> Plan:
    """Check and model one protocol; raise InvalidProtocol if it cannot be built."""
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{templates}: de map met sjablonen bestaat niet — geef een bestaande "
                         "map op bij --templates")
    from protocolgen.check.validate import check
    from protocolgen.model.types import from_data

    day = today or dt.date.today()
    report = check(source, today=day)
    if report.blocking(strict=strict) or report.document is None:
        raise InvalidProtocol(report.problems)
    data = report.document.data
    return Plan(source, data, from_data(data), report.problems, templates, previous,
                _memo_key(source, previous, day, strict))


def build_all(plans: list[Plan], out_dir: Path, *, progress: Progress | None = None,
              cache: Cache | None = None) -> list[BuildResult]:
    """Lay out what the cache does not hold, all plans in one pool, longest first (so that the
    longest does not start last); then write each plan into its own folder. With a cache that
    may be read, a folder whose manifest says it was made from the same inputs, and whose
    files are all as the manifest says, is left as it is."""
    done = {plan.name: _unchanged(out_dir / plan.name, plan.inputs, plan.warnings)
            if cache and cache.read else None for plan in plans}
    fresh = [plan for plan in plans if done[plan.name] is None]
    keys = _keys(fresh)
    stored = {at: cache.get(k) for at, k in keys.items()} if cache else {}
    pdfs = {at: pdf for at, pdf in stored.items() if pdf is not None}
    todo = sorted((job for plan in fresh for job in plan.jobs()
                   if (job.site, job.name) not in pdfs), key=lambda j: len(j.html), reverse=True)
    if todo:
        _require_pdf_libraries()
    with locked(out_dir):
        for job, pdf in zip(todo, _lay_out(todo, fresh, out_dir, progress), strict=True):
            pdfs[job.site, job.name] = pdf
            if cache:
                cache.put(keys[job.site, job.name], pdf)
        if cache:
            cache.prune()
        done |= {plan.name: _write(plan, out_dir, pdfs) for plan in fresh}
    if cache:
        for plan in plans:
            _remember(plan, cache)
    return [result for result in done.values() if result is not None]


def _unchanged(folder: Path, inputs: str, warnings: list[Problem]) -> BuildResult | None:
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


def _keys(plans: list[Plan]) -> dict[tuple[str, str], str]:
    """Return the cache key of every document, by (folder, name): its HTML, the stylesheet
    and fonts, the other files it names (the logo), and the versions of the libraries."""
    libraries = versions()
    keys = {}
    for plan in plans:
        style = {p: b for p, b in plan.assets.items() if p == "print.css" or
                 p.startswith("fonts/")}
        for job in plan.jobs():
            used = {**style, **{p: b for p, b in plan.assets.items()
                                if p not in style and f"assets/{p}" in job.html}}
            files = key(*(part for path, body in sorted(used.items()) for part in (path, body)))
            keys[job.site, job.name] = key(job.html, str(job.one_page), files, libraries)
    return keys


def _lay_out(todo: list[Job], plans: list[Plan], out_dir: Path, progress: Progress | None
             ) -> list[bytes]:
    if not todo:
        return []
    from protocolgen.write.pdf import lay_out

    # WeasyPrint's temporary font files go here, and never to $TMPDIR.
    with tempfile.TemporaryDirectory(prefix=".protocolgen-werk-", dir=out_dir) as scratch:
        return lay_out(todo, files={p.name: p.files() for p in plans},
                       workers=min(_cores(), 4), scratch=Path(scratch), progress=progress)


def _write(plan: Plan, out_dir: Path, pdfs: dict[tuple[str, str], bytes]) -> BuildResult:
    from protocolgen.write.distribute import write_bundles, write_manifest
    from protocolgen.write.pdf import finish

    source_name = PurePath(plan.source.name).name
    with staged(out_dir, plan.name, source_name) as staging:
        for path, body in plan.assets.items():
            (staging / "assets" / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / "assets" / path).write_bytes(body)
        files = []
        for name, html in plan.pages.items():
            files.append(staging / f"{name}.html")
            files[-1].write_text(html, encoding="utf-8")
        for job in plan.jobs():
            files.append(staging / f"{job.name}.pdf")
            attach = None if _card(job.name) else plan.embedded
            files[-1].write_bytes(finish(pdfs[plan.name, job.name], attach))
        files += write_bundles(staging, plan.protocol)
        files.append(write_manifest(staging, plan.protocol, source_name, plan.inputs))
    final = out_dir / plan.name
    return BuildResult(final, [final / f.relative_to(staging) for f in files], plan.warnings)


def _card(name: str) -> bool:
    """Return whether a document is a role card: one page, and no attached source."""
    return name.startswith("rolkaart-")


def _cores() -> int:
    """Return the cores this process may use (all of them where the system cannot say)."""
    if hasattr(os, "sched_getaffinity"):  # Linux
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _require_pdf_libraries() -> None:
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


def _assets(folder: Path, logo: str | None, templates: Path | None) -> dict[str, bytes]:
    """Return the files the documents load, by path in the assets folder: the fonts, the
    stylesheet (the author's own, if given) and the logo (an SVG without active content)."""
    from protocolgen.check.logo import clean_svg

    shipped = templates_dir()
    found = {f"fonts/{p.name}": p.read_bytes() for p in sorted((shipped / "fonts").iterdir())}
    css = templates / "print.css" if templates and (templates / "print.css").is_file() else (
        shipped / "print.css")
    found["print.css"] = css.read_bytes()
    if logo:
        name = f"logo{PurePath(logo).suffix.lower()}"  # as Protocol.logo names it
        raw = (folder / logo).read_bytes()
        found[name] = clean_svg(raw) if name.endswith(".svg") else raw
    return found
