"""The corpus of invalid protocols: each mutation of the example gives exact messages at exact
positions. Positions are computed from an anchor text in the mutated file, so each assertion
names the line and column the author would be sent to."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from protocolgen import check
from protocolgen.checks.validate import context
from protocolgen.load.canonical import fingerprint
from protocolgen.load.files import Source, read
from protocolgen.load.parse import parse

from .conftest import EXAMPLE, OPEN_POINTS, TODAY, Write, decided, mutate, protocol_of, with_status

ADOPTED_PRINT = re.findall(r'    vingerafdruk: "[0-9a-f]{64}"\n  fg_advies:',
                           EXAMPLE.read_text(encoding="utf-8"))[0]
"""The line recording what content the example's adoption was about."""
FINGERPRINT = ADOPTED_PRINT.split('"')[1]


@dataclass(frozen=True)
class Case:
    name: str
    changes: tuple[tuple[str, str], ...]
    expected: tuple[tuple[str, str, str], ...]  # (anchor in the mutated text, code, message)
    readopt: bool = True  # see conftest.mutate


def position(text: str, anchor: str) -> str:
    """Return 'line:column' of the first occurrence of `anchor` (stripped of leading spaces)."""
    offset = text.index(anchor) + len(anchor) - len(anchor.lstrip(" \n"))
    before = text[:offset]
    return f"{before.count(chr(10)) + 1}:{offset - before.rfind(chr(10))}"



def own(grounds: str) -> tuple[str, str]:
    """Return the change that gives the example its own grounds (YAML list items)."""
    return ("\nbronnen:\n", f"\ngrondslagen:\n{grounds}\nbronnen:\n")


FULL = "    wet: Eigen wet\n    omschrijving: Een eigen bepaling.\n"


