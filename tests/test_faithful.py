"""The documents say what the source says, and what it leaves open they show as open: open
points, an absent preamble, the DPIA's own version, outcomes without a role, open sources
within policy criteria (issue 7)."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from protocolgen.load.files import read

from .conftest import ROOT, TODAY, Write, build_one, mutate, openable, opened, rendered

UNKNOWN_ADVICE_DATE = (
    "    datum: 2026-08-27\n",
    "    datum:\n      open: onbekend\n      toelichting: Het advies is niet terug te vinden in "
    "het archief.\n")
RETENTION_TO_DECIDE = (
    "    termijn: 3 maanden\n",
    "    termijn:\n      open: nog-te-besluiten\n      toelichting: Hangt af van de nieuwe "
    "selectielijst.\n      wie: de gemeentesecretaris\n      uiterlijk: 2027-06-01\n")


def header(page: str) -> str:
    """Return the title page of a document's HTML."""
    found = re.search(r'<header class="titelpagina">.*?</header>', page, re.S)
    assert found, "no title page"
    return found.group()


def pages(text: str, write: Write) -> dict[str, str]:
    """Return the HTML of every document of the protocol `text`."""
    return rendered(write(text)).pages


def visible(page: str) -> str:
    """Return the text a reader sees: no tags, entities resolved, spaces collapsed."""
    inline = re.sub(r"</?(?:a|strong|em|abbr|code)\b[^>]*>", "", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def section(page: str, anchor: str) -> str:
    """Return the visible text of the section with id `anchor`."""
    found = re.search(rf'<section id="{anchor}".*?</section>', page, re.S)
    assert found, anchor
    return visible(found.group())


def test_open_points_are_listed_and_never_printed_as_facts(example_text: str, write: Write) -> None:
    docs = pages(mutate(example_text, UNKNOWN_ADVICE_DATE, RETENTION_TO_DECIDE), write)
    protocol, dpia = docs["privacyprotocol"], docs["dpia"]
    # where the values stood, the documents say what they are
    assert "De FG adviseerde op onbekend (open punt 1)." in visible(protocol)
    assert "De Functionaris Gegevensbescherming adviseerde op onbekend (open punt 1):" in \
        visible(dpia)
    assert re.search(r'<td><a class="open" href="#open-punt-4">nog niet besloten \(open punt '
                     r'4\)</a></td>', protocol)
    # and nowhere a date for the advice or the invented term
    assert "27 augustus 2026" not in visible(protocol) + visible(dpia)
    assert "3 maanden" not in visible(protocol)
    listed = section(protocol, "openstaande-punten")
    assert listed.startswith("Openstaande punten Deze punten zijn nog niet besloten of niet "
                             "bekend.")
    assert ("1 Document › advies van de Functionaris Gegevensbescherming (AVG art. 35 lid 2) › "
            "datum van het advies Onbekend. Het advies is niet terug te vinden in het archief. "
            "—") in listed
    assert ("4 Termijn Bevraging zonder hit › duur Nog niet besloten. Hangt af van de nieuwe "
            "selectielijst. de gemeentesecretaris, uiterlijk 1 juni 2027") in listed
    assert section(dpia, "openstaande-punten") == listed
    assert [n for n, page in docs.items() if "open-punt-" in page] == [
        "privacyprotocol", "dpia", *(n for n in docs if n.startswith("rolkaart-")
                                     and "open-punt" in docs[n])]


def test_a_protocol_without_open_points_has_no_such_section(example_text: str,
                                                            write: Write) -> None:
    from .conftest import settled

    docs = pages(settled(example_text), write)
    assert all("Openstaande punten" not in page and "open punt" not in visible(page)
               for page in docs.values())


def test_an_absent_preamble_prints_nothing(example_text: str, write: Write) -> None:
    start = example_text.index("  gelet_op:\n")
    end = example_text.index("  uitgangspunten:\n")
    text = mutate(example_text, (example_text[start:end], ""))
    protocol = pages(text, write)["privacyprotocol"]
    seen = visible(protocol)
    assert "Intitulé" not in seen and "gelet op" not in seen and "overwegende" not in seen
    assert "besluiten vast te stellen" not in seen and 'id="intitule"' not in protocol
    assert "Niet van toepassing" not in seen


def test_the_dpia_cover_shows_its_own_version_and_status(example_text: str, write: Write) -> None:
    text = mutate(example_text, ('dpia:\n  versie: "1.1"\n  datum: 2026-08-20\n  status: '
                                 'vastgesteld', 'dpia:\n  versie: "2.0"\n  datum: 2026-11-01\n'
                                 '  status: ter-advies-fg'))
    dpia = pages(text, write)["dpia"]
    cover = visible(header(dpia))
    assert "Versie 2.0, 1 november 2026 Status ter advies fg" in cover
    assert "Hoort bij Privacyprotocol Bestuurlijke aanpak ondermijnende criminaliteit " \
           "gemeente Lindenwaard 2026, versie 1.1" in cover
    assert "CONCEPT — status: ter advies fg" in cover
    assert "DPIA · versie 2.0" in cover and "versie 1.1, 15 september" not in cover
    assert 'class="document dpia concept"' in dpia  # the NIET VASTGESTELD watermark


DEPARTMENT = (
    "      - omschrijving: Een afdeling neemt de leiding met de eigen bevoegdheden\n"
    "        naar_rol: aanspreekpunt-vergunningen\n",
    "      - omschrijving: Een afdeling neemt de leiding met de eigen bevoegdheden\n"
    "        naar_afdeling: de afdeling met de passende bevoegdheid, per casus gekozen door het "
    "ondermijningsteam\n")
INSTANCE = (
    "      - omschrijving: Overdracht aan het RIEC\n        naar_rol: riec\n",
    "      - omschrijving: Overdracht aan het RIEC\n        naar_rol: riec\n"
    "      - omschrijving: Zorgen om een kind; melding bij de Raad voor de Kinderbescherming\n"
    "        naar_instantie: Raad voor de Kinderbescherming\n")
INSTANCE_TRANSFER = (
    "\nbewaartermijnen:",
    "  - id: melding-rvdk\n    aan_instantie: Raad voor de Kinderbescherming\n    fase: aanpak\n"
    "    door: casusregisseur\n    vastleggen: [datum en gegevens]\n"
    "    gegevens: [identiteit, signaalinhoud]\n    grondslagen: [avg-6-1-e, avg-6-4, "
    "gemeentewet-172, avg-10, uavg-33]\n    regeling: wet\n    beslisser: burgemeester\n"
    "    privacytoets: pc2b\n    toelichting: Alleen wat de Raad nodig heeft om de zorg te "
    "beoordelen.\n\nbewaartermijnen:")


def test_a_department_or_an_instance_gets_no_role_card(example_text: str, write: Write) -> None:
    docs = pages(mutate(example_text, DEPARTMENT, INSTANCE, INSTANCE_TRANSFER), write)
    cards = sorted(n for n in docs if n.startswith("rolkaart-"))
    assert cards == sorted(f"rolkaart-{r}" for r in re.findall(
        r"^  - id: (\S+)\n    naam: .*\n    soort: (?:bestuur|intern|extern)", example_text,
        re.M))
    protocol = visible(docs["privacyprotocol"])
    assert ("Een afdeling neemt de leiding met de eigen bevoegdheden naar de afdeling met de "
            "passende bevoegdheid, per casus gekozen door het ondermijningsteam") in protocol
    assert ("Zorgen om een kind; melding bij de Raad voor de Kinderbescherming naar Raad voor "
            "de Kinderbescherming") in protocol
    assert "Raad voor de Kinderbescherming 4. Signaaloverleg en aanpak identiteit" in protocol \
        or "Raad voor de Kinderbescherming 4. Signaaloverleg en aanpak naam" in protocol


OPEN_SOURCES_IN_STEP_2 = (
    "    gegevens: [identiteit, signaalinhoud]\n    grondslagen: [avg-6-1-e, avg-10, uavg-33, "
    "gemeentewet-172]\n    wegingen:\n      - id: w3\n",
    "    gegevens: [identiteit, signaalinhoud, online]\n    bronnen:\n      - bron: open-bronnen\n"
    "        niveau: inhoud\n        rol: casusregisseur\n        criteria: de criteria in "
    "paragraaf 3 van het open-bronnenbeleid\n    grondslagen: [avg-6-1-e, avg-10, uavg-33, "
    "gemeentewet-172]\n    wegingen:\n      - id: w3\n")


def test_open_sources_in_step_2_within_criteria_need_no_privacy_check(example_text: str,
                                                                     write: Write) -> None:
    from protocolgen import check

    from .conftest import decided

    text = mutate(example_text, OPEN_SOURCES_IN_STEP_2)
    assert decided(check(read(write(text)), today=TODAY).problems) == []
    phase = section(pages(text, write)["privacyprotocol"], "fase-zwaarte")
    assert ("Open bronnen (internet en sociale media) zonder privacytoets, binnen de criteria "
            "in paragraaf 3 van het open-bronnenbeleid inhoud Casusregisseur ondermijning") \
        in phase
    assert "In deze fase worden geen bronnen geraadpleegd" not in phase
    # a register that is not public is no exception
    closed = mutate(text, ("        rol: casusregisseur\n        criteria:",
                           "        rol: casusregisseur\n        criteria:"),
                    ("      - bron: open-bronnen\n        niveau: inhoud\n        rol: "
                     "casusregisseur\n        criteria",
                     "      - bron: meldingen\n        niveau: inhoud\n        rol: "
                     "casusregisseur\n        criteria"))
    codes = [p.code for p in decided(check(read(write(closed)), today=TODAY).problems)]
    assert codes == ["PG213", "PG240"]


def _marked(data: Any) -> tuple[Any, set[str]]:
    """Return `data` with every free text replaced by a unique marker ('Qx1', 'Qx2', …), also
    inside open points, and the markers. Ids, references, choices and values with a fixed form
    (versions, e-mail addresses, terms, dates) stay: they are not sentences."""
    from protocolgen.schema.protocol import SCHEMA
    from protocolgen.schema.walk import walk

    markers: list[str] = []

    def mark() -> str:
        markers.append(f"Qx{len(markers) + 1}")
        return markers[-1]

    for path, field, value in list(walk({"type": "dict", "schema": SCHEMA}, data)):
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        free = (field.get("type") == "string" and "allowed" not in field
                and "regex" not in field and path[-1] not in ("logo", "versie"))
        if isinstance(value, dict) and "open" in value:
            value.update({k: mark() for k in ("toelichting", "wie") if k in value})
        elif free and isinstance(value, str):
            parent[path[-1]] = mark()
    return data, set(markers)


WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def _scalars(node: Any) -> Iterator[str]:
    """Yield every value in `node` as the documents may show it (dates also in Dutch)."""
    from protocolgen.render.env import date_nl

    if isinstance(node, dict):
        for value in node.values():
            yield from _scalars(value)
    elif isinstance(node, list):
        for value in node:
            yield from _scalars(value)
    elif isinstance(node, dt.date):
        yield from (node.isoformat(), date_nl(node))
    else:
        yield str(node)


def test_documents_hold_only_the_protocol_and_the_fixed_texts(example_text: str,
                                                              write: Write) -> None:
    """Every text value of the example becomes a unique marker; the documents built from it
    may then hold only markers, the protocol's other values (ids, choices, dates, addresses),
    the cited grounds of the catalogue and the words of docs/vaste-teksten.md. A sentence that
    a template adds without it being in that list fails here; the list itself is tested as
    current (tests/test_cli.py), so the FG reviews every fixed text there."""
    import yaml

    from protocolgen.load.files import Source
    from protocolgen.load.parse import parse
    from protocolgen.schema import catalogue

    data = parse(Source.one("x.yaml", example_text.encode(), ROOT / "protocols")).data
    data, markers = _marked(data)
    docs = pages(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), write)
    fixed = "\n".join(line for line in (ROOT / "docs" / "vaste-teksten.md").read_text(
        encoding="utf-8").splitlines() if line.startswith("- "))
    cited = " ".join(f"{catalogue.label(e)} {e['omschrijving']}"
                     for e in catalogue.by_id().values())
    allowed = _words(fixed) | _words(cited) | _words(" ".join(_scalars(data)))
    # chapter, phase and risk numbers (R1), and the fingerprint of the content, computed
    numbers = re.compile(r"r?[0-9]+|[0-9a-f]{64}")
    for name, page in docs.items():
        seen = _words(visible(page))
        assert {m.lower() for m in markers} & seen or name == "index", name
        assert sorted(w for w in seen - allowed if not numbers.fullmatch(w)) == [], name


