"""The corpus of invalid protocols: each mutation of the example gives exact messages at exact
positions. Positions are computed from an anchor text in the mutated file, so each assertion
names the line and column the author would be sent to."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from protocolgen.errors import ProtocolgenError, Severity
from protocolgen.validate import check

from .conftest import EXAMPLE, TODAY, mutate


@dataclass(frozen=True)
class Case:
    name: str
    changes: tuple[tuple[str, str], ...]
    expected: tuple[tuple[str, str], ...]  # (anchor in the mutated text, message after position)


def position(text: str, anchor: str) -> str:
    """Return 'line:column' of the first occurrence of `anchor` (stripped of leading spaces)."""
    offset = text.index(anchor) + len(anchor) - len(anchor.lstrip(" \n"))
    before = text[:offset]
    return f"{before.count(chr(10)) + 1}:{offset - before.rfind(chr(10))}"


C = Case
CASES = [
    # --- shape (Cerberus) ---
    C("unknown key with hint", (("  titel: Privacyprotocol", "  tittel: Privacyprotocol"),), (
        ("  gemeente: Lindenwaard", "fout: document.titel: de verplichte sleutel 'titel' "
         "ontbreekt — voeg 'titel:' toe (officiële titel)"),
        ("  tittel:", "fout: document.tittel: de sleutel 'tittel' is hier niet bekend "
         "(bedoelde je 'titel'?) — verwijder de sleutel of gebruik een van: gemeente, titel, "
         "citeertitel, versie, datum, status, soort_regeling, vastgesteld_door, regio, "
         "vaststelling, fg_advies, evaluatie, wijzigingen, huisstijl"),
    )),
    C("missing required key", (("  regio: RIEC Oost-Nederland\n", ""),), (
        ("  gemeente: Lindenwaard", "fout: document.regio: de verplichte sleutel 'regio' "
         "ontbreekt — voeg 'regio:' toe (regionaal samenwerkingsverband)"),
    )),
    C("version as a number", (('  versie: "1.1"\n  datum: 2026-09-15',
                               "  versie: 1.1\n  datum: 2026-09-15"),), (
        ("1.1\n  datum", "fout: document.versie: verwacht tekst, gevonden een getal — zet de "
         "waarde tussen aanhalingstekens"),
    )),
    C("date in the wrong order", (("  datum: 2026-09-15\n  status", "  datum: 15-09-2026\n  "
                                   "status"),), (
        ("15-09-2026", "fout: document.datum: verwacht een datum (JJJJ-MM-DD), gevonden tekst — "
         "schrijf de datum als JJJJ-MM-DD, zonder aanhalingstekens"),
    )),
    C("status misspelt", (("  status: vastgesteld", "  status: vastgestelt"),), (
        ("vastgestelt", "fout: document.status: 'vastgestelt' is geen toegestane waarde "
         "(bedoelde je 'vastgesteld'?) — kies uit: concept, ter-advies-fg, vastgesteld, "
         "ingetrokken"),
    )),
    C("id is not a slug", (("  - id: avg-14-5\n", "  - id: AVG 14.5\n"),), (
        ("AVG 14.5", "fout: grondslagen.5.id: 'AVG 14.5' heeft niet de juiste vorm — gebruik "
         "kleine letters, cijfers en losse streepjes (bijvoorbeeld 'fase-1')"),
    )),
    C("empty list", (("vastgesteld_door: [college, burgemeester]", "vastgesteld_door: []"),), (
        ("[]", "fout: document.vastgesteld_door: de lijst heeft 0 onderdelen, minstens 1 nodig — "
         "voeg toe: bestuursorganen die het protocol vaststellen, ieder voor zover het zijn "
         "bevoegdheden betreft"),
    )),
    C("no value", (("  gemeente: Lindenwaard", "  gemeente:"),), (
        ("gemeente:", "fout: document.gemeente: hier staat geen waarde — vul een waarde in "
         "(naam van de gemeente)"),
    )),
    C("empty text", (("  gemeente: Lindenwaard", '  gemeente: ""'),), (
        ('""', "fout: document.gemeente: de waarde is leeg — vul een waarde in (naam van de "
         "gemeente)"),
    )),
    C("text instead of list", (("    grondslagen: [brp-3-2]", "    grondslagen: brp-3-2"),), (
        ("brp-3-2\n    beperkingen", "fout: bronnen.2.grondslagen: verwacht een lijst, "
         "gevonden tekst — zet "
         "elk onderdeel op een eigen regel die begint met '- '"),
    )),
    C("text instead of mapping", (('  huisstijl:\n    logo: lindenwaard-logo.svg\n    kleur: '
                                   '"#1f4e79"', "  huisstijl: blauw"),), (
        ("blauw", "fout: document.huisstijl: verwacht een verzameling sleutels, gevonden tekst — "
         "zet de onderliggende sleutels ingesprongen onder deze sleutel"),
    )),
    C("colour pattern", (('kleur: "#1f4e79"', 'kleur: "#1f4e7"'),), (
        ('"#1f4e7"', "fout: document.huisstijl.kleur: '#1f4e7' heeft niet de juiste vorm — "
         "gebruik een kleur als '#1f4e79'"),
    )),
    C("two identifiers", (('    artikel: "10"\n    celex: 32016R0679\n', '    artikel: "10"\n'
                           '    celex: 32016R0679\n    bwb: BWBR0040940\n'),), (
        ("id: avg-10", "fout: grondslagen.4: een grondslag heeft precies één van 'bwb', "
         "'celex' en 'staatsblad' nodig — geef 'bwb' voor een Nederlandse wet, 'celex' voor een "
         "Europese regel of 'staatsblad' voor een wet zonder BWB-id"),
    )),
    C("no identifier", (("    staatsblad: 2024-198\n", ""),), (
        ("id: wgs", "fout: grondslagen.14: een grondslag heeft precies één van 'bwb', "
         "'celex' en 'staatsblad' nodig — geef 'bwb' voor een Nederlandse wet, 'celex' voor een "
         "Europese regel of 'staatsblad' voor een wet zonder BWB-id"),
    )),
    C("outcome with two destinations", (("        naar_fase: zwaarte\n", "        naar_fase: "
                                         "zwaarte\n        afsluiten: true\n"),), (
        ("omschrijving: Het signaal is een", "fout: fases.1.uitkomsten.1: een uitkomst "
         "heeft precies één van 'naar_fase', 'naar_rol' en 'afsluiten' nodig — kies waar deze "
         "uitkomst heen leidt"),
    )),
    C("outcome closed with false", (("        naar_fase: zwaarte\n", "        afsluiten: false\n"),
                                    ), (
        ("omschrijving: Het signaal is een", "fout: fases.1.uitkomsten.1: een uitkomst "
         "heeft precies één van 'naar_fase', 'naar_rol' en 'afsluiten' nodig — kies waar deze "
         "uitkomst heen leidt"),
    )),
    C("likelihood zero", (("      kans: 3\n      impact: 3\n      restkans: 1\n      restimpact: 3"
                           "\n    - id: onterechte", "      kans: 0\n      impact: 3\n      "
                           "restkans: 1\n      restimpact: 3\n    - id: onterechte"),), (
        ("0\n      impact: 3", "fout: dpia.risicos.1.kans: 0 is te klein — gebruik een getal van "
         "minstens 1"),
    )),
    C("number written as a word", (("midden_vanaf: 4", "midden_vanaf: vier"),), (
        ("vier\n", "fout: dpia.risicoschaal.midden_vanaf: verwacht een geheel getal, gevonden "
         "tekst "
         "— schrijf een geheel getal zonder aanhalingstekens"),
    )),
    C("yes/no in Dutch", (("    nodig: false", "    nodig: nee"),), (
        ("nee\n", "fout: dpia.voorafgaande_raadpleging.nodig: verwacht true of false, gevonden "
         "tekst — schrijf true of false"),
    )),
    C("e-mail pattern", (("      email: fg@lindenwaard.nl", "      email: fg-lindenwaard.nl"),), (
        ("fg-lindenwaard.nl", "fout: rollen.7.contact.email: 'fg-lindenwaard.nl' heeft niet de "
         "juiste vorm — gebruik een e-mailadres"),
    )),
    C("retention period in words", (("termijn: 1 jaar", "termijn: een jaar"),), (
        ("een jaar\n", "fout: bewaartermijnen.1.termijn: 'een jaar' heeft niet de juiste vorm — "
         "gebruik een getal en een eenheid, zoals '6 maanden' of '1 jaar'"),
    )),
    C("nested key misspelt", (("    activiteiten:\n      - het signaal registreren",
                               "    activiteit:\n      - het signaal registreren"),), (
        ("id: intake", "fout: fases.1.activiteiten: de verplichte sleutel 'activiteiten' "
         "ontbreekt — voeg 'activiteiten:' toe (activiteiten)"),
        ("activiteit:", "fout: fases.1.activiteit: de sleutel 'activiteit' is hier niet bekend "
         "(bedoelde je 'activiteiten'?) — verwijder de sleutel of gebruik een van: id, naam, "
         "doel, activiteiten, rollen, gegevens, bronnen, grondslagen, wegingen, beslisser, "
         "uitkomsten, vastleggen, bewaren"),
    )),
    C("phase without legal ground", (("    grondslagen: [avg-6-1-e, avg-10, uavg-33]\n    wegingen:"
                                      "\n      - id: w3", "    grondslagen: []\n    wegingen:\n"
                                      "      - id: w3"),), (
        ("[]", "fout: fases.2.grondslagen: de lijst heeft 0 onderdelen, minstens 1 nodig — voeg "
         "toe: grondslagen voor deze fase"),
    )),
    # --- meaning (rules) ---
    C("duplicate id", (("  - id: avg-14-5\n", "  - id: avg-10\n"),), (
        ("avg-10\n    wet: AVG\n    artikel: \"14\"", "fout: grondslagen.5.id: het id 'avg-10' "
         "komt al voor in 'grondslagen' (regel {line:id: avg-10}) — geef elk onderdeel een "
         "eigen id"),
    )),
    C("duplicate weging id", (("      - id: w5\n", "      - id: w4\n"),), (
        ("w4\n        soort: weging\n        naam: Weging 5", "fout: fases.4.wegingen.2.id: het "
         "id 'w4' komt al voor in 'wegingen' (regel {line:id: w4}) — geef elk onderdeel een "
         "eigen id"),
    )),
    C("reference with hint", (("    eigenaar: programmamanager\n    frequentie",
                               "    eigenaar: programmamanger\n    frequentie"),), (
        ("programmamanger", "fout: document.evaluatie.eigenaar: 'programmamanger' is niet "
         "gedefinieerd onder 'rollen' (bedoelde je 'programmamanager'?) — gebruik een id uit "
         "'rollen' of voeg het daar toe"),
    )),
    C("reference without hint", (("        naar_rol: politie", "        naar_rol: douane"),), (
        ("douane", "fout: fases.1.uitkomsten.2.naar_rol: 'douane' is niet gedefinieerd onder "
         "'rollen' — gebruik een id uit 'rollen' of voeg het daar toe"),
    )),
    C("reference to a risk", (("      risicos: [persoonsverwisseling]",
                               "      risicos: [persoonverwisseling]"),), (
        ("persoonverwisseling", "fout: dpia.maatregelen.9.risicos.1: 'persoonverwisseling' is "
         "niet gedefinieerd onder 'dpia.risicos' (bedoelde je 'persoonsverwisseling'?) — gebruik "
         "een id uit 'dpia.risicos' of voeg het daar toe"),
        ("persoonsverwisseling\n      titel", "fout: dpia.risicos.8.id: voor het risico "
         "'persoonsverwisseling' is geen maatregel — noem het onder 'risicos' bij een maatregel "
         "in 'dpia.maatregelen'"),
    )),
    C("criminal data without art. 10", (("[gemeentewet-172, opiumwet-13b, avg-10, uavg-33]",
                                         "[gemeentewet-172, opiumwet-13b]"),), (
        ("[gemeentewet-172, opiumwet-13b]", "fout: verstrekkingen.2.grondslagen: hier worden "
         "strafrechtelijke gegevens verwerkt, maar geen grondslag is AVG art. 10 of UAVG art. "
         "31-33 — voeg een grondslag voor AVG art. 10 of UAVG art. 31-33 toe"),
    )),
    C("special data without art. 9", (("avg-6-4, avg-9-2-g, avg-10", "avg-6-4, avg-10"),), (
        ("[avg-6-1-e, avg-6-4, avg-10", "fout: fases.3.grondslagen: hier worden bijzondere "
         "persoonsgegevens verwerkt, maar geen grondslag is een uitzondering uit AVG art. 9 of "
         "UAVG art. 22-30 — voeg een grondslag voor een uitzondering uit AVG art. 9 of UAVG art. "
         "22-30 toe"),
    )),
    C("BSN without UAVG art. 46", (("uavg-33, uavg-46, brp-3-2", "uavg-33, brp-3-2"),), (
        ("[avg-6-1-e, avg-6-4", "fout: fases.3.grondslagen: hier worden het burgerservicenummer "
         "verwerkt, maar geen grondslag is UAVG art. 46 — voeg een grondslag voor UAVG art. 46 "
         "toe"),
    )),
    C("risk without measure", (("      risicos: [persoonsverwisseling]",
                                "      risicos: [datalek]"),), (
        ("persoonsverwisseling\n      titel", "fout: dpia.risicos.8.id: voor het risico "
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
        ('versie: "1.1"\n  datum: 2026-08-20', "fout: dpia: het restrisico van koppeling is hoog, "
         "maar er is geen besluit over voorafgaande raadpleging — voeg "
         "'voorafgaande_raadpleging' toe (AVG art. 36)"),
    )),
    C("high residual risk, consultation refused", (
        ("      restkans: 1\n      restimpact: 4\n    - id: onbevoegde",
         "      restkans: 3\n      restimpact: 4\n    - id: onbevoegde"),), (
        ("false\n    toelichting", "fout: dpia.voorafgaande_raadpleging.nodig: het restrisico "
         "van koppeling is hoog; dan moet de AP vooraf geraadpleegd worden — zet 'nodig: true' "
         "of verlaag het restrisico met maatregelen"),
    )),
    C("likelihood beyond the scale", (("      kans: 3\n      impact: 4\n      restkans: 2",
                                       "      kans: 5\n      impact: 4\n      restkans: 2"),), (
        ("5\n      impact: 4", "fout: dpia.risicos.2.kans: 5 ligt buiten de schaal van 1 tot 4 "
         "— kies een "
         "positie op 'dpia.risicoschaal.kans'"),
    )),
    C("threshold out of reach", (("hoog_vanaf: 9", "hoog_vanaf: 17"),), (
        ("17\n", "fout: dpia.risicoschaal.hoog_vanaf: de grenzen passen niet bij de schaal — kies "
         "midden_vanaf < hoog_vanaf ≤ grootste score (16)"),
    )),
    C("adopted without adoption", (("  vaststelling:\n    datum: 2026-09-15\n    "
                                    "inwerkingtreding: 2026-10-01\n    publicatie: Gmb. 2026, "
                                    "48213\n    vervangt: Privacyprotocol ondermijning "
                                    "Lindenwaard 2025\n", ""),), (
        ("gemeente: Lindenwaard", "fout: document.vaststelling: een vastgesteld protocol "
         "vermeldt de vaststelling, maar 'vaststelling' ontbreekt — voeg 'document.vaststelling' "
         "toe of zet de status terug naar concept"),
    )),
    C("repealed law by name", (("    wet: Opiumwet", "    wet: Wabo"),), (
        ("Wabo", "fout: grondslagen.11.wet: 'Wabo' is vervallen; opvolger is de Omgevingswet "
         "(sinds 1-1-2024) — verwijs naar de opvolger, of zet 'historisch: true' als de oude wet "
         "bewust wordt genoemd"),
    )),
    C("repealed law by BWB id", (("    bwb: BWBR0013798", "    bwb: BWBR0024779"),), (
        ("BWBR0024779", "fout: grondslagen.12.bwb: 'BWBR0024779' is vervallen; opvolger is de "
         "Omgevingswet (sinds 1-1-2024) — verwijs naar de opvolger, of zet 'historisch: true' als "
         "de oude wet bewust wordt genoemd"),
    )),
    C("role consults a source it may not", (("        niveau: hit-no-hit\n        rol: "
                                             "aanspreekpunt-belastingen",
                                             "        niveau: hit-no-hit\n        rol: "
                                             "casusregisseur"),), (
        ("bron: belastingen\n        niveau: hit-no-hit\n        rol: casusregisseur",
         "fout: fases.3.bronnen.3: de rol 'casusregisseur' mag de bron 'belastingen' niet op "
         "niveau 'hit-no-hit' raadplegen — voeg de bron met dat niveau toe bij de rol "
         "'casusregisseur' of laat een andere rol de bron raadplegen"),
    )),
    C("sources without privacy check", (("        soort: privacytoets\n        naam: "
                                         "Privacytoets 1", "        soort: weging\n        naam: "
                                         "Privacytoets 1"),), (
        ("- bron: brp\n        niveau: hit-no-hit\n        rol: aanspreekpunt-burgerzaken",
         "fout: fases.3.bronnen: in deze fase worden bronnen geraadpleegd zonder privacytoets — "
         "voeg onder 'wegingen' een weging met soort 'privacytoets' toe"),
    )),
    C("external role without partner", (("    partner: politie\n", ""),), (
        ("extern\n    team: Politie", "fout: rollen.13.soort: een externe rol heeft 'partner' "
         "nodig — voeg 'partner:' toe (riec, politie, om, belastingdienst, lbb, mma of anders)"),
    )),
    C("partner on an internal role", (("    naam: Casusregisseur ondermijning\n    soort: intern\n",
                                       "    naam: Casusregisseur ondermijning\n    soort: intern\n"
                                       "    partner: riec\n"),), (
        ("riec\n    team: Team Openbare", "fout: rollen.4.partner: alleen een externe rol is een "
         "partner — verwijder 'partner' of zet 'soort: extern'"),
    )),
    C("bare n.v.t.", (("    doel: Handhaaft de openbare orde", "    doel: n.v.t.\n    x_doel: "
                       "Handhaaft de openbare orde"),), (
        ("x_doel", "fout: rollen.1.x_doel: de sleutel 'x_doel' is hier niet bekend (bedoelde je "
         "'doel'?) — verwijder de sleutel of gebruik een van: id, naam, soort, team, partner, "
         "doel, plaatsvervanger, taken, wel, niet, bronnen, instrumenten, melden, contact"),
    )),
    C("bare n.v.t. as value", (("    doel: Handhaaft de openbare orde en zet de eigen bestuurlijke"
                                " bevoegdheden in.", "    doel: N.v.t."),), (
        ("N.v.t.", "fout: rollen.1.doel: 'N.v.t.' zonder reden — schrijf 'Niet van toepassing, "
         "omdat …' met de reden"),
    )),
    C("outcome back to its own phase", (("        naar_fase: zwaarte\n", "        naar_fase: "
                                         "intake\n"),), (
        ("intake\n      - omschrijving", "fout: fases.1.uitkomsten.1.naar_fase: deze uitkomst "
         "leidt naar dezelfde fase — kies een volgende fase, een rol of 'afsluiten'"),
    )),
    C("logo outside the protocol folder", (("logo: lindenwaard-logo.svg", "logo: ../../etc/passwd"),
                                           ), (
        ("../../etc/passwd", "fout: document.huisstijl.logo: het logo '../../etc/passwd' staat "
         "niet in de map van het protocol — zet het logo naast het YAML-bestand en geef een "
         "relatief pad"),
    )),
    C("logo from the network", (("logo: lindenwaard-logo.svg", "logo: https://example.org/l.png"),
                                ), (
        ("https://example.org/l.png", "fout: document.huisstijl.logo: het logo "
         "'https://example.org/l.png' staat niet in de map van het protocol — zet het logo naast "
         "het YAML-bestand en geef een relatief pad"),
    )),
    C("logo of the wrong type", (("logo: lindenwaard-logo.svg", "logo: protocol.yaml"),), (
        ("protocol.yaml", "fout: document.huisstijl.logo: het logo 'protocol.yaml' is geen SVG- "
         "of PNG-bestand — gebruik een .svg- of .png-bestand"),
    )),
    C("logo missing", (("logo: lindenwaard-logo.svg", "logo: weg.svg"),), (
        ("weg.svg", "fout: document.huisstijl.logo: het logo 'weg.svg' bestaat niet — controleer "
         "de bestandsnaam"),
    )),
    C("id that climbs out of a folder", (("  - id: fg\n", "  - id: ../../fg\n"),), (
        ("../../fg", "fout: rollen.7.id: '../../fg' heeft niet de juiste vorm — gebruik kleine "
         "letters, cijfers en losse streepjes (bijvoorbeeld 'fase-1')"),
    )),
    # --- loader hazards ---
    C("duplicate key", (("  gemeente: Lindenwaard\n", "  gemeente: Lindenwaard\n  gemeente: "
                         "Lindenhof\n"),), (
        ("  gemeente: Lindenhof", "fout: document.gemeente: de sleutel 'gemeente' staat hier "
         "voor de tweede keer (eerder op regel {line:gemeente: Lindenwaard}, kolom 3) — voeg de "
         "twee samen of verwijder er "
         "één"),
    )),
    C("anchor and alias", (("  gemeente: Lindenwaard\n", "  gemeente: &naam Lindenwaard\n"
                            "  citeertitel_x: *naam\n"),), (
        ("&naam", "fout: (document): ankers (&) en verwijzingen (*) zijn niet toegestaan — "
         "schrijf de waarde voluit; verwijs naar andere onderdelen met hun id"),
    )),
    C("python tag", (("  gemeente: Lindenwaard\n", "  gemeente: !!python/object/apply:os.system "
                      "['true']\n"),), (
        ("!!python", "fout: document.gemeente: de YAML-tag "
         "'tag:yaml.org,2002:python/object/apply:os.system' is niet toegestaan — verwijder de "
         "tag (het woord dat met ! begint)"),
    )),
    C("local tag", (("  gemeente: Lindenwaard\n", "  gemeente: !include andere.yaml\n"),), (
        ("!include", "fout: document.gemeente: de YAML-tag '!include' is niet toegestaan — "
         "verwijder de tag (het woord dat met ! begint)"),
    )),
    C("unclosed quote", (('  versie: "1.1"\n  datum: 2026-09-15',
                          '  versie: "1.1\n  datum: 2026-09-15'),), (
        ('1.0"', "fout: (document): dit is geen geldige YAML (did not find expected key) — "
         "controleer inspringing, dubbele punten en aanhalingstekens hier en in het blok dat op "
         "regel {line:gemeente: Lindenwaard} begint"),
    )),
    C("tab indentation", (("  gemeente: Lindenwaard\n", "\tgemeente: Lindenwaard\n"),), (
        ("\tgemeente", "fout: (document): dit is geen geldige YAML (found character that "
         "cannot start any token) — controleer inspringing, dubbele punten en aanhalingstekens "
         "op deze plek"),
    )),
    C("number as key", (("  gemeente: Lindenwaard\n", "  gemeente: Lindenwaard\n  12: twaalf\n"),
                        ), (
        ("12: twaalf", "fout: document: de sleutel 12 is geen tekst — gebruik een sleutelnaam uit "
         "de documentatie (docs/formaat.md)"),
    )),
    C("impossible date", (("  datum: 2026-09-15\n  status", "  datum: 2026-13-45\n  status"),), (
        ("2026-13-45", "fout: document.datum: de waarde '2026-13-45' is geen geldige datum of "
         "getal — schrijf een datum als JJJJ-MM-DD, of zet tekst tussen aanhalingstekens"),
    )),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_protocol_gives_exact_problems(case: Case, example_text: str, write) -> None:
    text = mutate(example_text, *case.changes)
    path = write(text)
    report = check(path, today=TODAY)
    expected = [f"{path}:{position(text, anchor)}: {_lines(text, message)}"
                for anchor, message in case.expected]
    assert [p.text() for p in report.problems] == sorted(expected, key=_line_col)


def _lines(text: str, message: str) -> str:
    """Replace each {line:ANCHOR} in `message` by the line number of ANCHOR in `text`."""
    return re.sub(r"\{line:(.+?)\}", lambda m: position(text, m.group(1)).split(":")[0], message)


def _line_col(line: str) -> tuple[int, int]:
    parts = line.split(":")
    return int(parts[1]), int(parts[2])


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_example_is_valid_without_warnings() -> None:
    assert check(EXAMPLE, today=TODAY).problems == []


def test_overdue_evaluation_is_a_warning(example_text: str, write) -> None:
    text = mutate(example_text, ("    datum: 2027-10-01", "    datum: 2025-10-01"))
    report = check(write(text), today=TODAY)
    assert [p.text() for p in report.problems] == [
        f"{report.path}:{position(text, '2025-10-01')}: waarschuwing: document.evaluatie.datum: "
        "de datum 2025-10-01 ligt in het verleden — evalueer het protocol en plan een nieuwe "
        "datum"]
    assert report.blocking() == [] and report.blocking(strict=True) == report.problems


def test_dpia_review_after_three_years_is_a_warning(example_text: str, write) -> None:
    text = mutate(example_text, ("herbeoordeling: 2029-08-01", "herbeoordeling: 2030-08-01"))
    report = check(write(text), today=TODAY)
    assert [(p.severity, p.message) for p in report.problems] == [
        (Severity.WAARSCHUWING, "de herbeoordeling ligt meer dan drie jaar na de DPIA")]


def test_riec_sharing_without_wgs_is_a_warning(example_text: str, write) -> None:
    text = mutate(example_text, ("    regeling: wgs", "    regeling: riec-convenant"))
    report = check(write(text), today=TODAY)
    assert [p.text() for p in report.problems] == [
        f"{report.path}:{position(text, 'riec-convenant')}: waarschuwing: "
        "verstrekkingen.1.regeling: sinds 1-3-2025 geldt voor het RIEC de Wet "
        "gegevensverwerking door samenwerkingsverbanden (WGS) — zet 'regeling: wgs' en noem de "
        "WGS als grondslag"]


def test_riec_sharing_before_wgs_needs_no_warning(example_text: str, write) -> None:
    text = mutate(example_text, ("    regeling: wgs", "    regeling: riec-convenant"),
                  ("  datum: 2026-09-15\n  status", "  datum: 2025-02-01\n  status"))
    assert check(write(text), today=TODAY).problems == []


def test_repealed_law_marked_historical_passes(example_text: str, write) -> None:
    text = mutate(example_text, ("    wet: Opiumwet\n", "    wet: Wabo\n    historisch: true\n"))
    assert check(write(text), today=TODAY).problems == []


def test_problems_of_the_shape_are_all_reported(example_text: str, write) -> None:
    text = mutate(example_text, ("  status: vastgesteld", "  status: klaar"),
                  ("midden_vanaf: 4", "midden_vanaf: vier"), ("termijn: 1 jaar", "termijn: 1"))
    assert len(check(write(text), today=TODAY).problems) == 3


def test_utf8_bom_is_accepted(example_text: str, write) -> None:
    path = write("")
    path.write_bytes(b"\xef\xbb\xbf" + example_text.encode())
    assert check(path, today=TODAY).problems == []


def test_example_meets_the_required_size() -> None:
    from protocolgen.loader import load
    from protocolgen.model import from_data

    p = from_data(load(EXAMPLE).data)
    assert len(p.fases) == 4 and len(p.rollen) >= 8 and len(p.grondslagen) >= 10
    assert len(p.gegevens) >= 8 and len(p.bronnen) >= 6
    assert len(p.dpia.risicos) >= 8 and len(p.dpia.maatregelen) >= 10
    checks = {w.id for f in p.fases for w in f.wegingen}
    assert {"w1", "w2a", "w2b", "w3", "w4", "w5", "pc1", "pc2a", "pc2b"} <= checks
    roles = {r.id for r in p.rollen}
    assert {"casusregisseur", "programmamanager", "fg", "privacyfunctionaris",
            "aanspreekpunt-vergunningen", "aanspreekpunt-burgerzaken", "boa", "riec"} <= roles


def test_every_rule_is_exercised_by_the_corpus(example_text: str, write) -> None:
    from protocolgen import rules
    from protocolgen.loader import load
    from protocolgen.validate import shape_problems

    fired: set[str] = set()
    texts = [mutate(example_text, *case.changes) for case in CASES] + [
        mutate(example_text, ("    datum: 2027-10-01", "    datum: 2025-10-01")),
        mutate(example_text, ("herbeoordeling: 2029-08-01", "herbeoordeling: 2030-08-01")),
        mutate(example_text, ("    regeling: wgs", "    regeling: riec-convenant"))]
    for text in texts:
        try:
            doc = load(write(text))
        except ProtocolgenError:  # loader hazards never reach the rules
            continue
        if shape_problems(doc.data):
            continue
        ctx = rules.Context(doc.data, doc, TODAY)
        fired |= {r.__name__ for r in rules.RULES if list(r(ctx))}
    assert sorted(r.__name__ for r in rules.RULES if r.__name__ not in fired) == []
