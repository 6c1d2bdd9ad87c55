"""The Word writer (the only module that imports python-docx): the protocol of an edition as
a .docx for the gemeenteblad (DROP's Word import, KOOP's 'OP Stijl Compleet Besluit'), made
from the same HTML as the PDF, so that it says exactly what the PDF says.

The opschrift is in the built-in style Title, chapters (h2) in Heading 1, paragraphs (h3) in
Heading 2, other headings bold; numbered lists use Word numbering that starts at 1 in each
list, bullet lists the style List Bullet; tables are Word tables with a repeating header row.
The table of contents and the title page's labels are left out; a diagram is a picture at
print resolution (raster.py) with its title and text alternative; nothing stands before the
title. The bytes are deterministic: fixed dates in the properties and in the zip."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from protocolgen.render.pages import Rendered
from protocolgen.write.files import Workshop
from protocolgen.write.gemeenteblad import metadata_file
from protocolgen.write.htmltree import Node, parse
from protocolgen.write.raster import WIDTH_CM, png

NAME = "privacyprotocol.docx"
SKIP = frozenset({"head", "nav", "script", "style", "svg", "img", "link", "meta"})
BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "dl",
                    "section", "div", "figure", "header", "main", "figcaption", "caption",
                    "blockquote"})
DIAGRAM = re.compile(r'<figure class="diagram">\s*(<svg\b.*?</svg>)', re.S)


def write(sites: Sequence[Rendered], shop: Workshop) -> list[dict[str, bytes]]:
    """Return each site's protocol as a Word file, with the metadata file for DROP beside
    it."""
    return [{NAME: document(site), **metadata_file(site.protocol)} for site in sites]


def document(site: Rendered) -> bytes:
    """Return the Word file of the site's protocol."""
    html = site.pages["privacyprotocol"]
    page = parse(html)
    word = docx.Document()
    _dutch(word)
    body = page.find("body") or page
    _Writer(word, [png(svg, site) for svg in DIAGRAM.findall(html)]).blocks(body)
    _properties(word, site)
    out = io.BytesIO()
    word.save(out)
    return _fixed(out.getvalue(), site.protocol.datum, _app_xml(site))