CCV = ROOT / "protocols" / "ccv-model.yaml"


def test_several_gemeenten_are_named_everywhere_with_every_adoption(write: Write) -> None:
    """The CCV example is a concept of four gemeenten: every document names them, and the
    protocol has lines to sign for each gemeente and each organ; once adopted, every besluit."""
    text = CCV.read_text(encoding="utf-8")
    names = ["Beekdal", "Heuvelrand", "Veenoord", "Zandhoven"]
    docs = pages(text, write)
    protocol = docs["privacyprotocol"]
    cover = visible(header(protocol))
    assert "Gemeenten Beekdal, Heuvelrand, Veenoord en Zandhoven" in cover
    assert "Samenwerkingsverband Vierkant" in cover and "gemeente Samenwerkingsverband" not in \
        visible(protocol)
    assert "Dit protocol geldt binnen de gemeenten Beekdal, Heuvelrand, Veenoord en Zandhoven" \
        in visible(protocol)
    assert "de colleges van burgemeester en wethouders en de burgemeesters, ieder voor zover" \
        in cover
    signing = section(protocol, "vaststelling")
    for name in names:
        for organ in ("Het college van burgemeester en wethouders", "De burgemeester"):
            assert f"{organ} van {name} Vastgesteld in de vergadering van: Kenmerk van het " \
                   "besluit: Handtekening:" in signing
    assert 'id="intitule"' not in protocol  # the model has no preamble: none is printed
    assert all("Samenwerkingsverband Vierkant" in page for page in docs.values())
    adopted = text.replace("  status: concept\n", "  status: vastgesteld\n", 1).replace(
        "  huisstijl:", "  besluiten:\n" + "".join(
            f"    - gemeente: {name}\n      orgaan: {organ}\n      datum: 2027-0{i + 1}-1{j}\n"
            f"      besluit: {name[:2].upper()}-{organ[:3]}-{i}\n"
            for i, name in enumerate(names) for j, organ in enumerate(("college",
                                                                        "burgemeester")))
        + "  vaststelling:\n    datum: 2027-04-11\n  fg_advies:\n    datum: 2027-01-05\n"
        "    samenvatting: Positief.\n    verwerking: Niets te verwerken.\n  huisstijl:", 1)
    from protocolgen import check

    assert [p.code for p in check(read(write(adopted)), today=TODAY).problems
            if p.code not in ("PG307", "PG306", "PG320")] == []
    signing = section(pages(adopted, write)["privacyprotocol"], "vaststelling")
    assert "Handtekening" not in signing
    assert "De burgemeester van Zandhoven Vastgesteld op 11 april 2027, besluit ZA-bur-3." in \
        signing
    assert "Het college van burgemeester en wethouders van Beekdal Vastgesteld op 10 januari " \
           "2027, besluit BE-col-0." in signing
    missing = adopted.replace("    - gemeente: Veenoord\n      orgaan: burgemeester\n", "    - "
                              "gemeente: Veenord\n      orgaan: burgemeester\n")
    found = [(p.code, p.message) for p in check(read(write(missing)), today=TODAY).problems
             if p.code in ("PG241", "PG242")]
    assert sorted(found) == [("PG241", "'Veenord' is geen gemeente van dit protocol"),
                             ("PG242", "het besluit van de burgemeester van Veenoord ontbreekt")]


