"""The documents: what a build writes, checked with independent tools (poppler, qpdf, pikepdf)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
import yaml

from protocolgen.load.files import read
from protocolgen.model.protocol import Protocol

from .conftest import (
    EXAMPLE,
    TODAY,
    Write,
    asset_urls,
    build_one,
    digest,
    documents,
    mutate,
    protocol_of,
    rendered,
)


@pytest.fixture(scope="session")
def protocol() -> Protocol:
    return protocol_of(EXAMPLE)


def tool(*args: str | Path) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True,
                          check=True).stdout


def squeeze(text: str) -> str:
    """Return text without white space and hyphens, so line breaks and hyphenation vanish."""
    return re.sub(r"[\s\-‐]+", "", text).lower()


def pdf_text(path: Path) -> str:
    return squeeze(tool("pdftotext", path, "-"))


def test_build_writes_every_document(built: Path, protocol: Protocol) -> None:
    names = {p.name for p in built.iterdir() if p.is_file()}
    expected = {"index.html", "privacyprotocol.html", "privacyprotocol.pdf", "dpia.html",
                "dpia.pdf", ".protocolgen", "manifest.json"}
    expected |= {f"rolkaart-{r.id}.{ext}" for r in protocol.rollen for ext in ("html", "pdf")}
    assert names == expected  # no temporary folders either
    assert (built / ".protocolgen").read_text(encoding="utf-8") == "lindenwaard.yaml\n"
    assert {p.name for p in (built / "assets").iterdir()} == {"print.css", "fonts", "logo.svg"}
    assert {p.name for p in built.iterdir() if p.is_dir()} == {"assets", "bundels"}


def test_protocol_pdf_names_every_part(built: Path, protocol: Protocol) -> None:
    text = pdf_text(built / "privacyprotocol.pdf")
    needles = ([f.naam for f in protocol.fases] + [r.naam for r in protocol.rollen]
               + [g.label for g in protocol.grondslagen] + [c.naam for c in protocol.gegevens]
               + [b.naam for b in protocol.bronnen] + [r.wat for r in protocol.bewaartermijnen]
               + [w.naam for f in protocol.fases for w in f.wegingen])
    assert [n for n in needles if squeeze(n) not in text] == []


def test_dpia_pdf_names_every_risk_and_measure(built: Path, protocol: Protocol) -> None:
    text = pdf_text(built / "dpia.pdf")
    needles = ([r.titel for r in protocol.dpia.risicos]
               + [m.titel for m in protocol.dpia.maatregelen]
               + [c.naam for c in protocol.gegevens]
               + [f"{n} {t}" for n, t in enumerate(
                   ["Voorstel", "Persoonsgegevens", "Gegevensverwerkingen",
                    "Technieken en methoden van de gegevensverwerkingen",
                    "Verwerkingsdoeleinden", "Betrokken partijen",
                    "Belangen bij de gegevensverwerkingen", "Verwerkingslocaties",
                    "Juridisch en beleidsmatig kader", "Bewaartermijnen", "Rechtsgrond",
                    "Bijzondere persoonsgegevens", "Doelbinding", "Noodzaak en evenredigheid",
                    "Rechten van de betrokkenen", "Risico's", "Maatregelen"], start=1)])
    assert [n for n in needles if squeeze(n) not in text] == []


def test_risk_levels_are_computed(built: Path) -> None:
    html = (built / "dpia.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="risico-doelverschuiving">.*?</tr>', html, re.S)
    assert row is not None
    assert '<td>3 × 3</td><td><span class="niveau hoog">hoog</span></td>' in row.group()
    assert '<td>1 × 3: <span class="niveau laag">laag</span></td>' in row.group()


def test_each_role_card_is_one_page_with_its_role(built: Path, protocol: Protocol) -> None:
    for role in protocol.rollen:
        path = built / f"rolkaart-{role.id}.pdf"
        assert "Pages:           1\n" in tool("pdfinfo", path), role.id
        assert squeeze(role.naam) in pdf_text(path)


def test_fonts_are_embedded_and_only_the_shipped_font(built: Path) -> None:
    for path in documents(built, ".pdf"):
        rows = tool("pdffonts", path).splitlines()[2:]
        assert rows, path.name
        for row in rows:
            name, *_, emb, _sub, uni, _obj, _gen = row.split()
            assert re.fullmatch(r"[A-Z]{6}\+Noto-Sans(-Bold|-Italic|-Bold-Italic)?", name), row
            assert (emb, uni) == ("yes", "yes"), (path.name, row)


def test_pdfs_are_tagged_archival_and_carry_their_source(built: Path) -> None:
    """The protocol and the DPIA carry the data they were made from, without the authors'
    comments; a role card, which goes to teams and partners, carries nothing."""
    source = EXAMPLE.read_text(encoding="utf-8")
    comments = [line.lstrip("# ") for line in source.splitlines() if line.startswith("# ")]
    assert len(comments) >= 2
    for path in documents(built, ".pdf"):
        info = tool("pdfinfo", path)
        assert "Tagged:          yes" in info
        assert re.search(r"Title:\s+\S", info)
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "nl"
            assert pdf.Root.MarkInfo.Marked
            assert pdf.Root.ViewerPreferences.DisplayDocTitle
            meta = pdf.open_metadata()
            assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "A")
            assert meta["pdfuaid:part"] == "1"
            assert len(pdf.Root.OutputIntents) == 1
            attachments = {name: (a.get_file().read_bytes(), a.get_file().mime_type,
                                  str(a.obj.AFRelationship))
                           for name, a in pdf.attachments.items()}
        if path.name.startswith("rolkaart-"):
            assert attachments == {}
            continue
        assert list(attachments) == ["lindenwaard.yaml"]
        carried, mime, relation = attachments["lindenwaard.yaml"]
        assert (mime, relation) == ("application/yaml", "/Source")
        assert yaml.safe_load(carried) == yaml.safe_load(source)
        assert b"#" not in carried.replace(b"#1f4e79", b"")  # the colour is data, not a comment
        assert [c for c in comments if c.encode() in carried] == []


def test_pdfs_pass_qpdf_check(built: Path) -> None:
    for path in documents(built, ".pdf"):
        assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0


def test_running_header_and_page_numbers(built: Path) -> None:
    pages = tool("pdftotext", "-layout", built / "privacyprotocol.pdf", "-").split("\f")[:-1]
    total = len(pages)
    for number, page in enumerate(pages[1:], start=2):
        assert "Gemeente Lindenwaard · Privacyprotocol · versie 1.1" in page
        assert f"pagina {number} van {total}" in page


def test_toc_has_page_numbers_and_bookmarks(built: Path) -> None:
    text = tool("pdftotext", "-layout", "-f", "2", "-l", "2", built / "privacyprotocol.pdf", "-")
    assert re.search(r"7 Van signaal naar actie \.+ \d+", text)
    with pikepdf.open(built / "privacyprotocol.pdf") as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root[0].children] if len(
            outline.root) == 1 else [item.title for item in outline.root]
    assert "7 Van signaal naar actie" in titles


def test_vastgesteld_protocol_has_no_concept_mark(built: Path) -> None:
    assert "CONCEPT" not in tool("pdftotext", built / "privacyprotocol.pdf", "-")


def test_concept_is_marked_on_every_page(concept_built: Path) -> None:
    for name in ("privacyprotocol.pdf", "dpia.pdf", "rolkaart-boa.pdf"):
        pages = tool("pdftotext", concept_built / name, "-").split("\f")[:-1]
        assert pages and all("CONCEPT" in page for page in pages), name



def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = build_one(read(EXAMPLE), tmp_path, today=TODAY).folder
    assert digest(again) == digest(built)


def test_pdfua_smoke_check_finds_no_errors(built: Path) -> None:
    """pdfua checks 16 of 106 PDF/UA-1 rules; UA-15-003 is a known false positive: WeasyPrint
    puts /Headers on the data cells, pdfua looks for them on the header cells."""
    import json
    import sys

    for path in documents(built, ".pdf"):
        done = subprocess.run([str(Path(sys.executable).parent / "pdfua"), "check", "--format",
                               "json", str(path)], capture_output=True, text=True)
        report = json.loads(done.stdout)
        assert report["summary"]["errors"] == 0, path.name
        assert {f["rule_id"] for f in report["findings"]} <= {"UA-15-003"}, path.name


def test_a_stylesheet_parsed_once_gives_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A renderer parses the stylesheet once for all documents instead of following each
    document's link to it; the PDF is the same byte for byte."""
    import protocolgen.write.layout

    plan = rendered(EXAMPLE)
    page, base = plan.pages["rolkaart-boa"], f"file:///protocolgen/{plan.name}/"
    assert protocolgen.write.layout.STYLESHEET in page
    renderer = protocolgen.write.layout.Renderer(asset_urls(plan))
    once = [renderer.pdf(renderer.render(page, base)) for _ in range(2)]
    assert len(renderer.styles) == 1 and once[0] == once[1]
    monkeypatch.setattr(protocolgen.write.layout, "STYLESHEET", "<link niet gebruikt>")
    linked = protocolgen.write.layout.Renderer(asset_urls(plan))
    assert linked.pdf(linked.render(page, base)) == once[0] and not linked.styles


