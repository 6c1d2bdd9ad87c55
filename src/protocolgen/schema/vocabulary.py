"""The Dutch words for the values of every choice in the format: one table for the documents
(the template filter `woord`), the JSON Schema (labels in the editor), the semantic diff and
the messages. A choice field names its list (`choice(..., "orgaan")`), so the values the
schema allows are exactly the values that have a word here.

A value's word is a text, or a mapping of forms: "" is the usual one; "meervoud", "kort" and
"letter" are other forms that some places need (the colleges of several gemeenten, a short
reference in a message, a column of the role-phase matrix)."""

from __future__ import annotations

from collections.abc import Mapping

from protocolgen.schema.catalogue import KINDS

Word = str | Mapping[str, str]

VOCABULARY: dict[str, dict[str, Word]] = {
    "status": {
        "concept": "concept",
        "ter-advies-fg": "ter advies fg",
        "vastgesteld": "vastgesteld",
        "ingetrokken": "ingetrokken",
    },
    "soort_regeling": {
        "beleidsregel": "beleidsregel",
        "besluit": "besluit",
        "werkinstructie": "werkinstructie",
    },
    "orgaan": {
        "college": {"": "het college van burgemeester en wethouders",
                    "meervoud": "de colleges van burgemeester en wethouders",
                    "kort": "het college"},
        "burgemeester": {"": "de burgemeester", "meervoud": "de burgemeesters",
                         "kort": "de burgemeester"},
        "raad": {"": "de gemeenteraad", "meervoud": "de gemeenteraden", "kort": "de raad"},
    },
    "reikwijdte": {
        "ondermijning": "ondermijning",
        "ondermijning-en-overlast": "ondermijning en overlast",
        "ondermijning-fraude-en-criminaliteit": "ondermijning, fraude en criminaliteit",
    },
    "soort_grondslag": dict(KINDS),
    "toegang": {"hit-no-hit": "hit/no-hit", "inhoud": "inhoud"},
    "geheimhouding": {
        "fiscaal": "fiscale geheimhoudingsplicht (AWR art. 67)",
        "politiegegevens": "politiegegevens (Wpg)",
    },
    "soort_gegevens": {
        "gewoon": "gewoon",
        "bijzonder": "bijzonder (AVG art. 9)",
        "strafrechtelijk": "strafrechtelijk (AVG art. 10)",
        "bsn": "burgerservicenummer",
    },
    "soort_rol": {"bestuur": "bestuur", "intern": "intern",
                  "extern": "externe partner (ontvanger)"},
    "partner": {
        "riec": "RIEC",
        "politie": "politie",
        "om": "Openbaar Ministerie",
        "belastingdienst": "Belastingdienst",
        "lbb": "Landelijk Bureau Bibob",
        "mma": "Meld Misdaad Anoniem",
        "anders": "andere partner",
    },
    "instrument": {
        "bestuurlijk": "bestuurlijk",
        "strafrechtelijk": "strafrechtelijk",
        "fiscaal": "fiscaal",
        "privaatrechtelijk": "privaatrechtelijk",
    },
    "betrokkenheid": {
        "uitvoerend": {"": "uitvoerend", "letter": "u"},
        "beslist": {"": "beslist", "letter": "b"},
        "geraadpleegd": {"": "geraadpleegd", "letter": "r"},
        "geinformeerd": {"": "geïnformeerd", "letter": "i"},
    },
    "soort_weging": {
        "weging": "weging",
        "privacytoets": "privacytoets",
        "weging-en-privacytoets": "weging en privacytoets",
        "beslismoment": "beslismoment",
    },
    "regeling": {
        "wgs": "Wet gegevensverwerking door samenwerkingsverbanden (WGS)",
        "riec-convenant": "RIEC-convenant",
        "convenant": "convenant",
        "wet": "wettelijke grondslag",
    },
    "actie": {
        "vernietigen": "vernietigen",
        "anonimiseren": "anonimiseren",
        "overbrengen": "overbrengen naar het archief",
    },
    "soort_maatregel": {
        "technisch": "technisch",
        "organisatorisch": "organisatorisch",
        "juridisch": "juridisch",
    },
    "status_maatregel": {
        "gepland": "gepland",
        "in-uitvoering": "in uitvoering",
        "gerealiseerd": "gerealiseerd",
    },
    "verwerker": {"verwerker": "verwerker", "sub-verwerker": "sub-verwerker",
                  "systeem": "systeem"},
}


def values(name: str) -> list[str]:
    """Return the values of the list `name`, in the order the format gives them."""
    return list(VOCABULARY[name])


def word(value: str, name: str, form: str = "") -> str:
    """Return the Dutch word for `value` from the list `name`, in `form`; raise KeyError for a
    value or form the list does not have."""
    found = VOCABULARY[name][value]
    return found if isinstance(found, str) else found[form]
