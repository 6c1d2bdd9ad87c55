"""The shape of a protocol: one declarative Cerberus schema with Dutch descriptions.

Every field carries `meta.beschrijving` (and usually `meta.voorbeeld`); `docs/formaat.md` and the
JSON Schema are generated from it, so the documentation cannot drift from what is checked.
A field whose `meta.verwijst_naar` names a collection holds the id of an item in that collection;
rules.py resolves every such reference generically.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import cerberus
from cerberus import TypeDefinition
from cerberus.schema import DefinitionSchema

from protocolgen.errors import Path_
from protocolgen.load.parse import DATE
from protocolgen.schema.catalogue import IDENTIFIERS, KINDS, SECRECY

Schema = dict[str, Any]

ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
"""Safe slugs: they become file names and HTML anchors, so nothing else is allowed."""

COLLECTIONS: dict[str, tuple[str, ...]] = {
    "rollen": ("rollen",),
    "grondslagen": ("grondslagen",),
    "gegevens": ("gegevens",),
    "bronnen": ("bronnen",),
    "fases": ("fases",),
    "bewaartermijnen": ("bewaartermijnen",),
    "verstrekkingen": ("verstrekkingen",),
    "risicos": ("dpia", "risicos"),
    "maatregelen": ("dpia", "maatregelen"),
}
"""The id-keyed lists of a protocol, by the name references use, and where they stand."""

ROLE_KINDS = ["bestuur", "intern", "extern"]
PARTNERS = ["riec", "politie", "om", "belastingdienst", "lbb", "mma", "anders"]
ACCESS = ["hit-no-hit", "inhoud"]
INVOLVEMENT = ["uitvoerend", "beslist", "geraadpleegd", "geinformeerd"]
DATA_KINDS = ["gewoon", "bijzonder", "strafrechtelijk", "bsn"]
STATUSES = ["concept", "ter-advies-fg", "vastgesteld", "ingetrokken"]
ORGANS = ["college", "burgemeester", "raad"]
WEIGHINGS = ["weging", "privacytoets", "weging-en-privacytoets", "beslismoment"]
CHECKS = ("privacytoets", "weging-en-privacytoets")
"""The kinds of weging that are a privacytoets."""


def text(about: str, example: str | None = None, *, required: bool = True,
         markdown: bool = False, pattern: str | None = None, pattern_nl: str | None = None
         ) -> Schema:
    """Return the schema of a text field."""
    field: Schema = {"type": "string", "required": required, "empty": False,
                     "meta": {"beschrijving": about, "markdown": markdown}}
    if example is not None:
        field["meta"]["voorbeeld"] = example
    if pattern:
        field["regex"] = pattern
        field["meta"]["patroon"] = pattern_nl
    return field


def md(about: str, example: str | None = None, *, required: bool = True) -> Schema:
    """Return the schema of a text field that may hold Markdown."""
    return text(about, example, required=required, markdown=True)


def choice(about: str, allowed: list[str], *, required: bool = True) -> Schema:
    """Return the schema of a field that takes one of a fixed list of words."""
    return {"type": "string", "required": required, "allowed": allowed,
            "meta": {"beschrijving": about, "voorbeeld": allowed[0]}}


def date(about: str, example: str, *, required: bool = True) -> Schema:
    """Return the schema of a date written as JJJJ-MM-DD."""
    return {"type": "date", "required": required,
            "meta": {"beschrijving": about, "voorbeeld": example}}


def fingerprint(about: str) -> Schema:
    """Return the field that records which content an approval was about."""
    return text(f"vingerafdruk van {about}; schrijf hem met 'protocolgen vaststellen' of "
                "'protocolgen advies', niet met de hand", "9f86d081884c7d659a2feaa0c55ad015a3bf"
                "4f1b2b0b822cd15d6c15b0f00a08", required=False, pattern="[0-9a-f]{64}",
                pattern_nl="64 tekens 0-9 en a-f, zoals 'protocolgen vaststellen' die schrijft")


def ident(about: str) -> Schema:
    """Return the schema of the id of an item (it becomes part of a file name: at most 64)."""
    field = text(about, "casusregisseur", pattern=ID_PATTERN,
                 pattern_nl="kleine letters, cijfers en losse streepjes (bijvoorbeeld 'fase-1')")
    field["maxlength"] = 64
    return field


def ref(about: str, collection: str, *, required: bool = True) -> Schema:
    """Return the schema of a reference, by id, to an item of `collection`."""
    field = ident(about)
    field["required"] = required
    field["meta"].update(verwijst_naar=collection, voorbeeld=None)
    return field


MAX_ITEMS = 200
"""No list in a protocol needs more; the bound keeps a build's memory and time in check."""


def items(about: str, item: Schema, *, required: bool = True, minimum: int = 1,
          maximum: int = MAX_ITEMS) -> Schema:
    """Return the schema of a list whose items all have the shape `item`."""
    return {"type": "list", "required": required, "minlength": minimum, "maxlength": maximum,
            "schema": item, "meta": {"beschrijving": about}}


def texts(about: str, example: str, *, required: bool = True, markdown: bool = False,
          maximum: int = MAX_ITEMS) -> Schema:
    """Return the schema of a list of texts."""
    return items(about, text("een regel tekst", example, markdown=markdown), required=required,
                 maximum=maximum)


