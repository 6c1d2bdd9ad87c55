"""The logo: check that it is a real image within bounds, and copy SVG without active content.

A logo ends up in every document, so it is held to what an image needs: PNG and JPEG must
decode, SVG must parse as SVG and loses scripts, event handlers, foreign content and
references to anything outside itself.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

MAX_LOGO_BYTES = 1024 * 1024
MAX_PIXELS = 25_000_000
SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
_ACTIVE = {f"{{{SVG}}}{name}" for name in ("script", "foreignObject", "iframe", "embed",
                                            "object", "audio", "video")}
_EXTERNAL_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


def unusable(path: Path) -> str | None:
    """Return why the logo at `path` cannot be used, or None when it can."""
    raw = path.read_bytes()
    if not raw:
        return "het bestand is leeg"
    if len(raw) > MAX_LOGO_BYTES:
        return f"het bestand is groter dan {MAX_LOGO_BYTES // 1024} KiB"
    if path.suffix.lower() == ".svg":
        try:
            clean_svg(raw)
        except ValueError as err:
            return str(err)
        return None
    return _bitmap_problem(raw)


def _bitmap_problem(raw: bytes) -> str | None:
    from PIL import Image  # only for PNG and JPEG logos; validation stays light otherwise

    try:
        with Image.open(io.BytesIO(raw)) as image:
            if image.format not in ("PNG", "JPEG"):
                return f"dit is een {image.format}-afbeelding, geen PNG of JPEG"
            if image.width * image.height > MAX_PIXELS:
                return f"de afbeelding is {image.width}×{image.height} beeldpunten, te groot"
            image.load()
    except Exception:  # any decoder failure means: not a usable image
        return "het bestand is geen leesbare PNG- of JPEG-afbeelding"
    return None


def clean_svg(raw: bytes) -> bytes:
    """Return the SVG in `raw` without active content or outside references; raise
    ValueError with a Dutch reason when it is not an SVG."""
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        raise ValueError("het SVG-bestand bevat een DOCTYPE of ENTITY; die zijn niet toegestaan")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError:
        raise ValueError("het bestand is geen leesbare SVG (XML)") from None
    if root.tag != f"{{{SVG}}}svg":
        raise ValueError("het bestand is geen SVG-afbeelding")
    _strip(root)
    ET.register_namespace("", SVG)
    ET.register_namespace("xlink", XLINK)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=False))


def _strip(element: ET.Element) -> None:
    for child in list(element):
        if child.tag in _ACTIVE or (child.tag == f"{{{SVG}}}style"
                                    and ("@import" in (child.text or "")
                                         or _EXTERNAL_URL.search(child.text or ""))):
            element.remove(child)
        else:
            _strip(child)
    for name, value in list(element.attrib.items()):
        local = name.rsplit("}", 1)[-1].lower()
        if local.startswith("on") or (local == "href" and not value.startswith("#")) or (
                _EXTERNAL_URL.search(value)):
            del element.attrib[name]
