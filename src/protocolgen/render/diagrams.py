"""SVG diagrams drawn from the model: the process overview and the DPIA risk matrix."""

from __future__ import annotations

import functools
from html import escape

from fontTools.ttLib import TTFont

from protocolgen.model.dpia import Dpia, Risk
from protocolgen.model.types import Outcome, Phase
from protocolgen.render.markdown import Markup
from protocolgen.schema.dpia import risk_level
from protocolgen.shipped import templates_dir

OUTCOME_FILL = {"rol": "#ffffff", "afdeling": "#ffffff", "instantie": "#ffffff",
                "afsluiten": "#f1f1f1"}
FONT = 'font-family="Noto Sans" fill="#1a1a1a"'
LEVEL_COLOURS = {"laag": "#d9ead3", "midden": "#fce8b2", "hoog": "#f4c7c3"}


@functools.cache
def _advances(weight: str) -> tuple[dict[int, int], int]:
    """Return the advance width of every character of the shipped Noto Sans, and its units."""
    style = "Bold" if weight == "bold" else "Regular"
    font = TTFont(templates_dir() / "fonts" / f"NotoSans-{style}.woff2")
    hmtx = font["hmtx"]
    return ({code: hmtx[name][0] for code, name in font.getBestCmap().items()},
            font["head"].unitsPerEm)


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Return how wide `text` is at `size`, measured with the font's own advance widths."""
    widths, units = _advances(weight)
    return sum(widths.get(ord(char), units) for char in text) * size / units


def wrap(text: str, size: float, room: float, weight: str = "normal") -> list[str]:
    """Return `text` in lines that fit `room` at `size`; nothing is left out or cut."""
    lines: list[str] = []
    for word in str(text).split():  # an open point becomes its text
        if lines and text_width(f"{lines[-1]} {word}", size, weight) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _text(x: float, y: float, lines: list[str], *, size: float,
          weight: str = "normal", anchor: str = "middle") -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size * LEADING:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines))
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}">{spans}</text>')


LEADING = 1.25
PER_ROW = 4
"""Phases per row of the process overview: with four, text of 10 units prints at 7.5 pt on
A4 (the overview is always drawn four phases wide, so its scale does not depend on their
number)."""
COLUMN, GAP, PAD = 150.0, 24.0, 6.0
SIZE = {"titel": 11.0, "naam": 10.5, "weging": 10.0, "uitkomst": 10.0}


def outcome_label(outcome: Outcome) -> str:
    if outcome.soort == "afsluiten":
        return f"Afsluiten: {outcome.omschrijving}"
    return f"Naar {outcome.doel_naam}: {outcome.omschrijving}"


def _phase_box(phase: Phase) -> list[tuple[list[str], float, str]]:
    """Return the lines of a phase's box: number, name and its wegingen and privacytoetsen."""
    room = COLUMN - 2 * PAD
    checks = ", ".join(str(w.naam) for w in phase.wegingen)
    return [([f"Fase {phase.nummer}"], SIZE["titel"], "bold"),
            (wrap(phase.naam, SIZE["naam"], room), SIZE["naam"], "normal"),
            (wrap(checks, SIZE["weging"], room), SIZE["weging"], "normal")]


def _height(block: list[tuple[list[str], float, str]]) -> float:
    return sum(len(lines) * size * LEADING for lines, size, _ in block) + 2 * PAD


