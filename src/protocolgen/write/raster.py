"""Pictures of the diagrams for formats that cannot hold SVG (the Word file): the only module
that imports pypdfium2. A diagram is laid out by WeasyPrint with the documents' own fonts, as
in the PDF, and the page is rasterised by PDFium at print resolution, so the picture shows
exactly what the PDF shows. The PNG bytes are deterministic (no time or text chunks)."""

from __future__ import annotations

import io
import re

import pypdfium2

from protocolgen.render.pages import Rendered
from protocolgen.write.pdf import require_libraries

DPI = 300
"""Print resolution."""
WIDTH_CM = 16.0
"""The width of a diagram in the Word file: the text width of an A4 page with Word's margins."""
_PX_PER_PT = 96 / 72
_FONT_FACES = re.compile(r"@font-face\s*\{[^}]*\}")
_VIEW_BOX = re.compile(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"')


def png(svg: str, site: Rendered) -> bytes:
    """Return the diagram `svg` of `site` as a PNG, WIDTH_CM wide at DPI."""
    require_libraries()
    from protocolgen.write.layout import Renderer

    size = _VIEW_BOX.search(svg)
    width, height = (float(size[1]), float(size[2])) if size else (676.0, 336.0)
    base = f"file:///protocolgen/{site.name}/"
    style = site.assets["print.css"].decode("utf-8")
    faces = "\n".join(_FONT_FACES.findall(style)).replace("url(fonts/", "url(assets/fonts/")
    page = (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>{faces}\n'
            f"@page {{ size: {width}px {height}px; margin: 0 }} body {{ margin: 0 }}\n"
            f"svg {{ display: block; width: {width}px; height: {height}px }}</style></head>"
            f"<body>{svg}</body></html>")
    files = {f"{base}assets/{path}": body for path, body in site.assets.items()}
    renderer = Renderer(files)
    pdf = pypdfium2.PdfDocument(renderer.pdf(renderer.render(page, base)))
    try:
        pixels = WIDTH_CM / 2.54 * DPI
        bitmap = pdf[0].render(scale=pixels / (width / _PX_PER_PT))
        out = io.BytesIO()
        bitmap.to_pil().convert("RGB").save(out, format="PNG", optimize=True,
                                            dpi=(DPI, DPI))
        return out.getvalue()
    finally:
        pdf.close()
