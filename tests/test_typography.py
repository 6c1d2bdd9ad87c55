"""Print-grade typography, measured in the PDFs themselves (issue 8, in part): no text under
7 pt anywhere, no page number on a cover, and a process overview with every label complete
and the wegingen and privacytoetsen shown."""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar

from protocolgen.diagrams import outcome_label, process_overview, text_width, wrap
from protocolgen.loader import load
from protocolgen.model import Protocol, from_data

from .conftest import EXAMPLE, documents

SMALLEST = 7.0
"""No glyph in any document is smaller than this, in points (diagrams and footers too)."""


def glyphs(node: object) -> Iterator[LTChar]:
    if isinstance(node, LTChar):
        yield node
    elif hasattr(node, "__iter__"):
        for child in node:  # type: ignore[attr-defined]
            yield from glyphs(child)


def test_no_text_is_smaller_than_7_pt(built: Path) -> None:
    small = {}
    for path in documents(built, ".pdf"):
        for number, page in enumerate(extract_pages(path), start=1):
            sizes = {round(g.size, 2) for g in glyphs(page)
                     if g.get_text().strip() and g.size < SMALLEST - 0.005}
            if sizes:
                small[f"{path.name} p. {number}"] = sorted(sizes)
    assert small == {}


def test_a_cover_has_no_page_number(built: Path) -> None:
    for name in ("privacyprotocol.pdf", "dpia.pdf"):
        cover = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(built / name), "-"],
                               capture_output=True, text=True, check=True).stdout
        following = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(built / name), "-"],
                                   capture_output=True, text=True, check=True).stdout
        assert "pagina 1 van" not in cover and "pagina 2 van" in following, name


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return from_data(load(EXAMPLE).data)


def test_the_overview_shows_every_outcome_in_full_and_every_weging(protocol: Protocol) -> None:
    svg = str(process_overview(protocol.fases))
    shown = [" ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", text))
             for text in re.findall(r"<text[^>]*>(.*?)</text>", svg)]
    for phase in protocol.fases:
        for outcome in phase.uitkomsten:
            if outcome.soort != "fase":
                assert outcome_label(outcome) in shown, outcome_label(outcome)
        checks = ", ".join(str(w.naam) for w in phase.wegingen)
        assert checks in shown, checks
    assert "…" not in svg


def test_lines_are_wrapped_by_the_width_of_the_font() -> None:
    text = "Afsluiten: Geen actie; het signaal wordt versleuteld bewaard en na een jaar vernietigd"
    lines = wrap(text, 10, 112)
    assert " ".join(lines) == text
    assert all(text_width(line, 10) <= 112 for line in lines)
    assert all(text_width(f"{line} {following.split()[0]}", 10) > 112
               for line, following in itertools.pairwise(lines))
    # the font's own widths: an m is wider than an i
    assert text_width("mmmm", 10) > 2 * text_width("iiii", 10)


def test_lists_read_as_dutch() -> None:
    from protocolgen.render import join_nl

    assert join_nl(["a"]) == "a" and join_nl([]) == ""
    assert join_nl(["drugs", "witwassen", "vastgoed"]) == "drugs, witwassen en vastgoed"
    assert join_nl(["georganiseerde drugscriminaliteit", "mensenhandel en arbeidsuitbuiting",
                    "witwassen en vastgoedfraude"]) == (
        "georganiseerde drugscriminaliteit; mensenhandel en arbeidsuitbuiting; en witwassen en "
        "vastgoedfraude")


def test_the_table_of_contents_has_a_second_level(built: Path, protocol: Protocol) -> None:
    contents = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout",
                               str(built / "privacyprotocol.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
    titles = ["7.1 Wie doet wat per fase", *(f"7.{f.nummer + 1} Fase {f.nummer}: {f.naam}"
                                             for f in protocol.fases)]
    for title in titles:
        assert re.search(rf"^ +{re.escape(title)} ?\.+ [0-9]+$", contents, re.M), title


def test_the_role_phase_matrix_stands_on_one_page(built: Path, protocol: Protocol) -> None:
    pages = subprocess.run(["pdftotext", str(built / "privacyprotocol.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout.split("\f")
    (page,) = [p for p in pages if "Rollen per fase: u = uitvoerend" in p]
    flat = " ".join(page.replace("-\n", "").split())
    assert all(role.naam.split()[0] in flat for role in protocol.rollen)
    assert protocol.rollen[-1].naam in flat and protocol.rollen[0].naam in flat


def test_a_card_starts_with_how_to_report_and_gives_phone_numbers(built: Path,
                                                                   protocol: Protocol) -> None:
    phones = {r.contact["telefoon"] for r in protocol.rollen
              if r.contact and "telefoon" in r.contact}
    assert phones
    for role in protocol.rollen:
        text = subprocess.run(["pdftotext", str(built / f"rolkaart-{role.id}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        if role.melden:
            box = flat.index("Signaal gezien? Zo meldt u het")
            assert box < flat.index("In welke fases"), role.id
        else:
            assert "Signaal gezien?" not in flat
        if role.contact:
            assert f"Contact: {role.contact['naam']}" in flat, role.id
        for phone in phones:
            assert phone in flat, (role.id, phone)
        assert "twijfel? ." not in flat
        html = (built / f"rolkaart-{role.id}.html").read_text(encoding="utf-8")
        assert all(f'href="tel:{phone.replace(" ", "")}"' in html for phone in phones)


def test_a_card_says_its_status_once(built: Path, protocol: Protocol) -> None:
    for role in protocol.rollen:
        text = subprocess.run(["pdftotext", str(built / f"rolkaart-{role.id}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert " ".join(text.split()).count("Vastgesteld op 15 september 2026") == 1, role.id