def refs(about: str, collection: str, *, required: bool = True) -> Schema:
    """Return the schema of a list of references to items of `collection`."""
    return items(about, ref("een id", collection), required=required)


def record(about: str, fields: Schema, *, required: bool = True, check: str | None = None
           ) -> Schema:
    """Return the schema of a mapping with exactly the keys in `fields`."""
    field: Schema = {"type": "dict", "required": required, "schema": fields,
                     "meta": {"beschrijving": about}}
    if check:
        field["check_with"] = check
    return field


def number(about: str, example: int, *, required: bool = True) -> Schema:
    """Return the schema of a whole number of at least 1."""
    return {"type": "integer", "required": required, "min": 1,
            "meta": {"beschrijving": about, "voorbeeld": example}}


_CONTACT = {
    "naam": text("naam van het contactpunt of de functie", "Privacyteam gemeente Lindenwaard"),
    "email": text("e-mailadres", "privacy@lindenwaard.nl", required=False,
                  pattern=r"[^@\s]+@[^@\s]+\.[a-z]{2,}", pattern_nl="een e-mailadres"),
    "telefoon": text("telefoonnummer", "14 0577", required=False,
                     pattern=r"[0-9 +()-]{5,20}", pattern_nl="cijfers, spaties, + en -"),
    "adres": text("postadres", "Postbus 100, 7300 AA Lindenwaard", required=False),
}

