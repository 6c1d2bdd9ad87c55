"""Command line: one thin function per verb; all logic lives in the stage modules."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .errors import Problem, ProtocolgenError, Severity

if TYPE_CHECKING:
    from .validate import Report


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch usage errors that exit with code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise SystemExit(f"protocolgen: fout: {message} — zie 'protocolgen --help'")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="protocolgen", description="Maak privacyprotocol, DPIA en rolkaarten "
                     "uit één YAML-beschrijving.")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="OPDRACHT")
    check = verbs.add_parser("validate", help="controleer een of meer protocollen")
    check.add_argument("paths", nargs="+", type=Path, metavar="PAD")
    check.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    check.add_argument("--format", choices=["tekst", "json"], default="tekst",
                       help="uitvoer voor mensen (tekst) of machines (json)")
    build = verbs.add_parser("build", help="maak de documenten als HTML en PDF")
    build.add_argument("paths", nargs="+", type=Path, metavar="PAD")
    build.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="MAP",
                       help="map voor de documenten (standaard: output)")
    build.add_argument("--templates", type=Path, metavar="MAP",
                       help="map met eigen sjablonen of print.css die voorrang krijgen")
    build.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    schema = verbs.add_parser("schema", help="schrijf het JSON Schema voor editors")
    schema.add_argument("-o", "--output", type=Path, metavar="BESTAND",
                        help="bestand om naar te schrijven (standaard: scherm)")
    docs = verbs.add_parser("docs", help="schrijf de documentatie van het formaat (Markdown)")
    docs.add_argument("-o", "--output", type=Path, metavar="BESTAND")
    docs.add_argument("--voorbeeld", type=Path, default=Path("protocols/lindenwaard.yaml"),
                      metavar="PAD", help="protocol waaruit voorbeelden komen")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    """Run protocolgen with `argv` and return the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:
        if isinstance(stop.code, str):
            print(stop.code, file=err)
        return 0 if stop.code in (0, None) else 2
    try:
        verb = {"validate": _validate, "build": _build, "schema": _schema, "docs": _docs}
        return verb[args.verb](args, out, err)
    except ProtocolgenError as failure:
        print(f"protocolgen: fout: {failure}", file=err)
        return failure.exit_code


def _print_problems(problems: list[Problem], err: TextIO) -> None:
    for problem in problems:
        print(problem.text(), file=err)


def _summary(path: Path, problems: list[Problem]) -> str:
    errors = sum(p.severity is Severity.FOUT for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"{path}: in orde"
    return (f"{path}: {errors} {'fout' if errors == 1 else 'fouten'}, {warnings} "
            f"{'waarschuwing' if warnings == 1 else 'waarschuwingen'}")


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .validate import check

    reports, code = [], 0
    for path in args.paths:
        try:
            report = check(path)
        except ProtocolgenError as failure:
            print(f"protocolgen: fout: {failure}", file=err)
            code = max(code, failure.exit_code)
            continue
        reports.append(report)
        if report.blocking(strict=args.strict):
            code = max(code, 1)
    if args.format == "json":
        print(json.dumps([_report_json(r) for r in reports], ensure_ascii=False, indent=2),
              file=out)
    else:
        for report in reports:
            _print_problems(report.problems, err)
            print(_summary(report.path, report.problems), file=out)
    return code


def _report_json(report: Report) -> dict[str, object]:
    return {"bestand": str(report.path), "problemen": [{
        "ernst": p.severity.value,
        "bestand": p.position.file if p.position else str(report.path),
        "regel": p.position.line if p.position else None,
        "kolom": p.position.column if p.position else None,
        "pad": list(p.path), "melding": p.message, "actie": p.action, "suggestie": p.hint,
    } for p in report.problems]}


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .build import build
    from .errors import InvalidProtocol

    for path in args.paths:
        try:
            result = build(path, args.output, templates=args.templates, strict=args.strict)
        except InvalidProtocol as failure:
            _print_problems(failure.problems, err)
            print(f"protocolgen: {path}: niets geschreven; los eerst de fouten op", file=err)
            return 1
        _print_problems(result.warnings, err)
        print(f"{path}: {len(result.files)} bestanden geschreven in {result.folder}", file=out)
    return 0


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
    from .export import json_schema_text

    return _write_or_print(json_schema_text(), args.output, out)


def _docs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .export import format_docs
    from .loader import load

    return _write_or_print(format_docs(load(args.voorbeeld).data), args.output, out)
