"""The document itself: who, what version, adopted by whom and when, the FG advice, the
introduction, the scope and the signal criteria."""

from __future__ import annotations

from protocolgen.schema.fields import (
    Schema,
    choice,
    date,
    fingerprint,
    items,
    md,
    record,
    ref,
    text,
    texts,
)

FIELDS: Schema = {
    "document": record("gegevens over het document zelf", {
        "gemeente": text("naam van de gemeente; bij een protocol voor meer gemeenten de naam van "
                         "het samenwerkingsverband (zie 'gemeenten')", "Lindenwaard", vast=True),
        "gemeenten": {**texts("de gemeenten waarvoor het protocol geldt, als het er meer zijn",
                              "Beekdal", required=False), "minlength": 2},
        "uitvoering": text("de gezamenlijke organisatie die het werk uitvoert, zoals een "
                           "gemeenschappelijke regeling", "Uitvoeringsorganisatie Vierkant (GR)",
                           required=False),
        "titel": text("officiële titel", "Privacyprotocol Bestuurlijke aanpak ondermijnende "
                      "criminaliteit gemeente Lindenwaard 2026", vast=True),
        "citeertitel": text("korte titel om naar het protocol te verwijzen",
                            "Privacyprotocol ondermijning Lindenwaard", required=False),
        "versie": text("versienummer", "1.2", pattern=r"[0-9]+(\.[0-9]+){0,2}", vast=True,
                       pattern_nl="een versienummer zoals '1.2' (tussen aanhalingstekens)"),
        "datum": date("datum van deze versie", "2026-03-10", vast=True),
        "status": choice("status: concept, ter-advies-fg, vastgesteld of ingetrokken", "status"),
        "soort_regeling": choice("soort regeling", "soort_regeling",
                                 required=False),
        "vastgesteld_door": items("bestuursorganen die het protocol vaststellen, ieder voor zover "
                                  "het zijn bevoegdheden betreft",
                                  choice("bestuursorgaan", "orgaan")),
        "besluiten": items("de besluiten tot vaststelling, per gemeente en bestuursorgaan (bij "
                           "een protocol voor meer gemeenten)", record("een besluit", {
            "gemeente": text("gemeente (uit 'gemeenten')", "Beekdal"),
            "orgaan": choice("bestuursorgaan (uit 'vastgesteld_door')", "orgaan"),
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
                         "dit bestand", "logo.svg", required=False, vast=True),
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
                                              vast=True, pattern=r"https://[^\s]+",
                                              pattern_nl="een webadres dat begint met "
                                              "https://"),
                              }), required=False),
    }),
    "reikwijdte": record("reikwijdte en prioriteiten", {
        "soort": choice("reikwijdte", "reikwijdte"),
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
        "rode_vlaggen": texts("concrete rode vlaggen", "contante betaling van vastgoed",
                              intern=True),
        "categorieen": items("categorieën rode vlaggen", record("een categorie", {
            "naam": text("naam van de categorie", "vastgoed"),
            "voorbeelden": texts("voorbeelden", "aankoop met contant geld", required=False),
        }), required=False, intern=True),
        "bijlage": text("waar de volledige lijst rode vlaggen staat", "bijlage 2 bij dit "
                        "protocol", required=False),
    }),
}