def test_a_card_too_long_for_one_page_names_the_role_and_what_to_shorten(
        tmp_path: Path, write: Callable[[str], Path]) -> None:
    """Card text never shrinks below 9 pt: a card that does not fit fails the build, which
    names the role and its longest parts; nothing is written."""
    long = "      - " + "een taak die veel te lang is voor een rolkaart " * 12 + "\n"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "      - meldt signalen die bij toezicht worden gezien\n",
        "      - meldt signalen die bij toezicht worden gezien\n" + long * 4, 1)
    run = subprocess.run([sys.executable, "-m", "protocolgen", "build", str(write(text)), "-o",
                          str(tmp_path / "uit")], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert (":555:9: fout: rollen.11.id: de rolkaart van Boa's en toezichthouders past niet "
            "op één A4 — maak het langste korter: 'Wat u doet' (") in run.stderr
    assert "[PG243]" in run.stderr
    assert "Traceback" not in run.stderr and not (tmp_path / "uit" / "lindenwaard").exists()


def test_addresses_and_phone_numbers_are_never_broken(built: Path) -> None:
    """An address on a card is typed over by its reader: every e-mail address, phone number
    and web address in a document stands whole on one line of the PDF, never hyphenated or
    split."""
    seen: set[str] = set()
    for path in documents(built, ".pdf"):
        html = path.with_suffix(".html").read_text(encoding="utf-8")
        shown = [text for text in re.findall(
            r'href="(?:mailto:|tel:|https?://)[^"]+">([^<]+)</a>', html)
            if "@" in text or "/" in text or re.fullmatch(r"[0-9 +()-]+", text)]
        text = tool("pdftotext", "-layout", path, "-")
        assert [a for a in set(shown) if text.count(a) < shown.count(a)] == [], path
        seen |= set(shown)
    assert any("@" in a for a in seen) and any("/" in a for a in seen)
    assert any(a[0].isdigit() for a in seen)


def test_voorbeeldplaatjes_shows_a_card_the_overview_and_the_heat_map(built: Path,
                                                                      tmp_path: Path) -> None:
    from .conftest import ROOT

    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "voorbeeldplaatjes.py"),
                          str(built.parent), str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    made = sorted(p.name for p in (tmp_path / built.name).iterdir())
    assert made[:2] == ["dpia-risicomatrix.png", "protocol-procesplaat.png"]
    card = made[2].removesuffix(".png")
    assert len(made) == 3 and "Acuut gevaar?" in tool("pdftotext", built / f"{card}.pdf", "-")
    assert all((tmp_path / built.name / name).read_bytes().startswith(b"\x89PNG")
               for name in made)


