"""Command line: one thin function per verb; all logic lives in the stage modules."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .errors import Problem, ProtocolgenError, Severity, UsageError, closest

VERBS = ["validate", "build", "schema", "codes", "docs"]

EXIT_CODES = ("afsluitcodes: 0 in orde, 1 fouten in de inhoud (of een sjabloonfout), 2 "
              "onbruikbare opdracht, onleesbaar bestand of een map waarin niet geschreven kan "
              "worden")


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout with a Dutch frame."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any,
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Dutch: the frame, the help option and the usage errors (exit code 2)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(formatter_class=_Formatter, add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = "argumenten", "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise SystemExit(f"protocolgen: fout: {_dutch(message)} — zie 'protocolgen --help'")


def _dutch(message: str) -> str:
    """Return argparse's English complaint in Dutch, with a suggestion for a mistyped verb."""
    wrong = re.match(r"argument (\S+): invalid choice: '?([^' ]*)'? \(choose from (.*)\)",
                     message)
    if wrong and wrong.group(1) == "OPDRACHT":
        hint = closest(wrong.group(2), VERBS)
        return (f"onbekende opdracht {wrong.group(2)!r}" + (f" (bedoelde je {hint!r}?)" if hint
                                                               else "")
                + "; kies uit: " + ", ".join(VERBS))
    if wrong:
        return (f"{wrong.group(1)}: {wrong.group(2)!r} is geen keuze; kies uit: "
                + wrong.group(3).replace("'", ""))
    for english, dutch in (("the following arguments are required: ", "dit ontbreekt: "),
                           ("unrecognized arguments: ", "onbekende argumenten: "),
                           ("expected one argument", "hier hoort een waarde bij"),
                           ("argument ", "")):
        message = message.replace(english, dutch)
    return message


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="protocolgen", description="Maak privacyprotocol, DPIA en rolkaarten "
                     "uit één YAML-beschrijving.", epilog=EXIT_CODES)
    parser.add_argument("--version", action="version", version=f"protocolgen {__version__}",
                        help="toon de versie en stop")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="OPDRACHT",
                                  parser_class=_Parser, title="opdrachten")
    check = verbs.add_parser("validate", help="controleer een of meer protocollen")
    check.add_argument("paths", nargs="+", type=Path, metavar="PAD",
                       help="een of meer protocollen (YAML-bestanden)")
    check.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    check.add_argument("--format", choices=["tekst", "json"], default="tekst",
                       help="uitvoer voor mensen (tekst) of machines (json)")
    _reference_date(check)
    build = verbs.add_parser("build", help="maak de documenten als HTML en PDF")
    build.add_argument("paths", nargs="+", type=Path, metavar="PAD",
                       help="een of meer protocollen (YAML-bestanden)")
    build.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="MAP",
                       help="map voor de documenten (standaard: output)")
    build.add_argument("--templates", type=Path, metavar="MAP",
                       help="map met eigen sjablonen of print.css die voorrang krijgen")
    build.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    _reference_date(build)
    schema = verbs.add_parser("schema", help="schrijf het JSON Schema voor editors")
    schema.add_argument("-o", "--output", type=Path, metavar="BESTAND",
                        help="bestand om naar te schrijven (standaard: scherm)")
    codes = verbs.add_parser("codes", help="schrijf de lijst van meldingscodes (Markdown)")
    codes.add_argument("-o", "--output", type=Path, metavar="BESTAND")
    docs = verbs.add_parser("docs", help="schrijf de documentatie van het formaat (Markdown)")
    docs.add_argument("-o", "--output", type=Path, metavar="BESTAND")
    docs.add_argument("--voorbeeld", type=Path, default=Path("protocols/lindenwaard.yaml"),
                      metavar="PAD", help="protocol waaruit voorbeelden komen")
    return parser


def _reference_date(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("--peildatum", type=_date, metavar="JJJJ-MM-DD",
                      help="de datum waartegen datums getoetst worden (standaard: "
                      "SOURCE_DATE_EPOCH als die gezet is, anders vandaag)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen datum als JJJJ-MM-DD") from None


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
        args = _parser().parse_args(argv)
    except SystemExit as stop:
        if isinstance(stop.code, str):
            print(stop.code, file=err)
        return 0 if stop.code in (0, None) else 2
    try:
        verb = {"validate": _validate, "build": _build, "schema": _schema, "docs": _docs,
                "codes": _codes}
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


def _summary(path: str, problems: list[Problem]) -> str:
    errors = sum(p.severity is Severity.FOUT for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return f"{path}: in orde"
    return (f"{path}: {errors} {'fout' if errors == 1 else 'fouten'}, {warnings} "
            f"{'waarschuwing' if warnings == 1 else 'waarschuwingen'}")


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .errors import UnreadableInput
    from .loader import read
    from .validate import check

    results: list[tuple[str, list[Problem]]] = []
    unreadable: set[str] = set()
    code, today = 0, _today(args)
    for path in args.paths:
        try:
            report = check(read(path), today=today)
        except UnreadableInput as failure:
            print(f"protocolgen: fout: {failure}", file=err)
            results.append((failure.file, [failure.problem]))
            unreadable.add(failure.file)
            code = 2
            continue
        results.append((report.source.name, report.problems))
        if report.blocking(strict=args.strict):
            code = max(code, 1)
    if args.format == "json":
        print(json.dumps([_report_json(name, problems) for name, problems in results],
                         ensure_ascii=False, indent=2), file=out)
        return code
    for name, problems in results:
        if name not in unreadable:
            _print_problems(problems, err)
            print(_summary(name, problems), file=out)
    return code


def _report_json(name: str, problems: list[Problem]) -> dict[str, object]:
    return {"bestand": name, "problemen": [{
        "code": p.code, "ernst": p.severity.value,
        "bestand": p.position.file if p.position else name,
        "regel": p.position.line if p.position else None,
        "kolom": p.position.column if p.position else None,
        "pad": list(p.path), "melding": p.message, "actie": p.action, "suggestie": p.hint,
    } for p in problems]}


def _build(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .build import build, slug
    from .loader import read
    from .validate import check

    # Check every protocol before anything is written, so one bad file leaves all output alone.
    sources, today = [read(path) for path in args.paths], _today(args)
    reports = [check(source, today=today) for source in sources]
    blocked = [r for r in reports if r.document is None or r.blocking(strict=args.strict)]
    for report in blocked:
        _print_problems(report.problems, err)
        print(f"protocolgen: {report.source.name}: niets geschreven; los eerst de fouten op",
              file=err)
    if blocked:
        return 1
    folders: dict[str, str] = {}
    for report in reports:
        assert report.document is not None
        name = slug(report.document.data["document"]["gemeente"])
        if name in folders:
            raise UsageError(f"{folders[name]} en {report.source.name} krijgen allebei de "
                             f"uitvoermap {args.output / name}; niets geschreven — geef elk "
                             "protocol een eigen gemeentenaam, of bouw ze met elk een eigen -o")
        folders[name] = report.source.name
    for source in sources:
        result = build(source, args.output, templates=args.templates, strict=args.strict,
                       today=today)
        _print_problems(result.warnings, err)
        print(f"{source.name}: {len(result.files)} bestanden geschreven in {result.folder}",
              file=out)
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


def _codes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .export import codes_docs

    return _write_or_print(codes_docs(), args.output, out)


def _docs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .export import format_docs
    from .loader import load

    return _write_or_print(format_docs(load(args.voorbeeld).data), args.output, out)
