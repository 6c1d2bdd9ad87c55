"""The Word file for the gemeenteblad: LibreOffice (headless) converts it to PDF and the text
reads back with every heading in order; python-docx reads it again and every heading, list
and table has the style and numbering DROP's import expects; two builds give the same bytes;
the metadata file says what the protocol says and marks what it does not say as open."""

from __future__ import annotations

import functools
import html as html_lib
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from .conftest import EXAMPLE, SECOND_EXAMPLE, TODAY

EXAMPLES = [EXAMPLE, SECOND_EXAMPLE]


@functools.cache
def public_site(path: Path) -> Any:
    """Return the rendered public edition of an example."""
    from protocolgen.checks.validate import check
    from protocolgen.load.parse import load
    from protocolgen.model.build import from_checked
    from protocolgen.model.edition import plain, public
    from protocolgen.render.env import make_env
    from protocolgen.render.pages import render

    edition = public(check(load(path), today=TODAY))
    assert edition.document is not None
    return render(from_checked(edition), plain(edition.document.data), edition.source,
                  make_env(), edition="publiek")


@functools.cache
def word_file(path: Path) -> bytes:
    from protocolgen.write.word import document

    return document(public_site(path))


def html_headings(page: str) -> list[tuple[str, str]]:
    """Return the chapters (h2) and paragraphs (h3) of the page's main text, in order."""
    from protocolgen.write.htmltree import parse

    main = parse(page).find("main")
    assert main is not None
    found: list[tuple[str, str]] = []

    def visit(node: Any) -> None:
        for child in node.children:
            if isinstance(child, str) or child.tag == "svg":
                continue
            if child.tag in ("h2", "h3"):
                found.append((child.tag, child.text()))
            else:
                visit(child)

    visit(main)
    return found


