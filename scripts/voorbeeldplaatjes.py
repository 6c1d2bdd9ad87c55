"""Render the pages a reviewer looks at first as PNG images, from documents already built:
a role card, the protocol page with the process overview and the DPIA page with the risk
matrices. Usage: python scripts/voorbeeldplaatjes.py OUTPUT_MAP [DOEL_MAP]"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PAGES = (
    ("privacyprotocol.pdf", "Figuur 1. De fases", "protocol-procesplaat"),
    ("dpia.pdf", "Risico's vóór maatregelen", "dpia-risicomatrix"),
)
RESOLUTION = 110
"""Dots per inch: an A4 page about as large on screen as on paper."""


def page_with(pdf: Path, text: str) -> int:
    """Return the number of the first page of `pdf` that holds `text`."""
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    found = [n for n, page in enumerate(pages, start=1)
             if text in " ".join(page.replace("’", "'").split())]
    if not found:
        raise SystemExit(f"{pdf}: geen pagina met {text!r}")
    return found[0]


def render(pdf: Path, page: int, target: Path) -> Path:
    """Write page `page` of `pdf` as the PNG `target`."""
    subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(target.with_suffix(""))], check=True)
    return target


def images(folder: Path, target: Path) -> list[Path]:
    """Write the images of one gemeente's documents in `folder` to `target`."""
    target.mkdir(parents=True, exist_ok=True)
    cards = {c: subprocess.run(["pdftotext", str(c), "-"], capture_output=True, text=True,
                               check=True).stdout for c in sorted(folder.glob("rolkaart-*.pdf"))}
    # the card of a role in the field: it says how to report, and what a signal looks like
    card = max(cards, key=lambda c: ("Acuut gevaar?" in cards[c], "Signaal gezien?" in cards[c]))
    made = [render(card, 1, target / f"{card.stem}.png")]
    for name, text, image in PAGES:
        made.append(render(folder / name, page_with(folder / name, text),
                           target / f"{image}.png"))
    return made


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else Path("output")
    target = Path(argv[1]) if len(argv) > 1 else out / "voorbeeldplaatjes"
    folders = sorted(p.parent for p in out.glob("*/privacyprotocol.pdf"))
    if not folders:
        raise SystemExit(f"{out}: geen gebouwde documenten; draai eerst 'make build'")
    for folder in folders:
        for path in images(folder, target / folder.name):
            print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