def process_overview(phases: tuple[Phase, ...]) -> Markup:
    """Return an SVG with the phases in rows of four: each with its wegingen and
    privacytoetsen, the arrows between them, and every outcome that leaves the flow, in full."""
    width = PER_ROW * COLUMN + (PER_ROW - 1) * GAP
    parts: list[str] = []
    top = 4.0
    for start in range(0, len(phases), PER_ROW):
        row = phases[start:start + PER_ROW]
        boxes = [_phase_box(f) for f in row]
        box_h = max(_height(b) for b in boxes)
        lowest = top + box_h
        for i, (phase, box) in enumerate(zip(row, boxes, strict=True)):
            x = i * (COLUMN + GAP)
            parts.append(f'<rect x="{x}" y="{top}" width="{COLUMN}" height="{box_h}" rx="6" '
                         'fill="#e8eef5" stroke="#1f4e79" stroke-width="1.2"/>')
            y = top + PAD
            for lines, size, weight in box:
                parts.append(_text(x + COLUMN / 2, y + size, lines, size=size, weight=weight))
                y += len(lines) * size * LEADING
            if i + 1 < len(row):
                mid = top + box_h / 2
                parts.append(f'<line x1="{x + COLUMN}" y1="{mid}" x2="{x + COLUMN + GAP - 2}" '
                             f'y2="{mid}" stroke="#1f4e79" stroke-width="1.5" '
                             'marker-end="url(#punt)"/>')
            branch, y = top + box_h, top + box_h + 14
            for outcome in (o for o in phase.uitkomsten if o.soort != "fase"):
                lines = wrap(outcome_label(outcome), SIZE["uitkomst"], COLUMN - 20 - 2 * PAD)
                height = len(lines) * SIZE["uitkomst"] * LEADING + 2 * PAD
                parts.append(f'<path d="M{x + 10} {branch} V{y + height / 2} H{x + 20}" '
                             'fill="none" stroke="#6b7b8c" stroke-width="1"/>')
                parts.append(f'<rect x="{x + 20}" y="{y}" width="{COLUMN - 20}" '
                             f'height="{height}" rx="4" fill="{OUTCOME_FILL[outcome.soort]}" '
                             'stroke="#6b7b8c" stroke-width="0.8"/>')
                parts.append(_text(x + 20 + PAD, y + PAD + SIZE["uitkomst"], lines,
                                   size=SIZE["uitkomst"], anchor="start"))
                branch, y = y + height / 2, y + height + 8
            lowest = max(lowest, y)
        top = lowest + 18
    described = "; ".join(
        f"fase {f.nummer} {f.naam}: " + ", ".join(
            str(o.omschrijving) for o in f.uitkomsten) for f in phases)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 0 {width + 4} {top}" '
        f'role="img" aria-labelledby="proces-titel proces-beschrijving" {FONT}>'
        f'<title id="proces-titel">Procesoverzicht van signaal naar actie</title>'
        f'<desc id="proces-beschrijving">{escape(described)}</desc>'
        '<defs><marker id="punt" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z"/></marker></defs>'
        + "".join(parts) + "</svg>")


def _cell(risk: Risk, after: bool) -> tuple[int, int]:
    return (risk.restkans, risk.restimpact) if after else (risk.kans, risk.impact)


def risk_matrix(dpia: Dpia, *, after: bool) -> Markup:
    """Return an SVG heat map of likelihood × impact with every risk in its cell."""
    cell_w, cell_h, left, bottom = 92.0, 44.0, 92.0, 46.0
    n_k, n_i = len(dpia.kans), len(dpia.impact)
    width, height = left + n_i * cell_w + 4, n_k * cell_h + bottom
    numbers = {r.id: i for i, r in enumerate(dpia.risicos, start=1)}
    parts = []
    scale = dpia.tekst["risicoschaal"]
    for k in range(1, n_k + 1):
        y = (n_k - k) * cell_h
        parts.append(_text(left - 6, y + cell_h / 2 + 3, wrap(dpia.kans[k - 1], 9, left - 12),
                           size=9, anchor="end"))
        for i in range(1, n_i + 1):
            x = left + (i - 1) * cell_w
            level = risk_level(k, i, scale)
            here = [f"R{numbers[r.id]}" for r in dpia.risicos if _cell(r, after) == (k, i)]
            parts.append(f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" '
                         f'fill="{LEVEL_COLOURS[level]}" stroke="#ffffff" stroke-width="2"/>')
            parts.append(_text(x + cell_w - 4, y + 11, [level], size=8.5, anchor="end"))
            if here:
                parts.append(_text(x + cell_w / 2, y + 28, wrap(" ".join(here), 9.5, cell_w - 8,
                                                                  "bold"), size=9.5,
                                   weight="bold"))
    for i in range(1, n_i + 1):
        parts.append(_text(left + (i - 0.5) * cell_w, n_k * cell_h + 14,
                           wrap(dpia.impact[i - 1], 9, cell_w - 6), size=9))
    parts.append(_text(left + n_i * cell_w / 2, height - 4, ["impact"], size=9, weight="bold"))
    parts.append(_text(10, 10, ["kans"], size=9, weight="bold", anchor="start"))
    moment = "na maatregelen" if after else "vóór maatregelen"
    listed = "; ".join(
        f"R{numbers[r.id]} {r.titel}: "
        f"{r.restniveau if after else r.niveau}" for r in dpia.risicos)
    ident = "matrix-na" if after else "matrix-voor"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-titel {ident}-beschrijving" {FONT}>'
        f'<title id="{ident}-titel">Risicomatrix {moment}</title>'
        f'<desc id="{ident}-beschrijving">{escape(listed)}</desc>' + "".join(parts) + "</svg>")