SCHEMA: Schema = {
    "document": record("gegevens over het document zelf", {
        "gemeente": text("naam van de gemeente; bij een protocol voor meer gemeenten de naam van "
                         "het samenwerkingsverband (zie 'gemeenten')", "Lindenwaard"),
        "gemeenten": {**texts("de gemeenten waarvoor het protocol geldt, als het er meer zijn",
                              "Beekdal", required=False), "minlength": 2},
        "uitvoering": text("de gezamenlijke organisatie die het werk uitvoert, zoals een "
                           "gemeenschappelijke regeling", "Uitvoeringsorganisatie Vierkant (GR)",
                           required=False),
        "titel": text("officiële titel", "Privacyprotocol Bestuurlijke aanpak ondermijnende "
                      "criminaliteit gemeente Lindenwaard 2026"),
        "citeertitel": text("korte titel om naar het protocol te verwijzen",
                            "Privacyprotocol ondermijning Lindenwaard", required=False),
        "versie": text("versienummer", "1.2", pattern=r"[0-9]+(\.[0-9]+){0,2}",
                       pattern_nl="een versienummer zoals '1.2' (tussen aanhalingstekens)"),
        "datum": date("datum van deze versie", "2026-03-10"),
        "status": choice("status: concept, ter-advies-fg, vastgesteld of ingetrokken", STATUSES),
        "soort_regeling": choice("soort regeling", ["beleidsregel", "besluit", "werkinstructie"],
                                 required=False),
        "vastgesteld_door": items("bestuursorganen die het protocol vaststellen, ieder voor zover "
                                  "het zijn bevoegdheden betreft",
                                  choice("bestuursorgaan", ORGANS)),
        "besluiten": items("de besluiten tot vaststelling, per gemeente en bestuursorgaan (bij "
                           "een protocol voor meer gemeenten)", record("een besluit", {
            "gemeente": text("gemeente (uit 'gemeenten')", "Beekdal"),
            "orgaan": choice("bestuursorgaan (uit 'vastgesteld_door')", ORGANS),
            "datum": date("datum van het besluit", "2026-03-10"),
            "besluit": text("nummer of kenmerk van het besluit", "2026/0412", required=False),
            "publicatie": text("vindplaats van de bekendmaking", "Gmb. 2026, 41234",
                               required=False),
        }), required=False),
        "regio": text("regionaal samenwerkingsverband", "RIEC Oost-Nederland"),
        "verwerkingsverantwoordelijke": text("wie verwerkingsverantwoordelijke is",
                                             "het college van burgemeester en wethouders",
                                             required=False),
        "basis": text("model of protocol waarop dit protocol is gebaseerd",
                      "het CCV Modelprotocol ondermijning", required=False),
        "vaststelling": record("de vaststelling (verplicht bij status vastgesteld)", {
            "datum": date("datum van het besluit", "2026-03-10"),
            "inwerkingtreding": date("datum van inwerkingtreding", "2026-03-20", required=False),
            "publicatie": text("vindplaats van de bekendmaking", "Gmb. 2026, 41234",
                               required=False),
            "vervangt": text("regeling die hiermee vervalt", "Privacyprotocol ondermijning "
                             "2021", required=False),
            "besluit": text("nummer of kenmerk van het besluit", "B&W 2026/0412",
                            required=False),
            "vingerafdruk": fingerprint("de inhoud die is vastgesteld"),
        }, required=False),
        "fg_advies": record("advies van de Functionaris Gegevensbescherming (AVG art. 35 lid 2)", {
            "datum": date("datum van het advies", "2026-02-12"),
            "samenvatting": md("kern van het advies"),
            "verwerking": md("wat met het advies is gedaan"),
            "punten": items("het advies per punt, met de reactie erop", record("een punt", {
                "advies": md("wat de FG adviseert", "Leg de bewaartermijn vast in het "
                             "casussysteem."),
                "reactie": md("wat ermee is gedaan, of waarom niet", "Overgenomen: het "
                              "casussysteem vernietigt automatisch."),
            }), required=False),
            "vingerafdruk": fingerprint("de inhoud waarover de FG adviseerde"),
        }, required=False),
        "evaluatie": record("wanneer en door wie het protocol wordt geëvalueerd", {
            "datum": date("datum van de volgende evaluatie", "2027-03-01"),
            "eigenaar": ref("rol die de evaluatie uitvoert", "rollen"),
            "frequentie": text("hoe vaak geëvalueerd wordt", "jaarlijks"),
            "rapporteren_aan": text("aan wie gerapporteerd wordt", "college en FG"),
        }),
        "wijzigingen": items("wijzigingsgeschiedenis, oudste eerst", record("een wijziging", {
            "versie": text("versienummer", "1.0"),
            "datum": date("datum", "2025-06-01"),
            "omschrijving": text("wat er veranderde", "Eerste versie"),
        })),
        "huisstijl": record("huisstijl van de documenten", {
            "logo": text("pad naar het logo (SVG, PNG of JPEG, hoogstens 1 MiB), relatief aan "
                         "dit bestand", "logo.svg", required=False),
            "kleur": text("hoofdkleur als #rrggbb", "#1f4e79", required=False,
                          pattern="#[0-9a-fA-F]{6}", pattern_nl="een kleur als '#1f4e79'"),
        }, required=False),
    }),
    "inleiding": record("inleiding en intitulé van het protocol", {
        "aanleiding": md("lokale aanleiding en context"),
        "doel": md("doel van het protocol"),
        "gelet_op": texts("wettelijke grondslagen in het intitulé ('gelet op'); zonder "
                          "'gelet_op' en 'overwegingen' heeft het protocol geen intitulé",
                          "de Algemene verordening gegevensbescherming", required=False),
        "overwegingen": texts("overwegingen in het intitulé ('overwegende dat')",
                              "ondermijnende criminaliteit de lokale samenleving ontwricht",
                              required=False),
        "uitgangspunten": items("uitgangspunten zoals fasering, noodzaak en transparantie",
                                record("een uitgangspunt", {
                                    "titel": text("naam", "Noodzaak"),
                                    "tekst": md("uitleg"),
                                })),
        "begrippen": items("begripsbepalingen", record("een begrip", {
            "term": text("het begrip", "signaal"),
            "betekenis": md("de betekenis"),
        })),
        "afkortingen": items("afkortingen die in het protocol voorkomen", record(
            "een afkorting", {
                "afkorting": text("de afkorting", "RIEC"),
                "betekenis": text("voluit", "Regionaal Informatie- en Expertisecentrum"),
            }), required=False),
        "verwijzingen": items("beleid, modellen en andere stukken waarnaar het protocol "
                              "verwijst (de wetten staan er vanzelf bij)", record("een stuk", {
                                  "titel": text("titel", "CCV Modelprotocol ondermijning"),
                                  "url": text("webadres", "https://hetccv.nl/", required=False,
                                              pattern=r"https://[^\s]+",
                                              pattern_nl="een webadres dat begint met "
                                              "https://"),
                              }), required=False),
    }),
    "reikwijdte": record("reikwijdte en prioriteiten", {
        "soort": choice("reikwijdte", ["ondermijning", "ondermijning-en-overlast",
                                       "ondermijning-fraude-en-criminaliteit"]),
        "toelichting": md("uitleg van de reikwijdte"),
        "themas_lokaal": texts("lokale thema's", "hennepteelt en drugslabs"),
        "themas_riec": texts("thema's van het RIEC", "mensenhandel"),
        "prioriteiten": texts("prioriteiten", "malafide vastgoed"),
        "meldkanalen": items("kanalen waarlangs signalen binnenkomen", record("een kanaal", {
            "naam": text("naam van het kanaal", "Meld Misdaad Anoniem"),
            "omschrijving": md("hoe het kanaal werkt en wie de melding ontvangt",
                               "Anonieme meldingen komen via het RIEC bij de casusregisseur."),
        }), required=False),
        "niet_ondermijning": items("wat niet onder dit protocol valt en waar het heen gaat",
                                   record("een doorverwijzing", {
                                       "omschrijving": text("soort melding", "burenruzie"),
                                       "doorverwijzen_naar": ref("rol die het oppakt", "rollen"),
                                   })),
    }),
    "signaalcriteria": record("checklist om een signaal te beoordelen (CCV)", {
        "kenmerken": texts("kenmerken van ondermijning", "aantasting van het gezag"),
        "verankering": texts("indicatoren van situationele en lokale verankering",
                             "betrokkenheid van een locatie, persoon of netwerk"),
        "signalering": texts("indicatoren van signalering", "incongruenties"),
        "toelichting": md("hoe de checklist wordt gebruikt (bij weging 1)", required=False),
        "rode_vlaggen": texts("concrete rode vlaggen", "contante betaling van vastgoed"),
        "categorieen": items("categorieën rode vlaggen", record("een categorie", {
            "naam": text("naam van de categorie", "vastgoed"),
            "voorbeelden": texts("voorbeelden", "aankoop met contant geld", required=False),
        }), required=False),
        "bijlage": text("waar de volledige lijst rode vlaggen staat", "bijlage 2 bij dit "
                        "protocol", required=False),
    }),
    "grondslagen": items("eigen grondslagen, naast de catalogus ('protocolgen grondslagen'): "
                         "een bepaling die niet in de catalogus staat, of een preciezere "
                         "verwijzing (lid, onderdeel) naar een bepaling die er wel in staat",
                         record("een eigen grondslag", {
        "id": ident("id van de grondslag; niet een id uit de catalogus"),
        "basis": text("id uit de catalogus waarvan dit een preciezere verwijzing is; wet, "
                      "vindplaats en soort komen dan uit de catalogus", "uavg-33",
                      required=False, pattern=ID_PATTERN, pattern_nl="een id uit de catalogus"),
        "wet": text("korte naam van de wet (niet nodig met 'basis')", "Opiumwet", required=False),
        "artikel": text("artikelnummer (weg te laten als de hele wet bedoeld is)", "13b",
                        required=False, pattern=r"[0-9]+(\.[0-9]+)?[a-z]{0,3}(:[0-9]+)?",
                        pattern_nl="een artikelnummer zoals '13b', '5.31' of '4:81'"),
        "lid": text("lid", "1", required=False),
        "sub": text("onderdeel", "e", required=False),
        "omschrijving": md("wat deze bepaling toestaat (niet nodig met 'basis')",
                           "De burgemeester kan een woning sluiten bij drugshandel.",
                           required=False),
        "soort": items("soort(en): wat deze bepaling mag dragen (zie 'protocolgen grondslagen')",
                       choice("soort", list(KINDS)), required=False),
        "vereist": items("soorten grondslag die deze bepaling daarnaast nodig heeft",
                         choice("soort", list(KINDS)), required=False),
        "bwb": text("BWB-id van de wet op wetten.overheid.nl", "BWBR0001941", required=False,
                    pattern="BWBR[0-9]{7}", pattern_nl="'BWBR' en zeven cijfers"),
        "celex": text("CELEX-nummer (Europese regels)", "32016R0679", required=False,
                      pattern="3[0-9]{4}[RLD][0-9]{4}", pattern_nl="een CELEX-nummer als "
                      "'32016R0679'"),
        "staatsblad": text("Staatsblad-vindplaats, voor een wet zonder bekend BWB-id",
                           "2024-198", required=False, pattern="[0-9]{4}-[0-9]{1,6}",
                           pattern_nl="jaar en nummer, zoals '2024-198'"),
        "historisch": {"type": "boolean", "required": False, "meta": {
            "beschrijving": "true als een vervallen wet bewust wordt genoemd", "voorbeeld": False}},
    }, check="own_ground"), required=False, minimum=0),
    "bronnen": items("bronnen van persoonsgegevens", record("een bron", {
        "id": ident("id van de bron"),
        "naam": text("naam", "Basisregistratie Personen (BRP)"),
        "houder": text("team of organisatie die de bron beheert", "Team Burgerzaken"),
        "toegang": choice("eerste toegang: hit-no-hit of inhoud", ACCESS),
        "openbaar": {"type": "boolean", "required": False, "meta": {
            "beschrijving": "true voor een openbare bron, zoals internet of het Handelsregister",
            "voorbeeld": True}},
        "grondslagen": refs("wet(ten) die de bron regelen", "grondslagen"),
        "beperkingen": md("beperkingen bij gebruik", required=False),
        "geheimhouding": choice("geheimhoudingsplicht op de gegevens in deze bron: fiscaal "
                                "(AWR art. 67) of politiegegevens (Wpg)", list(SECRECY),
                                required=False),
        "doel": text("het oorspronkelijke doel waarvoor de gegevens in deze bron zijn verzameld "
                     "(DPIA 2 en 13)", "het bijhouden van de inschrijving van inwoners",
                     required=False),
        "verenigbaarheid": md("waarom het gebruik voor dit protocol verenigbaar is met dat doel "
                              "(AVG art. 6 lid 4) of op grond van welke wet het is toegestaan "
                              "(DPIA 13)", required=False),
    })),
    "gegevens": items("categorieën persoonsgegevens", record("een categorie", {
        "id": ident("id van de categorie"),
        "naam": text("naam", "Naam, adres en woonplaats"),
        "soort": choice("gewoon, bijzonder (art. 9), strafrechtelijk (art. 10) of bsn",
                        DATA_KINDS),
        "omschrijving": md("welke gegevens precies", required=False),
        "bronnen": refs("bronnen waar deze gegevens vandaan komen", "bronnen"),
    })),
    "rollen": items("rollen, van bestuur tot externe partner (hoogstens 60)",
                    record("een rol", {
        "id": ident("id van de rol"),
        "naam": text("naam", "Casusregisseur ondermijning"),
        "soort": choice("bestuur, intern of extern", ROLE_KINDS),
        "team": text("team of organisatie", "Team Openbare Orde en Veiligheid"),
        "partner": choice("soort externe partner (alleen bij soort extern)", PARTNERS,
                          required=False),
        "doel": text("doel van de rol in één zin", "Signalen wegen en casussen regisseren"),
        "plaatsvervanger": text("vervanger bij afwezigheid (functie)", "Adviseur veiligheid",
                                required=False),
        "taken": texts("taken", "ontvangt en registreert signalen", markdown=True),
        "wel": texts("wat de rol mag", "hit/no-hit bevragen in de eigen bron", markdown=True),
        "niet": texts("wat de rol niet mag", "inhoud delen vóór privacytoets 2A", markdown=True),
        "bronnen": items("bronnen die de rol mag raadplegen", record("een bron", {
            "bron": ref("id van de bron", "bronnen"),
            "niveau": choice("hit-no-hit of inhoud", ACCESS),
        }), required=False),
        "instrumenten": items("instrumenten die een partner inbrengt",
                              choice("instrument", ["bestuurlijk", "strafrechtelijk",
                                                    "fiscaal", "privaatrechtelijk"]),
                              required=False),
        "melden": md("waar, hoe en wanneer deze rol signalen meldt (bovenaan de rolkaart)",
                     required=False),
        "melden_aan": ref("rol die de signalen ontvangt; haar contact (telefoon, e-mail) staat "
                          "bij 'melden' op de rolkaart", "rollen", required=False),
        "acuut": md("wat deze rol doet bij acuut gevaar", "Bel 112 en daarna de casusregisseur.",
                    required=False),
        "signalen": texts("waaraan deze rol een signaal herkent (de signalen die deze rol ziet)",
                          "een bedrijf dat veel contant betaalt zonder zichtbare klanten",
                          required=False),
        "in_melding": texts("wat in een melding van deze rol hoort", "wat u zag, waar en "
                            "wanneer", required=False),
        "niet_in_melding": texts("wat niet in een melding hoort", "vermoedens over iemands "
                                 "privéleven", required=False),
        "bevraging": md("hoe deze rol een hit/no-hit-vraag over de eigen bron beantwoordt",
                        "Antwoord alleen 'hit' of 'no-hit' aan de casusregisseur.",
                        required=False),
        "grondslagen": refs("grondslagen voor wat deze rol zelf doet (naast die van de bronnen "
                            "die zij raadpleegt en de verstrekkingen die zij doet)",
                            "grondslagen", required=False),
        "contact": record("contactgegevens", _CONTACT, required=False),
    }), maximum=60),
    "fases": items("fases van signaal naar actie, in volgorde (hoogstens 20)",
                   record("een fase", {
        "id": ident("id van de fase"),
        "naam": text("naam", "Ontvangst en intake"),
        "doel": md("doel van de fase"),
        "activiteiten": texts("activiteiten", "signaal registreren", markdown=True),
        "rollen": items("rollen in deze fase", record("een rol in de fase", {
            "rol": ref("id van de rol", "rollen"),
            "betrokkenheid": choice("uitvoerend, beslist, geraadpleegd of geinformeerd",
                                    INVOLVEMENT),
            "taak": text("wat de rol hier doet", "weegt het signaal", markdown=True),
        })),
        "gegevens": refs("categorieën persoonsgegevens die hier worden verwerkt", "gegevens"),
        "bronnen": items("bronnen die hier worden geraadpleegd", record("een raadpleging", {
            "bron": ref("id van de bron", "bronnen"),
            "niveau": choice("hit-no-hit of inhoud", ACCESS),
            "rol": ref("rol die de bron raadpleegt", "rollen"),
            "criteria": text("objectieve criteria, vastgelegd in beleid, waaronder deze openbare "
                             "bron zonder privacytoets wordt geraadpleegd (CCV stap 2)",
                             "de criteria in paragraaf 3 van het open-bronnenbeleid",
                             required=False),
        }), required=False),
        "grondslagen": refs("grondslagen voor deze fase", "grondslagen"),
        "wegingen": items("wegingsmomenten en privacytoetsen", record("een weging", {
            "id": ident("id van de weging"),
            "soort": choice("weging, privacytoets, weging-en-privacytoets of beslismoment",
                            WEIGHINGS),
            "naam": text("naam", "Weging 1"),
            "vragen": texts("de vragen die beantwoord worden", "Is dit een "
                            "ondermijningssignaal?", markdown=True),
            "beslisser": ref("rol die de weging maakt", "rollen"),
        })),
        "beslisser": ref("rol die over de uitkomst van de fase beslist", "rollen"),
        "uitkomsten": items("mogelijke uitkomsten", record("een uitkomst", {
            "omschrijving": text("de uitkomst", "Doorzetten naar bronnenonderzoek"),
            "naar_fase": ref("volgende fase", "fases", required=False),
            "naar_rol": ref("afdeling of partner die het overneemt", "rollen", required=False),
            "naar_afdeling": text("gemeentelijke afdeling die de casus overneemt en per casus "
                                  "wordt gekozen; geen rol in het protocol, dus geen rolkaart",
                                  "de afdeling met de passende bevoegdheid", required=False),
            "naar_instantie": text("instantie buiten de gemeente die geen rol in het protocol "
                                   "heeft (geen rolkaart)", "Raad voor de Kinderbescherming",
                                   required=False),
            "afsluiten": {"type": "boolean", "required": False, "meta": {
                "beschrijving": "true als de casus hiermee wordt afgesloten", "voorbeeld": True}},
        }, check="one_destination")),
        "vastleggen": texts("wat in het logboek wordt vastgelegd", "datum en besluit"),
        "monitoring": text("hoe lang en hoe een casus na afsluiten wordt gevolgd",
                           "zes maanden, door de casusregisseur", required=False),
        "bewaren": refs("bewaartermijnen die op deze fase van toepassing zijn",
                        "bewaartermijnen"),
    }), maximum=20),
    "verstrekkingen": items("verstrekkingen aan partners", record("een verstrekking", {
        "id": ident("id van de verstrekking"),
        "aan": ref("partner (rol) die de gegevens ontvangt", "rollen", required=False),
        "aan_instantie": text("instantie zonder rol in het protocol die de gegevens ontvangt "
                              "(in plaats van 'aan')", "Raad voor de Kinderbescherming",
                              required=False),
        "fase": ref("fase waarin verstrekt wordt", "fases"),
        "door": ref("rol van de gemeente die de gegevens verstrekt", "rollen"),
        "gegevens": refs("categorieën die verstrekt worden", "gegevens"),
        "grondslagen": refs("grondslagen", "grondslagen"),
        "regeling": choice("wgs, riec-convenant, convenant of wet",
                           ["wgs", "riec-convenant", "convenant", "wet"]),
        "beslisser": ref("rol die over de verstrekking beslist", "rollen"),
        "privacytoets": {**ident("id van de privacytoets (onder 'wegingen' van deze of een "
                                 "eerdere fase) die aan de verstrekking voorafgaat"),
                         "required": False},
        "vastleggen": texts("wat van de verstrekking wordt vastgelegd", "datum, gegevens en "
                            "ontvanger"),
        "toelichting": md("toelichting"),
    }, check="one_recipient"), required=False, minimum=0),
    "bewaartermijnen": items("bewaartermijnen per soort vastlegging", record("een termijn", {
        "id": ident("id van de bewaartermijn"),
        "wat": text("soort vastlegging", "Signaal dat niet in behandeling is genomen"),
        "termijn": text("duur", "1 jaar", pattern=r"[1-9][0-9]{0,2} (dag|dagen|week|weken|"
                        r"maand|maanden|jaar)",
                        pattern_nl="een getal en een eenheid, zoals '6 maanden' of '1 jaar'"),
        "start": text("gebeurtenis waarop de termijn begint", "het besluit in fase 2"),
        "actie": choice("wat daarna gebeurt", ["vernietigen", "anonimiseren", "overbrengen"]),
        "opslag": text("hoe en waar het bewaard wordt", "versleuteld in het casussysteem",
                       required=False),
        "basis": text("waarop de termijn berust", "Selectielijst gemeenten 2020"),
        "beheerder": ref("rol die deze vastlegging bijhoudt (staat op haar rolkaart)",
                         "rollen", required=False),
    })),
    "rechten": record("rechten van betrokkenen", {
        "informatieplicht": md("hoe betrokkenen worden geïnformeerd (AVG art. 13-14)"),
        "inzage": md("inzage, correctie en verwijdering (AVG art. 15-17)"),
        "bezwaar": md("bezwaar en beperking (AVG art. 18 en 21)"),
        "beperkingen": md("beperking van rechten (AVG art. 23, UAVG art. 41)"),
        "klacht": md("klacht bij de FG en de Autoriteit Persoonsgegevens"),
        "dataportabiliteit": md("recht op overdraagbaarheid (AVG art. 20); schrijf 'Niet van "
                                "toepassing, omdat …' met de reden"),
        "geautomatiseerde_besluitvorming": md("recht niet onderworpen te worden aan "
                                              "geautomatiseerde besluitvorming (AVG art. 22); "
                                              "'Niet van toepassing, omdat …' met de reden"),
        "contactpunt": record("waar betrokkenen terechtkunnen", _CONTACT),
    }),
    "beveiliging": record("beveiliging en logging", {
        "maatregelen": items("beveiligingsmaatregelen", record("een maatregel", {
            "titel": text("naam", "Toegangsbeheer"),
            "tekst": md("uitleg"),
            "soort": choice("technisch, organisatorisch of juridisch",
                            ["technisch", "organisatorisch", "juridisch"], required=False),
        })),
        "logging": items("wat gelogd wordt", record("een logboek", {
            "wat": text("wat wordt vastgelegd", "raadplegingen van bronnen"),
            "waar": text("waar", "casussysteem"),
            "toegang": text("wie het logboek mag inzien", "privacyfunctionaris"),
            "controle": text("hoe vaak het wordt gecontroleerd", "elk kwartaal"),
        })),
        "datalekken": record("wat er gebeurt bij een (vermoedelijk) datalek (AVG art. 33 en 34)", {
            "melden": md("hoe en bij wie een medewerker een vermoedelijk datalek meldt, en hoe "
                         "snel", "Meld elk vermoeden direct bij het privacyloket."),
            "beoordelen": md("wie het lek beoordeelt, vastlegt en zo nodig binnen 72 uur meldt "
                             "bij de Autoriteit Persoonsgegevens (art. 33)"),
            "betrokkenen": md("wanneer en hoe betrokkenen worden ingelicht (art. 34)"),
        }),
    }),
    "werkproces": record("het werkproces: hoe het protocol in de praktijk wordt uitgevoerd "
                         "(een eigen deel van het document)", {
        "inleiding": md("inleiding op het werkproces", "Het werkproces beschrijft wie wat "
                        "doet met een signaal.", required=False),
        "stappen": items("de stappen van het werkproces", record("een stap", {
            "titel": text("naam van de stap", "Signaal ontvangen"),
            "tekst": md("wat er in deze stap gebeurt, door wie", "De casusregisseur "
                        "registreert het signaal in het casussysteem."),
        })),
    }, required=False),
    "dpia": record("gegevensbeschermingseffectbeoordeling (Model DPIA Rijksdienst)", {
        "versie": text("versienummer van de DPIA (eigen versie, los van het protocol)",
                       "1.0"),
        "datum": date("datum van deze versie van de DPIA", "2026-02-01"),
        "status": choice("status van de DPIA: concept, ter-advies-fg, vastgesteld of ingetrokken",
                         STATUSES),
        "auteurs": texts("wie de DPIA opstelden (functies)", "privacyjurist", required=False),
        "wijzigingen": items("wijzigingsgeschiedenis van de DPIA, oudste eerst",
                             record("een wijziging", {
                                 "versie": text("versienummer", "1.0"),
                                 "datum": date("datum", "2025-06-01"),
                                 "omschrijving": text("wat er veranderde", "Eerste versie"),
                             }), required=False),
        "eigenaar": ref("rol die eigenaar is van de DPIA", "rollen"),
        "herbeoordeling": date("datum van de volgende herbeoordeling (uiterlijk na 3 jaar)",
                               "2029-02-01"),
        "voorstel": md("1. het voorstel: wat wordt er gedaan en waarom"),
        "verwerkingen": md("3. de gegevensverwerkingen in samenhang"),
        "technieken": md("4. technieken en methoden (profilering, geautomatiseerde besluiten, "
                         "cloud)"),
        "doeleinden": md("5. verwerkingsdoeleinden"),
        "belangen": md("7. belangen bij de gegevensverwerkingen"),
        "locaties": md("8. verwerkingslocaties en doorgifte buiten de EER"),
        "doelbinding": md("13. doelbinding: verenigbaarheid met het oorspronkelijke doel"),
        "noodzaak": md("14. noodzaak en evenredigheid: proportionaliteit en subsidiariteit"),
        "betrokkenen": items("2. categorieën betrokkenen: wiens gegevens worden verwerkt",
                             record("een categorie betrokkenen", {
                                 "naam": text("naam", "Ondernemers"),
                                 "omschrijving": md("wie dat zijn en hoe zij in beeld komen"),
                             })),
        "verwerkers": items("6 en 8. verwerkers en systemen die de gegevens verwerken",
                            record("een verwerker of systeem", {
                                "naam": text("naam", "Leverancier casussysteem"),
                                "soort": choice("verwerker, sub-verwerker of systeem",
                                                ["verwerker", "sub-verwerker", "systeem"]),
                                "wat": text("wat deze partij of dit systeem doet",
                                            "host het casussysteem"),
                                "overeenkomst": text("verwerkersovereenkomst of andere afspraak",
                                                     "verwerkersovereenkomst 2025",
                                                     required=False),
                            }), required=False),
        "dossier": items("19. het DPIA-dossier: de stukken waarop de DPIA steunt",
                         record("een stuk", {
                             "naam": text("naam van het stuk", "Pre-scan DPIA"),
                             "versie": text("versie of datum", "1.0", required=False),
                             "vindplaats": text("waar het stuk staat", "zaaksysteem, zaak "
                                                "2025-0113", required=False),
                         }), required=False),
        "betrokkenen_gehoord": md("hoe de mening van betrokkenen is gevraagd (AVG art. 35 lid 9)"),
        "risicoschaal": record("schaal waarop kans en impact worden gescoord", {
            "kans": texts("namen van de kansniveaus, laag naar hoog (hoogstens 10)", "klein",
                          maximum=10),
            "impact": texts("namen van de impactniveaus, laag naar hoog (hoogstens 10)",
                            "beperkt", maximum=10),
            "midden_vanaf": number("score (kans × impact) vanaf waar het risico midden is", 4),
            "hoog_vanaf": number("score (kans × impact) vanaf waar het risico hoog is", 9),
        }),
        "risicos": items("risico's voor betrokkenen", record("een risico", {
            "id": ident("id van het risico"),
            "titel": text("korte naam", "Onrechtmatige koppeling van bronnen"),
            "omschrijving": md("wat er mis kan gaan en voor wie"),
            "oorzaak": text("waar het risico uit voortkomt", "fase 3, bronnenonderzoek"),
            "kans": number("kans vóór maatregelen (positie op de schaal)", 3),
            "impact": number("impact vóór maatregelen (positie op de schaal)", 4),
            "restkans": number("kans na maatregelen", 2),
            "restimpact": number("impact na maatregelen", 3),
            "kans_toelichting": text("waarom de kans zo groot is (vóór maatregelen)",
                                     "elke bevraging kan een verkeerde persoon raken",
                                     required=False),
            "impact_toelichting": text("waarom de impact zo groot is", "een onterechte "
                                       "verdenking raakt iemands vergunning en naam",
                                       required=False),
        })),
        "maatregelen": items("maatregelen tegen de risico's", record("een maatregel", {
            "id": ident("id van de maatregel"),
            "titel": text("korte naam", "Hit/no-hit vóór inhoud"),
            "omschrijving": md("wat de maatregel inhoudt"),
            "soort": choice("technisch, organisatorisch of juridisch",
                            ["technisch", "organisatorisch", "juridisch"]),
            "risicos": refs("risico's die de maatregel beperkt", "risicos"),
            "eigenaar": ref("rol die verantwoordelijk is", "rollen"),
            "status": choice("gepland, in-uitvoering of gerealiseerd",
                             ["gepland", "in-uitvoering", "gerealiseerd"]),
            "uiterlijk": date("wanneer een geplande of lopende maatregel gerealiseerd is",
                              "2027-01-01", required=False),
            "werking": text("waarom de maatregel de kans of de impact verlaagt", "een hit "
                            "zegt alleen dát iemand bekend is, niet wat er bekend is",
                            required=False),
        })),
        "restrisico": md("conclusie over het restrisico"),
        "voorafgaande_raadpleging": record("besluit over voorafgaande raadpleging van de "
                                           "Autoriteit Persoonsgegevens (AVG art. 36)", {
            "nodig": {"type": "boolean", "required": True, "meta": {
                "beschrijving": "true als de AP vooraf geraadpleegd wordt", "voorbeeld": False}},
            "toelichting": md("motivering van het besluit"),
        }, required=False),
    }),
}


