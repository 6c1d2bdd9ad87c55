"""Command line: one thin function per verb; all logic lives in the stage modules."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from protocolgen.cli.parser import parser
from protocolgen.errors import Problem, ProtocolgenError, UsageError

if TYPE_CHECKING:
    from protocolgen.write.files import BuildResult


def _today(args: argparse.Namespace) -> dt.date:
    """Return the reference date: --peildatum, else SOURCE_DATE_EPOCH (so that a CI run can be
    repeated with the same result), else today."""
    if args.peildatum is not None:
        return args.peildatum  # type: ignore[no-any-return]
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is geen aantal seconden sinds "
                             "1970 — zet een geheel getal of laat de variabele weg") from None
    return dt.date.today()


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    """Run protocolgen with `argv` and return the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        args = parser().parse_args(argv)
    except SystemExit as stop:
        if isinstance(stop.code, str):
            print(stop.code, file=err)
        return 0 if stop.code in (0, None) else 2
    try:
        verb = {"validate": _validate, "build": _build, "serve": _serve, "vaststellen": _approve,
                "advies": _approve, "diff": _diff, "schema": _schema, "docs": _docs,
                "codes": _codes, "grondslagen": _grounds, "nieuw": _new}
        return verb[args.verb](args, _Closable(out), err)  # type: ignore[arg-type]
    except ProtocolgenError as failure:
        print(f"protocolgen: fout: {failure}", file=err)
        return failure.exit_code


