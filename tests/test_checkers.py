"""The generated HTML passes the Nu HTML Checker and axe-core in Chromium (installed by .ci/run)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, documents, rendered

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "tests" / "checkers" / "axe.cjs"

BROKEN = """<!DOCTYPE html><html><head><title>x</title></head><body>
<img src="x.png"><h3>kop</h3><p id="a">een</p><p id="a">twee</p><table><tr><td>x</td></tr></table>
</body></html>"""


def vnu(files: list[Path]) -> list[dict[str, object]]:
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                           *map(str, files)], capture_output=True, text=True, timeout=300)
    return [m for m in json.loads(done.stderr)["messages"] if m["type"] == "error"]


def axe(files: list[Path]) -> dict[str, list[dict[str, object]]]:
    return chromium(files)["violations"]


def chromium(files: list[Path]) -> dict[str, dict[str, Any]]:
    done = subprocess.run(["node", str(AXE), *map(str, files)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_checkers_find_problems_in_a_broken_page(tmp_path: Path) -> None:
    page = tmp_path / "kapot.html"
    page.write_text(BROKEN, encoding="utf-8")
    assert any("Duplicate ID" in str(m["message"]) for m in vnu([page]))
    found = {v["id"] for v in axe([page])[str(page)]}
    assert {"image-alt", "html-has-lang"} <= found


@pytest.fixture(scope="module")
def ccv_pages(built: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Return the HTML of the second example (four gemeenten, open points, lines to sign), next
    to the same stylesheet and fonts as the first."""

    folder = tmp_path_factory.mktemp("ccv")
    shutil.copytree(built / "assets", folder / "assets")
    pages = rendered(ROOT / "protocols" / "ccv-model.yaml").pages
    for name, page in pages.items():
        (folder / f"{name}.html").write_text(page, encoding="utf-8")
    return sorted(folder.glob("*.html"))


def test_html_passes_the_nu_html_checker(built: Path, concept_built: Path,
                                         ccv_pages: list[Path]) -> None:
    files = documents(built, ".html") + documents(concept_built, ".html") + ccv_pages
    assert vnu(files) == []


def test_html_has_no_axe_violations(built: Path, concept_built: Path,
                                    ccv_pages: list[Path]) -> None:
    files = [*documents(built, ".html"), concept_built / "privacyprotocol.html",
             concept_built / "rolkaart-boa.html", *ccv_pages]
    results = axe(files)
    assert len(results) == len(files)
    assert {name: found for name, found in results.items() if found} == {}


def test_html_reads_at_screen_sizes_with_links_that_look_like_links(built: Path) -> None:
    """On screen the text follows the browser's size (16 px), nothing outside a diagram is
    under 13 px, and every link is underlined (the table of contents too)."""
    files = documents(built, ".html")
    screen = chromium(files)["screen"]
    assert len(screen) == len(files)
    for name, seen in screen.items():
        assert seen["body"] >= 16 and seen["smallest"] >= 13, (name, seen)
        assert seen["plainLinks"] == 0, name
