"""Print-grade typography, measured in the PDFs themselves (issue 8, in part): no text under
7 pt anywhere, no page number on a cover, and a process overview with every label complete
and the wegingen and privacytoetsen shown."""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar

from protocolgen.model.protocol import Protocol
from protocolgen.model.types import Role
from protocolgen.model.view import role_view
from protocolgen.render.diagrams import outcome_label, process_overview, text_width, wrap
from protocolgen.schema.openpoint import Open

from .conftest import EXAMPLE, SECOND_EXAMPLE, asset_urls, documents, protocol_of, rendered

T = TypeVar("T")
SMALLEST = 7.0
"""No glyph in any document is smaller than this, in points (diagrams and footers too)."""


def found(node: object, kind: type[T]) -> Iterator[T]:
    """Yield the parts of pdfminer's layout of `kind` (glyphs, lines) in reading order."""
    if isinstance(node, kind):
        yield node
    elif hasattr(node, "__iter__"):
        for child in node:
            yield from found(child, kind)


def glyphs(node: object) -> Iterator[LTChar]:
    return found(node, LTChar)


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
    return protocol_of(EXAMPLE)


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
    from protocolgen.render.env import join_nl

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


def card_text(built: Path, role: Role) -> str:
    text = subprocess.run(["pdftotext", str(built / f"rolkaart-{role.id}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    return " ".join(text.replace("-\n", "").replace("’", "'").split())


def test_a_card_starts_with_how_to_report_and_gives_its_contacts(built: Path,
                                                                  protocol: Protocol) -> None:
    for role in protocol.rollen:
        flat = card_text(built, role)
        view = role_view(protocol, role)
        if role.melden:
            box = flat.index("Signaal gezien? Zo meldt u het")
            assert box < min(flat.index(h) for h in ("In welke fases", "Wat u doet")), role.id
            assert view.melden_aan is not None and view.melden_aan.contact is not None
            receiver = view.melden_aan.contact
            assert f"Meld aan: {receiver['naam']}, {receiver['email']}, telefoon " \
                   f"{receiver['telefoon']}" in flat, role.id
        else:
            assert "Signaal gezien?" not in flat
        if role.contact:
            assert f"Contact: {role.contact['naam']}" in flat, role.id
            assert all(role.contact[k] in flat for k in ("email", "telefoon") if k in role.contact)
        if role.acuut:
            assert "Acuut gevaar?" in flat and role.acuut in flat
        for line in (*role.signalen, *role.in_melding, *role.niet_in_melding):
            assert line in flat, (role.id, line)
        if view.beantwoordt:
            assert "Een hit/no-hit-vraag beantwoorden" in flat, role.id
        assert "twijfel? ." not in flat
        html = (built / f"rolkaart-{role.id}.html").read_text(encoding="utf-8")
        phones = [c["telefoon"] for c in (role.contact, *(r.contact for r in view.vraagbaak))
                  if c and "telefoon" in c]
        assert all(f'href="tel:{phone.replace(" ", "")}"' in html for phone in phones)
    assert any(r.acuut for r in protocol.rollen) and any(r.signalen for r in protocol.rollen)


def test_a_card_holds_its_own_records_and_grounds_and_no_others(built: Path,
                                                                protocol: Protocol) -> None:
    """Per role, against the model: the card lists the records the role keeps and the grounds
    for what it does itself (in full), and nothing of another role's records or grounds."""
    grounds = [g for g in protocol.grondslagen if not isinstance(g, Open)]
    seen = set()
    for role in protocol.rollen:
        flat = card_text(built, role)
        view = role_view(protocol, role)
        for record in protocol.bewaartermijnen:
            assert (record.wat in flat) == (record in view.bewaren), (role.id, record.id)
        own = {g.id for g in view.grondslagen}
        for ground in grounds:
            listed = re.search(rf"(^|[ (]){re.escape(ground.label)}: ", flat) is not None
            assert listed == (ground.id in own), (role.id, ground.label)
            if listed:
                assert f"{ground.label}: {' '.join(ground.omschrijving.split())}" in flat
        seen |= own
    assert len(seen) > 5 and any(role_view(protocol, r).bewaren for r in protocol.rollen)


def test_an_external_card_says_what_the_partner_receives(built: Path,
                                                          protocol: Protocol) -> None:
    for role in protocol.rollen:
        flat = card_text(built, role)
        received = [s for s in protocol.verstrekkingen if s.aan is role]
        assert ("Wat u van de gemeente ontvangt" in flat) == role.extern, role.id
        if role.extern:
            assert "Wat u niet doet" not in flat and "In welke fases" not in flat
            for sharing in received:
                assert f"fase {sharing.fase.nummer}, {sharing.fase.naam.lower()}" in flat
                assert sharing.door is not None and sharing.door.naam in flat
    assert any(r.extern for r in protocol.rollen)


def test_a_card_body_is_never_under_9_pt(built: Path) -> None:
    """Only the running footer (in the bottom margin) is smaller."""
    footer = 13 / 25.4 * 72
    for path in sorted(built.glob("rolkaart-*.pdf")):
        (page,) = extract_pages(path)
        small = {(round(g.size, 1), g.get_text()) for g in glyphs(page)
                 if g.get_text().strip() and g.y0 > footer and g.size < 9 - 0.005}
        assert small == set(), path.name


def test_a_card_says_its_status_once(built: Path, protocol: Protocol) -> None:
    for role in protocol.rollen:
        text = subprocess.run(["pdftotext", str(built / f"rolkaart-{role.id}.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert " ".join(text.split()).count("Vastgesteld op 15 september 2026") == 1, role.id


def test_no_table_leaves_one_row_alone_on_a_page() -> None:
    """Measured in WeasyPrint's own layout: every part of a table split over pages holds at
    least two rows of its body."""
    from weasyprint.formatting_structure import boxes

    from protocolgen.write.layout import Renderer

    def walk(box: object) -> Iterator[object]:
        yield box
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    split = 0
    for example in (EXAMPLE, SECOND_EXAMPLE):
        plan = rendered(example)
        renderer = Renderer(asset_urls(plan))
        for name in ("privacyprotocol", "dpia"):
            parts: dict[int, list[int]] = {}
            for page in renderer.render(plan.pages[name], f"file:///protocolgen/{plan.name}/").pages:
                for box in walk(page._page_box):
                    if isinstance(box, boxes.TableBox):
                        body = sum(len(group.children) for group in box.children
                                   if isinstance(group, boxes.TableRowGroupBox)
                                   and not group.is_header)
                        parts.setdefault(id(box.element), []).append(body)
            for rows in parts.values():
                if len(rows) > 1:
                    split += 1
                    assert min(rows) >= 2, (plan.name, name, rows)
    assert split >= 5  # the examples do split tables; each split keeps two rows together


def test_no_page_holds_only_a_line_or_two(built: Path, concept_built: Path) -> None:
    """Between the running header and footer every page of the protocol and the DPIA holds
    more than a stray line or table row."""
    from pdfminer.layout import LTTextLine

    mm = 72 / 25.4
    for folder in (built, concept_built):
        for name in ("privacyprotocol.pdf", "dpia.pdf"):
            for number, page in enumerate(extract_pages(folder / name), start=1):
                body = [line for line in found(page, LTTextLine) if line.get_text().strip()
                        and 22 * mm < line.y0 and line.y1 < page.height - 24 * mm + 1]
                height = (max(line.y1 for line in body) - min(line.y0 for line in body)) / mm
                assert len(body) >= 4 and height > 30, (name, number, len(body), height)


def test_the_protocol_has_who_is_who_abbreviations_references_and_data_breaches(
        built: Path, protocol: Protocol) -> None:
    html = (built / "privacyprotocol.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="wie-is-wie">'):]
    table = table[:table.index("</table>")]
    for role in protocol.rollen:
        assert f'<th scope="row">{role.naam}</th>' in table.replace("&#39;", "'")
        if role.contact and "email" in role.contact:
            assert f'mailto:{role.contact["email"]}' in table
    for item in protocol.inleiding["afkortingen"]:
        assert f"<dt>{item['afkorting']}</dt>" in html
    references = html[html.index('id="verwijzingen"'):html.index('id="bijlage-wegingen"')]
    laws = {g.wet for g in protocol.grondslagen if not isinstance(g, Open)}
    assert len(protocol.wetten) == len(laws) > 5
    for law, url in protocol.wetten:
        assert f'<a href="{url}">{law}</a>' in references and "&artikel=" not in url
    for item in protocol.inleiding["verwijzingen"]:
        assert item["titel"] in references
    breaches = html[html.index('id="datalekken"'):]
    assert "AVG art. 33 en 34" in breaches[:100]
    for key in ("melden", "beoordelen", "betrokkenen"):
        assert protocol.beveiliging["datalekken"][key][:40] in breaches


def test_two_columns_are_balanced_by_length_and_keep_the_order() -> None:
    from protocolgen.render.env import halves

    assert halves([]) == ([], []) and halves(["a"]) == (["a"], [])
    assert halves(["x" * 400, "a", "b", "c"]) == (["x" * 400], ["a", "b", "c"])
    left, right = halves(["a" * 100, "b" * 100, "c" * 100, "d" * 100])
    assert left + right == ["a" * 100, "b" * 100, "c" * 100, "d" * 100] and len(left) == 2
