"""Shared fixtures: the example protocol, mutated copies of it, and a fixed 'today'."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
import shutil
import typing
from pathlib import Path
from typing import Any

import pytest

if typing.TYPE_CHECKING:
    from protocolgen.model.protocol import Protocol
    from protocolgen.render.pages import Rendered
    from protocolgen.write.files import BuildResult

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "protocols" / "lindenwaard.yaml"
TODAY = dt.date(2026, 11, 28)
SECOND_EXAMPLE = ROOT / "protocols" / "ccv-model.yaml"
"""The model protocol of several gemeenten, a concept with open points."""
LOGO = "lindenwaard-logo.svg"


OPEN_POINTS = "PG307"
"""The example marks two legal grounds as not yet decided (open points): a warning each."""


def decided(problems: list[Any]) -> list[Any]:
    """Return the problems other than the example's open points."""
    return [p for p in problems if p.code != OPEN_POINTS]


def with_status(value: str) -> tuple[str, str]:
    """Return the change that sets the document's status (the DPIA has one of its own)."""
    return ("  status: vastgesteld\n  soort_regeling", f"  status: {value}\n  soort_regeling")


def settled(text: str, *, readopt: bool = True) -> str:
    """Return the example with its open points decided: both open grounds become one own
    ground of a (made-up) law, for tests that need a protocol without warnings."""
    own = ("\ngrondslagen:\n  - id: testwet-1\n    wet: Testwet\n    artikel: \"1\"\n"
           "    bwb: BWBR0000001\n    soort: [bijzonder, opheffing-fiscaal]\n"
           "    omschrijving: Alleen voor de tests.\n\nbronnen:\n")
    text = re.sub(r"      - open: nog-te-besluiten\n(        .*\n|          .*\n)+",
                  "      - testwet-1\n", text)
    return mutate(text, ("\nbronnen:\n", own), readopt=readopt)


def mutate(text: str, *changes: tuple[str, str], readopt: bool = True) -> str:
    """Return `text` with each (old, new) replaced once; fail if `old` is not unique.

    Like an author who edits and then records the adoption and the FG advice again, the
    fingerprints are brought up to date, so that a test sees only what its edit causes;
    `readopt=False` leaves them as they were (the content changed after adoption)."""
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return restamp(text) if readopt else text


def restamp(text: str) -> str:
    """Return `text` with the example's recorded fingerprints replaced by its current one."""
    from protocolgen.errors import ProtocolgenError
    from protocolgen.load.canonical import fingerprint
    from protocolgen.load.files import Source
    from protocolgen.load.parse import parse

    recorded = re.findall(r'vingerafdruk: "([0-9a-f]{64})"', text)
    try:
        data = parse(Source.one("x.yaml", text.encode("utf-8", "surrogatepass"), ROOT)).data
    except (ProtocolgenError, UnicodeError):
        return text
    if not isinstance(data, dict):
        return text
    for old in set(recorded):
        text = text.replace(old, fingerprint(data))
    return text


def documents(folder: Path, suffix: str) -> list[Path]:
    """Return the documents of the example in `folder` with `suffix` ('.pdf' or '.html'),
    failing unless exactly the expected ones are there: the protocol, the DPIA and one role
    card per role (and the index, for HTML). Loops over this list cannot pass on nothing."""
    import yaml

    roles = [r["id"] for r in yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["rollen"]]
    names = ["privacyprotocol", "dpia", *(f"rolkaart-{r}" for r in roles)]
    names += ["index"] if suffix == ".html" else []
    expected = sorted(folder / f"{name}{suffix}" for name in names)
    assert sorted(folder.glob(f"*{suffix}")) == expected
    return expected


def digest(folder: Path) -> dict[str, str]:
    """Return the SHA-256 of every file below `folder`, by relative path."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def fixed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fix the reference date of every command (and subprocess) to TODAY, as CI would, so the
    example's evaluation date passing in the real world does not change any test."""
    moment = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
              ) -> Path:
    """Give every test (and its subprocesses) an empty cache of laid-out PDFs of its own."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("PROTOCOLGEN_CACHE", str(folder))
    return folder


class Write(typing.Protocol):
    """The `write` fixture: writes a protocol's text (and the example's logo) into tmp_path."""

    def __call__(self, text: str, name: str = "protocol.yaml") -> Path: ...


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """Return a function that writes text to a protocol file in tmp_path."""
    def _write(text: str, name: str = "protocol.yaml") -> Path:
        shutil.copyfile(EXAMPLE.parent / LOGO, tmp_path / LOGO)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return _write


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder with the example's documents, built once per test session."""
    from protocolgen.load.files import read

    return build_one(read(EXAMPLE), tmp_path_factory.mktemp("out"), today=TODAY).folder


@pytest.fixture(scope="session")
def concept_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the documents of the example as a concept 'ter advies bij de FG'."""
    from protocolgen.load.files import read

    folder = tmp_path_factory.mktemp("concept")
    shutil.copyfile(EXAMPLE.parent / LOGO, folder / LOGO)
    source = folder / "concept.yaml"
    source.write_text(mutate(EXAMPLE.read_text(encoding="utf-8"),
                             with_status("ter-advies-fg")),
                      encoding="utf-8")
    return build_one(read(source), folder / "output", today=TODAY).folder


def build_one(source: Any, out: Path, **options: Any) -> BuildResult:
    """Build one protocol (protocolgen.commands.build takes a list) and return its result."""
    from protocolgen.commands.build import build

    if "previous" in options:
        options["previous"] = [options["previous"]]
    return build([source], out, **options)[0]


def protocol_of(path: Path = EXAMPLE) -> Protocol:
    """Return the model of the protocol at `path`, checked as a build checks it."""
    from protocolgen.checks.validate import check
    from protocolgen.load.parse import load
    from protocolgen.model.build import from_checked

    return from_checked(check(load(path), today=TODAY))


def rendered(path: Path = EXAMPLE) -> Rendered:
    """Return the rendered documents of the protocol at `path` (pages, assets, name)."""
    from protocolgen.checks.validate import check
    from protocolgen.load.parse import load
    from protocolgen.model.build import from_checked
    from protocolgen.render.env import make_env
    from protocolgen.render.pages import render

    checked = check(load(path), today=TODAY)
    assert checked.document is not None
    return render(from_checked(checked), checked.document.data, checked.source, make_env())


def asset_urls(site: Rendered) -> dict[str, bytes]:
    """Return the files a rendered protocol's documents may load, by URL, as the PDF writer
    gives them to WeasyPrint."""
    return {f"file:///protocolgen/{site.name}/assets/{path}": body
            for path, body in site.assets.items()}


Step = str | int


def openable(data: dict[str, Any]) -> list[tuple[Step, ...]]:
    """Return every path whose value the schema lets be an open point (not one that is an open
    point already, nor a list of legal grounds, whose open items need a kind of ground)."""
    from protocolgen.schema.openpoint import may_be_open
    from protocolgen.schema.protocol import SCHEMA
    from protocolgen.schema.walk import walk

    return [tuple(path) for path, field, value in walk({"type": "dict", "schema": SCHEMA}, data)
            if may_be_open(field) and not isinstance(value, dict)
            and field.get("meta", {}).get("verwijst_naar") != "grondslagen"]


def opened(data: dict[str, Any], paths: list[tuple[Step, ...]]) -> dict[str, Any]:
    """Return a copy of `data` with the value at each of `paths` written as an open point."""
    data = copy.deepcopy(data)
    for path in paths:
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = {"open": "onbekend", "toelichting": "Nog niet bekend."}
    return data
