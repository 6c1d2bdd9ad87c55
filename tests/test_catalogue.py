"""The catalogue of legal grounds: every entry well-formed, with a working link pattern, and
`protocolgen grondslagen` finds them."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest

from protocolgen.cli.main import main
from protocolgen.schema import catalogue
from protocolgen.schema.fields import ID_PATTERN
from protocolgen.schema.protocol import SCHEMA

OWN = SCHEMA["grondslagen"]["schema"]["schema"]
"""A protocol's own ground: the catalogue's entries have the same fields and forms."""

ENTRIES = catalogue.entries()


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_every_entry_has_its_identifiers_in_form(entry: dict[str, Any]) -> None:
    assert re.fullmatch(ID_PATTERN, entry["id"]) and len(entry["id"]) <= 64
    found = [key for key in catalogue.IDENTIFIERS if key in entry]
    for key in found:
        assert re.fullmatch(OWN[key]["regex"], entry[key]), (key, entry[key])
    if "artikel" in entry:
        assert re.fullmatch(OWN["artikel"]["regex"], entry["artikel"])
    if "vervallen" in entry:  # a repealed law: recognised by name, with successor and date
        assert entry["namen"] and all(n == n.lower() for n in entry["namen"])
        assert isinstance(entry["vervallen"]["datum"], dt.date)
        assert entry["vervallen"]["opvolger"].startswith("de ")
        return
    assert len(found) == 1, "exactly one of bwb, celex and staatsblad"
    assert entry["soort"] and set(entry["soort"]) <= set(catalogue.KINDS)
    assert set(entry.get("vereist", [])) <= set(catalogue.KINDS)
    assert entry["omschrijving"].endswith(".") and entry["wet"]


@pytest.mark.parametrize("entry", [e for e in ENTRIES if "vervallen" not in e],
                         ids=[e["id"] for e in ENTRIES if "vervallen" not in e])
def test_every_link_follows_its_pattern(entry: dict[str, Any]) -> None:
    url = catalogue.url(entry)
    if "bwb" in entry and "artikel" in entry:  # juriconnect: a stable link to the article
        assert url == (f"https://wetten.overheid.nl/jci1.3:c:{entry['bwb']}"
                       f"&artikel={entry['artikel']}")
    elif "bwb" in entry:
        assert url == f"https://wetten.overheid.nl/{entry['bwb']}"
    elif "celex" in entry:
        assert url == ("https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:"
                       f"{entry['celex']}")
    else:
        assert url == f"https://zoek.officielebekendmakingen.nl/stb-{entry['staatsblad']}.html"


def test_ids_are_unique_and_labels_read_as_citations() -> None:
    ids = [e["id"] for e in ENTRIES]
    assert len(ids) == len(set(ids))
    assert catalogue.label(catalogue.by_id()["avg-9-2-g"]) == "art. 9 lid 2 sub g AVG"
    assert catalogue.label(catalogue.by_id()["wgs"]) == \
        "Wet gegevensverwerking door samenwerkingsverbanden (WGS)"


def test_what_a_ground_requires_exists_in_dutch_law() -> None:
    """Every kind that a ground requires beside it can be met: by a Dutch law in the
    catalogue, or (for kinds the catalogue leaves out, docs/grondslagen.md) by an own ground."""
    required = {kind for e in ENTRIES for kind in e.get("vereist", [])}
    national = {kind for e in catalogue.by_id().values() if catalogue.national(e)
                for kind in e["soort"]}
    assert required - national == {"bijzonder"}  # UAVG 22-30: left out, see the docs
    assert "UAVG art. 22-30" in catalogue.as_markdown()


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def test_grondslagen_searches_the_catalogue() -> None:
    code, out, _ = run("grondslagen", "bsn")
    assert code == 0
    assert out.split("\n\n")[0] == (
        "uavg-46  art. 46 UAVG\n    Het burgerservicenummer mag alleen worden verwerkt ter "
        "uitvoering van een wet die dat voorschrijft; dit artikel beperkt, het geeft zelf geen "
        "toestemming.\n    soort: beperking\n    vereist daarnaast: bsn\n"
        "    https://wetten.overheid.nl/jci1.3:c:BWBR0040940&artikel=46")
    assert [block.split()[0] for block in out.strip().split("\n\n")] == ["uavg-46", "wabb"]
    code, out, _ = run("grondslagen")
    assert code == 0 and out.count("\n\n") == len(catalogue.by_id()) - 1
    assert run("grondslagen", "opium", "drugs")[1].startswith("opiumwet-13b  art. 13b Opiumwet")
    code, out, err = run("grondslagen", "kinderopvang")
    assert (code, out) == (1, "") and "geen grondslag in de catalogus met 'kinderopvang'" in err


INSTRUCTIONS = frozenset({"noem", "vul", "kies", "zet", "geef", "gebruik", "controleer",
                          "vermeld", "voeg", "verwijs", "let", "toets", "beschrijf", "leg",
                          "zorg", "neem", "maak", "pas", "vraag", "bepaal"})
"""Verbs that, first in a clause, tell the author what to do: a drafting instruction."""


def instructions(text: str) -> list[str]:
    """Return the clauses of `text` that begin with an instruction to its writer."""
    clauses = [c.strip(" .") for c in re.split(r"[.;:]\s+|\(|\)", text) if c.strip(" .")]
    return [c for c in clauses if c.split()[0].lower() in INSTRUCTIONS]


def test_the_catalogue_says_what_the_law_says_and_instructs_nobody() -> None:
    """A catalogue text goes into the protocol as it is: it states the law, it never tells the
    reader or the author what to do ('noem het lid dat van toepassing is')."""
    assert instructions("Verwerking door bestuursorganen; noem het lid dat van toepassing "
                        "is.") == ["noem het lid dat van toepassing is"]
    assert instructions("Toets of verdere verwerking verenigbaar is.") != []
    found = {e["id"]: instructions(e.get("omschrijving", "")) for e in catalogue.entries()}
    assert {i: c for i, c in found.items() if c} == {}
