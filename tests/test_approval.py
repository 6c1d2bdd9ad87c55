"""Adoption that means something: the fingerprint of the content, recording an adoption or
FG advice in the source, and what a later change of content does to both."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from protocolgen.cli.main import main
from protocolgen.load.canonical import fingerprint
from protocolgen.load.parse import load

from .conftest import EXAMPLE, LOGO, Write, mutate, settled, with_status
from .test_validate import ADOPTED_PRINT, FINGERPRINT

EDIT = ("    plaatsvervanger: Teamleider Openbare Orde en Veiligheid\n",
        "    plaatsvervanger: Adviseur Openbare Orde en Veiligheid\n")


def run(*args: str | Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def print_of(path: Path) -> str:
    return fingerprint(load(path).data)


def test_the_example_records_its_own_content() -> None:
    assert print_of(EXAMPLE) == FINGERPRINT
    assert re.fullmatch(r"[0-9a-f]{64}", FINGERPRINT)


@pytest.mark.parametrize("changes", [
    pytest.param([("# Gebaseerd op het CCV", "# Een andere opmerking.\n# Gebaseerd op het CCV")],
                 id="comments"),
    pytest.param([("  gemeente: Lindenwaard\n  titel: Privacyprotocol Bestuurlijke aanpak "
                   "ondermijnende criminaliteit gemeente Lindenwaard 2026\n",
                   "  titel: Privacyprotocol Bestuurlijke aanpak ondermijnende criminaliteit "
                   "gemeente Lindenwaard 2026\n  gemeente: Lindenwaard\n")], id="key order"),
    pytest.param([("  gemeente: Lindenwaard\n", "  gemeente: \"Lindenwaard\"   # naam\n"),
                  ("    frequentie: jaarlijks, en na elk datalek of elke klacht over dit "
                   "protocol\n", "    frequentie: >-\n      jaarlijks, en na elk datalek of\n"
                   "      elke klacht over dit protocol\n")], id="quoting and wrapping"),
    pytest.param([("  vastgesteld_door: [college, burgemeester]",
                   "  vastgesteld_door:\n    - college\n    - burgemeester")],
                 id="flow and block style"),
    pytest.param([with_status("concept"),
                  ("    besluit: \"B&W 2026/0412\"", "    besluit: \"B&W 2026/9999\"")],
                 id="the approval records themselves"),
])
def test_reformatting_keeps_the_fingerprint(changes: list[tuple[str, str]], write: Write,
                                            example_text: str) -> None:
    assert print_of(write(mutate(example_text, *changes, readopt=False))) == FINGERPRINT


@pytest.mark.parametrize("changes", [
    pytest.param([EDIT], id="a word"),
    pytest.param([("  regio: RIEC Oost-Nederland", "  regio: RIEC Noord-Nederland")],
                 id="a value"),
    pytest.param([("  vastgesteld_door: [college, burgemeester]",
                   "  vastgesteld_door: [burgemeester, college]")], id="order of a list"),
    pytest.param([("uitbuiten.\n\n\n    Medewerkers", "uitbuiten.\n    Medewerkers")],
                 id="two paragraphs made one"),
])
def test_any_content_change_changes_the_fingerprint(changes: list[tuple[str, str]], write: Write,
                                                    example_text: str) -> None:
    assert print_of(write(mutate(example_text, *changes, readopt=False))) != FINGERPRINT


def test_stale_approvals_warn_with_their_dates_and_fail_strict(
        write: Write, example_text: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(mutate(example_text, EDIT, readopt=False))
    code, _, err = run("validate", path, capsys=capsys)
    assert code == 0
    assert "na de vaststelling van 2026-09-15" in err and "[PG304]" in err
    assert "na het advies van de FG van 2026-08-27" in err and "[PG305]" in err
    assert run("validate", "--strict", path, capsys=capsys)[0] == 1
    # the same on any day: the result does not depend on the clock
    for day in ("2026-01-01", "2031-06-30"):
        assert run("validate", "--strict", "--peildatum", day, path, capsys=capsys)[0] == 1


def test_readoption_clears_what_the_edit_made_stale(write: Write, example_text: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = write(settled(mutate(example_text, EDIT, readopt=False), readopt=False))
    before = path.read_text(encoding="utf-8")
    code, out, _ = run("advies", path, "--datum", "2026-11-20", capsys=capsys)
    assert code == 0 and "advies van de FG vastgelegd op 2026-11-20" in out
    code, out, _ = run("vaststellen", path, "--datum", "2026-11-25", "--besluit", "B&W 2026/0500",
                       capsys=capsys)
    assert code == 0 and f"vastgesteld op 2026-11-25, vingerafdruk {print_of(path)[:12]}" in out
    assert run("validate", "--strict", path, capsys=capsys)[0] == 0
    after = path.read_text(encoding="utf-8")
    # only the recorded values changed, and the earlier adoption's entry into force and
    # publication went with it: every comment and every other line is as it was
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                     n=0, lineterm="")
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    new = print_of(path)
    assert changed == [
        "-    datum: 2026-09-15", "-    inwerkingtreding: 2026-10-01",
        "-    publicatie: Gmb. 2026, 48213", "+    datum: 2026-11-25",
        "-    besluit: \"B&W 2026/0412\"", f"-    vingerafdruk: \"{FINGERPRINT}\"",
        "+    besluit: \"B&W 2026/0500\"", f"+    vingerafdruk: \"{new}\"",
        "-    datum: 2026-08-27", "+    datum: 2026-11-20",
        f"-    vingerafdruk: \"{FINGERPRINT}\"", f"+    vingerafdruk: \"{new}\"",
    ]


def test_adopting_a_concept_adds_the_record_and_sets_the_status(
        write: Write, example_text: str, capsys: pytest.CaptureFixture[str]) -> None:
    start = example_text.index("  vaststelling:\n")
    end = example_text.index("  fg_advies:\n")
    concept = mutate(example_text[:start] + example_text[end:],
                     with_status("ter-advies-fg  # nog niet vastgesteld"))
    path = write(concept)
    assert run("vaststellen", path, "--datum", "2026-12-01", capsys=capsys)[0] == 0
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["document"]
    assert data["status"] == "vastgesteld"
    assert data["vaststelling"] == {"datum": dt.date(2026, 12, 1),
                                    "vingerafdruk": print_of(path)}
    assert "  status: vastgesteld  # nog niet vastgesteld\n" in path.read_text(encoding="utf-8")


def test_an_approval_is_not_recorded_in_an_invalid_file(write: Write, example_text: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = write(mutate(example_text, with_status("klaar")))
    before = path.read_bytes()
    code, _, err = run("vaststellen", path, "--datum", "2026-12-01", capsys=capsys)
    assert code == 1 and "[PG108]" in err
    assert path.read_bytes() == before


def test_advice_needs_its_text_first(write: Write, example_text: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    start = example_text.index("  fg_advies:\n")
    end = example_text.index("  evaluatie:\n")
    text = mutate(example_text[:start] + example_text[end:], with_status("concept"))
    path = write(text)
    before = path.read_bytes()
    code, _, err = run("advies", path, "--datum", "2026-12-01", capsys=capsys)
    assert code == 2 and "schrijf eerst de samenvatting van het advies" in err
    assert path.read_bytes() == before


def test_adoption_needs_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run("vaststellen", EXAMPLE, capsys=capsys)
    assert code == 2 and "dit ontbreekt: --datum" in err


def test_stale_adoption_is_on_every_page_of_every_document(tmp_path: Path,
                                                           example_text: str) -> None:
    (tmp_path / LOGO).write_bytes((EXAMPLE.parent / LOGO).read_bytes())
    source = tmp_path / "gewijzigd.yaml"
    source.write_text(mutate(example_text, EDIT, readopt=False), encoding="utf-8")
    assert main(["build", str(source), "-o", str(tmp_path / "out"), "-q"]) == 0
    folder = tmp_path / "out" / "lindenwaard"
    for name in ("privacyprotocol", "dpia", "rolkaart-programmamanager"):
        text = subprocess.run(["pdftotext", "-layout", str(folder / f"{name}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        pages = text.split("\f")[:-1]
        assert pages
        stale = "GEWIJZIGD na vaststelling op 15 september 2026 — niet vastgesteld"
        for page in pages:
            assert stale in " ".join(page.split())
    protocol = (folder / "privacyprotocol.html").read_text(encoding="utf-8")
    assert "Let op: dit advies gaat over een eerdere inhoud" in protocol
    assert "zij is gewijzigd na de vaststelling en is niet vastgesteld" in protocol
    assert '"gewijzigd_na_vaststelling": true' in (folder / "manifest.json").read_text()


def test_the_fingerprint_is_in_the_example_once_per_approval() -> None:
    assert EXAMPLE.read_text(encoding="utf-8").count(FINGERPRINT) == 2
    assert ADOPTED_PRINT.startswith("    vingerafdruk:")


def test_a_concept_may_differ_from_an_earlier_adoption(write: Write, example_text: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = write(settled(mutate(example_text, EDIT, with_status("concept"),
                                readopt=False), readopt=False))
    assert run("validate", "--strict", path, capsys=capsys)[0] == 0