class _Writer:
    def __init__(self, word: Any, pictures: list[bytes]) -> None:
        self.word = word
        self.pictures = pictures
        self.titled = False
        numbering = word.part.numbering_part.element
        style_num = word.styles["List Number"].element.pPr.numPr.numId.val
        self.abstract = next(n.abstractNumId.val for n in numbering.num_lst
                             if n.numId == style_num)
        self.numbering = numbering

    def blocks(self, node: Node, depth: int = 0) -> None:
        for child in node.children:
            if isinstance(child, str):
                if child.strip() and self.titled:
                    self.word.add_paragraph(" ".join(child.split()))
                continue
            self.block(child, depth)

    def block(self, node: Node, depth: int) -> None:
        tag, classes = node.tag, node.classes()
        if tag in SKIP or "watermerk" in classes:
            return
        if tag == "header" and "titelpagina" in classes:
            title = node.find("h1")
            if title is not None:
                self.word.add_paragraph(title.text(), style="Title")
                self.titled = True
            return
        if not self.titled and tag != "h1":  # DROP drops what stands before the opschrift
            self.blocks(node, depth)
            return
        if tag == "h1":
            self.word.add_paragraph(node.text(), style="Title")
            self.titled = True
        elif tag == "h2":
            self.word.add_paragraph(node.text(), style="Heading 1")
        elif tag == "h3":
            self.word.add_paragraph(node.text(), style="Heading 2")
        elif tag in ("h4", "h5", "h6"):
            self.inline(self.word.add_paragraph(), node, bold=True)
        elif tag in ("ul", "ol"):
            self.listing(node, depth)
        elif tag == "table":
            self.table(node)
        elif tag == "dl":
            for item in node.children:
                if isinstance(item, Node) and item.tag in ("dt", "dd"):
                    self.inline(self.word.add_paragraph(), item, bold=item.tag == "dt")
        elif tag == "figure":
            svg = node.find("svg")
            if svg is not None and "diagram" in classes and self.pictures:
                self.picture(self.pictures.pop(0), svg)
            self.blocks(node, depth)
        elif tag in ("p", "figcaption", "caption"):
            self.inline(self.word.add_paragraph(), node)
        else:
            self.blocks(node, depth)

    def picture(self, image: bytes, svg: Node) -> None:
        """Add a diagram as a picture named by its title, described by its text
        alternative (what a screen reader reads in Word and in the gemeenteblad)."""
        shape = self.word.add_picture(io.BytesIO(image), width=Cm(WIDTH_CM))
        title, desc = svg.find("title"), svg.find("desc")
        shape._inline.docPr.set("name", title.text() if title is not None else "Diagram")
        shape._inline.docPr.set("descr", desc.text() if desc is not None else "")

    def listing(self, node: Node, depth: int) -> None:
        numbered = node.tag == "ol"
        level = min(depth, 2)
        style = ("List Number" if numbered else "List Bullet") + (f" {level + 1}" if level
                                                                    else "")
        num = self._restart() if numbered and level == 0 else None
        for item in node.children:
            if not isinstance(item, Node) or item.tag != "li":
                continue
            paragraph = self.word.add_paragraph(style=style)
            if num is not None:
                _number(paragraph, num)
            inner = [c for c in item.children if not (isinstance(c, Node) and c.tag in
                                                       ("ul", "ol"))]
            self.inline(paragraph, Node("li", children=inner))
            for sub in item.children:
                if isinstance(sub, Node) and sub.tag in ("ul", "ol"):
                    self.listing(sub, depth + 1)

    def _restart(self) -> int:
        """Return a new Word list of the List Number style that starts again at 1."""
        ids = [n.numId for n in self.numbering.num_lst]
        num = self.numbering.add_num(self.abstract)
        override = num.add_lvlOverride(ilvl=0)
        override.add_startOverride(1)
        return int(num.numId) if num.numId not in ids else max(ids) + 1

    def table(self, node: Node) -> None:
        caption = node.find("caption")
        if caption is not None:
            self.inline(self.word.add_paragraph(), caption, bold=True)
        rows = [(row, part) for part in node.children if isinstance(part, Node)
                for row in ([part] if part.tag == "tr" else part.children)
                if isinstance(row, Node) and row.tag == "tr"]
        if not rows:
            return
        width = max(sum(1 for c in r.children if isinstance(c, Node) and c.tag in ("th", "td"))
                    for r, _ in rows)
        table = self.word.add_table(rows=0, cols=width)
        table.style = self.word.styles["Table Grid"]
        for row, part in rows:
            cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("th", "td")]
            word_row = table.add_row()
            if part.tag == "thead":
                _header_row(word_row)
            for cell, node_cell in zip(word_row.cells, cells, strict=False):
                self.inline(cell.paragraphs[0], node_cell,
                            bold=node_cell.tag == "th" and part.tag == "thead")

    def inline(self, paragraph: Any, node: Node, *, bold: bool = False,
               italic: bool = False) -> None:
        """Add the text of `node` to `paragraph` as runs; a block inside (a note under a
        table heading, a list inside a cell) starts a new line: a break, not a paragraph."""
        for child in node.children:
            if isinstance(child, str):
                text = " ".join(child.split())
                if child[:1].isspace() and text:
                    text = " " + text
                if child[-1:].isspace() and text.strip():
                    text += " "
                if text:
                    run = paragraph.add_run(text)
                    run.bold, run.italic = bold or None, italic or None
            elif child.tag == "br":
                paragraph.add_run().add_break()
            elif child.tag in SKIP:
                continue
            elif child.tag in BLOCKS or "toelichting" in child.classes() or child.tag == "li":
                if paragraph.runs:
                    paragraph.add_run().add_break()
                self.inline(paragraph, child, bold=bold, italic=italic)
            else:
                self.inline(paragraph, child, bold=bold or child.tag in ("strong", "b"),
                            italic=italic or child.tag in ("em", "i"))


def _number(paragraph: Any, num: int) -> None:
    numbered = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbered.get_or_add_ilvl().val = 0
    numbered.get_or_add_numId().val = num


def _header_row(row: Any) -> None:
    """Mark a table row as the header that Word repeats on each page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _dutch(word: Any) -> None:
    """Set the document's language to Dutch, for spelling and hyphenation."""
    style = word.styles["Normal"]
    style.font.size = Pt(11)
    fonts = style.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "nl-NL")
    fonts.append(language)


def _properties(word: Any, site: Rendered) -> None:
    document = site.protocol.document
    moment = dt.datetime.combine(site.protocol.datum, dt.time())
    props = word.core_properties
    props.title = document["titel"]
    citation = document.get("citeertitel")
    props.subject = citation if isinstance(citation, str) else ""
    props.author = str(site.protocol.wie)[:1].upper() + str(site.protocol.wie)[1:]
    props.last_modified_by = props.author
    props.category = "beleidsregel"
    props.keywords = "privacyprotocol; ondermijning; gemeenteblad"
    props.comments = f"versie {document['versie']}"
    props.language = "nl-NL"
    props.created = props.modified = moment
    props.revision = 1


def _app_xml(site: Rendered) -> bytes:
    """Return docProps/app.xml with the organisation (Company) set."""
    from xml.sax.saxutils import escape

    who = str(site.protocol.wie)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
            '2006/docPropsVTypes"><Application>protocolgen</Application>'
            f"<Company>{escape(who[:1].upper() + who[1:])}</Company></Properties>").encode()


def _fixed(package: bytes, day: dt.date, app: bytes) -> bytes:
    """Return the package again with fixed times and permissions, and the organisation in
    its properties."""
    moment = max(day, dt.date(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = app if entry.filename == "docProps/app.xml" else source.read(entry)
            info = zipfile.ZipInfo(entry.filename, date_time=moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, data, compresslevel=9)
    return out.getvalue()

