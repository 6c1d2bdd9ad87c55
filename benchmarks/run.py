"""Measure protocolgen against baselines in one run and print the ratios.

    .venv/bin/python benchmarks/run.py [--rounds N]

1. Validation of the example as a whole process, against a bare `python -c pass`.
2. A full build (validate, render, 15 tagged PDF/A-3 files with attachments, in a process pool)
   against plain WeasyPrint turning the same HTML files into PDFs one by one with its defaults.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "protocols" / "lindenwaard.yaml"


def median_seconds(action: Callable[[], object], rounds: int) -> float:
    """Return the median wall time of `rounds` runs of `action`."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    python = sys.executable

    bare = median_seconds(lambda: run(python, "-c", "pass"), rounds)
    check = median_seconds(lambda: run(python, "-m", "protocolgen", "validate", str(EXAMPLE)),
                           rounds)
    print(f"validatie, heel proces:   {check * 1000:7.0f} ms  "
          f"(python -c pass: {bare * 1000:.0f} ms; verhouding {check / bare:.1f}×)")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        ours = median_seconds(lambda: run(python, "-m", "protocolgen", "build", str(EXAMPLE),
                                          "-o", str(out)), max(1, rounds // 2))
        html = sorted(p for p in (out / "lindenwaard").glob("*.html") if p.name != "index.html")
        plain_script = ("import sys, weasyprint\n"
                        "for f in sys.argv[1:]: weasyprint.HTML(filename=f).write_pdf(f + '.pdf')")
        plain = median_seconds(lambda: run(python, "-c", plain_script, *map(str, html)),
                               max(1, rounds // 2))
    print(f"bouwen, heel proces:      {ours:7.2f} s   ({len(html)} PDF's: PDF/A-3a, getagd, "
          "met bijlage, plus validatie en HTML)")
    print(f"kale WeasyPrint, zelfde HTML: {plain:5.2f} s   (standaardinstellingen, serieel)")
    print(f"verhouding protocolgen / kale WeasyPrint: {ours / plain:.2f}×")


if __name__ == "__main__":
    main()
