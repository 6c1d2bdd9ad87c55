"""The build: every protocol checked before anything is written, then modelled and rendered;
then each output format made by its writer (the PDFs of all gemeenten laid out in one pool);
then each gemeente's folder written as a whole, replacing its old output only when all of it
succeeded."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from pathlib import Path

from protocolgen.checks.validate import Checked, check_source
from protocolgen.commands.diff import comparable, revision
from protocolgen.errors import CardTooLong, NotBuilt, Problem, UsageError
from protocolgen.load.files import Source
from protocolgen.model.build import from_checked
from protocolgen.model.edition import EDITIONS, plain, public
from protocolgen.render.env import Environment, make_env
from protocolgen.render.pages import Rendered, render
from protocolgen.schema.fields import slug
from protocolgen.write import uptodate
from protocolgen.write.cache import Cache
from protocolgen.write.files import BuildResult, Progress, Workshop, write_folder
from protocolgen.write.formats import WRITERS
from protocolgen.write.output import locked
from protocolgen.write.pdf import require_libraries

FORMATS = ("html", "pdf")
PUBLIC = "publiek"
"""The folder of the public edition inside a gemeente's folder; its formats add the Word file
for the gemeenteblad (and the metadata beside it)."""
EDITION_CHOICES = {"intern": ("intern",), PUBLIC: (PUBLIC,), "beide": ("intern", PUBLIC)}
"""What `build --editie` takes, and the editions each builds."""


def build(sources: Sequence[Source], out_dir: Path, *, formats: Sequence[str] = FORMATS,
          templates: Path | None = None, strict: bool = False, today: dt.date | None = None,
          previous: Sequence[Source | None] | None = None, cache: Cache | None = None,
          progress: Progress | None = None, editions: Sequence[str] = ("intern",)
          ) -> list[BuildResult]:
    """Build every document of each protocol in `sources` into `out_dir/<gemeente>/`, in the
    `formats` of the table of writers, for each of the `editions` (the public one in
    `<gemeente>/publiek/`, with a Word file); with `previous` (an earlier version per source), each
    protocol lists what changed since then; with `cache`, only documents that changed are
    laid out again, and a folder made from the same inputs is left as it is. Raise NotBuilt
    when a protocol has problems that stop the build: then nothing is written."""
    if templates is not None and not templates.is_dir():
        raise UsageError(f"{templates}: de map met sjablonen bestaat niet — geef een bestaande "
                         "map op bij --templates")
    unknown = [name for name in formats if name not in WRITERS]
    if [e for e in editions if e not in EDITIONS] or not editions:
        raise UsageError(f"onbekende editie in {', '.join(editions) or 'geen'} — kies uit "
                         + ", ".join(EDITIONS))
    if unknown:
        raise UsageError(f"onbekend uitvoerformaat {unknown[0]!r} — kies uit "
                         + ", ".join(WRITERS))
    day = today or dt.date.today()
    before: list[Source | None] = list(previous) if previous is not None else [None] * len(sources)
    options = {"templates": templates, "strict": strict, "today": day}
    plain_build = formats == FORMATS and tuple(editions) == ("intern",)
    if cache and cache.read and plain_build:
        found = [uptodate.current(s, out_dir, cache, previous=p, **options)  # type: ignore[arg-type]
                 for s, p in zip(sources, before, strict=True)]
        if all(found):  # nothing to check, render or lay out again
            return [result for result in found if result is not None]
    checked = [check_source(source, today=day) for source in sources]
    failed = [(c.source.name, c.blocking(strict=strict) or c.problems) for c in checked
              if c.blocking(strict=strict) or c.document is None]
    if failed:
        raise NotBuilt(failed)
    return _make(checked, before, out_dir, formats, templates, cache, progress, strict, day,
                 tuple(editions))


def _make(checked: list[Checked], before: list[Source | None], out_dir: Path,
          formats: Sequence[str], templates: Path | None, cache: Cache | None,
          progress: Progress | None, strict: bool, day: dt.date,
          editions: tuple[str, ...] = ("intern",)) -> list[BuildResult]:
    protocols = [from_checked(c) for c in checked]
    _refuse_shared_folders(out_dir, [(c.source.name, slug(p.document["gemeente"]))
                                     for c, p in zip(checked, protocols, strict=True)])
    keys = [uptodate.inputs(c.source, b, templates,
                            uptodate.logo_bytes(c.source, p.document.get("huisstijl", {})
                                                .get("logo")))
            for c, p, b in zip(checked, protocols, before, strict=True)]
    done = [uptodate.unchanged(out_dir / slug(p.document["gemeente"]), key, c.problems)
            if cache and cache.read and formats == FORMATS and editions == ("intern",) else None
            for c, p, key in zip(checked, protocols, keys, strict=True)]
    env = make_env(templates)
    sites: dict[int, Rendered] = {
        i: render(p, c.document.data, c.source, env, templates=templates,  # type: ignore[union-attr]
                  public_too=PUBLIC in editions,
                  changes=None if b is None else revision(comparable(b),
                                                          c.document.data))  # type: ignore[union-attr]
        for i, (c, p, b, ready) in enumerate(zip(checked, protocols, before, done, strict=True))
        if ready is None}
    if sites and "pdf" in formats:
        require_libraries()  # before anything is written, the output folder too
    with locked(out_dir), tempfile.TemporaryDirectory(prefix=".protocolgen-werk-",
                                                      dir=out_dir) as scratch:
        # WeasyPrint's temporary font files go to the scratch folder, never to $TMPDIR.
        shop = Workshop(Path(scratch), cache, progress)
        try:
            made = {fmt: dict(zip(sites, WRITERS[fmt](list(sites.values()), shop), strict=True))
                    for fmt in (formats if "intern" in editions else ())}
            if PUBLIC in editions:
                _add_public(made, sites, checked, env, templates, formats, shop)
        except CardTooLong as err:
            raise NotBuilt([_card_problem(err, checked, sites)]) from None
        if cache:
            cache.prune()
        for i, site in sites.items():
            done[i] = write_folder(out_dir, site, {n: b for files in made.values()
                                                   for n, b in files[i].items()},
                                   source_name=Path(checked[i].source.name).name,
                                   inputs=keys[i], warnings=checked[i].problems)
    if cache:
        for c, p, b in zip(checked, protocols, before, strict=True):
            logo = p.document.get("huisstijl", {}).get("logo")
            uptodate.remember(cache, uptodate.memo_key(c.source, b, day, strict),
                              slug(p.document["gemeente"]), logo,
                              uptodate.logo_bytes(c.source, logo), c.problems)
    return [result for result in done if result is not None]


def _add_public(made: dict[str, dict[int, dict[str, bytes]]], sites: dict[int, Rendered],
                checked: list[Checked], env: Environment, templates: Path | None,
                formats: Sequence[str], shop: Workshop) -> None:
    """Add to `made` the files of the public edition of each site, under `publiek/`: its
    assets, its documents in `formats` and the Word file; never a list of changes (that
    could name what the public edition leaves out)."""
    editions = {i: public(checked[i]) for i in sites}
    shown = {i: render(from_checked(c), plain(c.document.data), c.source,  # type: ignore[union-attr]
                       env, templates=templates, edition=PUBLIC) for i, c in editions.items()}
    for fmt in dict.fromkeys([*formats, "docx"]):
        files = WRITERS[fmt](list(shown.values()), shop)
        made[f"{PUBLIC}-{fmt}"] = {i: {f"{PUBLIC}/{n}": b for n, b in f.items()}
                                   for i, f in zip(shown, files, strict=True)}
    made[f"{PUBLIC}-assets"] = {i: {f"{PUBLIC}/assets/{n}": b for n, b in s.assets.items()}
                                for i, s in shown.items()}


def _card_problem(err: CardTooLong, checked: list[Checked], sites: dict[int, Rendered]
                  ) -> tuple[str, list[Problem]]:
    """Return the problem of a role card that does not fit, at the role in its source."""
    at = next(i for i, site in sites.items() if site.name == err.site)
    document = checked[at].document
    assert document is not None
    index = next(i for i, r in enumerate(document.data["rollen"]) if r["id"] == err.role)
    message, _, action = str(err).partition(" — ")
    path = ("rollen", index, "id")
    return checked[at].source.name, [Problem("PG243", path, message, action,
                                             position=document.position(path))]


def _refuse_shared_folders(out_dir: Path, names: list[tuple[str, str]]) -> None:
    """Refuse two protocols that would write into one folder, before anything is written."""
    folders: dict[str, str] = {}
    for source, folder in names:
        if folder in folders:
            raise UsageError(f"{folders[folder]} en {source} krijgen allebei de uitvoermap "
                             f"{out_dir / folder}; niets geschreven — geef elk protocol een "
                             "eigen gemeentenaam, of bouw ze met elk een eigen -o")
        folders[folder] = source


def expand(paths: list[Path]) -> list[Path]:
    """Return the files given, with a folder standing for the protocols in it (*.yaml)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            if not inside:
                raise UsageError(f"{path}: in deze map staan geen protocollen (*.yaml)")
            found += inside
        else:
            found.append(path)
    return found


def shard(paths: list[Path], part: tuple[int, int] | None) -> list[Path]:
    """Return shard I of N of `paths`: every Nth file in name order, starting at the Ith, so
    that N jobs of a CI matrix together build each file exactly once."""
    if part is None:
        return paths
    number, total = part
    return [p for i, p in enumerate(sorted(paths, key=str)) if i % total == number - 1]
