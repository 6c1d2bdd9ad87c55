"""The shipped CCV example, from which `protocolgen nieuw` starts every protocol, follows the
CCV Modelprotocol ondermijning (domain reference §2): each fact the model fixes is in the
example as a fact, and what the model leaves to the gemeenten is an open point."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from .conftest import SECOND_EXAMPLE, TODAY, Write, rendered

STEP_TITLES = ["Ontvangst en intake: wegen van het signaal",
               "Bepalen zwaarte signaal: wegen, verdere actie of niet",
               "Bronnenonderzoek: wegen, verdere actie of niet",
               "Aanpak: signaaloverleg en actie"]


@pytest.fixture(scope="module")
def model() -> dict[str, Any]:
    from protocolgen.load.parse import load

    data: dict[str, Any] = load(SECOND_EXAMPLE).data
    return data


def _phase(model: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(f for f in model["fases"] if f["id"] == pid)


def _weging(model: dict[str, Any], wid: str) -> dict[str, Any]:
    return next(w for f in model["fases"] for w in f["wegingen"] if w["id"] == wid)


def _open(value: Any) -> bool:
    return isinstance(value, dict) and "open" in value


def test_the_steps_and_the_regisseur_carry_the_models_names(model: dict[str, Any]) -> None:
    assert [f["naam"] for f in model["fases"]] == STEP_TITLES
    roles = {r["id"]: r["naam"] for r in model["rollen"]}
    assert roles["casusregisseur"] == "Regisseur ondermijning"


def test_intake_takes_every_channel_of_the_model(model: dict[str, Any]) -> None:
    intake = " ".join(_phase(model, "intake")["activiteiten"])
    for channel in ("telefonisch", "schriftelijk", "digitaal", "inwoner", "professional",
                    "Meld Misdaad Anoniem"):
        assert channel in intake, channel


def test_weging_1_and_2a_ask_what_the_model_asks(model: dict[str, Any]) -> None:
    assert "situationele en lokale verankering" in " ".join(_weging(model, "w1")["vragen"])
    assert "ondermijningssignaal" in " ".join(_weging(model, "w1")["vragen"])
    w2a = " ".join(_weging(model, "w2a")["vragen"])
    assert "politie" in w2a and "jeugdbescherming" in w2a and "burgemeester" in w2a


def test_a_signal_without_action_is_kept_encrypted_for_one_year(model: dict[str, Any]) -> None:
    terms = {t["id"]: t for t in model["bewaartermijnen"]}
    kept = terms["signaal-niet-verwerkt"]
    assert kept["termijn"] == "1 jaar" and kept["actie"] == "vernietigen"
    assert "versleuteld" in kept["opslag"]
    assert "signaal-niet-verwerkt" in _phase(model, "zwaarte")["bewaren"]
    # what follows weging 1, 2A or 2B the model does not fix: open, not the one year
    assert _open(terms["signaal-geen-gemeentetaak"]["termijn"])
    assert "signaal-geen-gemeentetaak" in _phase(model, "intake")["bewaren"]


def test_step_2_hands_over_to_the_riec_which_takes_the_lead(model: dict[str, Any]) -> None:
    outcomes = _phase(model, "zwaarte")["uitkomsten"]
    riec = [o for o in outcomes if o.get("naar_rol") == "riec"]
    assert len(riec) == 1 and "leiding" in riec[0]["omschrijving"]
    transfers = [v for v in model["verstrekkingen"] if v["fase"] == "zwaarte"]
    assert [(v["aan"], v["regeling"], v["privacytoets"]) for v in transfers] == [
        ("riec", "wgs", "b3")]
    assert [o for o in outcomes if "naar_afdeling" in o]  # (b) a department takes the lead
    assert [o for o in outcomes if o.get("afsluiten")]  # (a) no action


def test_step_3_asks_no_old_information_and_ends_in_the_models_outcomes(
        model: dict[str, Any]) -> None:
    research = _phase(model, "bronnenonderzoek")
    assert any("oude" in a and "niet verder" in a for a in research["activiteiten"])
    assert _weging(model, "pc1")["beslisser"] == "privacyfunctionaris"
    by_department = [o for o in research["uitkomsten"] if "naar_afdeling" in o]
    assert len(by_department) == 1
    assert "mono- of multidisciplinaire" in by_department[0]["omschrijving"]
    assert "een of meer afdelingen" in by_department[0]["omschrijving"]
    assert [o.get("naar_fase") for o in research["uitkomsten"]].count("aanpak") == 1
    assert [o for o in research["uitkomsten"] if o.get("naar_rol") == "riec"]


def test_weging_5_is_privacy_check_2_by_the_privacyfunctionaris(model: dict[str, Any]) -> None:
    w5 = _weging(model, "w5")
    assert w5["beslisser"] == "privacyfunctionaris"
    questions = " ".join(w5["vragen"])
    assert "gedeeld" in questions and "welke afdelingen" in questions
    assert "toelaatbaar" in questions and "privacytoets 2" in w5["naam"]


def test_red_flags_fall_in_the_models_categories(model: dict[str, Any]) -> None:
    names = [c["naam"] for c in model["signaalcriteria"]["categorieen"]]
    assert names == ["financieel", "fiscaal", "juridisch"]


def test_what_the_model_leaves_to_the_gemeenten_is_open(model: dict[str, Any]) -> None:
    terms = {t["id"]: t for t in model["bewaartermijnen"]}
    assert _open(terms["casusdossier"]["termijn"])
    assert _open(_phase(model, "aanpak")["monitoring"])
    assert _open(model["document"]["evaluatie"]["datum"])


def test_the_documents_say_it() -> None:
    page = html.unescape(re.sub(r"<[^>]+>", " ", rendered(SECOND_EXAMPLE).pages[
        "privacyprotocol"]))
    text = " ".join(page.split())
    for title in STEP_TITLES:
        assert title in text, title
    assert "Regisseur ondermijning" in text
    assert "overdracht aan het RIEC, dat de leiding neemt" in text


def test_the_parts_taken_over_from_the_model_are_listed_until_assessed(
        write: Write) -> None:
    """The example marks what it took over from the CCV model; the protocol and the DPIA list
    those parts for the FG and the college, and a part the gemeente removed from 'herkomst'
    (assessed) is no longer listed."""
    from protocolgen import check
    from protocolgen.load.files import read

    text = SECOND_EXAMPLE.read_text(encoding="utf-8")
    site = rendered(SECOND_EXAMPLE)
    for name in ("privacyprotocol", "dpia"):
        found = re.search(r'<section id="overgenomen".*?</section>', site.pages[name], re.S)
        assert found, name
        listed = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group())).split())
        assert listed.startswith("Overgenomen uit een model Deze onderdelen zijn overgenomen "
                                 "uit het CCV Modelprotocol ondermijning en nog niet lokaal "
                                 "beoordeeld:")
        assert ("Fases: 1 Ontvangst en intake: wegen van het signaal; 2 Bepalen zwaarte "
                "signaal: wegen, verdere actie of niet; 3 Bronnenonderzoek: wegen, verdere "
                "actie of niet; en 4 Aanpak: signaaloverleg en actie.") in listed
        assert ("Wegingen en privacytoetsen: Weging 1, Weging 2A, Weging 2B, Weging 3, "
                "Privacytoets 1, Weging 4, Privacytoets 2A, Weging 5 (privacytoets 2) en "
                "Privacytoets 2B. Bewaartermijnen: Signaal zonder actie na weging 3.") in listed
    warned = [p for p in check(read(SECOND_EXAMPLE), today=TODAY).problems
              if p.code == "PG320"]
    assert len(warned) == 14
    assessed = text.replace("  - wegingen.w1\n", "", 1)
    path = write(assessed, "ccv-model.yaml")
    page = rendered(path).pages["privacyprotocol"]
    assert "Wegingen en privacytoetsen: Weging 2A, Weging 2B," in page
    alone = re.sub(r"herkomst:\n(?:[- ] .*\n)+", "", text)
    page = rendered(write(alone, "ccv-model.yaml")).pages["privacyprotocol"]
    assert 'id="overgenomen"' not in page and "Overgenomen uit een model" not in page