def test_a_new_protocol_starts_from_the_model_and_is_not_done(tmp_path: Path) -> None:
    from protocolgen.cli.main import main

    path = tmp_path / "ons-protocol.yaml"
    out, err = io.StringIO(), io.StringIO()
    assert main(["nieuw", str(path)], out, err) == 0
    assert out.getvalue().startswith(f"{path}: nieuw protocol op basis van het CCV "
                                     "Modelprotocol ondermijning.")
    written = path.read_text(encoding="utf-8")
    assert written == CCV.read_text(encoding="utf-8").split("\n", 2)[2]
    assert main(["validate", str(path)], io.StringIO(), io.StringIO()) == 0
    warned = io.StringIO()
    assert main(["validate", "--strict", str(path)], io.StringIO(), warned) == 1
    assert warned.getvalue().count("[PG307]") == 13
    # it never overwrites
    path.write_text("eigen werk\n", encoding="utf-8")
    err = io.StringIO()
    assert main(["nieuw", str(path)], io.StringIO(), err) == 2
    assert err.getvalue() == (f"protocolgen: fout: {path}: dit bestand bestaat al en blijft "
                              "zoals het is — kies een andere naam\n")
    assert path.read_text(encoding="utf-8") == "eigen werk\n"


class _Links(HTMLParser):
    """Counts links opened inside links (not allowed in HTML)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = self.nested = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "a":
            self.nested += self.depth > 0
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.depth = max(0, self.depth - 1)


def test_every_value_that_may_be_open_renders_as_an_open_point(example_text: str,
                                                                write: Write) -> None:
    """With every text and date that may be open marked unknown, the protocol validates with
    warnings only, every document renders, and no open point's link lands inside another."""
    import yaml

    from protocolgen import check
    from protocolgen.load.files import Source
    from protocolgen.load.parse import parse

    data = parse(Source.one("x.yaml", example_text.encode(), ROOT / "protocols")).data
    paths = openable(data)
    count = len(paths)
    data = opened(data, paths)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    problems = check(read(write(text)), today=TODAY).problems
    assert {p.code for p in problems} <= {"PG307", "PG304", "PG305"}
    assert sum(p.code == "PG307" for p in problems) == count + 2 > 300
    for name, page in pages(text, write).items():
        links = _Links()
        links.feed(page)
        assert links.nested == 0, name


