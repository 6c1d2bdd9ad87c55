"""The command line's grammar: argparse in Dutch, one sub-command per verb. Verbs and options
are Dutch where a user types them (nieuw, vaststellen, --peildatum), and the English verbs the
project started with (validate, build, serve) stay."""


from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

from protocolgen.checks.report import FORMATS
from protocolgen.errors import closest
from protocolgen.version import __version__

VERBS = ["nieuw", "validate", "build", "serve", "vaststellen", "advies", "diff",
         "grondslagen", "schema", "codes", "docs"]


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


def parser() -> argparse.ArgumentParser:
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
    check.add_argument("--format", choices=FORMATS, default="tekst",
                       help="uitvoer voor mensen (tekst), programma's (json), GitHub Actions "
                       "(github), GitLab Code Quality (gitlab) of code scanning (sarif)")
    _quiet(check)
    _reference_date(check)
    build = verbs.add_parser("build", help="maak de documenten als HTML en PDF")
    build.add_argument("paths", nargs="+", type=Path, metavar="PAD",
                       help="een of meer protocollen (YAML-bestanden), of een map ermee")
    build.add_argument("-o", "--output", type=Path, default=Path("output"), metavar="MAP",
                       help="map voor de documenten (standaard: output)")
    build.add_argument("--templates", type=Path, metavar="MAP",
                       help="map met eigen sjablonen of print.css die voorrang krijgen")
    build.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    build.add_argument("--editie", choices=["intern", "publiek", "beide"], default="intern",
                       help="intern: alle documenten (standaard); publiek: de openbare editie "
                       "in <gemeente>/publiek/ (protocol als HTML, PDF en Word voor het "
                       "gemeenteblad, zonder interne gegevens); beide: allebei")
    build.add_argument("--force", action="store_true",
                       help="maak elke PDF opnieuw, ook als de cache hem al heeft")
    build.add_argument("--cache", type=Path, metavar="MAP",
                       help="map voor de cache van opgemaakte PDF's (standaard: "
                       "PROTOCOLGEN_CACHE, anders de cachemap van de gebruiker)")
    build.add_argument("--shard", type=_shard_spec, metavar="I/N",
                       help="bouw alleen deel I van N (voor parallelle CI-taken)")
    earlier = build.add_mutually_exclusive_group()
    earlier.add_argument("--vorige", type=Path, metavar="BESTAND",
                         help="eerdere versie: het protocol krijgt een bijlage met wat sindsdien "
                         "veranderde (alleen bij één protocol)")
    earlier.add_argument("--vorige-git", metavar="REV",
                         help="idem, met de eerdere versie van elk protocol uit git-revisie REV")
    _quiet(build)
    _reference_date(build)
    serve = verbs.add_parser(
        "serve", help="bekijk de documenten in de browser; ze worden bijgewerkt bij opslaan",
        description="Bouw het protocol, toon de HTML op http://127.0.0.1 (alleen op deze "
        "computer) en bouw opnieuw zodra het protocol, het logo of de sjablonen veranderen; "
        "de pagina laadt zichzelf opnieuw. Stoppen: Ctrl+C.")
    serve.add_argument("path", type=Path, metavar="PAD", help="het protocol (YAML)")
    serve.add_argument("--poort", type=int, default=8000, metavar="N",
                       help="poort op 127.0.0.1 (standaard 8000; 0: een vrije poort)")
    serve.add_argument("-o", "--output", type=Path, metavar="MAP",
                       help="map voor de documenten (standaard: een tijdelijke map)")
    serve.add_argument("--templates", type=Path, metavar="MAP",
                       help="map met eigen sjablonen of print.css")
    _reference_date(serve)
    for verb, record, about in (
            ("vaststellen", "vaststelling", "leg de vaststelling vast: datum, besluit en de "
             "vingerafdruk van de vastgestelde inhoud"),
            ("advies", "fg_advies", "leg vast over welke inhoud de FG adviseerde: datum en "
             "vingerafdruk")):
        approve = verbs.add_parser(verb, help=about, description=about)
        approve.set_defaults(record=record)
        approve.add_argument("path", type=Path, metavar="PAD", help="het protocol (YAML)")
        approve.add_argument("--datum", type=_date, required=True, metavar="JJJJ-MM-DD",
                             help="datum van het besluit of het advies")
        if verb == "vaststellen":
            approve.add_argument("--besluit", metavar="KENMERK",
                                 help="nummer of kenmerk van het besluit")
            approve.add_argument("--inwerkingtreding", type=_date, metavar="JJJJ-MM-DD",
                                 help="datum van inwerkingtreding (een eerdere vervalt)")
            approve.add_argument("--publicatie", metavar="VINDPLAATS",
                                 help="vindplaats van de bekendmaking (een eerdere vervalt)")
        _reference_date(approve)
    diff = verbs.add_parser(
        "diff", help="toon wat er inhoudelijk veranderde tussen twee versies",
        description="Vergelijk twee versies van een protocol op inhoud: 'diff OUD NIEUW', of "
        "met --git 'diff --git REV PAD' (REV tegen het bestand nu) of 'diff --git REV1 REV2 "
        "PAD'. Afsluitcode 0: geen wijzigingen, 1: wel wijzigingen, 2: onbruikbare opdracht.")
    diff.add_argument("items", nargs="+", metavar="OUD NIEUW",
                      help="twee protocollen, of met --git: REV [REV] PAD")
    diff.add_argument("--git", action="store_true",
                      help="haal de oude (en nieuwe) versie uit git")
    diff.add_argument("--format", choices=["tekst", "markdown"], default="tekst",
                      help="tekst, of Markdown voor een reactie op een merge request")
    new = verbs.add_parser("nieuw", help="begin een nieuw protocol vanuit het CCV "
                           "Modelprotocol, met open punten waar het model de keuze laat")
    new.add_argument("pad", type=Path, metavar="PAD", help="het nieuwe YAML-bestand (mag nog "
                     "niet bestaan)")
    grounds = verbs.add_parser("grondslagen", help="zoek in de catalogus van wettelijke "
                               "grondslagen", epilog="afsluitcodes: 0 gevonden, 1 niets gevonden")
    grounds.add_argument("zoek", nargs="*", metavar="ZOEK",
                         help="woorden die in id, bepaling, soort of omschrijving staan")
    grounds.add_argument("--markdown", action="store_true",
                         help="schrijf de hele catalogus als Markdown (docs/grondslagen.md)")
    grounds.add_argument("-o", "--output", type=Path, metavar="BESTAND")
    schema = verbs.add_parser("schema", help="schrijf het JSON Schema voor editors")
    schema.add_argument("-o", "--output", type=Path, metavar="BESTAND",
                        help="bestand om naar te schrijven (standaard: scherm)")
    codes = verbs.add_parser("codes", help="schrijf de lijst van meldingscodes (Markdown)")
    codes.add_argument("-o", "--output", type=Path, metavar="BESTAND")
    docs = verbs.add_parser("docs", help="schrijf de documentatie van het formaat (Markdown)")
    docs.add_argument("-o", "--output", type=Path, metavar="BESTAND")
    docs.add_argument("--vaste-teksten", action="store_true",
                      help="schrijf in plaats daarvan de lijst van vaste teksten in de documenten")
    docs.add_argument("--voorbeeld", type=Path, metavar="PAD",
                      help="protocol waaruit voorbeelden komen (standaard: het meegeleverde "
                      "voorbeeld)")
    return parser


def _quiet(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("-q", "--stil", action="store_true",
                      help="meld alleen problemen, geen voortgang of samenvatting")


def _reference_date(verb: argparse.ArgumentParser) -> None:
    verb.add_argument("--peildatum", type=_date, metavar="JJJJ-MM-DD",
                      help="de datum waartegen datums getoetst worden (standaard: "
                      "SOURCE_DATE_EPOCH als die gezet is, anders vandaag)")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is geen datum als JJJJ-MM-DD") from None


def _shard_spec(text: str) -> tuple[int, int]:
    found = re.fullmatch(r"([0-9]+)/([0-9]+)", text)
    if not found or not 1 <= int(found.group(1)) <= int(found.group(2)):
        raise argparse.ArgumentTypeError(f"{text!r} is geen deel als I/N met 1 ≤ I ≤ N, "
                                         "zoals 2/4")
    return int(found.group(1)), int(found.group(2))
