"""The DPIA follows the government's report model (Model DPIA Rijksdienst, rapportagemodel
version 3.0, as published with the government's own DPIA form): every section 0-20 is a heading
of the DPIA, in order, and every reference to a risk or measure resolves."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .conftest import EXAMPLE, protocol_of

REPORT_MODEL = (
    "Inleiding", "Voorstel", "Persoonsgegevens", "Gegevensverwerkingen",
    "Technieken en methoden van de gegevensverwerkingen", "Verwerkingsdoeleinden",
    "Betrokken partijen", "Belangen bij de gegevensverwerkingen", "Verwerkingslocaties",
    "Juridisch en beleidsmatig kader", "Bewaartermijnen", "Rechtsgrond",
    "Bijzondere persoonsgegevens, strafrechtelijke persoonsgegevens en nationale "
    "identificatienummers", "Doelbinding", "Noodzaak en evenredigheid",
    "Rechten van de betrokkenen", "Risico's voor betrokkenen", "Maatregelen",
    "Managementsamenvatting", "Versie, status, DPIA-dossier, documentbeheerder en advies FG",
    "Vaststelling en ondertekening",
)
"""The sections of the report model, numbered from 0 (MinBZK par-dpia-form, questions_DPIA)."""

ART_35_7 = {"A": "onder a", "B": "onder b", "C": "onder c", "D": "onder d"}

RIGHTS = ("art. 13 en 14", "art. 15", "art. 16", "art. 17", "art. 18", "art. 20", "art. 21",
          "art. 22")


def headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).replace("&#39;", "'")
            for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)]


def test_every_section_of_the_report_model_is_a_heading_in_order(built: Path) -> None:
    html = (built / "dpia.html").read_text(encoding="utf-8")
    found = headings(html)
    wanted = [f"{number} {title}" for number, title in enumerate(REPORT_MODEL)]
    places = [found.index(title) for title in wanted]
    assert places == sorted(places)
    text = " ".join(subprocess.run(["pdftotext", str(built / "dpia.pdf"), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())
    assert all(title.replace("'", "’") in text or title in text for title in wanted)
    assert "Model DPIA Rijksdienst, versie 3.0" in text


def test_the_parts_keep_the_mapping_to_art_35_7(built: Path) -> None:
    html = (built / "dpia.html").read_text(encoding="utf-8")
    for part, letter in ART_35_7.items():
        section = html[html.index(f'id="deel-{part.lower()}-kop">{part} '):]
        assert f"AVG art. 35 lid 7 {letter}" in section[:400], part


def test_every_right_is_answered_or_not_applicable_with_a_reason(built: Path) -> None:
    html = (built / "dpia.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="rechten">'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td></tr>", table, re.S)
    assert [re.search(r"\((art\. [^)]*)\)$", name)[1] for name, _ in rows] == list(RIGHTS)  # type: ignore[index]
    for _, answer in rows:
        assert answer.strip() and (not answer.startswith("Niet van toepassing")
                                   or answer.startswith("Niet van toepassing, omdat"))


def test_risks_and_measures_are_numbered_and_every_reference_resolves(built: Path) -> None:
    protocol = protocol_of(EXAMPLE)
    html = (built / "dpia.html").read_text(encoding="utf-8")
    measures = len(protocol.dpia.maatregelen)
    for x in protocol.dpia.maatregelen:
        number = protocol.dpia.nummer(x)
        assert f'<tr id="maatregel-{x.id}"><th scope="row">{number}</th>' in html
    text = re.sub(r"<[^>]+>", " ", html)
    cited = [int(n) for n in re.findall(r"\bmaatregel(?:en)? M([0-9]+)", text)]
    assert cited and all(1 <= n <= measures for n in cited)
    for target in set(re.findall(r'href="#([^"]+)"', html)):
        assert f'id="{target}"' in html, target


def test_the_summary_names_every_risk_that_stays_midden_or_hoog(built: Path) -> None:
    protocol = protocol_of(EXAMPLE)
    html = (built / "dpia.html").read_text(encoding="utf-8")
    summary = html[html.index('id="dpia-18"'):html.index('id="dpia-19"')]
    staying = [r for r in protocol.dpia.risicos if r.restniveau != "laag"]
    assert staying
    for risk in protocol.dpia.risicos:
        listed = f"{protocol.dpia.nummer(risk)} {risk.titel}" in summary
        assert listed == (risk in staying), risk.id
