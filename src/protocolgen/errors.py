"""The one exception family, the Problem record that validation returns as data, and the
stable codes that name every kind of problem."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

Path_ = tuple[str | int, ...]
"""A place in a document: keys and list indexes, as Cerberus reports them."""


class Severity(Enum):
    """How much a problem matters: a fout blocks building, a waarschuwing does not."""

    FOUT = "fout"
    WAARSCHUWING = "waarschuwing"


F, W = Severity.FOUT, Severity.WAARSCHUWING

CODES: dict[str, tuple[Severity, str]] = {
    # reading the file (exit 2: the file cannot be used at all)
    "PG001": (F, "het bestand bestaat niet, is geen bestand of mag niet gelezen worden"),
    "PG002": (F, "het bestand is groter dan 2 MiB"),
    "PG003": (F, "het bestand is binair (bevat een NUL-teken)"),
    "PG004": (F, "het bestand is geen geldige UTF-8-tekst"),
    "PG009": (F, "de voorbeeldweergave (serve) kon de documenten niet maken"),
    # the YAML itself
    "PG010": (F, "het bestand is leeg of bevat alleen commentaar"),
    "PG011": (F, "het document is geen verzameling sleutels"),
    "PG012": (F, "geen geldige YAML (inspringing, dubbele punt, aanhalingsteken)"),
    "PG013": (F, "een teken dat YAML niet toestaat (stuurteken)"),
    "PG014": (F, "ankers (&) en verwijzingen (*) zijn niet toegestaan"),
    "PG015": (F, "te diep genest"),
    "PG016": (F, "meer dan 100.000 waarden"),
    "PG017": (F, "een YAML-tag (!…) is niet toegestaan"),
    "PG018": (F, "een sleutel is geen tekst"),
    "PG019": (F, "een sleutel staat twee keer in dezelfde verzameling"),
    "PG020": (F, "een ongeldige datum of een ongeldig getal"),
    # the shape (docs/formaat.md)
    "PG101": (F, "een onbekende sleutel"),
    "PG102": (F, "een verplichte sleutel ontbreekt"),
    "PG103": (F, "een waarde van de verkeerde soort (tekst, getal, datum, lijst …)"),
    "PG104": (F, "een sleutel zonder waarde"),
    "PG105": (F, "een lege tekst of lege lijst"),
    "PG106": (F, "een lijst met te weinig onderdelen"),
    "PG107": (F, "een waarde met de verkeerde vorm (id, versie, e-mailadres, termijn …)"),
    "PG108": (F, "een waarde die niet in de lijst van toegestane waarden staat"),
    "PG109": (F, "een getal dat te klein is"),
    "PG110": (F, "een grondslag zonder precies één van 'bwb', 'celex' en 'staatsblad'"),
    "PG111": (F, "een uitkomst zonder precies één bestemming"),
    "PG112": (F, "een getal dat te groot is of een lijst met te veel onderdelen"),
    "PG113": (F, "een eigen grondslag die niet compleet is, of met 'basis' en toch een eigen "
                 "wet of vindplaats"),
    "PG114": (F, "een verstrekking zonder precies één ontvanger ('aan' of 'aan_instantie')"),
    "PG199": (F, "een andere afwijking van het formaat"),
    # the meaning (docs/controles.md)
    "PG201": (F, "een id komt twee keer voor"),
    "PG202": (F, "een verwijzing naar een id dat niet bestaat"),
    "PG203": (F, "strafrechtelijke gegevens zonder grondslag van de soort 'strafrechtelijk'"),
    "PG204": (F, "bijzondere persoonsgegevens zonder grondslag van de soort 'bijzonder'"),
    "PG205": (F, "het burgerservicenummer zonder een wet die het gebruik voorschrijft (soort "
                 "'bsn')"),
    "PG206": (F, "een risico zonder maatregel"),
    "PG207": (F, "een kans of impact buiten de schaal"),
    "PG208": (F, "grenzen voor midden en hoog die niet bij de schaal passen"),
    "PG209": (F, "een hoog restrisico zonder besluit over voorafgaande raadpleging (AVG art. 36)"),
    "PG210": (F, "een hoog restrisico terwijl de AP niet vooraf wordt geraadpleegd"),
    "PG211": (F, "een vastgesteld protocol zonder FG-advies of vaststelling"),
    "PG212": (F, "een rol raadpleegt een bron die of op een niveau dat ze niet mag"),
    "PG213": (F, "een fase raadpleegt bronnen zonder privacytoets"),
    "PG214": (F, "een vervallen wet"),
    "PG215": (F, "een externe rol zonder 'partner'"),
    "PG216": (F, "'partner' bij een rol die niet extern is"),
    "PG217": (F, "'n.v.t.' zonder reden"),
    "PG218": (F, "een uitkomst die terugleidt naar dezelfde of een eerdere fase"),
    "PG219": (F, "een logo buiten de map van het protocol"),
    "PG220": (F, "een logo dat geen SVG-, PNG- of JPEG-bestand is"),
    "PG221": (F, "een logo dat niet bestaat"),
    "PG222": (F, "een externe partner beslist over een gemeentelijke fase, weging of "
                 "verstrekking"),
    "PG223": (F, "een verstrekking aan een rol die geen externe partner is"),
    "PG224": (F, "de versie van het document staat niet in de wijzigingsgeschiedenis"),
    "PG225": (F, "een bewaartermijn van meer dan 20 jaar"),
    "PG226": (F, "een kans of impact na maatregelen die hoger is dan ervoor"),
    "PG227": (F, "inwerkingtreding vóór de vaststelling"),
    "PG228": (F, "een FG-advies van na de vaststelling"),
    "PG229": (F, "een herbeoordeling van de DPIA die niet na de DPIA ligt"),
    "PG230": (F, "een logo dat leeg, te groot of geen leesbare afbeelding is"),
    "PG231": (F, "een grondslag zonder de grondslag die hij daarnaast vereist (zoals AVG art. 9 "
                 "lid 2 sub g zonder Nederlandse wet)"),
    "PG232": (F, "een verstrekking aan het RIEC van 1-3-2025 of later zonder de WGS als "
                 "grondslag"),
    "PG233": (F, "een bron met een geheimhoudingsplicht geraadpleegd zonder grondslag die de "
                 "plicht opheft"),
    "PG234": (F, "een verstrekking zonder grondslag van de soort 'verstrekking'"),
    "PG235": (F, "een verstrekking zonder voorafgaande privacytoets"),
    "PG236": (F, "een uitkomst die gegevens aan een externe partner geeft zonder verstrekking"),
    "PG237": (F, "één verstrekking twee keer beschreven, met verschillende gegevens"),
    "PG238": (F, "een eigen grondslag met een id uit de catalogus, of met een 'basis' die niet "
                 "in de catalogus staat"),
    "PG239": (F, "een open punt dat niet goed is beschreven, of op een plek waar geen open punt "
                 "kan staan"),
    "PG240": (F, "criteria uit beleid bij een bron die niet openbaar is"),
    "PG241": (F, "een besluit van een gemeente of bestuursorgaan dat het protocol niet kent"),
    "PG242": (F, "een vastgesteld protocol van meer gemeenten zonder het besluit van elke "
                 "gemeente en elk bestuursorgaan"),
    "PG243": (F, "een rolkaart die niet op één A4 past"),
    "PG250": (F, "een veld onder publicatie.intern dat niet bestaat of niet uit de openbare "
                 "editie kan worden weggelaten"),
    "PG251": (F, "een veld onder publicatie.openbaar dat het formaat niet intern noemt"),
    "PG260": (F, "een onderdeel onder herkomst dat niet bestaat of twee keer genoemd is"),
    "PG301": (W, "de evaluatiedatum of de herbeoordeling van de DPIA ligt in het verleden"),
    "PG302": (W, "de herbeoordeling van de DPIA ligt meer dan drie jaar na de DPIA"),
    "PG303": (W, "een verstrekking aan het RIEC van 1-3-2025 of later zonder de WGS"),
    "PG304": (W, "de inhoud is gewijzigd na de vaststelling"),
    "PG305": (W, "het advies van de FG gaat over een eerdere inhoud"),
    "PG306": (W, "een vastgesteld protocol legt niet vast welke inhoud is vastgesteld"),
    "PG307": (W, "een open punt: een waarde die nog niet is besloten of niet bekend is"),
    "PG308": (W, "een rol die signalen meldt of hit/no-hit-vragen beantwoordt, zonder "
                 "bereikbaar contact (telefoon of e-mail) op de rolkaart"),
    "PG309": (W, "een maatregel die nog niet gerealiseerd is, zonder datum waarop hij dat is"),
    "PG320": (W, "een onderdeel dat uit een model is overgenomen en nog niet door de gemeente "
                 "is beoordeeld"),
}
"""Every kind of problem by its stable code, with its severity and its meaning for authors.
A code is never reused for another meaning; docs/meldingen.md lists them."""

ON_KEY = frozenset({"PG101", "PG104", "PG019"})
"""Codes whose problem is about a key rather than its value: they point at the key."""


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a protocol: which kind, where, what, and what to do about it."""

    code: str
    path: Path_
    message: str
    action: str
    position: Position | None = None
    hint: str | None = None

    @property
    def severity(self) -> Severity:
        """Return the severity that the problem's code carries."""
        return CODES[self.code][0]

    @property
    def steps(self) -> list[str | int]:
        """Return the path as authors count: list items from 1."""
        return [p + 1 if isinstance(p, int) else p for p in self.path]

    @property
    def dotted_path(self) -> str:
        """Return the path as a line of text (`fases.2.rollen.1`)."""
        return ".".join(str(step) for step in self.steps) or "(document)"

    @property
    def sentence(self) -> str:
        """Return `pad: wat (bedoelde je …?) — wat te doen`, the problem without its place."""
        hint = f" (bedoelde je {self.hint!r}?)" if self.hint else ""
        return f"{self.dotted_path}: {self.message}{hint} — {self.action}"

    def text(self) -> str:
        """Return the line `bestand:regel:kolom: ernst: pad: wat — wat te doen [CODE]`."""
        where = str(self.position) if self.position else "?"
        return f"{where}: {self.severity.value}: {self.sentence} [{self.code}]"


