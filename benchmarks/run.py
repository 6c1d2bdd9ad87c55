"""Measure protocolgen against like-for-like baselines in one run and print the ratios.

    .venv/bin/python benchmarks/run.py [--rounds N] [--gemeenten N]

Every figure is a whole process (`protocolgen ...` or the baseline script), measured as wall
time and as CPU time of the process and all its children (the PDF workers). Runs of the two
sides of a comparison are interleaved, alternating which goes first; min, median and max are
printed. What is compared:

1. A cold build (`build --force`: every PDF laid out) against plain WeasyPrint making the same
   PDFs from the same HTML with the same features (PDF/A-3a, tagged, the YAML attached to the
   protocol and the DPIA) in a pool of the same number of processes; and both against the floor
   of pages per CPU second that plain WeasyPrint reaches here.
2. A rebuild with nothing changed, and after editing one role, as a fraction of a cold build.
3. N gemeenten built one process after another, against one `build` of the folder (one job set).
4. `validate` of the example as a process, against `python -c pass`.
5. Peak memory (the largest process) of a build of 1 and of N gemeenten.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "protocols" / "lindenwaard.yaml"
LOGO = EXAMPLE.parent / "lindenwaard-logo.svg"
PYTHON = sys.executable
ROLE_EDIT = ("      - meldt signalen die bij toezicht worden gezien\n",
             "      - meldt signalen die bij toezicht of bij controles worden gezien\n")

BASELINE = r"""
import sys, io
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
import weasyprint
from weasyprint.text.fonts import FontConfiguration

folder, workers, source = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
fonts = None

def one(path):
    global fonts
    fonts = fonts or FontConfiguration()
    attach = [] if path.name.startswith("rolkaart-") else [weasyprint.Attachment(
        file_obj=io.BytesIO(source.read_bytes()), name=source.name, relationship="Source")]
    document = weasyprint.HTML(filename=path).render(font_config=fonts, pdf_variant="pdf/a-3a")
    document.write_pdf(path.with_suffix(".basis.pdf"), attachments=attach,
                       pdf_variant="pdf/a-3a")
    return len(document.pages)

if __name__ == "__main__":
    pages = sorted((p for p in folder.glob("*.html") if p.name != "index.html"),
                   key=lambda p: p.stat().st_size, reverse=True)
    with ProcessPoolExecutor(workers) as pool:
        print(sum(pool.map(one, pages)))
"""


def measure(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run `argv`; return wall seconds, CPU seconds (with children) and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def peak_mb(argv: list[str], env: dict[str, str]) -> float:
    """Run `argv` in a fresh interpreter and return the largest resident set of its tree."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN)"
             ".ru_maxrss)")
    out = subprocess.run([PYTHON, "-c", probe, *argv], capture_output=True, text=True,
                         env=env, check=True).stdout
    return int(out.split()[-1]) / 1024


