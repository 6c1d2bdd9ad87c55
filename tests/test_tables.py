"""Tables that read, measured in the PDFs of both examples with pdfminer: no glyph printed over
another (text running out of its column into the next), no glyph outside the page's text
area, columns as wide as their content asks (the DPIA's "Nr." column is narrow), no narrow
column hyphenated into fragments, and a fingerprint never hyphenated."""

from __future__ import annotations

import html
import itertools
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTPage, LTTextBox, LTTextLine

from .conftest import EXAMPLE, SECOND_EXAMPLE, TODAY, build_one

MM = 72 / 25.4
TEXT_AREA = {"document": (22 * MM, 20 * MM), "kaart": (12 * MM, 12 * MM)}
"""Left and right page margins (templates/print.css, @page and @page kaart), in points."""


@pytest.fixture(scope="module")
def both(built: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Return the output folders of both examples."""
    from protocolgen.load.files import read

    second = build_one(read(SECOND_EXAMPLE), tmp_path_factory.mktemp("ccv"), today=TODAY)
    return [built, second.folder]


def pdfs(folders: list[Path]) -> list[Path]:
    found = [p for folder in folders for p in sorted(folder.glob("*.pdf"))]
    assert len(found) >= 2 * 10, found  # protocol, DPIA and the cards of both examples
    return found


def text_glyphs(page: LTPage) -> list[tuple[int, LTChar]]:
    """Return the page's visible glyphs in content order, numbered, without the CONCEPT
    watermark (large and turned)."""
    out: list[tuple[int, LTChar]] = []

    def walk(node: object) -> Iterator[LTChar]:
        if isinstance(node, LTChar):
            yield node
        elif hasattr(node, "__iter__"):
            for child in node:
                yield from walk(child)

    for number, glyph in enumerate(walk(page)):
        if glyph.get_text().strip() and glyph.size < 20 and glyph.matrix[1] == 0:
            out.append((number, glyph))
    return out


def overprinted(page: LTPage) -> list[str]:
    """Return the pairs of glyphs that overlap, other than neighbours in the text (kerning
    brings 'r' and '.' together; that is not an overprint)."""
    glyphs = sorted(text_glyphs(page), key=lambda item: item[1].x0)
    hits = []
    for k, (i, a) in enumerate(glyphs):
        for j, b in glyphs[k + 1:]:
            if b.x0 >= a.x1:
                break
            wide = min(a.x1, b.x1) - max(a.x0, b.x0)
            high = min(a.y1, b.y1) - max(a.y0, b.y0)
            if abs(i - j) > 1 and wide > 0.5 and high > 0.5:
                hits.append(f"{a.get_text()!r} over {b.get_text()!r} at x={a.x0:.0f}, "
                            f"y={a.y0:.0f}")
    return hits


def test_no_text_is_printed_over_other_text(both: list[Path]) -> None:
    found = {}
    for path in pdfs(both):
        for number, page in enumerate(extract_pages(path), start=1):
            hits = overprinted(page)
            if hits:
                found[f"{path.parent.name}/{path.name} p. {number}"] = hits[:3]
    assert found == {}


def test_no_text_leaves_the_text_area(both: list[Path]) -> None:
    found = {}
    for path in pdfs(both):
        left, right = TEXT_AREA["kaart" if path.name.startswith("rolkaart-") else "document"]
        for number, page in enumerate(extract_pages(path), start=1):
            outside = [g.get_text() for _, g in text_glyphs(page)
                       if g.x0 < left - 1 or g.x1 > page.width - right + 1]
            if outside:
                found[f"{path.parent.name}/{path.name} p. {number}"] = "".join(outside)[:40]
    assert found == {}


def words(page: LTPage) -> list[tuple[str, float]]:
    """Return the words of a page in content order, each with the x where it starts."""
    found, word, x, previous = [], "", 0.0, 0.0
    for _, g in text_glyphs(page):
        if word and abs(g.x0 - previous) > 1.5:
            found.append((word, x))
            word = ""
        if not word:
            x = g.x0
        word, previous = word + g.get_text(), g.x1
    return [*found, (word, x)]


def test_columns_take_their_width_from_their_content(both: list[Path]) -> None:
    for folder in both:
        page = next(dict(reversed(found)) for found in map(words, extract_pages(
            folder / "dpia.pdf")) if {"Nr.", "Maatregel", "Eigenaar"} <= {w for w, _ in found})
        number, title = page["Nr."], page["Maatregel"]  # the first of each: the header
        assert title - number < 0.1 * (210 - 42) * MM, folder.name  # was 28 % of the width


HYPHENS = "-\u2010\u00ad"
TABLE_SIZE = 9.5
"""Table text is set at 8.8 pt (notes in it at 0.9 em), running text at 10 pt: a line whose
glyphs are all smaller than this stands in a table (or a caption)."""


def fragments(path: Path) -> list[str]:
    """Return each word of the small (table) text of a PDF that is hyphenated at a line end
    with fewer than five letters on one side, other than hyphens the source wrote."""
    written = html.unescape(re.sub(r"<[^>]+>", "", path.with_suffix(".html").read_text("utf-8")))
    found = []
    for page in extract_pages(path):
        for box in text_boxes(page):
            lines = [line.get_text().rstrip("\n") for line in box
                     if isinstance(line, LTTextLine)
                     and max((g.size for g in line if isinstance(g, LTChar)), default=99)
                     < TABLE_SIZE]
            for first, second in itertools.pairwise(lines):
                end = re.search(rf"(\w+)[{HYPHENS}]$", first)
                rest = re.match(r"\w*", second.strip())
                if not end or not rest:
                    continue
                piece, after = end.group(1), rest.group()
                if f"{piece}-{after}" in written or f"{piece}- {after}" in written:
                    continue  # a hyphen of the text itself
                if min(len(piece), len(after)) < 5:
                    found.append(f"{piece}-/{after}")
    return found


def text_boxes(node: object) -> Iterator[LTTextBox]:
    if isinstance(node, LTTextBox):
        yield node
    elif hasattr(node, "__iter__"):
        for child in node:
            yield from text_boxes(child)


def test_narrow_columns_are_not_hyphenated_into_fragments(both: list[Path]) -> None:
    """A table word is hyphenated only with five letters or more on each side ("Ondermij-
    ningsteam", never "Onder-/mijn-/ings-/team")."""
    for folder in both:
        for path in (folder / "privacyprotocol.pdf", folder / "dpia.pdf"):
            assert fragments(path) == [], path


def test_the_fingerprint_in_the_pdf_copies_whole(built: Path) -> None:
    from protocolgen import check
    from protocolgen.load.files import read

    checked = check(read(EXAMPLE), today=TODAY)
    assert checked.document is not None
    recorded = checked.document.data["document"]["vaststelling"]["vingerafdruk"]
    text = subprocess.run(["pdftotext", str(built / "privacyprotocol.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert recorded in re.sub(r"\s", "", text)
