"""The process from signal to action: the phases, the transfers, retention, the rights of
data subjects, security and the working process."""

from __future__ import annotations

from protocolgen.schema.fields import (
    CONTACT,
    Schema,
    choice,
    ident,
    items,
    md,
    record,
    ref,
    refs,
    text,
    texts,
)

FIELDS: Schema = {
    "fases": items("fases van signaal naar actie, in volgorde (hoogstens 20)",
                   record("een fase", {
        "id": ident("id van de fase"),
        "naam": text("naam", "Ontvangst en intake"),
        "doel": md("doel van de fase"),
        "activiteiten": texts("activiteiten", "signaal registreren", markdown=True),
        "rollen": items("rollen in deze fase", record("een rol in de fase", {
            "rol": ref("id van de rol", "rollen"),
            "betrokkenheid": choice("uitvoerend, beslist, geraadpleegd of geinformeerd",
                                    "betrokkenheid"),
            "taak": text("wat de rol hier doet", "weegt het signaal", markdown=True),
        })),
        "gegevens": refs("categorieën persoonsgegevens die hier worden verwerkt", "gegevens"),
        "bronnen": items("bronnen die hier worden geraadpleegd", record("een raadpleging", {
            "bron": ref("id van de bron", "bronnen"),
            "niveau": choice("hit-no-hit of inhoud", "toegang"),
            "rol": ref("rol die de bron raadpleegt", "rollen"),
            "criteria": text("objectieve criteria, vastgelegd in beleid, waaronder deze openbare "
                             "bron zonder privacytoets wordt geraadpleegd (CCV stap 2)",
                             "de criteria in paragraaf 3 van het open-bronnenbeleid",
                             required=False),
        }), required=False),
        "grondslagen": refs("grondslagen voor deze fase", "grondslagen"),
        "wegingen": items("wegingsmomenten en privacytoetsen (hoogstens 12; het CCV-model heeft "
                          "er 3 tot 5 per fase)", record("een weging", {
            "id": ident("id van de weging"),
            "soort": choice("weging, privacytoets, weging-en-privacytoets of beslismoment",
                            "soort_weging"),
            "naam": text("naam", "Weging 1"),
            "vragen": texts("de vragen die beantwoord worden", "Is dit een "
                            "ondermijningssignaal?", markdown=True),
            "beslisser": ref("rol die de weging maakt", "rollen"),
        }), maximum=12),
        "beslisser": ref("rol die over de uitkomst van de fase beslist", "rollen"),
        "uitkomsten": items("mogelijke uitkomsten (hoogstens 12)", record("een uitkomst", {
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
        }, check="one_destination"), maximum=12),
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
        "regeling": choice("wgs, riec-convenant, convenant of wet", "regeling"),
        "beslisser": ref("rol die over de verstrekking beslist", "rollen"),
        "privacytoets": {**ident("id van de privacytoets (onder 'wegingen' van deze of een "
                                 "eerdere fase) die aan de verstrekking voorafgaat, of van de "
                                 "weging van dezelfde fase die tot de verstrekking besluit"),
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
        "actie": choice("wat daarna gebeurt", "actie"),
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
        "contactpunt": record("waar betrokkenen terechtkunnen", CONTACT),
    }),
    "beveiliging": record("beveiliging en logging", {
        "maatregelen": items("beveiligingsmaatregelen", record("een maatregel", {
            "titel": text("naam", "Toegangsbeheer"),
            "tekst": md("uitleg"),
            "soort": choice("technisch, organisatorisch of juridisch", "soort_maatregel",
                            required=False),
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
}