class _Closable(io.TextIOBase):
    """Standard output that its reader may close (`protocolgen … | head -1`): what is left
    is dropped and the command ends with its own exit code, without a traceback."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.gone = stream, False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self.stream.write(text)
                self.stream.flush()
            except BrokenPipeError:
                self.gone = True
                if self.stream is sys.stdout:  # so that the flush at exit cannot fail either
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return len(text)


def _print_problems(problems: list[Problem], err: TextIO) -> None:
    for found in problems:
        print(found.text(), file=err)


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from protocolgen.checks.report import Result, render, summary
    from protocolgen.checks.validate import check_source
    from protocolgen.commands.build import expand
    from protocolgen.errors import UnreadableInput
    from protocolgen.load.files import read

    results: list[Result] = []
    code, today = 0, _today(args)
    for path in expand(args.paths):
        try:
            report = check_source(read(path), today=today)
        except UnreadableInput as failure:
            print(f"protocolgen: fout: {failure}", file=err)
            results.append(Result(failure.file, [failure.problem], unreadable=True))
            code = 2
            continue
        results.append(Result(report.source.name, report.problems))
        if report.blocking(strict=args.strict):
            code = max(code, 1)
    if args.format != "tekst":
        print(render(results, args.format), file=out)
        return code
    for result in results:
        if not result.unreadable:
            _print_problems(result.problems, err)
            if not args.stil or result.problems:
                print(summary(result), file=out)
    return code


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from protocolgen.commands.build import EDITION_CHOICES, build, expand, shard
    from protocolgen.errors import NotBuilt
    from protocolgen.load.files import read, read_revision
    from protocolgen.write.cache import Cache, default_folder

    paths = shard(expand(args.paths), args.shard)
    if args.vorige and len(paths) > 1:
        raise UsageError("--vorige hoort bij één protocol; gebruik --vorige-git REV voor meer")
    sources = [read(path) for path in paths]
    previous = [read(args.vorige) if args.vorige else
                read_revision(args.vorige_git, path) if args.vorige_git else None
                for path in paths]
    try:
        results = build(sources, args.output, templates=args.templates, strict=args.strict,
                        today=_today(args), previous=previous,
                        cache=Cache(args.cache or default_folder(), read=not args.force),
                        progress=None if args.stil else _progress(err),
                        editions=EDITION_CHOICES[args.editie])
    except NotBuilt as failure:
        for name, problems in failure.failed:
            _print_problems(problems, err)
            print(f"protocolgen: {name}: niets geschreven; los eerst de fouten op", file=err)
        return 1
    return _report_built([s.name for s in sources], results, args.stil, out, err)


def _report_built(names: list[str], results: list[BuildResult], quiet: bool, out: TextIO,
                  err: TextIO) -> int:
    for name, result in zip(names, results, strict=True):
        _print_problems(result.warnings, err)
        if quiet:
            continue
        if result.written:
            print(f"{name}: {len(result.files)} bestanden geschreven in {result.folder}",
                  file=out)
        else:
            print(f"{name}: niets veranderd; de {len(result.files)} bestanden in "
                  f"{result.folder} zijn bij de tijd (--force maakt ze opnieuw)", file=out)
    return 0


def _progress(err: TextIO) -> Callable[[int, int, str], None] | None:
    """Return a progress line for a terminal (none in CI logs or pipes)."""
    if not err.isatty():
        return None

    def show(done: int, total: int, name: str) -> None:
        end = "\n" if done == total else ""
        print(f"\r\033[K  {done}/{total} {name}", end=end, file=err, flush=True)
    return show


def _serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import tempfile

    from protocolgen.commands.serve import serve

    if not args.path.is_file():
        raise UsageError(f"{args.path}: dit bestand bestaat niet — geef het pad van een "
                         "protocol")
    with tempfile.TemporaryDirectory(prefix="protocolgen-voorbeeld-") as scratch:
        try:
            serve(args.path, args.output or Path(scratch), args.poort, args.templates,
                  args.peildatum, lambda url: print(f"Bekijk de documenten op {url} — "
                                                    "stoppen met Ctrl+C", file=out))
        except OSError as failure:
            raise UsageError(f"poort {args.poort} op 127.0.0.1 is niet te gebruiken "
                             f"({failure.strerror}) — kies een andere met --poort") from None
    return 0


def _approve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from protocolgen.commands.approve import approve, replace_file
    from protocolgen.load.canonical import short
    from protocolgen.load.files import read

    values: dict[str, object] = {"datum": args.datum}
    for key in ("besluit", "inwerkingtreding", "publicatie"):
        if getattr(args, key, None):
            values[key] = getattr(args, key)
    source = read(args.path)
    raw, print_ = approve(source, args.record, values, _today(args))
    try:
        replace_file(args.path, raw)
    except OSError as failure:
        raise UsageError(f"{args.path}: kan niet schrijven ({failure.strerror}) — controleer "
                         "de rechten op het bestand en de map") from failure
    what = "vastgesteld" if args.record == "vaststelling" else "advies van de FG vastgelegd"
    print(f"{source.name}: {what} op {args.datum.isoformat()}, vingerafdruk {short(print_)}",
          file=out)
    return 0


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from protocolgen.commands.diff import as_markdown, as_text, comparable, compare
    from protocolgen.load.files import read, read_revision

    if args.git:
        if len(args.items) not in (2, 3):
            raise UsageError("met --git: geef REV PAD of REV1 REV2 PAD")
        *revs, name = args.items
        path = Path(name)
        old = read_revision(revs[0], path)
        new = read_revision(revs[1], path) if len(revs) == 2 else read(path)
    elif len(args.items) == 2:
        old, new = (read(Path(item)) for item in args.items)
    else:
        raise UsageError("geef twee protocollen: OUD NIEUW (of --git REV [REV] PAD)")
    changes = compare(comparable(old), comparable(new))
    if args.format == "markdown":
        print(as_markdown(changes, old.name, new.name), file=out, end="")
    elif changes:
        print(as_text(changes), file=out)
    else:
        print(f"geen inhoudelijke wijzigingen tussen {old.name} en {new.name}", file=out)
    return 1 if changes else 0


def _write_or_print(text: str, target: Path | None, out: TextIO) -> int:
    if target is None:
        print(text, file=out, end="")
        return 0
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as failure:
        raise ProtocolgenError(f"{target}: kan niet schrijven ({failure.strerror}) — "
                               "controleer het pad") from failure
    return 0


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from protocolgen.commands.docs import json_schema_text

    return _write_or_print(json_schema_text(), args.output, out)


def _new(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from protocolgen.shipped import starter_path

    # The example's editor line points into this repository; a gemeente's repository maps the
    # schema in its editor settings instead (docs/aan-de-slag.md).
    text = starter_path().read_text(encoding="utf-8").split("\n", 2)[2]
    try:
        with args.pad.open("x", encoding="utf-8") as new:
            new.write(text)
    except FileExistsError:
        raise UsageError(f"{args.pad}: dit bestand bestaat al en blijft zoals het is — kies een "
                         "andere naam") from None
    except OSError as failure:
        raise UsageError(f"{args.pad}: kan niet schrijven ({failure.strerror}) — controleer het "
                         "pad") from failure
    print(f"{args.pad}: nieuw protocol op basis van het CCV Modelprotocol ondermijning. Vul de "
          "open punten in ('protocolgen validate' noemt ze); tot dan faalt 'protocolgen validate "
          "--strict'.", file=out)
    return 0


def _grounds(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from protocolgen.schema import catalogue

    if args.markdown:
        return _write_or_print(catalogue.as_markdown(), args.output, out)
    words = " ".join(args.zoek)
    found = catalogue.search(words)
    if not found:
        print(f"protocolgen: geen grondslag in de catalogus met {words!r} — probeer een ander "
              "woord, of 'protocolgen grondslagen' voor de hele catalogus", file=err)
        return 1
    return _write_or_print(catalogue.listing(found), args.output, out)


def _codes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from protocolgen.commands.docs import codes_docs

    return _write_or_print(codes_docs(), args.output, out)


def _docs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from protocolgen.commands.docs import format_docs
    from protocolgen.load.parse import load
    from protocolgen.shipped import example_path

    if args.vaste_teksten:
        from protocolgen.commands.docs import fixed_texts_docs

        return _write_or_print(fixed_texts_docs(), args.output, out)
    example = args.voorbeeld or example_path()
    return _write_or_print(format_docs(load(example).data), args.output, out)