def spread(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    low, mid, high = min(values), statistics.median(values), max(values)
    return f"{mid * scale:7.2f} {unit} (min {low * scale:.2f}, max {high * scale:.2f})"


def interleaved(first: Callable[[], tuple[float, float]], second: Callable[[], tuple[float, float]],
                rounds: int) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    a, b = [], []
    for i in range(rounds):
        if i % 2:
            b.append(second())
            a.append(first())
        else:
            a.append(first())
            b.append(second())
    return a, b


def protocols(folder: Path, count: int) -> list[Path]:
    """Write `count` copies of the example for differently named gemeenten into `folder`."""
    folder.mkdir(parents=True)
    shutil.copyfile(LOGO, folder / LOGO.name)
    text = EXAMPLE.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = folder / f"gemeente-{i:02}.yaml"
        path.write_text(text.replace("  gemeente: Lindenwaard", f"  gemeente: Gemeente {i:02}"),
                        encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--gemeenten", type=int, default=20)
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = min(cores or 1, 4)
    tmp = Path(tempfile.mkdtemp(prefix="protocolgen-bench-"))
    env = {**os.environ, "PROTOCOLGEN_CACHE": str(tmp / "cache"), "SOURCE_DATE_EPOCH": "1796083200"}
    cli = [PYTHON, "-m", "protocolgen"]
    print(f"machine: {cores} kernen; protocolgen en de basislijn met {workers} processen; "
          f"{args.rounds} rondes, afwisselend wie eerst gaat\n")

    # 1. cold build against plain WeasyPrint with the same features and processes
    out = tmp / "uit"
    build = [*cli, "build", "--force", "-q", str(EXAMPLE), "-o", str(out)]
    measure(build, env)  # warm the file system; makes the HTML for the baseline
    html = out / "lindenwaard"
    baseline = [PYTHON, "-c", BASELINE, str(html), str(workers), str(EXAMPLE)]
    pages = int(measure(baseline, env)[2])

    ours, theirs = interleaved(lambda: measure(build, env)[:2],
                               lambda: measure(baseline, env)[:2], args.rounds)
    wall_ratio = statistics.median(o[0] / t[0] for o, t in zip(ours, theirs, strict=True))
    cpu_ratio = statistics.median(o[1] / t[1] for o, t in zip(ours, theirs, strict=True))
    floor = pages / statistics.median(t[1] for t in theirs)
    print(f"1. koude bouw ({pages} pagina's, 15 PDF's), protocolgen build --force:")
    print(f"   wand {spread([o[0] for o in ours])}, CPU {spread([o[1] for o in ours])}")
    print(f"   kale WeasyPrint, zelfde HTML en kenmerken, {workers} processen:")
    print(f"   wand {spread([t[0] for t in theirs])}, CPU {spread([t[1] for t in theirs])}")
    print(f"   verhouding protocolgen / kale WeasyPrint: CPU {cpu_ratio:.2f}×, wand "
          f"{wall_ratio:.2f}× (mediaan van de paren)")
    ours_pps = pages / statistics.median(o[1] for o in ours)
    print(f"   pagina's per CPU-seconde: protocolgen {ours_pps:.1f}, ondergrens van kale "
          f"WeasyPrint {floor:.1f} ({ours_pps / floor:.2f}×)\n")

    # 2. rebuilds
    cold = statistics.median(o[0] for o in ours)
    normal = [*cli, "build", "-q", str(EXAMPLE), "-o", str(out)]
    measure(normal, env)
    unchanged = [measure(normal, env)[0] for _ in range(args.rounds)]
    edited = tmp / "rol" / "lindenwaard.yaml"
    edited.parent.mkdir()
    shutil.copyfile(LOGO, edited.parent / LOGO.name)
    text = EXAMPLE.read_text(encoding="utf-8")
    role = []
    for i in range(args.rounds + 1):  # the first build of the copy writes a new folder
        edited.write_text(text.replace(*ROLE_EDIT).replace("bij controles", f"controle {i}"),
                          encoding="utf-8")
        wall = measure([*cli, "build", "-q", str(edited), "-o", str(tmp / "rol-uit")], env)[0]
        role += [wall] if i else []
    print("2. opnieuw bouwen, als deel van een koude bouw:")
    print(f"   niets veranderd: {spread(unchanged)} = {statistics.median(unchanged) / cold:.1%}")
    print(f"   één rol gewijzigd (rolkaart en protocol opnieuw): {spread(role)} = "
          f"{statistics.median(role) / cold:.1%}\n")

    # 3. and 5. many gemeenten
    many = protocols(tmp / "veel", args.gemeenten)
    serial_start = time.perf_counter()
    for path in many:
        measure([*cli, "build", "--force", "-q", str(path), "-o", str(tmp / "serieel")], env)
    serial = time.perf_counter() - serial_start
    together, together_cpu, _ = measure([*cli, "build", "--force", "-q", str(tmp / "veel"), "-o",
                                         str(tmp / "samen")], env)
    print(f"3. {args.gemeenten} gemeenten ({args.gemeenten * 15} PDF's): na elkaar "
          f"{serial:.1f} s, als één taak {together:.1f} s wand ({together_cpu:.1f} s CPU); "
          f"verhouding {together / serial:.2f}×\n")

    # 4. validation as a process
    bare = [measure([PYTHON, "-c", "pass"])[0] for _ in range(args.rounds)]
    check = [measure([*cli, "validate", str(EXAMPLE)], env)[0] for _ in range(args.rounds)]
    print(f"4. validate als proces: {spread(check, 'ms', 1000)}; python -c pass "
          f"{spread(bare, 'ms', 1000)}\n")

    one = peak_mb([*cli, "build", "--force", "-q", str(EXAMPLE), "-o", str(tmp / "geheugen1")],
                  env)
    all_ = peak_mb([*cli, "build", "--force", "-q", str(tmp / "veel"), "-o",
                    str(tmp / "geheugen20")], env)
    print(f"5. piekgeheugen (grootste proces): 1 gemeente {one:.0f} MB, {args.gemeenten} "
          f"gemeenten {all_:.0f} MB")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
