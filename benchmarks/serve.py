"""How fast `protocolgen serve` shows an edit: from saving a text edit (a title, a phone
number) until the served HTML shows it, and until the PDFs are current. Runs a real server on
127.0.0.1 with the example, bounded in rounds and time.

    .venv/bin/python benchmarks/serve.py [--rondes 3]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "protocols" / "lindenwaard.yaml"
LIMIT = 300.0
EDITS = [("titel", "    naam: Boa's en toezichthouders", "    naam: Boa's en handhavers {n}",
          "rolkaart-boa.html", "Boa's en handhavers {n}"),
         ("telefoon", "telefoon: 14 0577", "telefoon: 14 0{n:03d}", "privacyprotocol.html",
          "14 0{n:03d}")]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")  # type: ignore[no-any-return]


def wait(check: object, limit: float = LIMIT) -> float:
    start = time.monotonic()
    while not check():  # type: ignore[operator]
        if time.monotonic() - start > limit:
            raise SystemExit("geen resultaat binnen de tijd")
        time.sleep(0.02)
    return time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rondes", type=int, default=3)
    rounds = parser.parse_args().rondes
    folder = Path(tempfile.mkdtemp(prefix="protocolgen-bench-serve-"))
    try:
        for name in ("lindenwaard.yaml", "lindenwaard-logo.svg"):
            shutil.copyfile(EXAMPLE.parent / name, folder / name)
        source = folder / "lindenwaard.yaml"
        original = source.read_text(encoding="utf-8")
        server = subprocess.Popen([sys.executable, "-m", "protocolgen", "serve", str(source),
                                   "--poort", "0", "-o", str(folder / "uit")],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert server.stdout is not None
        base = re.search(r"http://127\.0\.0\.1:[0-9]+/", server.stdout.readline())[0]  # type: ignore[index]

        def status() -> dict[str, object]:
            return json.loads(get(base + "__status"))  # type: ignore[no-any-return]

        wait(lambda: status()["pdf_bij_de_tijd"])  # the first build, PDFs and all
        results: dict[str, list[tuple[float, float]]] = {kind: [] for kind, *_ in EDITS}
        n = 0
        try:
            for _ in range(rounds):
                for kind, old, new, page, expected in EDITS:
                    n += 1
                    assert original.count(old) >= 1, old
                    source.write_text(original.replace(old, new.format(n=n), 1),
                                      encoding="utf-8")
                    saved = time.monotonic()
                    url, text = f"{base}lindenwaard/{page}", expected.format(n=n)
                    shown = wait(lambda url=url, text=text: text in get(url).replace("&#39;", "'"))
                    wait(lambda: status()["pdf_bij_de_tijd"])
                    results[kind].append((shown, time.monotonic() - saved))
        finally:
            server.terminate()
            server.wait(timeout=60)
        print(f"protocolgen serve, {rounds} rondes per soort wijziging "
              "(mediaan, kleinste–grootste):")
        for kind, found in results.items():
            html, pdf = [f[0] for f in found], [f[1] for f in found]
            print(f"  {kind:9} HTML zichtbaar na {statistics.median(html):.2f} s "
                  f"({min(html):.2f}–{max(html):.2f}); PDF's bij de tijd na "
                  f"{statistics.median(pdf):.1f} s ({min(pdf):.1f}–{max(pdf):.1f})")
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