def _text(value: str) -> str:
    return " ".join(value.split())


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_headings_lists_and_tables_have_droPs_styles(example: Path) -> None:
    site = public_site(example)
    word = docx.Document(io.BytesIO(word_file(example)))
    paragraphs: list[Any] = word.paragraphs
    # The opschrift is the very first thing in the body: DROP drops what stands before it.
    first = word.element.body[0]
    assert first is paragraphs[0]._p
    assert (paragraphs[0].style.name, paragraphs[0].text) == (
        "Title", site.protocol.document["titel"])
    assert [p.style.name for p in paragraphs].count("Title") == 1
    styles = {"h2": "Heading 1", "h3": "Heading 2"}
    expected = [(styles[tag], _text(text)) for tag, text in html_headings(
        site.pages["privacyprotocol"])]
    assert [(p.style.name, _text(p.text)) for p in paragraphs
            if p.style.name.startswith("Heading")] == expected
    assert len(expected) > 40
    # Numbered lists: real Word numbering, each list starting again at 1.
    numbered = [p for p in paragraphs if p.style.name == "List Number"]
    assert numbered
    starts: dict[int, int] = {}
    numbering = word.part.numbering_part.element
    for p in numbered:
        num_id = p._p.pPr.numPr.numId.val
        num = numbering.num_having_numId(num_id)
        override = num.find(qn("w:lvlOverride"))
        assert override.find(qn("w:startOverride")).get(qn("w:val")) == "1"
        starts[num_id] = starts.get(num_id, 0) + 1
    page = site.pages["privacyprotocol"]
    main = page[page.index("<main>"):]
    assert len(starts) == main.count("<ol>") - main.count("<li><ol>")
    assert len(numbered) >= len(starts)
    bullets = [p for p in paragraphs if p.style.name.startswith("List Bullet")]
    assert bullets and all(word.styles[p.style.name].element.pPr.numPr is not None
                           for p in bullets)
    # Tables: as many as in the HTML, each with a header row that repeats on every page.
    assert len(word.tables) == main.count("<table")
    headed = [t for t in word.tables if t.rows[0]._tr.trPr is not None
              and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(headed) == main.count("<thead>")
    assert all(not any(r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader"))
                       is not None for r in t.rows[1:]) for t in word.tables)
    # Properties for DROP and the reader.
    props = word.core_properties
    document = site.protocol.document
    assert (props.title, props.subject, props.language) == (
        document["titel"], document.get("citeertitel", ""), "nl-NL")
    assert props.created.date() == props.modified.date() == document["datum"]
    with zipfile.ZipFile(io.BytesIO(word_file(example))) as archive:
        assert "<Company>" in archive.read("docProps/app.xml").decode()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_each_diagram_is_a_picture_at_print_resolution_with_its_text_alternative(
        example: Path) -> None:
    from PIL import Image

    page = public_site(example).pages["privacyprotocol"]
    diagrams = re.findall(r'<figure class="diagram">\s*<svg.*?<title[^>]*>(.*?)</title>'
                          r'<desc[^>]*>(.*?)</desc>', page, re.S)
    word = docx.Document(io.BytesIO(word_file(example)))
    shapes = word.inline_shapes
    assert diagrams and len(shapes) == len(diagrams)
    for shape, (title, desc) in zip(shapes, diagrams, strict=True):
        described = shape._inline.docPr
        assert (described.get("name"), described.get("descr")) == (
            _text(html_lib.unescape(title)), _text(html_lib.unescape(desc)))
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        image = Image.open(io.BytesIO(word.part.related_parts[blip.embed].blob))
        assert image.format == "PNG"
        inches = shape.width / 914400
        assert image.width / inches >= 299  # print resolution at the size Word shows it
        assert 14 <= shape.width.cm <= 17  # the text width of an A4 page
        colours = image.convert("L").getcolors(maxcolors=1 << 16)
        assert colours is not None and len(colours) > 16  # a drawing, not a blank picture
        levels: list[tuple[int, int]] = colours  # type: ignore[assignment]
        ink = sum(n for n, level in levels if level < 128) / (image.width * image.height)
        assert 0.005 < ink < 0.3, ink  # text and lines, neither empty nor a black box


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_a_line_inside_a_list_item_or_cell_is_a_break_not_a_paragraph(example: Path) -> None:
    word = docx.Document(io.BytesIO(word_file(example)))
    breaks = [p for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs
              if p._p.findall(".//" + qn("w:br"))]
    assert breaks  # a table heading with its note below it
    assert all(len(c.paragraphs) == 1 for t in word.tables for row in t.rows
               for c in row.cells)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_two_builds_give_the_same_bytes(example: Path) -> None:
    from protocolgen.write.word import document

    first = word_file(example)
    public_site.cache_clear()
    again = document(public_site(example))
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {
            public_site(example).protocol.datum.timetuple()[:6]}


@pytest.mark.skipif(shutil.which("soffice") is None and os.environ.get("CI") != "true",
                    reason="LibreOffice is not installed (scripts/install-system.sh test)")
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_libreoffice_converts_the_word_file_and_it_reads_back(example: Path,
                                                              tmp_path: Path) -> None:
    target = tmp_path / "privacyprotocol.docx"
    target.write_bytes(word_file(example))
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profiel", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
        capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "privacyprotocol.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 10_000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = re.sub(r"[\s\u00ad-]+", "", text)
    at = 0
    site = public_site(example)
    titles = [site.protocol.document["titel"]] + [
        t for _, t in html_headings(site.pages["privacyprotocol"])]
    for title in titles:
        found = flat.find(re.sub(r"[\s\u00ad-]+", "", title), at)
        assert found >= 0, f"{title!r} not found (in order) in the converted PDF"
        at = found
    assert "zie de interne versie" in text


def test_the_metadata_file_says_what_the_protocol_says() -> None:
    from protocolgen.write.gemeenteblad import NAME, metadata_file

    site = public_site(EXAMPLE)
    found = json.loads(metadata_file(site.protocol)[NAME])
    document = site.protocol.document
    assert found["officiele_titel"] == document["titel"]
    assert found["citeertitel"] == document["citeertitel"]
    assert found["datum_vaststelling"] == document["vaststelling"]["datum"].isoformat()
    assert found["vastgesteld_door"] == ["het college van burgemeester en wethouders",
                                         "de burgemeester"]
    links = [g["link"] for g in found["grondslagen"]]
    assert "https://wetten.overheid.nl/jci1.3:c:BWBR0040940&artikel=33" in links
    for name in found["open"]:
        assert found[name]["open"] == "ontbreekt" and "document." in found[name]["toelichting"]


def test_a_value_the_protocol_does_not_give_is_open_in_the_metadata() -> None:
    from protocolgen.write.gemeenteblad import metadata

    site = public_site(SECOND_EXAMPLE)
    adoption = site.protocol.document.get("vaststelling", {})
    found = metadata(site.protocol)
    for key, name in (("inwerkingtreding", "inwerkingtreding"), ("vervangt", "vervangt"),
                      ("datum", "datum_vaststelling")):
        if key not in adoption:
            assert found[name] == {"open": "ontbreekt", "toelichting": "staat niet in het "
                                   f"protocol; vul 'document.vaststelling.{key}' in"}
            assert name in found["open"]
    assert found["open"], "the second example leaves something open"