C = Case
CASES = [
    # --- shape (Cerberus) ---
    C("unknown key with hint", (("  titel: Privacyprotocol", "  tittel: Privacyprotocol"),), (
        ("  gemeente: Lindenwaard", "PG102", "fout: document.titel: de verplichte sleutel 'titel' "
         "ontbreekt — voeg 'titel:' toe (officiële titel)"),
        ("  tittel:", "PG101", "fout: document.tittel: de sleutel 'tittel' is hier niet bekend "
         "(bedoelde je 'titel'?) — verwijder de sleutel of gebruik een van: gemeente, gemeenten, "
         "uitvoering, titel, "
         "citeertitel, versie, datum, status, soort_regeling, vastgesteld_door, besluiten, regio, "
         "verwerkingsverantwoordelijke, basis, "
         "vaststelling, fg_advies, evaluatie, wijzigingen, huisstijl"),
    )),
    C("missing required key", (("  regio: RIEC Oost-Nederland\n", ""),), (
        ("  gemeente: Lindenwaard", "PG102", "fout: document.regio: de verplichte sleutel 'regio' "
         "ontbreekt — voeg 'regio:' toe (regionaal samenwerkingsverband)"),
    )),
    C("version as a number", (('  versie: "1.1"\n  datum: 2026-09-15',
                               "  versie: 1.1\n  datum: 2026-09-15"),), (
        ("1.1\n  datum", "PG103",
         "fout: document.versie: verwacht tekst, gevonden een getal — zet de "
         "waarde tussen aanhalingstekens"),
    )),
    C("date in the wrong order", (("  datum: 2026-09-15\n  status", "  datum: 15-09-2026\n  "
                                   "status"),), (
        ("15-09-2026", "PG103",
         "fout: document.datum: verwacht een datum (JJJJ-MM-DD), gevonden tekst "
         "'15-09-2026' — schrijf de datum als JJJJ-MM-DD, zonder tijd (bijvoorbeeld 2026-03-10)"),
    )),
    C("status misspelt", (with_status("vastgestelt"),), (
        ("vastgestelt", "PG108", "fout: document.status: 'vastgestelt' is geen toegestane waarde "
         "(bedoelde je 'vastgesteld'?) — kies uit: concept, ter-advies-fg, vastgesteld, "
         "ingetrokken"),
    )),
    C("id is not a slug", (own("  - id: AVG 14.5\n    basis: avg-14-5"),), (
        ("AVG 14.5", "PG107",
         "fout: grondslagen.1.id: 'AVG 14.5' heeft niet de juiste vorm — gebruik "
         "kleine letters, cijfers en losse streepjes (bijvoorbeeld 'fase-1')"),
    )),
    C("empty list", (("vastgesteld_door: [college, burgemeester]", "vastgesteld_door: []"),), (
        ("[]", "PG106",
         "fout: document.vastgesteld_door: de lijst heeft 0 onderdelen, minstens 1 nodig — "
         "voeg toe: bestuursorganen die het protocol vaststellen, ieder voor zover het zijn "
         "bevoegdheden betreft"),
    )),
    C("no value", (("  gemeente: Lindenwaard", "  gemeente:"),), (
        ("gemeente:", "PG104",
         "fout: document.gemeente: hier staat geen waarde — vul een waarde in "
         "(naam van de gemeente)"),
    )),
    C("empty text", (("  gemeente: Lindenwaard", '  gemeente: ""'),), (
        ('""', "PG105",
         "fout: document.gemeente: de waarde is leeg — vul een waarde in (naam van de "
         "gemeente)"),
    )),
    C("text instead of list", (("    grondslagen: [brp-3-2]", "    grondslagen: brp-3-2"),), (
        ("brp-3-2\n    beperkingen", "PG103", "fout: bronnen.2.grondslagen: verwacht een lijst, "
         "gevonden tekst — zet "
         "elk onderdeel op een eigen regel die begint met '- '"),
    )),
    C("text instead of mapping", (('  huisstijl:\n    logo: lindenwaard-logo.svg\n    kleur: '
                                   '"#1f4e79"', "  huisstijl: blauw"),), (
        ("blauw", "PG103",
         "fout: document.huisstijl: verwacht een verzameling sleutels, gevonden tekst — "
         "zet de onderliggende sleutels ingesprongen onder deze sleutel"),
    )),
    C("colour pattern", (('kleur: "#1f4e79"', 'kleur: "#1f4e7"'),), (
        ('"#1f4e7"', "PG107",
         "fout: document.huisstijl.kleur: '#1f4e7' heeft niet de juiste vorm — "
         "gebruik een kleur als '#1f4e79'"),
    )),
    C("two identifiers", (own(f"  - id: eigen-wet\n{FULL}    bwb: BWBR0040940\n"
                               "    celex: 32016R0679"),), (
        ("id: eigen-wet", "PG110", "fout: grondslagen.1: een grondslag heeft precies één van "
         "'bwb', 'celex' en 'staatsblad' nodig — geef 'bwb' voor een Nederlandse wet, 'celex' "
         "voor een Europese regel of 'staatsblad' voor een wet zonder BWB-id"),
    )),
    C("no identifier", (own(f"  - id: eigen-wet\n{FULL}"),), (
        ("id: eigen-wet", "PG110", "fout: grondslagen.1: een grondslag heeft precies één van "
         "'bwb', 'celex' en 'staatsblad' nodig — geef 'bwb' voor een Nederlandse wet, 'celex' "
         "voor een Europese regel of 'staatsblad' voor een wet zonder BWB-id"),
    )),
    C("outcome with two destinations", (("        naar_fase: zwaarte\n", "        naar_fase: "
                                         "zwaarte\n        afsluiten: true\n"),), (
        ("omschrijving: Het signaal is een", "PG111", "fout: fases.1.uitkomsten.1: een uitkomst "
         "heeft precies één van 'naar_fase', 'naar_rol', 'naar_afdeling', 'naar_instantie' en "
         "'afsluiten' nodig — kies waar deze uitkomst heen leidt"),
    )),
    C("outcome closed with false", (("        naar_fase: zwaarte\n", "        afsluiten: false\n"),
                                    ), (
        ("omschrijving: Het signaal is een", "PG111", "fout: fases.1.uitkomsten.1: een uitkomst "
         "heeft precies één van 'naar_fase', 'naar_rol', 'naar_afdeling', 'naar_instantie' en "
         "'afsluiten' nodig — kies waar deze uitkomst heen leidt"),
    )),
    C("likelihood zero", (("      kans: 3\n      impact: 3\n      restkans: 1\n      restimpact: 3"
                           "\n    - id: onterechte", "      kans: 0\n      impact: 3\n      "
                           "restkans: 1\n      restimpact: 3\n    - id: onterechte"),), (
        ("0\n      impact: 3", "PG109",
         "fout: dpia.risicos.1.kans: 0 is te klein — gebruik een getal van "
         "minstens 1"),
    )),
    C("risk scale too long", (("    kans: [zeer klein, klein, gemiddeld, groot]",
                               "    kans: [" + ", ".join(f"k{i}" for i in range(11)) + "]"),), (
        ("[k0", "PG112", "fout: dpia.risicoschaal.kans: de lijst heeft 11 onderdelen, hoogstens "
         "10 toegestaan — verklein de lijst"),
    )),
    C("number written as a word", (("midden_vanaf: 4", "midden_vanaf: vier"),), (
        ("vier\n", "PG103",
         "fout: dpia.risicoschaal.midden_vanaf: verwacht een geheel getal, gevonden "
         "tekst "
         "— schrijf een geheel getal zonder aanhalingstekens"),
    )),
    C("yes/no in Dutch", (("    nodig: false", "    nodig: nee"),), (
        ("nee\n", "PG103",
         "fout: dpia.voorafgaande_raadpleging.nodig: verwacht true of false, gevonden "
         "tekst — schrijf true of false"),
    )),
    C("e-mail pattern", (("      email: fg@lindenwaard.nl", "      email: fg-lindenwaard.nl"),), (
        ("fg-lindenwaard.nl", "PG107",
         "fout: rollen.7.contact.email: 'fg-lindenwaard.nl' heeft niet de "
         "juiste vorm — gebruik een e-mailadres"),
    )),
    C("retention period in words", (("termijn: 1 jaar", "termijn: een jaar"),), (
        ("een jaar\n", "PG107",
         "fout: bewaartermijnen.1.termijn: 'een jaar' heeft niet de juiste vorm — "
         "gebruik een getal en een eenheid, zoals '6 maanden' of '1 jaar'"),
    )),
    C("nested key misspelt", (("    activiteiten:\n      - het signaal registreren",
                               "    activiteit:\n      - het signaal registreren"),), (
        ("id: intake", "PG102", "fout: fases.1.activiteiten: de verplichte sleutel 'activiteiten' "
         "ontbreekt — voeg 'activiteiten:' toe (activiteiten)"),
        ("activiteit:", "PG101",
         "fout: fases.1.activiteit: de sleutel 'activiteit' is hier niet bekend "
         "(bedoelde je 'activiteiten'?) — verwijder de sleutel of gebruik een van: id, naam, "
         "doel, activiteiten, rollen, gegevens, bronnen, grondslagen, wegingen, beslisser, "
         "uitkomsten, vastleggen, monitoring, bewaren"),
    )),
    C("phase without legal ground", (("    grondslagen: [avg-6-1-e, avg-10, uavg-33, "
                                      "gemeentewet-172]\n    wegingen:\n      - id: w3",
                                      "    grondslagen: []\n    wegingen:\n      - id: w3"),), (
        ("[]", "PG106",
         "fout: fases.2.grondslagen: de lijst heeft 0 onderdelen, minstens 1 nodig — voeg "
         "toe: grondslagen voor deze fase; is het nog niet bekend of besloten, dan telt een "
         "open punt ('- open: onbekend' met 'toelichting') als onderdeel"),
    )),
    # --- meaning (rules) ---
    C("duplicate id", (own("  - id: uavg-33-a\n    basis: uavg-33\n    lid: '1'\n"
                           "  - id: uavg-33-a\n    basis: uavg-33\n    lid: '2'"),), (
        ("uavg-33-a\n    basis: uavg-33\n    lid: '2'", "PG201",
         "fout: grondslagen.2.id: het id 'uavg-33-a' "
         "komt al voor in 'grondslagen' (regel {line:id: uavg-33-a}) — geef elk onderdeel een "
         "eigen id"),
    )),
    C("own ground with a catalogue id", (own("  - id: uavg-33\n    basis: uavg-33\n"
                                             "    lid: '1'"),), (
        ("uavg-33\n    basis", "PG238", "fout: grondslagen.1.id: 'uavg-33' staat al in de "
         "catalogus — verwijder deze grondslag en noem 'uavg-33' direct, of geef een eigen id"),
    )),
    C("own ground on an unknown basis", (own("  - id: uavg-33-1\n    basis: uavg-3\n"
                                             "    lid: '1'"),), (
        ("uavg-3\n", "PG238", "fout: grondslagen.1.basis: 'uavg-3' staat niet in de catalogus "
         "(bedoelde je 'uavg-33'?) — kies een id uit 'protocolgen grondslagen'"),
    )),
    C("own ground on a basis with a law of its own", (own("  - id: uavg-33-1\n    basis: "
                                                          "uavg-33\n    wet: UAVG"),), (
        ("id: uavg-33-1", "PG113", "fout: grondslagen.1: een grondslag met 'basis' neemt wet en "
         "vindplaats uit de catalogus over — verwijder 'wet', 'bwb', 'celex' en 'staatsblad', "
         "of verwijder 'basis'"),
    )),
    C("duplicate weging id", (("      - id: w5\n", "      - id: w4\n"),), (
        ("w4\n        soort: weging\n        naam: Weging 5", "PG201",
         "fout: fases.4.wegingen.2.id: het "
         "id 'w4' komt al voor in 'wegingen' (regel {line:id: w4}) — geef elk onderdeel een "
         "eigen id"),
    )),
    C("reference with hint", (("    eigenaar: programmamanager\n    frequentie",
                               "    eigenaar: programmamanger\n    frequentie"),), (
        ("programmamanger", "PG202", "fout: document.evaluatie.eigenaar: 'programmamanger' is niet "
         "gedefinieerd onder 'rollen' (bedoelde je 'programmamanager'?) — gebruik een id uit "
         "'rollen' of voeg het daar toe"),
    )),
    C("reference without hint", (("      doorverwijzen_naar: politie",
                                  "      doorverwijzen_naar: douane"),), (
        ("douane", "PG202",
         "fout: reikwijdte.niet_ondermijning.3.doorverwijzen_naar: 'douane' is niet gedefinieerd "
         "onder "
         "'rollen' — gebruik een id uit 'rollen' of voeg het daar toe"),
    )),
    C("reference to a risk", (("      risicos: [persoonsverwisseling]",
                               "      risicos: [persoonverwisseling]"),), (
        ("persoonverwisseling", "PG202",
         "fout: dpia.maatregelen.9.risicos.1: 'persoonverwisseling' is "
         "niet gedefinieerd onder 'dpia.risicos' (bedoelde je 'persoonsverwisseling'?) — gebruik "
         "een id uit 'dpia.risicos' of voeg het daar toe"),
        ("persoonsverwisseling\n      titel", "PG206", "fout: dpia.risicos.8.id: voor het risico "
         "'persoonsverwisseling' is geen maatregel — noem het onder 'risicos' bij een maatregel "
         "in 'dpia.maatregelen'"),
    )),
    # --- role cards say whom to call ---
    C("a reporting role without a reachable receiver", (
        ("    melden_aan: casusregisseur\n    acuut: Bij acuut gevaar belt u 112.",
         "    acuut: Bij acuut gevaar belt u 112."),), (
        ("Meld een signaal direct na de dienst", "PG308", "waarschuwing: "
         "rollen.11.melden: de rolkaart van 'boa' zegt niet wie signalen ontvangt en hoe die "
         "bereikbaar is — zet 'melden_aan' op de rol die signalen ontvangt, met 'contact' met "
         "een telefoonnummer of e-mailadres"),
    )),
    C("a role answering hit/no-hit without a phone or e-mail", (
        ("      naam: Coördinator Boa's\n      email: toezicht@lindenwaard.nl\n"
         "      telefoon: 14 0577\n", "      naam: Coördinator Boa's\n"),), (
        ("boa\n      - bron: sociaal-domein", "PG308", "waarschuwing: "
         "fases.3.bronnen.4.rol: de rol 'boa' beantwoordt hit/no-hit-vragen maar heeft geen "
         "telefoonnummer of e-mailadres — voeg bij de rol 'boa' 'contact' toe met 'telefoon' "
         "of 'email'"),
    )),
    C("a measure in progress without a deadline", (
        ("      status: in-uitvoering\n      uiterlijk: 2027-01-01\n",
         "      status: in-uitvoering\n"),), (
        ("in-uitvoering\n    - id: m7", "PG309", "waarschuwing: dpia.maatregelen.6.status: de "
         "maatregel is in-uitvoering maar zonder datum waarop hij gerealiseerd is — voeg "
         "'uiterlijk: JJJJ-MM-DD' toe, of zet 'status: gerealiseerd' als dat zo is"),
    )),
    # --- open points ---
    C("an unknown date as an open point", (
        ("    datum: 2026-08-27\n", "    datum:\n      open: onbekend\n      toelichting: Niet "
         "terug te vinden in het archief.\n"),), (
        ("open: onbekend", "PG307", "waarschuwing: document.fg_advies.datum: open punt 1 "
         "(Document › advies van de Functionaris Gegevensbescherming (AVG art. 35 lid 2) › "
         "datum van het advies): onbekend — vul de waarde in zodra die bekend of besloten is; "
         "tot dan staat het punt in de documenten onder 'Openstaande punten'"),
        ("open: nog-te-besluiten\n        soort: [bijzonder]", "PG307", "waarschuwing: "
         "fases.3.grondslagen.4: open punt 2 (Fase Bronnenonderzoek › "
         "grondslagen voor deze fase): nog niet besloten; besluit door het college, na advies "
         "van de FG, uiterlijk 2027-03-01 — vul de waarde in zodra die bekend of besloten is; "
         "tot dan staat het punt in de documenten onder 'Openstaande punten'"),
        ("open: nog-te-besluiten\n        soort: [opheffing-fiscaal]", "PG307", "waarschuwing: "
         "fases.3.grondslagen.10: open punt 3 (Fase Bronnenonderzoek › "
         "grondslagen voor deze fase): nog niet besloten; besluit door het college, na advies "
         "van de FG, uiterlijk 2027-03-01 — vul de waarde in zodra die bekend of besloten is; "
         "tot dan staat het punt in de documenten onder 'Openstaande punten'"),
    )),
    C("an open point without explanation", (
        ("    datum: 2026-08-27\n", "    datum:\n      open: onbekend\n"),), (
        ("open: onbekend", "PG239", "fout: document.fg_advies.datum: een open punt zonder "
         "toelichting — zeg onder 'toelichting' wat er open is en waarom"),
    )),
    C("a decision to take without who takes it", (
        ("    datum: 2026-08-27\n", "    datum:\n      open: nog-te-besluiten\n      "
         "toelichting: Het advies is nog niet gevraagd.\n"),), (
        ("open: nog-te-besluiten\n      toelichting: Het", "PG239", "fout: "
         "document.fg_advies.datum: een besluit dat nog genomen moet worden, zonder wie besluit "
         "— zeg onder 'wie' wie erover besluit"),
    )),
    C("an open point where a choice belongs", (
        ("  status: vastgesteld\n  soort", "  status:\n    open: onbekend\n    toelichting: "
         "Weet ik niet.\n  soort"),), (
        ("open: onbekend", "PG239", "fout: document.status: hier kan geen open punt staan: een "
         "keuze, id of verwijzing moet bekend zijn — vul de waarde in; een open punt kan bij een "
         "tekst, een datum of een grondslag staan"),
    )),
    C("a referral to an instance without a transfer", (
        ("      - omschrijving: Overdracht aan het RIEC\n        naar_rol: riec\n",
         "      - omschrijving: Zorgen om een kind; melding bij de Raad voor de "
         "Kinderbescherming\n        naar_instantie: Raad voor de Kinderbescherming\n"),), (
        ("Raad voor de Kinderbescherming\n    vastleggen", "PG236", "fout: fases.4.uitkomsten.3."
         "naar_instantie: deze uitkomst geeft de casus aan 'Raad voor de Kinderbescherming' "
         "buiten de gemeente, maar onder 'verstrekkingen' staat geen verstrekking aan 'Raad voor "
         "de Kinderbescherming' in deze fase — beschrijf de verstrekking onder 'verstrekkingen' "
         "(met 'aan_instantie'): gegevens, grondslagen, beslisser en privacytoets"),
    )),
    C("a transfer to a role and an instance at once", (
        ("  - id: overdracht-riec\n    aan: riec\n", "  - id: overdracht-riec\n    aan: riec\n"
         "    aan_instantie: Raad voor de Kinderbescherming\n"),), (
        ("id: overdracht-riec", "PG114", "fout: verstrekkingen.3: een verstrekking heeft precies "
         "één van 'aan' en 'aan_instantie' nodig — noem de rol die de gegevens ontvangt onder "
         "'aan', of een instantie zonder rol onder 'aan_instantie'"),
    )),
    C("policy criteria for a source that is not public", (
        ("      - bron: kvk\n        niveau: inhoud\n        rol: casusregisseur\n",
         "      - bron: kvk\n        niveau: inhoud\n        rol: casusregisseur\n        "
         "criteria: de criteria van het open-bronnenbeleid\n"),
        ("    toegang: inhoud\n    openbaar: true\n    grondslagen: [avg-6-1-e]\n  - id: sociaal",
         "    toegang: inhoud\n    grondslagen: [avg-6-1-e]\n  - id: sociaal")), (
        ("de criteria van het open-bronnenbeleid\n      - bron", "PG240",
         "fout: fases.3.bronnen.6.criteria: de bron 'kvk' is niet openbaar; criteria uit "
         "beleid vervangen alleen bij een openbare bron de privacytoets — verwijder 'criteria' "
         "en voeg een privacytoets toe, of zet 'openbaar: true' bij een bron die dat is"),
    )),
    # --- adoption by several gemeenten ---
    C("a besluit of a gemeente the protocol does not know", (
        ("  huisstijl:\n", "  besluiten:\n    - gemeente: Lindenhof\n      orgaan: college\n"
         "      datum: 2026-09-15\n  huisstijl:\n"),), (
        ("Lindenhof", "PG241", "fout: document.besluiten.1.gemeente: 'Lindenhof' is geen "
         "gemeente van dit protocol (bedoelde je 'Lindenwaard'?) — kies een naam uit "
         "'document.gemeenten'"),
    )),
    C("publicatie names a field that does not exist or cannot be withheld", (
        ("\nbronnen:\n", "\npublicatie:\n  intern:\n  - rollen.contactt\n  - document.status\n"
         "bronnen:\n"),), (
        ("rollen.contactt", "PG250", "fout: publicatie.intern.1: 'rollen.contactt' is geen "
         "veld van het formaat (bedoelde je 'rollen.contact'?) — schrijf het pad zonder "
         "nummers, zoals 'document.fg_advies' of 'rollen.contact' (docs/formaat.md)"),
        ("document.status\n", "PG250", "fout: publicatie.intern.2: 'document.status' kan niet "
         "uit de openbare editie worden weggelaten: een id, verwijzing, keuze of getal waar de "
         "documenten op steunen — noem een tekst, een datum, of een lijst of onderdeel met "
         "alleen teksten en datums"),
    )),
    C("publicatie publishes a field that is not internal", (
        ("\nbronnen:\n", "\npublicatie:\n  openbaar:\n  - veld: rollen.taken\n"
         "    reden: Openbaar.\nbronnen:\n"),), (
        ("rollen.taken", "PG251", "fout: publicatie.openbaar.1.veld: 'rollen.taken' is "
         "niet intern volgens het formaat — laat dit weg; intern zijn alleen: "
         "signaalcriteria.rode_vlaggen, signaalcriteria.categorieen, rollen.signalen, "
         "rollen.contact"),
    )),
    C("a besluit of an organ that does not adopt", (
        ("  huisstijl:\n", "  besluiten:\n    - gemeente: Lindenwaard\n      orgaan: raad\n"
         "      datum: 2026-09-15\n  huisstijl:\n"),), (
        ("raad\n", "PG241", "fout: document.besluiten.1.orgaan: 'raad' staat niet bij "
         "'vastgesteld_door' — voeg het orgaan toe aan 'vastgesteld_door' of kies een orgaan dat "
         "daar staat"),
    )),
    C("several gemeenten, not every besluit", (
        ("  gemeente: Lindenwaard\n", "  gemeente: Lindenwaard en Berkel\n  gemeenten: "
         "[Lindenwaard, Berkel]\n"),
        ("  huisstijl:\n", "  besluiten:\n    - gemeente: Lindenwaard\n      orgaan: college\n"
         "      datum: 2026-09-15\n    - gemeente: Lindenwaard\n      orgaan: burgemeester\n"
         "      datum: 2026-09-15\n    - gemeente: Berkel\n      orgaan: college\n"
         "      datum: 2026-09-16\n  huisstijl:\n")), (
        ("[Lindenwaard, Berkel]", "PG242", "fout: document.gemeenten: het besluit van de "
         "burgemeester van Berkel ontbreekt — voeg het onder 'document.besluiten' toe, of zet de "
         "status terug naar concept"),
    )),
    # --- the legal core: seeded defects, each with its exact message ---
    C("criminal data without art. 10", (
        ("[avg-6-1-e, avg-6-4, gemeentewet-172, opiumwet-13b, avg-10, uavg-33]",
         "[avg-6-1-e, avg-6-4, gemeentewet-172, opiumwet-13b]"),), (
        ("[avg-6-1-e, avg-6-4, gemeentewet-172, opiumwet-13b]", "PG203",
         "fout: verstrekkingen.2.grondslagen: hier worden strafrechtelijke gegevens verwerkt, "
         "maar geen grondslag is van de soort 'strafrechtelijk' (basis voor persoonsgegevens van "
         "strafrechtelijke aard) — noem een grondslag van de soort 'strafrechtelijk' "
         "(bijvoorbeeld avg-10, uavg-33); zie 'protocolgen grondslagen strafrechtelijk'"),
    )),
    C("art. 10 without a Dutch law behind it", (
        ("opiumwet-13b, avg-10, uavg-33]", "opiumwet-13b, avg-10]"),), (
        ("[avg-6-1-e, avg-6-4, gemeentewet-172, opiumwet-13b, avg-10]", "PG231",
         "fout: verstrekkingen.2.grondslagen: art. 10 AVG is alleen een grondslag samen met een "
         "Nederlandse wet van de soort 'strafrechtelijk' (basis voor persoonsgegevens van "
         "strafrechtelijke aard), en die ontbreekt hier — noem die wet hier ook (bijvoorbeeld "
         "uavg-33), of voeg haar toe als eigen grondslag met 'soort: [strafrechtelijk]'"),
    )),
    C("special data without art. 9", (("      - avg-9-2-g\n", ""),
                                      ("        soort: [bijzonder]\n", "        soort: [taak]\n")
                                      ), (
        ("- avg-6-1-e\n      - avg-6-4", "PG204",
         "fout: fases.3.grondslagen: hier worden bijzondere persoonsgegevens verwerkt, maar geen "
         "grondslag is van de soort 'bijzonder' (uitzondering op het verbod op bijzondere "
         "persoonsgegevens) — noem een grondslag van de soort 'bijzonder' (bijvoorbeeld "
         "avg-9-2-g); zie 'protocolgen grondslagen bijzonder'"),
    )),
    C("art. 9(2)(g) without a Dutch law", (("        soort: [bijzonder]\n",
                                            "        soort: [taak]\n"),), (
        ("- avg-6-1-e\n      - avg-6-4", "PG231",
         "fout: fases.3.grondslagen: art. 9 lid 2 sub g AVG is alleen een grondslag samen met "
         "een Nederlandse wet van de soort 'bijzonder' (uitzondering op het verbod op bijzondere "
         "persoonsgegevens), en die ontbreekt hier — noem die wet hier ook, of voeg haar toe als "
         "eigen grondslag met 'soort: [bijzonder]'"),
    )),
    C("BSN on art. 46 UAVG alone", (("      - wabb\n", ""),), (
        ("- avg-6-1-e\n      - avg-6-4", "PG205",
         "fout: fases.3.grondslagen: hier worden het burgerservicenummer verwerkt, maar geen "
         "grondslag is van de soort 'bsn' (wet die het gebruik van het burgerservicenummer "
         "voorschrijft) — noem een grondslag van de soort 'bsn' (bijvoorbeeld wabb); zie "
         "'protocolgen grondslagen bsn'"),
        ("- avg-6-1-e\n      - avg-6-4", "PG231",
         "fout: fases.3.grondslagen: art. 46 UAVG is alleen een grondslag samen met een "
         "Nederlandse wet van de soort 'bsn' (wet die het gebruik van het burgerservicenummer "
         "voorschrijft), en die ontbreekt hier — noem die wet hier ook (bijvoorbeeld wabb), of "
         "voeg haar toe als eigen grondslag met 'soort: [bsn]'"),
    )),
    C("public task without the law that lays it down", (
        ("    grondslagen: [avg-6-1-e, avg-10, uavg-33, gemeentewet-172]\n    wegingen:\n"
         "      - id: w3", "    grondslagen: [avg-6-1-e, avg-10, uavg-33]\n    wegingen:\n"
         "      - id: w3"),), (
        ("[avg-6-1-e, avg-10, uavg-33]", "PG231",
         "fout: fases.2.grondslagen: art. 6 lid 1 sub e AVG is alleen een grondslag samen met "
         "een Nederlandse wet van de soort 'taak' (wettelijke taak of bevoegdheid waarop de "
         "verwerking berust), en die ontbreekt hier — noem die wet hier ook (bijvoorbeeld "
         "brp-3-2, gemeentewet-172, gemeentewet-172a), of voeg haar toe als eigen grondslag met "
         "'soort: [taak]'"),
    )),
    C("fiscal data without lifting the secrecy", (("        soort: [opheffing-fiscaal]\n",
                                                   "        soort: [taak]\n"),), (
        ("bron: belastingen\n        niveau: hit-no-hit\n        rol", "PG233",
         "fout: fases.3.bronnen.3: de bron 'belastingen' valt onder een geheimhoudingsplicht "
         "(fiscaal), maar geen grondslag van de fase is van de soort 'opheffing-fiscaal' "
         "(opheffing van de fiscale geheimhoudingsplicht) — noem onder 'grondslagen' van de fase "
         "de bepaling die de geheimhouding opheft, als eigen grondslag met 'soort: "
         "[opheffing-fiscaal]', of raadpleeg de bron niet"),
    )),
    C("police data without a ground to provide them", (
        ("    grondslagen: [gemeentewet-172, gemeentewet-174]\n",
         "    grondslagen: [gemeentewet-172, gemeentewet-174]\n    geheimhouding: "
         "politiegegevens\n"),), (
        ("bron: handhaving\n        niveau: hit-no-hit\n        rol", "PG233",
         "fout: fases.3.bronnen.4: de bron 'handhaving' valt onder een geheimhoudingsplicht "
         "(politiegegevens), maar geen grondslag van de fase is van de soort "
         "'opheffing-politie' (grond om politiegegevens te verstrekken) — noem onder "
         "'grondslagen' van de fase de bepaling die de geheimhouding opheft, als eigen "
         "grondslag met 'soort: [opheffing-politie]', of raadpleeg de bron niet"),
    )),
    C("RIEC transfer after 1-3-2025 without the WGS", (
        ("    grondslagen: [wgs, avg-6-1-e, uavg-33, gemeentewet-172]\n    regeling: wgs\n"
         "    beslisser: ondermijningsteam\n    privacytoets: pc1",
         "    grondslagen: [avg-6-1-e, uavg-33, gemeentewet-172]\n    regeling: wgs\n"
         "    beslisser: ondermijningsteam\n    privacytoets: pc1"),), (
        ("[avg-6-1-e, uavg-33, gemeentewet-172]\n    regeling: wgs\n    beslisser: "
         "ondermijningsteam\n    privacytoets: pc1", "PG234",
         "fout: verstrekkingen.1.grondslagen: geen grondslag staat deze verstrekking toe: er is "
         "geen grondslag van de soort 'verstrekking', en ook geen grond voor de verwerking met "
         "de toets van AVG art. 6 lid 4 — noem de bepaling die de verstrekking toestaat "
         "(bijvoorbeeld brp-3-2, wgs, bgs), of een grond voor de verwerking met 'avg-6-4' als de "
         "verstrekking verenigbaar is met het doel van verzamelen"),
        ("[avg-6-1-e, uavg-33, gemeentewet-172]\n    regeling: wgs\n    beslisser: "
         "ondermijningsteam\n    privacytoets: pc1", "PG232",
         "fout: verstrekkingen.1.grondslagen: sinds 1-3-2025 berust een verstrekking aan het "
         "RIEC op de Wet gegevensverwerking door samenwerkingsverbanden, maar die staat niet bij "
         "de grondslagen — noem 'wgs' onder 'grondslagen'"),
    )),
    C("transfer without a ground to transfer", (
        ("[avg-6-1-e, avg-6-4, gemeentewet-172, opiumwet-13b, avg-10, uavg-33]",
         "[avg-6-1-e, gemeentewet-172, opiumwet-13b, avg-10, uavg-33]"),), (
        ("[avg-6-1-e, gemeentewet-172, opiumwet-13b", "PG234",
         "fout: verstrekkingen.2.grondslagen: geen grondslag staat deze verstrekking toe: er is "
         "geen grondslag van de soort 'verstrekking', en ook geen grond voor de verwerking met "
         "de toets van AVG art. 6 lid 4 — noem de bepaling die de verstrekking toestaat "
         "(bijvoorbeeld brp-3-2, wgs, bgs), of een grond voor de verwerking met 'avg-6-4' als de "
         "verstrekking verenigbaar is met het doel van verzamelen"),
    )),
    C("transfer without a decider", (("    beslisser: burgemeester\n    privacytoets: pc2b\n",
                                      "    privacytoets: pc2b\n"),), (
        ("id: bestuurlijke-rapportage", "PG102", "fout: verstrekkingen.2.beslisser: de "
         "verplichte sleutel 'beslisser' ontbreekt — voeg 'beslisser:' toe (rol die over de "
         "verstrekking beslist)"),
    )),
    C("transfer without a privacy check before it", (("    privacytoets: pc1\n", ""),), (
        ("casusmelding-riec", "PG235", "fout: verstrekkingen.1.id: deze verstrekking noemt geen "
         "privacytoets die eraan voorafgaat — noem onder 'privacytoets' de privacytoets (uit "
         "'wegingen') die aan deze verstrekking voorafgaat, of de weging van dezelfde fase die "
         "tot de verstrekking besluit"),
    )),
    C("required text of only a zero-width space", ((
        "    doel: Ontvangt en weegt signalen en voert de regie over elke casus.\n",
        '    doel: "\\u200b"\n'),), (
        ('"\\u200b"', "PG105", "fout: rollen.4.doel: de waarde is leeg — vul een waarde in "
         "(doel van de rol in één zin)"),
    )),
    C("yes where a number goes", ((
        "      impact_toelichting: gegevens uit een vergunning- of belastingdossier komen in "
        "een andere context\n      kans: 3\n      impact: 3\n      restkans: 1\n",
        "      impact_toelichting: gegevens uit een vergunning- of belastingdossier komen in "
        "een andere context\n      kans: 3\n      impact: 3\n      restkans: yes\n"),), (
        ("yes\n      restimpact", "PG103", "fout: dpia.risicos.1.restkans: verwacht een geheel "
         "getal, gevonden true/false — schrijf een geheel getal zonder aanhalingstekens"),
    )),
    C("invisible character inside an e-mail address", ((
        "      naam: Programmamanager ondermijning\n      email: ondermijning@lindenwaard.nl\n",
        '      naam: Programmamanager ondermijning\n'
        '      email: "onder\\u200bmijning@lindenwaard.nl"\n'),), (
        ('"onder\\u200b', "PG107", "fout: rollen.3.contact.email: "
         "'onder\\u200bmijning@lindenwaard.nl' bevat een onzichtbaar teken — typ de waarde "
         "opnieuw, zonder het onzichtbare teken"),
    )),
    C("parts taken over from a model", ((
        "fases:\n  - id: intake\n", "herkomst:\n  - model: het CCV Modelprotocol\n    "
        "onderdelen: [wegingen.w1, wegingen.w9, fase.intake, wegingen.w1]\nfases:\n  - id: "
        "intake\n"),), (
        ("wegingen.w1, ", "PG320", "waarschuwing: herkomst.1.onderdelen.1: weging 'w1' is "
         "overgenomen uit het CCV Modelprotocol en nog niet lokaal beoordeeld — beoordeel het "
         "onderdeel en haal het daarna hier weg; tot dan noemen de documenten het als "
         "overgenomen"),
        ("wegingen.w9", "PG260", "fout: herkomst.1.onderdelen.2: onder 'wegingen' staat geen "
         "onderdeel met id 'w9' — noem een onderdeel dat bestaat"),
        ("fase.intake", "PG260", "fout: herkomst.1.onderdelen.3: 'fase.intake' noemt geen "
         "onderdeel (bedoelde je 'fases'?) — schrijf 'lijst.id', met als lijst een van: fases, "
         "wegingen, rollen, bronnen, gegevens, bewaartermijnen, verstrekkingen, risicos, "
         "maatregelen"),
        ("wegingen.w1]", "PG260", "fout: herkomst.1.onderdelen.4: 'wegingen.w1' staat al onder "
         "'herkomst' — noem elk onderdeel één keer"),
    )),
    C("transfer decided by the weging of its own phase (CCV stap 2)",
      (("    privacytoets: pc1\n", "    privacytoets: w4\n"),), ()),
    C("transfer after a weging of a later phase", (("    privacytoets: pc1\n",
                                                    "    privacytoets: w5\n"),), (
        ("w5\n    vastleggen", "PG235", "fout: verstrekkingen.1.privacytoets: 'w5' is geen "
         "privacytoets in de fase 'bronnenonderzoek' of een eerdere fase, en geen weging van die "
         "fase — kies een weging met 'soort: privacytoets' uit deze of een eerdere fase, of de "
         "weging van deze fase die tot de verstrekking besluit"),
    )),
    C("transfer after a privacy check that comes later", (("    privacytoets: pc1\n",
                                                           "    privacytoets: pc2a\n"),), (
        ("pc2a\n    vastleggen", "PG235", "fout: verstrekkingen.1.privacytoets: 'pc2a' is geen "
         "privacytoets in de fase 'bronnenonderzoek' of een eerdere fase, en geen weging van die "
         "fase — kies een weging met 'soort: privacytoets' uit deze of een eerdere fase, of de "
         "weging van deze fase die tot de verstrekking besluit"),
    )),
    C("hand-over without a transfer", (("  - id: overdracht-riec\n    aan: riec\n    fase: aanpak",
                                        "  - id: overdracht-riec\n    aan: riec\n    fase: "
                                        "bronnenonderzoek"),
                                       ("    privacytoets: pc2b\n    vastleggen: [datum van de "
                                        "overdracht", "    privacytoets: pc1\n    vastleggen: "
                                        "[datum van de overdracht")),
      (
        ("riec\n    vastleggen:\n      - de uitkomst van privacytoets 2A", "PG236",
         "fout: fases.4.uitkomsten.3.naar_rol: deze uitkomst geeft de casus aan 'riec' buiten "
         "de gemeente, maar onder 'verstrekkingen' staat geen verstrekking aan 'riec' in deze "
         "fase — beschrijf de verstrekking onder 'verstrekkingen' (met 'aan'): gegevens, "
         "grondslagen, beslisser en privacytoets"),
        ("[identiteit, signaalinhoud, vergunninggegevens, vastgoed, bedrijfsgegevens, toezicht]"
         "\n    grondslagen: [wgs", "PG237",
         "fout: verstrekkingen.3.gegevens: de verstrekking aan 'riec' in de fase "
         "'bronnenonderzoek' staat ook op regel {line:id: casusmelding-riec}, met andere "
         "gegevens — beschrijf één verstrekking met één lijst gegevens"),
    )),
    C("risk without measure", (("      risicos: [persoonsverwisseling]",
                                "      risicos: [datalek]"),), (
        ("persoonsverwisseling\n      titel", "PG206", "fout: dpia.risicos.8.id: voor het risico "
         "'persoonsverwisseling' is geen maatregel — noem het onder 'risicos' bij een maatregel "
         "in 'dpia.maatregelen'"),
    )),
    C("high residual risk, no art. 36 decision", (
        ("      restkans: 1\n      restimpact: 4\n    - id: onbevoegde",
         "      restkans: 3\n      restimpact: 4\n    - id: onbevoegde"),
        ("  voorafgaande_raadpleging:\n    nodig: false\n    toelichting: >-\n      Omdat na de "
         "maatregelen geen hoog restrisico overblijft, is voorafgaande raadpleging van\n      de "
         "Autoriteit Persoonsgegevens niet nodig (AVG art. 36 lid 1).\n", ""),
    ), (
        ('versie: "1.1"\n  datum: 2026-08-20', "PG209",
         "fout: dpia: het restrisico van koppeling is hoog, "
         "maar er is geen besluit over voorafgaande raadpleging — voeg "
         "'voorafgaande_raadpleging' toe (AVG art. 36)"),
    )),
    C("high residual risk, consultation refused", (
        ("      restkans: 1\n      restimpact: 4\n    - id: onbevoegde",
         "      restkans: 3\n      restimpact: 4\n    - id: onbevoegde"),), (
        ("false\n    toelichting", "PG210",
         "fout: dpia.voorafgaande_raadpleging.nodig: het restrisico "
         "van koppeling is hoog; dan moet de AP vooraf geraadpleegd worden — zet 'nodig: true' "
         "of verlaag het restrisico met maatregelen"),
    )),
    C("likelihood beyond the scale", (("      kans: 3\n      impact: 4\n      restkans: 2",
                                       "      kans: 5\n      impact: 4\n      restkans: 2"),), (
        ("5\n      impact: 4", "PG207",
         "fout: dpia.risicos.2.kans: 5 ligt buiten de schaal van 1 tot 4 "
         "— kies een "
         "positie op 'dpia.risicoschaal.kans'"),
    )),
    C("threshold out of reach", (("hoog_vanaf: 9", "hoog_vanaf: 17"),), (
        ("17\n", "PG208",
         "fout: dpia.risicoschaal.hoog_vanaf: de grenzen passen niet bij de schaal — kies "
         "midden_vanaf < hoog_vanaf ≤ grootste score (16)"),
    )),
    C("adopted without adoption", (("  vaststelling:\n    datum: 2026-09-15\n    "
                                    "inwerkingtreding: 2026-10-01\n    publicatie: Gmb. 2026, "
                                    "48213\n    vervangt: Privacyprotocol ondermijning "
                                    "Lindenwaard 2025\n    besluit: \"B&W 2026/0412\"\n", ""),
                                   (ADOPTED_PRINT, "  fg_advies:")), (
        ("gemeente: Lindenwaard", "PG211", "fout: document.vaststelling: een vastgesteld protocol "
         "vermeldt de vaststelling, maar 'vaststelling' ontbreekt — voeg 'document.vaststelling' "
         "toe of zet de status terug naar concept"),
    )),
    C("content changed after adoption and advice", (
        ("    plaatsvervanger: Teamleider Openbare Orde en Veiligheid\n",
         "    plaatsvervanger: Adviseur Openbare Orde en Veiligheid\n"),), (
        ('"' + FINGERPRINT + '"\n  fg_advies', "PG304", "waarschuwing: "
         "document.vaststelling.vingerafdruk: de inhoud is gewijzigd na de vaststelling van "
         "2026-09-15 (vingerafdruk toen "
         f"{FINGERPRINT[:12]}, nu {{print}}) — laat de nieuwe inhoud vaststellen en leg dat vast "
         "met 'protocolgen vaststellen PAD --datum JJJJ-MM-DD --besluit KENMERK', of draai de "
         "wijziging terug"),
        ('"' + FINGERPRINT + '"\n  evaluatie', "PG305", "waarschuwing: "
         "document.fg_advies.vingerafdruk: de inhoud is gewijzigd na het advies van de FG van "
         f"2026-08-27 (vingerafdruk toen {FINGERPRINT[:12]}, nu {{print}}) — vraag de FG om "
         "advies over de nieuwe inhoud en leg dat vast met 'protocolgen advies PAD --datum "
         "JJJJ-MM-DD', of draai de wijziging terug"),
    ), readopt=False),
    C("reformatting is no change of content", (
        ("    plaatsvervanger: Teamleider Openbare Orde en Veiligheid\n", "    plaatsvervanger:"
         "   'Teamleider Openbare Orde en Veiligheid'   # opgemaakt\n"),
        ("  gemeente: Lindenwaard\n  titel: Privacyprotocol Bestuurlijke aanpak ondermijnende "
         "criminaliteit gemeente Lindenwaard 2026\n", "  titel: Privacyprotocol Bestuurlijke "
         "aanpak ondermijnende\n    criminaliteit gemeente Lindenwaard 2026\n  gemeente: "
         "Lindenwaard\n")), (), readopt=False),
    C("adoption without fingerprint", ((ADOPTED_PRINT, "  fg_advies:"),), (
        ("    datum: 2026-09-15\n    inwerking", "PG306", "waarschuwing: document.vaststelling: "
         "de vaststelling legt niet vast welke inhoud is vastgesteld — is precies deze inhoud "
         "vastgesteld, ook als dat buiten protocolgen gebeurde, neem dan de datum en het "
         "kenmerk van dat besluit over met 'protocolgen vaststellen PAD --datum JJJJ-MM-DD "
         "--besluit KENMERK': dat legt de vingerafdruk van deze inhoud vast en stelt niets "
         "opnieuw vast; is een andere tekst vastgesteld, breng de inhoud daarmee in "
         "overeenstemming"),
    )),
    C("repealed law by name", (own("  - id: bouwen\n    wet: Wabo\n    omschrijving: "
                                   "Bouwvergunning.\n    bwb: BWBR0001941"),), (
        ("Wabo", "PG214",
         "fout: grondslagen.1.wet: 'Wabo' is vervallen; opvolger is de Omgevingswet "
         "(sinds 1-1-2024) — verwijs naar de opvolger, of zet 'historisch: true' als de oude wet "
         "bewust wordt genoemd"),
    )),
    C("repealed law by BWB id", (own(f"  - id: bouwen\n{FULL}    bwb: BWBR0024779"),), (
        ("BWBR0024779", "PG214",
         "fout: grondslagen.1.bwb: 'BWBR0024779' is vervallen; opvolger is de "
         "Omgevingswet (sinds 1-1-2024) — verwijs naar de opvolger, of zet 'historisch: true' als "
         "de oude wet bewust wordt genoemd"),
    )),
    C("role consults a source it may not", (("        niveau: hit-no-hit\n        rol: "
                                             "aanspreekpunt-belastingen",
                                             "        niveau: hit-no-hit\n        rol: "
                                             "casusregisseur"),), (
        ("bron: belastingen\n        niveau: hit-no-hit\n        rol: casusregisseur",
         "PG212",
          "fout: fases.3.bronnen.3: de rol 'casusregisseur' mag de bron 'belastingen' niet op "
         "niveau 'hit-no-hit' raadplegen — voeg de bron met dat niveau toe bij de rol "
         "'casusregisseur' of laat een andere rol de bron raadplegen"),
    )),
    C("sources without privacy check", (("        soort: privacytoets\n        naam: "
                                         "Privacytoets 1", "        soort: weging\n        naam: "
                                         "Privacytoets 1"),), (
        ("- bron: brp\n        niveau: hit-no-hit\n        rol: aanspreekpunt-burgerzaken",
         "PG213",
          "fout: fases.3.bronnen: in deze fase worden bronnen geraadpleegd zonder privacytoets — "
         "voeg onder 'wegingen' een weging met soort 'privacytoets' toe, of raadpleeg alleen "
         "openbare bronnen binnen criteria uit beleid ('criteria')"),
    )),
    C("external role without partner", (("    partner: politie\n", ""),), (
        ("extern\n    team: Politie", "PG215",
         "fout: rollen.13.soort: een externe rol heeft 'partner' "
         "nodig — voeg 'partner:' toe (riec, politie, om, belastingdienst, lbb, mma of anders)"),
    )),
    C("partner on an internal role", (("    naam: Casusregisseur ondermijning\n    soort: intern\n",
                                       "    naam: Casusregisseur ondermijning\n    soort: intern\n"
                                       "    partner: riec\n"),), (
        ("riec\n    team: Team Openbare", "PG216",
         "fout: rollen.4.partner: alleen een externe rol is een "
         "partner — verwijder 'partner' of zet 'soort: extern'"),
    )),
    C("bare n.v.t. as value", (("    doel: Handhaaft de openbare orde en zet de eigen bestuurlijke"
                                " bevoegdheden in.", "    doel: N.v.t."),), (
        ("N.v.t.", "PG217",
         "fout: rollen.1.doel: 'N.v.t.' zonder reden — schrijf 'Niet van toepassing, "
         "omdat …' met de reden"),
    )),
    C("outcome back to its own phase", (("        naar_fase: zwaarte\n", "        naar_fase: "
                                         "intake\n"),), (
        ("intake\n      - omschrijving", "PG218",
         "fout: fases.1.uitkomsten.1.naar_fase: deze uitkomst "
         "leidt naar dezelfde fase — kies een volgende fase, een rol of 'afsluiten'"),
    )),
    C("logo outside the protocol folder", (("logo: lindenwaard-logo.svg", "logo: ../../etc/passwd"),
                                           ), (
        ("../../etc/passwd", "PG219",
         "fout: document.huisstijl.logo: het logo '../../etc/passwd' staat "
         "niet in de map van het protocol — zet het logo naast het YAML-bestand en geef een "
         "relatief pad"),
    )),
    C("logo from the network", (("logo: lindenwaard-logo.svg", "logo: https://example.org/l.png"),
                                ), (
        ("https://example.org/l.png", "PG219", "fout: document.huisstijl.logo: het logo "
         "'https://example.org/l.png' staat niet in de map van het protocol — zet het logo naast "
         "het YAML-bestand en geef een relatief pad"),
    )),
    C("logo of the wrong type", (("logo: lindenwaard-logo.svg", "logo: protocol.yaml"),), (
        ("protocol.yaml", "PG220",
         "fout: document.huisstijl.logo: het logo 'protocol.yaml' is geen SVG-, PNG- of "
         "JPEG-bestand — gebruik een .svg-, .png- of .jpg-bestand"),
    )),
    C("logo missing", (("logo: lindenwaard-logo.svg", "logo: weg.svg"),), (
        ("weg.svg", "PG221",
         "fout: document.huisstijl.logo: het logo 'weg.svg' bestaat niet — controleer "
         "de bestandsnaam"),
    )),
    C("id that climbs out of a folder", (("  - id: fg\n", "  - id: ../../fg\n"),), (
        ("../../fg", "PG107",
         "fout: rollen.7.id: '../../fg' heeft niet de juiste vorm — gebruik kleine "
         "letters, cijfers en losse streepjes (bijvoorbeeld 'fase-1')"),
    )),
    C("bare n.v.t. next to an unknown key (one pass)", (
        ("    doel: Handhaaft de openbare orde", "    doel: n.v.t.\n    x_doel: Handhaaft de "
         "openbare orde"),), (
        ("n.v.t.", "PG217", "fout: rollen.1.doel: 'n.v.t.' zonder reden — schrijf 'Niet van "
         "toepassing, omdat …' met de reden"),
        ("x_doel", "PG101", "fout: rollen.1.x_doel: de sleutel 'x_doel' is hier niet bekend "
         "(bedoelde je 'doel'?) — verwijder de sleutel of gebruik een van: id, naam, soort, team, "
         "partner, doel, plaatsvervanger, taken, wel, niet, bronnen, instrumenten, melden, "
         "melden_aan, acuut, signalen, in_melding, niet_in_melding, bevraging, grondslagen, "
         "contact"),
    )),
    C("external partner decides a phase", (
        ("        beslisser: ondermijningsteam\n    beslisser: ondermijningsteam\n    uitkomsten:\n"
         "      - omschrijving: Geen actie", "        beslisser: ondermijningsteam\n    beslisser: "
         "riec\n    uitkomsten:\n      - omschrijving: Geen actie"),), (
        ("riec\n    uitkomsten:\n      - omschrijving: Geen actie", "PG222", "fout: "
         "fases.2.beslisser: de externe partner 'riec' kan niet beslissen namens de gemeente — "
         "kies een rol van de gemeente als beslisser; de partner kan 'geraadpleegd' zijn"),
    )),
    C("external partner makes a weging", (
        ("grondgebied van Lindenwaard?\n        beslisser: casusregisseur",
         "grondgebied van Lindenwaard?\n        beslisser: politie"),), (
        ("politie\n    beslisser: casusregisseur", "PG222", "fout: fases.1.wegingen.3.beslisser: "
         "de externe partner 'politie' kan niet beslissen namens de gemeente — kies een rol van "
         "de gemeente als beslisser; de partner kan 'geraadpleegd' zijn"),
    )),
    C("sharing with an internal role", (("    aan: politie\n", "    aan: boa\n"),), (
        ("boa\n    fase: aanpak", "PG223", "fout: verstrekkingen.2.aan: de rol 'boa' hoort bij de "
         "gemeente; een verstrekking gaat naar een externe partner — kies een rol met 'soort: "
         "extern', of beschrijf de interne uitwisseling in de fase zelf"),
    )),
    C("version missing from the change list", (('  versie: "1.1"\n  datum: 2026-09-15',
                                                '  versie: "1.2"\n  datum: 2026-09-15'),), (
        ('"1.2"', "PG224", "fout: document.versie: de versie '1.2' staat niet in 'wijzigingen' — "
         "voeg onder 'document.wijzigingen' een wijziging met versie '1.2' toe"),
    )),
    C("retention of 999 years", (("    termijn: 3 maanden", "    termijn: 999 jaar"),), (
        ("999 jaar", "PG225", "fout: bewaartermijnen.2.termijn: een bewaartermijn van 999 jaar is "
         "langer dan 20 jaar — kies een termijn van hoogstens 20 jaar; wat blijvend bewaard moet "
         "worden, krijgt 'actie: overbrengen'"),
    )),
    C("retention of 241 months", (("    termijn: 3 maanden", "    termijn: 241 maanden"),), (
        ("241 maanden", "PG225", "fout: bewaartermijnen.2.termijn: een bewaartermijn van 241 "
         "maanden is langer dan 20 jaar — kies een termijn van hoogstens 20 jaar; wat blijvend "
         "bewaard moet worden, krijgt 'actie: overbrengen'"),
    )),
    C("residual likelihood above the likelihood", (
        ("      kans: 3\n      impact: 4\n      restkans: 2", "      kans: 3\n      impact: 4\n"
         "      restkans: 4"),), (
        ("4\n      restimpact: 2", "PG226", "fout: dpia.risicos.2.restkans: de kans na "
         "maatregelen (4) is hoger dan ervoor (3) — maatregelen verlagen een risico: controleer "
         "'kans' en 'restkans'"),
    )),
    C("residual impact above the impact", (
        ("      kans: 2\n      impact: 4\n      restkans: 1\n      restimpact: 3\n    - id: "
         "datalek", "      kans: 2\n      impact: 2\n      restkans: 1\n      "
         "restimpact: 3\n    - id: datalek"),), (
        ("3\n    - id: datalek", "PG226", "fout: dpia.risicos.4.restimpact: de "
         "impact na maatregelen (3) is hoger dan ervoor (2) — maatregelen verlagen een risico: "
         "controleer 'impact' en 'restimpact'"),
    )),
    C("entry into force before adoption", (("inwerkingtreding: 2026-10-01",
                                            "inwerkingtreding: 2026-09-14"),), (
        ("2026-09-14", "PG227", "fout: document.vaststelling.inwerkingtreding: de "
         "inwerkingtreding (2026-09-14) ligt vóór de vaststelling (2026-09-15) — een regeling "
         "treedt in werking op of na de dag van vaststelling: controleer beide datums"),
    )),
    C("FG advice after the adoption", (("  fg_advies:\n    datum: 2026-08-27",
                                        "  fg_advies:\n    datum: 2026-09-16"),), (
        ("2026-09-15\n    inwerkingtreding", "PG228", "fout: "
         "document.vaststelling.datum: de vaststelling (2026-09-15) ligt vóór het advies van de "
         "FG (2026-09-16) — de FG adviseert vóór de vaststelling (AVG art. 35 lid 2): controleer "
         "beide datums"),
    )),
    C("DPIA re-assessment before the DPIA", (("herbeoordeling: 2029-08-01",
                                              "herbeoordeling: 2026-08-20"),), (
        ("2026-08-20\n  voorstel", "PG229", "fout: dpia.herbeoordeling: de herbeoordeling "
         "(2026-08-20) ligt niet na de DPIA (2026-08-20) — plan de herbeoordeling na de datum "
         "van de DPIA"),
        ("2026-08-20\n  voorstel", "PG301", "waarschuwing: dpia.herbeoordeling: de datum "
         "2026-08-20 ligt in het verleden — evalueer het protocol en plan een nieuwe datum"),
    )),
    C("outcome back to an earlier phase", (("        naar_fase: bronnenonderzoek\n    vastleggen",
                                            "        naar_fase: intake\n    vastleggen"),), (
        ("intake\n    vastleggen", "PG218", "fout: fases.2.uitkomsten.4.naar_fase: deze uitkomst "
         "leidt terug naar de eerdere fase 'intake' — kies een volgende fase, een rol of "
         "'afsluiten'; fases staan in de volgorde waarin een casus ze doorloopt"),
    )),
    C("timestamp where a date belongs", (("  datum: 2026-09-15\n  status",
                                          "  datum: 2026-09-15 10:30:00\n  status"),), (
        ("2026-09-15 10:30", "PG103", "fout: document.datum: verwacht een datum (JJJJ-MM-DD), "
         "gevonden tekst '2026-09-15 10:30:00' — schrijf de datum als JJJJ-MM-DD, zonder tijd "
         "(bijvoorbeeld 2026-03-10)"),
    )),
    C("date without leading zeros", (("  datum: 2026-09-15\n  status",
                                      "  datum: 2026-9-15\n  status"),), (
        ("2026-9-15", "PG103", "fout: document.datum: verwacht een datum (JJJJ-MM-DD), gevonden "
         "tekst '2026-9-15' — schrijf de datum als JJJJ-MM-DD, zonder tijd (bijvoorbeeld "
         "2026-03-10)"),
    )),
    C("blank required text", (("  regio: RIEC Oost-Nederland", '  regio: " "'),), (
        ('" "', "PG105", "fout: document.regio: de waarde is leeg — vul een waarde in (regionaal "
         "samenwerkingsverband)"),
    )),
    C("id with a trailing newline", (("  - id: fg\n", '  - id: "fg\\n"\n'),), (
        ('"fg\\n"', "PG107", "fout: rollen.7.id: 'fg\\n' heeft niet de juiste vorm — gebruik "
         "kleine letters, cijfers en losse streepjes (bijvoorbeeld 'fase-1')"),
    )),
    C("overdue evaluation", (("    datum: 2027-10-01", "    datum: 2025-10-01"),), (
        ("2025-10-01", "PG301", "waarschuwing: document.evaluatie.datum: de datum 2025-10-01 ligt "
         "in het verleden — evalueer het protocol en plan een nieuwe datum"),
    )),
    C("DPIA review after more than three years", (("herbeoordeling: 2029-08-01",
                                                   "herbeoordeling: 2029-08-21"),), (
        ("2029-08-21", "PG302", "waarschuwing: dpia.herbeoordeling: de herbeoordeling ligt meer "
         "dan drie jaar na de DPIA — plan de herbeoordeling binnen drie jaar (Model DPIA)"),
    )),
    C("RIEC sharing without the WGS", (("    regeling: wgs\n    beslisser: ondermijningsteam\n"
                                        "    privacytoets: pc1", "    regeling: riec-convenant\n"
                                        "    beslisser: ondermijningsteam\n    privacytoets: pc1"
                                        ),), (
        ("riec-convenant", "PG303", "waarschuwing: verstrekkingen.1.regeling: sinds 1-3-2025 "
         "geldt voor het RIEC de Wet gegevensverwerking door samenwerkingsverbanden (WGS) — zet "
         "'regeling: wgs' en noem de WGS als grondslag"),
    )),
    # --- reproducers of crashes in the rules, now located problems ---
    C("date rule given text (TypeError)", (("herbeoordeling: 2029-08-01",
                                            "herbeoordeling: binnenkort"),), (
        ("binnenkort", "PG103", "fout: dpia.herbeoordeling: verwacht een datum (JJJJ-MM-DD), "
         "gevonden tekst 'binnenkort' — schrijf de datum als JJJJ-MM-DD, zonder tijd "
         "(bijvoorbeeld 2026-03-10)"),
    )),
    C("date rule given a list (TypeError)", (("herbeoordeling: 2029-08-01",
                                              "herbeoordeling: [2029-08-01]"),), (
        ("[2029-08-01]", "PG103", "fout: dpia.herbeoordeling: verwacht een datum (JJJJ-MM-DD), "
         "gevonden een lijst — schrijf de datum als JJJJ-MM-DD, zonder tijd (bijvoorbeeld "
         "2026-03-10)"),
    )),
    C("date rule given a timestamp (TypeError)", (("    datum: 2027-10-01",
                                                   "    datum: 2027-10-01T10:00:00Z"),), (
        ("2027-10-01T10", "PG103", "fout: document.evaluatie.datum: verwacht een datum "
         "(JJJJ-MM-DD), gevonden tekst '2027-10-01T10:00:00Z' — schrijf de datum als JJJJ-MM-DD, "
         "zonder tijd (bijvoorbeeld 2026-03-10)"),
    )),
    C("outcome that is a number (TypeError in the destination check)", (
        ("      - omschrijving: Overdracht aan het RIEC\n        naar_rol: riec\n",
         "      - 5\n"),), (
        ("5\n    vastleggen", "PG103", "fout: fases.4.uitkomsten.3: verwacht een "
         "verzameling sleutels, gevonden een getal — zet de onderliggende sleutels ingesprongen "
         "onder deze sleutel"),
    )),
    # --- loader hazards ---
    C("duplicate key", (("  gemeente: Lindenwaard\n", "  gemeente: Lindenwaard\n  gemeente: "
                         "Lindenhof\n"),), (
        ("  gemeente: Lindenhof", "PG019",
         "fout: document.gemeente: de sleutel 'gemeente' staat hier "
         "voor de tweede keer (eerder op regel {line:gemeente: Lindenwaard}, kolom 3) — voeg de "
         "twee samen of verwijder er "
         "één"),
    )),
    C("anchor and alias", (("  gemeente: Lindenwaard\n", "  gemeente: &naam Lindenwaard\n"
                            "  citeertitel_x: *naam\n"),), (
        ("&naam", "PG014",
         "fout: (document): ankers (&) en verwijzingen (*) zijn niet toegestaan — "
         "schrijf de waarde voluit; verwijs naar andere onderdelen met hun id"),
    )),
    C("python tag", (("  gemeente: Lindenwaard\n", "  gemeente: !!python/object/apply:os.system "
                      "['true']\n"),), (
        ("!!python", "PG017", "fout: document.gemeente: de YAML-tag "
         "'tag:yaml.org,2002:python/object/apply:os.system' is niet toegestaan — verwijder de "
         "tag (het woord dat met ! begint)"),
    )),
    C("local tag", (("  gemeente: Lindenwaard\n", "  gemeente: !include andere.yaml\n"),), (
        ("!include", "PG017",
         "fout: document.gemeente: de YAML-tag '!include' is niet toegestaan — "
         "verwijder de tag (het woord dat met ! begint)"),
    )),
    C("unclosed quote", (('  versie: "1.1"\n  datum: 2026-09-15',
                          '  versie: "1.1\n  datum: 2026-09-15'),), (
        ('B&W 2026', "PG012",
         "fout: (document): dit is geen geldige YAML (did not find expected key) — "
         "controleer inspringing, dubbele punten en aanhalingstekens hier en in het blok dat op "
         "regel {line:gemeente: Lindenwaard} begint"),
    )),
    C("tab indentation", (("  gemeente: Lindenwaard\n", "\tgemeente: Lindenwaard\n"),), (
        ("\tgemeente", "PG012", "fout: (document): dit is geen geldige YAML (found character that "
         "cannot start any token) — controleer inspringing, dubbele punten en aanhalingstekens "
         "op deze plek"),
    )),
    C("number as key", (("  gemeente: Lindenwaard\n", "  gemeente: Lindenwaard\n  12: twaalf\n"),
                        ), (
        ("12: twaalf", "PG018",
         "fout: document: de sleutel 12 is geen tekst — gebruik een sleutelnaam uit "
         "de documentatie (docs/formaat.md)"),
    )),
    C("impossible date", (("  datum: 2026-09-15\n  status", "  datum: 2026-13-45\n  status"),), (
        ("2026-13-45", "PG020",
         "fout: document.datum: de waarde '2026-13-45' is geen geldige datum of "
         "getal — schrijf een datum als JJJJ-MM-DD, of zet tekst tussen aanhalingstekens"),
    )),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_protocol_gives_exact_problems(case: Case, example_text: str, write: Write) -> None:
    text = mutate(example_text, *case.changes, readopt=case.readopt)
    path = write(text)
    report = check(read(path), today=TODAY)
    expected = [f"{path}:{position(text, anchor)}: {_lines(text, message)} [{code}]"
                for anchor, code, message in case.expected]
    found = report.problems if any(code == OPEN_POINTS for _, code, _ in case.expected) \
        else decided(report.problems)
    assert [p.text() for p in found] == sorted(expected, key=_line_col)


def _lines(text: str, message: str) -> str:
    """Replace each {line:ANCHOR} in `message` by the line number of ANCHOR in `text`, and
    {print} by the short fingerprint of the content of `text`."""
    if "{print}" in message:
        data = parse(Source.one("x.yaml", text.encode(), EXAMPLE.parent)).data
        message = message.replace("{print}", fingerprint(data)[:12])
    return re.sub(r"\{line:(.+?)\}", lambda m: position(text, m.group(1)).split(":")[0], message)


def _line_col(line: str) -> tuple[int, int]:
    parts = line.split(":")
    return int(parts[1]), int(parts[2])


def test_corpus_covers_every_code_of_content() -> None:
    """Every problem a protocol's content can have is pinned by a case above, with its exact
    message; codes of the loader are pinned in test_loader.py too, PG230 (an unusable logo
    file) below, and PG199 is the fallback for a Cerberus error without a Dutch translation."""
    from protocolgen.errors import CODES

    from .test_loader import PINNED

    pinned = {code for case in CASES for _, code, _ in case.expected} | PINNED | {"PG230"}
    # PG009 is no content problem: serve's word for a build that failed otherwise (test_serve);
    # PG243 (a role card that does not fit) is found by the build (test_build)
    assert sorted(set(CODES) - pinned - {"PG199", "PG009", "PG243"}) == []


def test_example_is_valid_without_warnings() -> None:
    assert decided(check(read(EXAMPLE), today=TODAY).problems) == []


def test_strict_makes_warnings_blocking(example_text: str, write: Write) -> None:
    text = mutate(example_text, ("    datum: 2027-10-01", "    datum: 2025-10-01"))
    report = check(read(write(text)), today=TODAY)
    assert [p.code for p in report.problems] == ["PG301", "PG307", "PG307"]
    assert report.blocking() == [] and report.blocking(strict=True) == report.problems


@pytest.mark.parametrize(("evaluation", "codes"), [
    ("2026-11-28", []), ("2026-11-27", ["PG301"])], ids=["today", "yesterday"])
def test_evaluation_is_overdue_from_the_day_after(evaluation: str, codes: list[str],
                                                  example_text: str, write: Write) -> None:
    text = mutate(example_text, ("    datum: 2027-10-01", f"    datum: {evaluation}"))
    assert [p.code for p in decided(check(read(write(text)), today=TODAY).problems)] == codes


@pytest.mark.parametrize(("review", "codes"), [
    ("2029-08-20", []), ("2029-08-21", ["PG302"])], ids=["three years", "a day more"])
def test_dpia_review_may_be_three_years_later(review: str, codes: list[str],
                                              example_text: str, write: Write) -> None:
    text = mutate(example_text, ("herbeoordeling: 2029-08-01", f"herbeoordeling: {review}"))
    assert [p.code for p in decided(check(read(write(text)), today=TODAY).problems)] == codes


def test_three_years_after_29_february(example_text: str, write: Write) -> None:
    text = mutate(example_text, ("  datum: 2026-08-20\n  status", "  datum: 2024-02-29\n  status"),
                  ("herbeoordeling: 2029-08-01", "herbeoordeling: 2027-02-28"))
    assert decided(check(read(write(text)), today=dt.date(2024, 3, 1)).problems) == []


@pytest.mark.parametrize(("dated", "codes"), [
    ("2025-02-28", []), ("2025-03-01", ["PG303"])], ids=["before the WGS", "from the WGS"])
def test_riec_warning_starts_with_the_wgs(dated: str, codes: list[str], example_text: str,
                                          write: Write) -> None:
    text = mutate(example_text, ("    regeling: wgs\n    beslisser: ondermijningsteam\n    "
                                 "privacytoets: pc1", "    regeling: riec-convenant\n    "
                                 "beslisser: ondermijningsteam\n    privacytoets: pc1"),
                  ("  datum: 2026-09-15\n  status", f"  datum: {dated}\n  status"))
    assert [p.code for p in decided(check(read(write(text)), today=TODAY).problems)] == codes


@pytest.mark.parametrize(("changes", "why"), [
    ((("  fg_advies:\n    datum: 2026-08-27", "  fg_advies:\n    datum: 2026-09-15"),),
     "FG advice on the day of adoption"),
    ((("inwerkingtreding: 2026-10-01", "inwerkingtreding: 2026-09-15"),),
     "in force on the day of adoption"),
    ((("    termijn: 3 maanden", "    termijn: 20 jaar"),), "20 years of retention"),
    ((("    termijn: 3 maanden", "    termijn: 240 maanden"),), "240 months of retention"),
    ((('  versie: "1.1"\n  datum: 2026-09-15', '  versie: "1.0"\n  datum: 2026-09-15'),),
     "an earlier version from the list"),
    ((("  datum: 2026-09-15\n  status", '  datum: "2026-09-15"\n  status'),),
     "a quoted date"),
    ((own(f"  - id: eigen-wet\n{FULL}    bwb: BWBR0001941"),
      ("[avg-6-1-e, avg-10, uavg-33, gemeentewet-172]\n    wegingen:\n      - id: w3",
       "[avg-6-1-e, avg-10, uavg-33, gemeentewet-172, eigen-wet]\n    wegingen:\n      - id: w3")),
     "a law cited as a whole (once a KeyError)"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_corrected_versions_pass(changes: tuple[tuple[str, str], ...], why: str,
                                 example_text: str, write: Write) -> None:
    assert decided(check(read(write(mutate(example_text, *changes))), today=TODAY).problems) == []


def test_repealed_law_marked_historical_passes(example_text: str, write: Write) -> None:
    text = mutate(example_text, own(f"  - id: bouwen\n{FULL}    bwb: BWBR0024779\n"
                                    "    historisch: true"))
    assert decided(check(read(write(text)), today=TODAY).problems) == []


def test_problems_of_the_shape_are_all_reported(example_text: str, write: Write) -> None:
    text = mutate(example_text, with_status("klaar"),
                  ("midden_vanaf: 4", "midden_vanaf: vier"), ("termijn: 1 jaar", "termijn: 1 jr"))
    assert [p.code for p in decided(check(read(write(text)), today=TODAY).problems)] == [
        "PG108", "PG107", "PG103"]


def test_one_pass_reports_shape_and_meaning_together(example_text: str, write: Write) -> None:
    """A mistyped key does not hide meaning problems elsewhere in the file."""
    text = mutate(example_text,
                  ("    activiteiten:\n      - het signaal registreren",
                   "    activiteit:\n      - het signaal registreren"),
                  ("    eigenaar: programmamanager\n    frequentie",
                   "    eigenaar: programmamanger\n    frequentie"),
                  ("    termijn: 3 maanden", "    termijn: 999 jaar"),
                  ("      kans: 3\n      impact: 4\n      restkans: 2",
                   "      kans: 3\n      impact: 4\n      restkans: 4"))
    found = [(p.code, p.dotted_path)
             for p in decided(check(read(write(text)), today=TODAY).problems)]
    assert found == [("PG202", "document.evaluatie.eigenaar"), ("PG102", "fases.1.activiteiten"),
                     ("PG101", "fases.1.activiteit"), ("PG225", "bewaartermijnen.2.termijn"),
                     ("PG226", "dpia.risicos.2.restkans")]


def test_utf8_bom_is_accepted(example_text: str, write: Write) -> None:
    path = write("")
    path.write_bytes(b"\xef\xbb\xbf" + example_text.encode())
    assert decided(check(read(path), today=TODAY).problems) == []


def test_example_meets_the_required_size() -> None:

    p = protocol_of(EXAMPLE)
    assert len(p.fases) == 4 and len(p.rollen) >= 8 and len(p.grondslagen) >= 10
    assert len(p.gegevens) >= 8 and len(p.bronnen) >= 6
    assert len(p.dpia.risicos) >= 8 and len(p.dpia.maatregelen) >= 10
    checks = {w.id for f in p.fases for w in f.wegingen}
    assert {"w1", "w2a", "w2b", "w3", "w4", "w5", "pc1", "pc2a", "pc2b"} <= checks
    roles = {r.id for r in p.rollen}
    assert {"casusregisseur", "programmamanager", "fg", "privacyfunctionaris",
            "aanspreekpunt-vergunningen", "aanspreekpunt-burgerzaken", "boa", "riec"} <= roles


def test_every_rule_is_exercised_by_the_corpus(example_text: str, write: Write) -> None:
    from protocolgen.checks import context as rules

    fired: set[str] = set()
    for case in CASES:
        report = check(read(write(mutate(example_text, *case.changes, readopt=case.readopt))),
                       today=TODAY)
        if report.document is not None:  # as check() does: hide what reading or shape broke
            ctx = context(report.document, TODAY, [p for p in report.problems
                                                   if p.code < "PG200"])
            fired |= {r.__name__ for r in rules.RULES if list(r(ctx))}
    assert sorted(r.__name__ for r in rules.RULES if r.__name__ not in fired) == []


SVG_LOGO = (EXAMPLE.parent / "lindenwaard-logo.svg").read_bytes()


def _png(width: int, height: int) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "#1f4e79").save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(("name", "content", "why"), [
    ("leeg.svg", b"", "het bestand is leeg"),
    ("kapot.png", b"\x89PNG\r\n\x1a\nrommel", "het bestand is geen leesbare PNG- of "
                                                 "JPEG-afbeelding"),
    ("tekst.png", b"geen plaatje", "het bestand is geen leesbare PNG- of JPEG-afbeelding"),
    ("plaatje.jpg", b"GIF89a" + b"\0" * 40, "het bestand is geen leesbare PNG- of "
                                             "JPEG-afbeelding"),
    ("groot.svg", SVG_LOGO + b"<!--" + b"x" * 1024 * 1024 + b"-->", "het bestand is groter dan "
                                                                    "1024 KiB"),
    ("geen.svg", b"<html><body>hallo</body></html>", "het bestand is geen SVG-afbeelding"),
    ("halve.svg", SVG_LOGO[:50], "het bestand is geen leesbare SVG (XML)"),
    ("entiteit.svg", b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/'
                     b'svg">&a;</svg>', "het SVG-bestand bevat een DOCTYPE of ENTITY; die zijn "
                                        "niet toegestaan"),
], ids=["empty", "broken png", "text as png", "gif as jpg", "too large", "html as svg",
        "cut off svg", "entities"])
def test_unusable_logos(name: str, content: bytes, why: str, example_text: str,
                        write: Write) -> None:
    path = write(mutate(example_text, ("logo: lindenwaard-logo.svg", f"logo: {name}")))
    (path.parent / name).write_bytes(content)
    assert [p.text() for p in decided(check(read(path), today=TODAY).problems)] == [
        f"{path}:{position(example_text, 'lindenwaard-logo.svg')}: fout: "
        f"document.huisstijl.logo: het logo {name!r} is niet bruikbaar: {why} — sla het logo "
        "opnieuw op als SVG, PNG of JPEG (hoogstens 1 MiB) [PG230]"]


@pytest.mark.parametrize(("name", "content"), [
    ("logo.png", _png(240, 64)), ("logo.jpg", None)], ids=["png", "jpeg"])
def test_bitmap_logos_pass(name: str, content: bytes | None, example_text: str,
                           write: Write) -> None:
    if content is None:
        import io

        from PIL import Image

        out = io.BytesIO()
        Image.new("RGB", (240, 64), "#1f4e79").save(out, "JPEG")
        content = out.getvalue()
    path = write(mutate(example_text, ("logo: lindenwaard-logo.svg", f"logo: {name}")))
    (path.parent / name).write_bytes(content)
    assert decided(check(read(path), today=TODAY).problems) == []


def test_bounds_on_what_a_protocol_asks_for(example_text: str, write: Write) -> None:
    long_id = "r" * 65
    text = mutate(example_text, ("  - id: fg\n", f"  - id: {long_id}\n"))
    found = [(p.code, p.dotted_path, p.message) for p in
             decided(check(read(write(text)), today=TODAY).problems) if p.code == "PG112"]
    assert found == [("PG112", "rollen.7.id", "de tekst is 65 tekens lang, hoogstens 64 "
                      "toegestaan")]
    from protocolgen.checks.shape import shape_problems
    from protocolgen.load.parse import load

    data = load(EXAMPLE).data
    data["fases"] = data["fases"] * 6
    data["rollen"] = data["rollen"] * 5
    assert sorted((p.path, p.message) for p in shape_problems(data) if p.code == "PG112") == [
        (("fases",), "de lijst heeft 24 onderdelen, hoogstens 20 toegestaan"),
        (("rollen",), "de lijst heeft 65 onderdelen, hoogstens 60 toegestaan")]


def test_the_schema_passes_cerberus_own_check(example_text: str) -> None:
    """Processes skip Cerberus's check of SCHEMA against its rules (it costs more than a
    validation); here it runs, and both validators judge a broken protocol alike."""
    import cerberus
    import yaml

    from protocolgen.checks.shape import ShapeValidator, validator
    from protocolgen.schema.protocol import SCHEMA

    checked, trusted = validator(checked=True), validator()
    assert checked is not trusted
    data = yaml.safe_load(mutate(example_text, with_status("12"),
                                 ("  - id: burgemeester\n", "  - id: 7\n    kleur: rood\n")))
    assert not checked.validate(data) and not trusted.validate(data)
    # document and rollen; fases: the example's open points, which the Cerberus pass leaves
    # to openpoints.scan
    assert checked.errors == trusted.errors and len(checked.errors) == 3
    with pytest.raises(cerberus.SchemaError):  # the check is real
        ShapeValidator({**SCHEMA, "x": {"type": "string", "geen_regel": 1}})


@pytest.mark.parametrize("changes", [
    # a weging without id that a transfer depends on (KeyError in the rule)
    (("      - id: pc1\n        soort: privacytoets\n",
      "      - soort: privacytoets\n"),),
    # weging ids that YAML reads as a boolean, a number or a list (TypeError)
    (("      - id: pc1\n", "      - id: on\n"),),
    (("      - id: pc1\n", "      - id: 1\n"),),
    (("      - id: pc1\n", "      - id: []\n"),),
    # an open point in the place of a whole item of a collection (KeyError)
    (("  - id: logboek\n", "  - open: onbekend\n    toelichting: x\n  - id: logboek\n"),),
], ids=["weging-without-id", "weging-id-on", "weging-id-1", "weging-id-list",
        "open-item"])
def test_rules_take_any_shape_the_shape_check_reported(changes: tuple[tuple[str, str], ...],
                                                      example_text: str,
                                                      write: Write) -> None:
    """Cases the fuzzer found (issue 23 item 14): the shape check reports the fault, with a
    place, and no rule stumbles over the rest."""
    text = mutate(example_text, *changes, readopt=False)
    problems = check(read(write(text)), today=TODAY).problems
    errors = [p for p in problems if p.severity.value == "fout"]
    assert errors and all(p.position is not None for p in problems)
    assert {p.code for p in errors} <= {"PG102", "PG103", "PG107", "PG202", "PG235", "PG239",
                                       "PG213"}


def test_thousands_of_dangling_references_get_hints_for_the_first_hundred(
        example_text: str, write: Write) -> None:
    """Each dangling reference is reported; did-you-mean is offered for the first 100 only
    (issue 23 item 14: hints for thousands took over 5 s of CPU)."""
    from protocolgen.checks.rules.document import MAX_HINTS

    ids = ", ".join(f"identiteitt{i}" for i in range(150))
    listed = ("    gegevens: [identiteit, bsn, signaalinhoud, vergunninggegevens, vastgoed, "
              "bedrijfsgegevens, toezicht, sociaal, online]\n")
    text = mutate(example_text, (listed,
                                 f"    gegevens: [{ids}]\n"), readopt=False)
    found = [p for p in check(read(write(text)), today=TODAY).problems if p.code == "PG202"]
    assert len(found) == 150
    assert [p.hint is not None for p in found] == [True] * MAX_HINTS + [False] * 50


def test_a_dpia_dated_at_the_end_of_the_calendar_is_checked(example_text: str,
                                                           write: Write) -> None:
    """dpia.datum 9999-12-31: three years later is past the calendar (issue 23 item 14, a
    ValueError); the checks compare with the last day there is."""
    text = mutate(example_text, ("\n  datum: 2026-08-20\n", "\n  datum: 9999-12-31\n"),
                  readopt=False)
    codes = {p.code for p in check(read(write(text)), today=TODAY).problems}
    assert "PG229" in codes


def test_a_phase_has_at_most_twelve_wegingen(example_text: str, write: Write) -> None:
    """Caps that fit the domain (the CCV model has 3 to 5 wegingen a phase) bound what a build
    must lay out (issue 23 item 18)."""
    extra = "".join(f"      - id: extra-{i}\n        soort: weging\n        naam: Extra {i}\n"
                    f"        vragen: [Vraag {i}?]\n        beslisser: casusregisseur\n"
                    for i in range(10))
    text = mutate(example_text, ("    wegingen:\n      - id: w1\n",
                                 "    wegingen:\n" + extra + "      - id: w1\n"))
    found = [(p.code, p.dotted_path, p.message) for p in check(read(write(text)),
                                                                today=TODAY).problems
             if p.code == "PG112"]
    assert found == [("PG112", "fases.1.wegingen",
                      "de lijst heeft 13 onderdelen, hoogstens 12 toegestaan")]
