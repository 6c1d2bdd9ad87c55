"""The DPIA, to the report model of the Model DPIA Rijksdienst, and how risk levels follow
from the scale."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from protocolgen.schema.fields import (
    Schema,
    choice,
    date,
    ident,
    items,
    md,
    number,
    record,
    ref,
    refs,
    text,
    texts,
)

FIELDS: Schema = {
    "dpia": record("gegevensbeschermingseffectbeoordeling (Model DPIA Rijksdienst)", {
        "versie": text("versienummer van de DPIA (eigen versie, los van het protocol)",
                       "1.0"),
        "datum": date("datum van deze versie van de DPIA", "2026-02-01"),
        "status": choice("status van de DPIA: concept, ter-advies-fg, vastgesteld of ingetrokken",
                         "status"),
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
                                                "verwerker"),
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
            "soort": choice("technisch, organisatorisch of juridisch", "soort_maatregel"),
            "risicos": refs("risico's die de maatregel beperkt", "risicos"),
            "eigenaar": ref("rol die verantwoordelijk is", "rollen"),
            "status": choice("gepland, in-uitvoering of gerealiseerd", "status_maatregel"),
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


def risk_level(kans: int, impact: int, scale: Mapping[str, Any]) -> str:
    """Return laag, midden or hoog for a likelihood and impact on the protocol's scale."""
    score = kans * impact
    if score >= scale["hoog_vanaf"]:
        return "hoog"
    return "midden" if score >= scale["midden_vanaf"] else "laag"
