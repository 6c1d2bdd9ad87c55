"""SVG diagrams drawn from the model: the process overview and the DPIA risk matrix."""

from __future__ import annotations

import textwrap
from html import escape

from markupsafe import Markup

from .model import Dpia, Phase, Risk
from .rules import risk_level

OUTCOME_FILL = {"rol": "#ffffff", "afdeling": "#ffffff", "instantie": "#ffffff",
                "afsluiten": "#f1f1f1"}
FONT = 'font-family="Noto Sans" fill="#1a1a1a"'
LEVEL_COLOURS = {"laag": "#d9ead3", "midden": "#fce8b2", "hoog": "#f4c7c3"}


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False) or [""]


def _text(x: float, y: float, text: str, *, width: int, size: float = 9,
          weight: str = "normal", anchor: str = "middle") -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size * 1.25:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(_lines(str(text), width)))  # an open point becomes its text
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" '
            f'text-anchor="{anchor}">{spans}</text>')


def process_overview(phases: tuple[Phase, ...]) -> Markup:
    """Return an SVG with a column per phase, the arrows between them and every outcome."""
    column, gap, box_h = 150.0, 24.0, 58.0
    outcome_h, top = 40.0, 10.0
    rows = max(len([o for o in f.uitkomsten if o.soort != "fase"]) for f in phases)
    width = len(phases) * column + (len(phases) - 1) * gap
    height = top + box_h + 26 + rows * (outcome_h + 8) + 4
    parts = []
    for i, phase in enumerate(phases):
        x = i * (column + gap)
        parts.append(f'<rect x="{x}" y="{top}" width="{column}" height="{box_h}" rx="6" '
                     'fill="#e8eef5" stroke="#1f4e79" stroke-width="1.2"/>')
        parts.append(_text(x + column / 2, top + 18, f"Fase {phase.nummer}", width=30,
                           weight="bold"))
        parts.append(_text(x + column / 2, top + 32, phase.naam, width=26, size=8.5))
        if i + 1 < len(phases):
            y = top + box_h / 2
            parts.append(f'<line x1="{x + column}" y1="{y}" x2="{x + column + gap - 2}" y2="{y}" '
                         'stroke="#1f4e79" stroke-width="1.5" marker-end="url(#punt)"/>')
        exits = [o for o in phase.uitkomsten if o.soort != "fase"]
        first = top + box_h + 26
        if exits:
            end = first + (len(exits) - 1) * (outcome_h + 8) + outcome_h / 2
            parts.append(f'<line x1="{x + 10}" y1="{top + box_h}" x2="{x + 10}" y2="{end}" '
                         'stroke="#6b7b8c" stroke-width="1"/>')
        for j, outcome in enumerate(exits):
            y = first + j * (outcome_h + 8)
            said = str(outcome.omschrijving)
            label = ("Afsluiten: " + textwrap.shorten(said, 42, placeholder="…")
                     if outcome.soort == "afsluiten" else f"Naar {outcome.doel_naam}")
            parts.append(f'<line x1="{x + 10}" y1="{y + outcome_h / 2}" x2="{x + 20}" '
                         f'y2="{y + outcome_h / 2}" stroke="#6b7b8c" stroke-width="1"/>')
            parts.append(f'<rect x="{x + 20}" y="{y}" width="{column - 20}" height="{outcome_h}" '
                         f'rx="4" fill="{OUTCOME_FILL[outcome.soort]}" stroke="#6b7b8c" '
                         'stroke-width="0.8"/>')
            parts.append(_text(x + 26, y + 15, label, width=25, size=8, anchor="start"))
    described = "; ".join(
        f"fase {f.nummer} {f.naam}: " + ", ".join(
            str(o.omschrijving) for o in f.uitkomsten) for f in phases)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-2 0 {width + 4} {height}" '
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
        parts.append(_text(left - 6, y + cell_h / 2 + 3, dpia.kans[k - 1], width=14, size=8,
                           anchor="end"))
        for i in range(1, n_i + 1):
            x = left + (i - 1) * cell_w
            level = risk_level(k, i, scale)
            here = [f"R{numbers[r.id]}" for r in dpia.risicos if _cell(r, after) == (k, i)]
            parts.append(f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" '
                         f'fill="{LEVEL_COLOURS[level]}" stroke="#ffffff" stroke-width="2"/>')
            parts.append(_text(x + cell_w - 4, y + 10, level, width=10, size=6.5,
                               anchor="end"))
            if here:
                parts.append(_text(x + cell_w / 2, y + 26, " ".join(here), width=16, size=8.5,
                                   weight="bold"))
    for i in range(1, n_i + 1):
        parts.append(_text(left + (i - 0.5) * cell_w, n_k * cell_h + 14, dpia.impact[i - 1],
                           width=16, size=8))
    parts.append(_text(left + n_i * cell_w / 2, height - 4, "impact", width=20, size=8,
                       weight="bold"))
    parts.append(_text(10, 10, "kans", width=10, size=8, weight="bold", anchor="start"))
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
