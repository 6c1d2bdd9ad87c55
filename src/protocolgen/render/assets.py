"""The files the documents load: the fonts, the stylesheet (the author's own, if given) and
the logo, made safe."""

from __future__ import annotations

from pathlib import Path, PurePath

from protocolgen.shipped import templates_dir


def assets(folder: Path, logo: str | None, templates: Path | None) -> dict[str, bytes]:
    """Return the files the documents load, by path in the assets folder: the fonts, the
    stylesheet (the author's own, if given) and the logo (an SVG without active content)."""
    from protocolgen.checks.logo import clean_svg

    shipped = templates_dir()
    found = {f"fonts/{p.name}": p.read_bytes() for p in sorted((shipped / "fonts").iterdir())}
    css = templates / "print.css" if templates and (templates / "print.css").is_file() else (
        shipped / "print.css")
    found["print.css"] = css.read_bytes()
    if logo:
        name = f"logo{PurePath(logo).suffix.lower()}"  # as Protocol.logo names it
        raw = (folder / logo).read_bytes()
        found[name] = clean_svg(raw) if name.endswith(".svg") else raw
    return found
