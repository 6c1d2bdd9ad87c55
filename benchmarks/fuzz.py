"""The long fuzz campaign: validate many mutated protocols and report what went wrong.

    .venv/bin/python benchmarks/fuzz.py                  # 100,000 cases on every core
    .venv/bin/python benchmarks/fuzz.py --cases 2000 --seed 7

Each case is the example with one to three structure-aware mutations (tests/fuzzing.py).
A case fails when an exception escapes `check()` (other than UnreadableInput, the defined
answer for bytes that are not a text file), when a problem has no position or an unknown
code, or when it takes more than 5 s of CPU. A case without errors is also turned into the
model that a build renders ('schoon' in the summary). The summary prints counts, the distinct
failures with the seed of one case each (rerun it with --replay SEED), and the time per case.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import random
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzzing import case  # noqa: E402

from protocolgen import check  # noqa: E402
from protocolgen.errors import CODES, UnreadableInput  # noqa: E402
from protocolgen.load.files import Source  # noqa: E402
from protocolgen.model.build import from_checked  # noqa: E402

HANG_SECONDS = 5.0
TODAY = __import__("datetime").date(2026, 11, 28)


class _Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Hang


def run_one(seed: int) -> tuple[int, str | None, float, list[str]]:
    """Return (seed, failure or None, CPU seconds, problem codes) for the case of `seed`."""
    raw = case(random.Random(seed))
    source = Source.one("fuzz.yaml", raw, ROOT / "protocols")
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS * 6)  # a backstop for a real hang
    start = time.process_time()
    failure, codes = None, []
    try:
        report = check(source, today=TODAY)
        problems = report.problems
        codes = [p.code for p in problems]
        if report.document is not None and not report.blocking():
            from_checked(report)  # what a build would make of it
            codes.append("schoon")
        bad = [p for p in problems if p.position is None or p.position.line < 1
               or p.position.column < 1 or p.code not in CODES]
        if bad:
            failure = f"problem without a position or code: {bad[0]!r}"[:300]
    except UnreadableInput as err:
        codes = [err.problem.code]
    except _Hang:
        failure = "hang (no answer within the backstop)"
    except BaseException as err:
        where = traceback.extract_tb(err.__traceback__)[-1]
        failure = f"{type(err).__name__} at {Path(where.filename).name}:{where.lineno}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.process_time() - start
    if failure is None and seconds > HANG_SECONDS:
        failure = f"slow: more than {HANG_SECONDS:.0f} s of CPU"
    return seed, failure, seconds, codes


def _kind(failure: str) -> str:
    if failure.startswith(("hang", "slow")):
        return "hang"
    return "problem" if failure.startswith("problem") else "exception"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1, help="first seed of the campaign")
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--replay", type=int, help="run one case and print its bytes and result")
    args = parser.parse_args()
    if args.replay is not None:
        sys.stdout.buffer.write(case(random.Random(args.replay)))
        print("\n---", run_one(args.replay))
        return 0
    started = time.perf_counter()
    failures: dict[str, list[int]] = collections.defaultdict(list)
    codes: collections.Counter[str] = collections.Counter()
    times: list[float] = []
    seeds = range(args.seed, args.seed + args.cases)
    with multiprocessing.Pool(args.workers) as pool:
        for seed, failure, seconds, found in pool.imap_unordered(run_one, seeds, chunksize=50):
            times.append(seconds)
            codes.update(set(found))
            if failure:
                failures[failure].append(seed)
    times.sort()
    def count(kind: str) -> int:
        return sum(len(found) for failure, found in failures.items() if _kind(failure) == kind)

    print(f"cases: {args.cases} (seeds {args.seed}–{args.seed + args.cases - 1}), "
          f"{args.workers} workers, {time.perf_counter() - started:.0f} s wall")
    print(f"uncaught exceptions: {count('exception')}; hangs or cases over "
          f"{HANG_SECONDS:.0f} s CPU: {count('hang')}; problems without position or code: "
          f"{count('problem')}")
    print(f"CPU per case: median {times[len(times) // 2] * 1000:.0f} ms, "
          f"p99 {times[int(len(times) * 0.99)] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms")
    print("problem codes seen (cases per code): " + ", ".join(
        f"{code} {n}" for code, n in sorted(codes.items())))
    for failure, examples in sorted(failures.items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(examples):6d}× {failure}  (e.g. --replay {examples[0]})")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