def problem(code: str, path: Path_, message: str, action: str, hint: str | None = None
            ) -> Problem:
    """Return a problem of the kind `code` (its severity comes with the code)."""
    assert code in CODES, code
    return Problem(code, path, message, action, hint=hint)


MAX_HINT_WORD = 80
MAX_HINT_OPTIONS = 500


def closest(word: object, options: Iterable[str]) -> str | None:
    """Return the option that looks most like `word`, if one looks enough like it.

    Bounded, so that long words or huge lists cannot make validation slow: a typo is short
    and a protocol has tens of ids, not thousands."""
    text = str(word)
    candidates = [o for o in options if len(o) <= MAX_HINT_WORD][:MAX_HINT_OPTIONS]
    if len(text) > MAX_HINT_WORD:
        return None
    found = difflib.get_close_matches(text, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


class ProtocolgenError(Exception):
    """Raised for every failure protocolgen reports to its user; exit_code says how."""

    exit_code = 2


class UsageError(ProtocolgenError):
    """Raised when the command line or the environment cannot be used (exit 2)."""


class UnreadableInput(ProtocolgenError):
    """Raised when an input file cannot be read as a text file (exit 2)."""

    def __init__(self, file: str, found: Problem) -> None:
        where = str(found.position) if found.position else file
        super().__init__(f"{where}: {found.message} — {found.action} [{found.code}]")
        self.file, self.problem = file, found


class InvalidProtocol(ProtocolgenError):
    """Raised when a protocol has problems of severity fout (exit 1)."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems


class RenderError(ProtocolgenError):
    """Raised when a template, stylesheet or asset fails while building documents (exit 1)."""

    exit_code = 1


class CardTooLong(RenderError):
    """Raised when a role card does not fit on one A4 page: the site (a protocol's output
    folder) and the role, so that the build can point at the role in the source."""

    def __init__(self, site: str, role: str, message: str) -> None:
        super().__init__(message)
        self.site, self.role = site, role

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:  # across worker processes
        return (CardTooLong, (self.site, self.role, str(self)))


class NotBuilt(InvalidProtocol):
    """Raised when protocols of a build have problems that stop it: nothing was written. Holds
    each such protocol's name with its problems (exit 1)."""

    def __init__(self, failed: list[tuple[str, list[Problem]]]) -> None:
        super().__init__([p for _, problems in failed for p in problems])
        self.failed = failed
