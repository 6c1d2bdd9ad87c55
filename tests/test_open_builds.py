"""Every file that validates builds: with any of the values the schema lets be open written
as open points, both examples validate and the WHOLE build runs, both editions: HTML, PDF,
the Word file, the manifest, the team bundles and the index. (The HTML-only test in
test_faithful.py never reached the write step, where three such files used to crash.)"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import EXAMPLE, LOGO, ROOT, SECOND_EXAMPLE, TODAY, build_one, openable, opened

EXAMPLES = [EXAMPLE, SECOND_EXAMPLE]
OWN_GROUND = {"id": "eigen-regeling", "wet": "Algemene plaatselijke verordening",
              "artikel": "2:1", "staatsblad": "2020-1", "soort": ["taak"],
              "omschrijving": "Alleen voor deze test: een eigen grondslag zonder 'basis'."}
"""An own ground without a catalogue basis, so that its law and article can be open too."""


def example_data(path: Path) -> dict[str, Any]:
    """Return the example's data with an own ground (used by the first phase) added."""
    from protocolgen.load.files import Source
    from protocolgen.load.parse import parse

    data: dict[str, Any] = parse(Source.one(path.name, path.read_bytes(), ROOT / "protocols")).data
    data.setdefault("grondslagen", []).append(dict(OWN_GROUND))
    data["fases"][0]["grondslagen"].append(OWN_GROUND["id"])
    return data


def build_whole(data: dict[str, Any], folder: Path, cache: Path | None = None) -> Path:
    """Write `data` as a protocol in `folder`, check that it validates (warnings only) and
    build it whole, both editions; return the gemeente's output folder."""
    from protocolgen import check
    from protocolgen.errors import Severity
    from protocolgen.load.canonical import as_yaml
    from protocolgen.load.files import read
    from protocolgen.write.cache import Cache

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(EXAMPLE.parent / LOGO, folder / LOGO)
    source = folder / "protocol.yaml"
    source.write_bytes(as_yaml(data))
    errors = [p for p in check(read(source), today=TODAY).problems if p.severity is Severity.FOUT]
    assert errors == []
    return build_one(read(source), folder / "out", today=TODAY, editions=("intern", "publiek"),
                     cache=Cache(cache) if cache else None).folder


def assert_whole(out: Path, data: dict[str, Any]) -> None:
    """The output holds every document in every format, the bundles and the manifest."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["pad"] for f in manifest["bestanden"]}
    cards = {f"rolkaart-{r['id']}.pdf" for r in data["rollen"]}
    assert cards | {"privacyprotocol.pdf", "dpia.pdf", "index.html",
                    "publiek/privacyprotocol.docx", "publiek/gemeenteblad.json"} <= listed
    for name in listed:
        if name.endswith(".pdf"):
            assert (out / name).read_bytes()[:5] == b"%PDF-", name
    bundled = set()
    for bundle in (out / "bundels").glob("*.zip"):
        with zipfile.ZipFile(bundle) as archive:
            bundled |= set(archive.namelist())
    assert cards <= bundled


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_with_every_openable_value_open_the_whole_build_runs(example: Path,
                                                             tmp_path: Path) -> None:
    data = example_data(example)
    paths = openable(data)
    # the three values that crashed the write step once are among them
    assert {("grondslagen", len(data["grondslagen"]) - 1, "wet"),
            ("rollen", 0, "team")} <= set(paths)
    assert ("document", "vaststelling", "datum") in paths or example == SECOND_EXAMPLE
    assert len(paths) > 250
    everything = opened(data, paths)
    out = build_whole(everything, tmp_path)
    assert_whole(out, everything)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["vastgesteld_op"] in (None, *(f"onbekend (open punt {n})"
                                                  for n in range(1, len(paths) + 3)))


CACHE: dict[str, Path] = {}
"""One PDF cache for all drawn cases: only the documents a case changes are laid out."""


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_set_of_open_values_builds_whole(tmp_path_factory: pytest.TempPathFactory,
                                             data: st.DataObject) -> None:
    example = data.draw(st.sampled_from(EXAMPLES), label="voorbeeld")
    content = example_data(example)
    chosen = data.draw(st.lists(st.sampled_from(openable(content)), min_size=1, max_size=12,
                                unique=True), label="open")
    cache = CACHE.setdefault("pdf", tmp_path_factory.mktemp("cache"))
    everything = opened(content, chosen)
    assert_whole(build_whole(everything, tmp_path_factory.mktemp("open"), cache), everything)
