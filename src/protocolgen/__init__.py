"""protocolgen: privacy protocol, DPIA and role cards from one YAML description.

The library API, the one the command line, `serve` and the tests use:

    source = protocolgen.read(Path("protocol.yaml"))       # load/: the files, safely read
    checked = protocolgen.check(source, today=date.today())   # checks/: every problem, in one pass
    results = protocolgen.build([source], Path("output"))    # commands/build.py: the documents

The stages below it, each a package that hands the next one value: load (Source → Document),
schema (the format and what each field means), checks (Document → Checked), model
(Checked → Protocol), render (Protocol → Rendered: HTML pages), write (Rendered → files,
through a table of writers), then commands (one module per verb) and cli."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from protocolgen.version import __version__

if TYPE_CHECKING:
    from protocolgen.checks.validate import Checked
    from protocolgen.load.files import Source
    from protocolgen.write.files import BuildResult

__all__ = ["__version__", "build", "check", "read"]


def read(*paths: Path) -> Source:
    """Return the protocol in the files at `paths` (the first is the main file)."""
    from protocolgen.load.files import read as read_files

    return read_files(*paths)


def check(source: Source, *, today: dt.date | None = None) -> Checked:
    """Return `source` parsed and checked: its document, every problem, its open points and
    its fingerprint."""
    from protocolgen.checks.validate import check_source

    return check_source(source, today=today)


def build(sources: Sequence[Source], out_dir: Path, **options: Any) -> list[BuildResult]:
    """Build the documents of every protocol in `sources` into `out_dir/<gemeente>/`; see
    commands/build.py for the options."""
    from protocolgen.commands.build import build as build_all

    return build_all(sources, out_dir, **options)