for _key in ("gemeente", "titel", "versie", "datum"):
    # Names, numbers and dates that files, headers and checks depend on are always known.
    SCHEMA["document"]["schema"][_key]["meta"]["vast"] = True
SCHEMA["document"]["schema"]["huisstijl"]["schema"]["logo"]["meta"]["vast"] = True
SCHEMA["inleiding"]["schema"]["verwijzingen"]["schema"]["schema"]["url"]["meta"]["vast"] = True


def walk(field: Schema, node: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Schema, Any]]:
    """Yield (path, field schema, value) for every value in `node` that the schema describes,
    skipping whatever does not have the shape the schema expects."""
    yield path, field, node
    if field.get("type") == "dict" and isinstance(node, dict):
        for key, sub in field["schema"].items():
            if key in node:
                yield from walk(sub, node[key], (*path, key))
    elif field.get("type") == "list" and isinstance(node, list):
        for i, item in enumerate(node):
            yield from walk(field["schema"], item, (*path, i))


def normalise_dates(data: dict[str, Any]) -> None:
    """Turn quoted dates ('2026-03-10') in date fields into dates, in place: editors see YAML
    as JSON, where a date is text either way, so the JSON Schema cannot tell them apart."""
    for path, field, value in list(walk({"type": "dict", "schema": SCHEMA}, data)):
        if field.get("type") == "date" and isinstance(value, str) and DATE.fullmatch(value):
            try:
                parsed = dt.date.fromisoformat(value)
            except ValueError:
                continue
            parent: Any = data
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = parsed


