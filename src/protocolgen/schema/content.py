"""What the protocol works with: its own legal grounds, the sources, the categories of
personal data and the roles."""

from __future__ import annotations

from protocolgen.schema.fields import (
    CONTACT,
    ID_PATTERN,
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
    "grondslagen": items("eigen grondslagen, naast de catalogus ('protocolgen grondslagen'): "
                         "een bepaling die niet in de catalogus staat, of een preciezere "
                         "verwijzing (lid, onderdeel) naar een bepaling die er wel in staat",
                         record("een eigen grondslag", {
        "id": ident("id van de grondslag; niet een id uit de catalogus"),
        "basis": text("id uit de catalogus waarvan dit een preciezere verwijzing is; wet, "
                      "vindplaats en soort komen dan uit de catalogus", "uavg-33",
                      required=False, pattern=ID_PATTERN, vast=True,
                      pattern_nl="een id uit de catalogus"),
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
                       choice("soort", "soort_grondslag"), required=False),
        "vereist": items("soorten grondslag die deze bepaling daarnaast nodig heeft",
                         choice("soort", "soort_grondslag"), required=False),
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
        "toegang": choice("eerste toegang: hit-no-hit of inhoud", "toegang"),
        "openbaar": {"type": "boolean", "required": False, "meta": {
            "beschrijving": "true voor een openbare bron, zoals internet of het Handelsregister",
            "voorbeeld": True}},
        "grondslagen": refs("wet(ten) die de bron regelen", "grondslagen"),
        "beperkingen": md("beperkingen bij gebruik", required=False),
        "geheimhouding": choice("geheimhoudingsplicht op de gegevens in deze bron: fiscaal "
                                "(AWR art. 67) of politiegegevens (Wpg)", "geheimhouding",
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
                        "soort_gegevens"),
        "omschrijving": md("welke gegevens precies", required=False),
        "bronnen": refs("bronnen waar deze gegevens vandaan komen", "bronnen"),
    })),
    "rollen": items("rollen, van bestuur tot externe partner (hoogstens 60)",
                    record("een rol", {
        "id": ident("id van de rol"),
        "naam": text("naam", "Casusregisseur ondermijning"),
        "soort": choice("bestuur, intern of extern", "soort_rol"),
        "team": text("team of organisatie", "Team Openbare Orde en Veiligheid"),
        "partner": choice("soort externe partner (alleen bij soort extern)", "partner",
                          required=False),
        "doel": text("doel van de rol in één zin", "Signalen wegen en casussen regisseren"),
        "plaatsvervanger": text("vervanger bij afwezigheid (functie)", "Adviseur veiligheid",
                                required=False),
        "taken": texts("taken", "ontvangt en registreert signalen", markdown=True),
        "wel": texts("wat de rol mag", "hit/no-hit bevragen in de eigen bron", markdown=True),
        "niet": texts("wat de rol niet mag", "inhoud delen vóór privacytoets 2A", markdown=True),
        "bronnen": items("bronnen die de rol mag raadplegen", record("een bron", {
            "bron": ref("id van de bron", "bronnen"),
            "niveau": choice("hit-no-hit of inhoud", "toegang"),
        }), required=False),
        "instrumenten": items("instrumenten die een partner inbrengt",
                              choice("instrument", "instrument"),
                              required=False),
        "melden": md("waar, hoe en wanneer deze rol signalen meldt (bovenaan de rolkaart)",
                     required=False),
        "melden_aan": ref("rol die de signalen ontvangt; haar contact (telefoon, e-mail) staat "
                          "bij 'melden' op de rolkaart", "rollen", required=False),
        "acuut": md("wat deze rol doet bij acuut gevaar", "Bel 112 en daarna de casusregisseur.",
                    required=False),
        "signalen": texts("waaraan deze rol een signaal herkent (de signalen die deze rol ziet)",
                          "een bedrijf dat veel contant betaalt zonder zichtbare klanten",
                          required=False, intern=True),
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
        "contact": record("contactgegevens", CONTACT, required=False, intern=True),
    }), maximum=60),
}