def test_the_second_example_builds_with_open_points_as_text_on_the_cards(
        tmp_path: Path) -> None:

    folder = build_one(read(CCV), tmp_path, today=TODAY).folder
    assert folder.name == "samenwerkingsverband-vierkant"
    cards = sorted(folder.glob("rolkaart-*.pdf"))
    assert len(cards) == 13
    for card in cards:
        info = subprocess.run(["pdfinfo", str(card)], capture_output=True, text=True,
                              check=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.M), card.name
    protocol = subprocess.run(["pdftotext", str(folder / "privacyprotocol.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
    assert "Openstaande punten" in protocol and "Veenoord" in protocol
    # a card names an open point but has no list of them: no link that leads nowhere
    for card in folder.glob("rolkaart-*.html"):
        page = card.read_text(encoding="utf-8")
        assert 'href="#open-punt-' not in page, card.name
    assert '<span class="open">nog niet besloten (open punt' in \
        (folder / "rolkaart-casusregisseur.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("written", [
    "open: [onbekend]\n      toelichting: x", "open: {a: 1}\n      toelichting: x",
    "open: onbekend\n      toelichting: x\n      soort: [{a: 1}]",
    "open: onbekend\n      toelichting: [x]", "open: nog-te-besluiten\n      toelichting: x\n"
    "      wie: [college]", "open: onbekend\n      toelichting: x\n      uiterlijk: morgen",
    "open: 12\n      toelichting: x", "open: null\n      toelichting: x"])
def test_a_malformed_open_point_is_a_located_problem(written: str, example_text: str,
                                                    write: Write) -> None:
    from protocolgen import check

    text = mutate(example_text, ("    datum: 2026-08-27\n", f"    datum:\n      {written}\n"))
    problems = check(read(write(text)), today=TODAY).problems
    assert "PG239" in {p.code for p in problems}
    assert all(p.position is not None for p in problems)


def test_a_quoted_date_in_an_open_point_is_a_date(example_text: str, write: Write) -> None:
    """'uiterlijk' takes a date in quotes, as every date field does (an editor that treats
    YAML as JSON writes it so)."""
    from protocolgen import check

    quoted = (RETENTION_TO_DECIDE[0], RETENTION_TO_DECIDE[1].replace("2027-06-01",
                                                                      "'2027-06-01'"))
    text = mutate(example_text, quoted)
    assert [p.code for p in check(read(write(text)), today=TODAY).problems
            if p.code != "PG307"] == []
    listed = section(pages(text, write)["privacyprotocol"], "openstaande-punten")
    assert "de gemeentesecretaris, uiterlijk 1 juni 2027" in listed
    wrong = mutate(example_text, (RETENTION_TO_DECIDE[0], RETENTION_TO_DECIDE[1].replace(
        "2027-06-01", "'2027-13-01'")))
    assert [p.message for p in check(read(write(wrong)), today=TODAY).problems
            if p.code == "PG239"] == ["'uiterlijk' is geen datum"]