class ShapeValidator(cerberus.Validator):  # type: ignore[misc]
    """Cerberus validator with the few shape checks that need Python."""

    types_mapping: ClassVar[dict[str, TypeDefinition]] = {
        **cerberus.Validator.types_mapping,
        # A timestamp is a datetime, which is a date too; the format has dates only.
        "date": TypeDefinition("date", (dt.date,), (dt.datetime,)),
    }

    def _validate_regex(self, pattern: str, field: str, value: Any) -> None:
        """{'type': 'string'}"""
        # Cerberus matches with an appended '$', which lets a trailing newline through.
        if isinstance(value, str) and not re.fullmatch(pattern, value):
            self._error(field, cerberus.errors.REGEX_MISMATCH)

    def _validate_empty(self, empty: bool, field: str, value: Any) -> None:
        """{'type': 'boolean'}"""
        # Blanks are as empty as nothing: ' ' must not pass as a required text.
        super()._validate_empty(empty, field, "" if isinstance(value, str)
                                and not value.strip() else value)

    def _check_with_own_ground(self, field: str, value: Any) -> None:
        if not isinstance(value, dict):
            return
        found = sum(key in value for key in IDENTIFIERS)
        if "basis" in value:
            if found or "wet" in value:
                self._error(field, "ground_on_basis")
        elif found != 1:
            self._error(field, "one_identifier")
        elif not {"wet", "omschrijving"} <= value.keys():
            self._error(field, "ground_in_full")

    def _check_with_one_recipient(self, field: str, value: Any) -> None:
        if isinstance(value, dict) and ("aan" in value) == ("aan_instantie" in value):
            self._error(field, "one_recipient")

    def _check_with_one_destination(self, field: str, value: Any) -> None:
        if not isinstance(value, dict):
            return
        chosen = [key in value for key in ("naar_fase", "naar_rol", "naar_afdeling",
                                           "naar_instantie")] + [value.get("afsluiten") is True]
        if sum(chosen) != 1:
            self._error(field, "one_destination")


class _CheckedSchema(DefinitionSchema):  # type: ignore[misc]
    """SCHEMA, without Cerberus checking it against its rules once more in every process: that
    check costs three times a validation, and SCHEMA is a constant that the tests check with
    `validator(checked=True)`."""

    def validate(self, schema: Any = None) -> None:
        pass


@functools.cache
def validator(checked: bool = False) -> ShapeValidator:
    """Return the validator for SCHEMA that refuses unknown keys (made once per process);
    `checked` makes Cerberus check SCHEMA itself first, as the tests do."""
    shape = ShapeValidator(allow_unknown=False)
    shape.schema = DefinitionSchema(shape, SCHEMA) if checked else _CheckedSchema(shape, SCHEMA)
    return shape