@pytest.mark.parametrize("tasks", [12, 150], ids=["overflows-in-layout", "refused-before-layout"])
def test_a_role_card_that_does_not_fit_is_a_located_error(tasks: int, example_text: str,
                                                          write: Write, tmp_path: Path) -> None:
    """A card that does not fit on one A4 stops the build with the role's place in the source
    (PG243) and what to shorten; one far too long is refused before any layout (issue 23
    item 18: a huge card took minutes and gigabytes and failed without file:line)."""
    from protocolgen.errors import NotBuilt

    long = "".join(f"      - controleert bij elk signaal in de wijk het dossier nummer {i} en "
                   "legt de bevindingen vast in het casussysteem met datum en reden\n"
                   for i in range(tasks))
    text = mutate(example_text, ("      - meldt signalen die bij toezicht worden gezien\n",
                                 long + "      - meldt signalen die bij toezicht worden gezien\n"))
    source = write(text)
    with pytest.raises(NotBuilt) as raised:
        build_one(read(source), tmp_path / "out", today=TODAY)
    [(name, [found])] = raised.value.failed
    assert (name, found.code, found.path) == (str(source), "PG243", ("rollen", 10, "id"))
    line = text[:text.index("  - id: boa\n")].count("\n") + 1
    assert found.position is not None and (found.position.line, found.position.column) == (
        line, 9)
    assert found.message == "de rolkaart van Boa's en toezichthouders past niet op één A4"
    assert found.action.startswith("maak het langste korter: 'Wat u doet' (")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
