"""Hostile content is neutralised or refused; a failing build leaves earlier output as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from protocolgen.cli.main import main
from protocolgen.errors import InvalidProtocol, RenderError, UsageError
from protocolgen.load.files import read
from protocolgen.render.markdown import markdown
from protocolgen.shipped import templates_dir
from protocolgen.write.layout import Renderer

from .conftest import EXAMPLE, TODAY, Write, build_one, digest, documents, mutate, with_status

HOSTILE = (
    "Zie <script>alert('x')</script> en <img src=x onerror=alert(1)> en "
    "[klik](javascript:alert(1)) en ![](file:///etc/passwd) en ![logo](http://127.0.0.1:9/x.png) "
    "en [lokaal](file:///etc/passwd) en [relatief](../../geheim.txt) en "
    "[site](https://www.lindenwaard.nl) en [mail](mailto:fg@lindenwaard.nl)."
)


@pytest.mark.parametrize(("source", "expected"), [
    ("<script>alert('x')</script>", "<p>&lt;script&gt;alert(‚x’)&lt;/script&gt;</p>\n"),
    ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"),
    ("[klik](javascript:alert(1))", "<p>[klik](javascript:alert(1))</p>\n"),
    ("![](file:///etc/passwd)", "<p>![](file:///etc/passwd)</p>\n"),
    ("![x](http://example.org/x.png)", '<p>!<a href="http://example.org/x.png">x</a></p>\n'),
    ("[x](../../geheim.txt)", "<p>[x](…/…/geheim.txt)</p>\n"),
    ("[x](//evil.example/x)", "<p>[x](//evil.example/x)</p>\n"),
    ("[x](https://wetten.overheid.nl)", '<p><a href="https://wetten.overheid.nl">x</a></p>\n'),
    ('"citaat"', "<p>„citaat”</p>\n"),
], ids=["script", "raw html", "javascript link", "local image", "remote image", "relative link",
        "protocol-relative link", "https link", "dutch quotes"])
def test_markdown_is_neutralised(source: str, expected: str) -> None:
    assert markdown(source) == expected



@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("vijandig")
    (folder / "lindenwaard-logo.svg").write_bytes((EXAMPLE.parent / "lindenwaard-logo.svg")
                                                  .read_bytes())
    text = mutate(EXAMPLE.read_text(encoding="utf-8"),
                  ("    samenvatting: >-\n      De FG adviseert positief",
                   f"    samenvatting: >-\n      {HOSTILE} De FG adviseert positief"),
                  ("- het signaal registreren in het casussysteem",
                   f"- \"{HOSTILE}\""))
    source = folder / "vijandig.yaml"
    source.write_text(text, encoding="utf-8")
    return build_one(read(source), folder / "output", today=TODAY).folder


def test_hostile_markdown_does_not_reach_the_html(hostile_build: Path) -> None:
    html = (hostile_build / "privacyprotocol.html").read_text(encoding="utf-8")
    assert "<script" not in html and "onerror=" not in html.replace("onerror=alert(1)&gt;", "")
    assert re.findall(r'href="([^"]+)"', html).count("javascript:alert(1)") == 0
    assert not re.search(r'(src|href)="(file:|\.\./|//)', html)
    assert re.findall(r"<img [^>]*>", html) == [
        '<img class="logo" src="assets/logo.svg" alt="Logo gemeente Lindenwaard">']
    assert '<a href="https://www.lindenwaard.nl">site</a>' in html
    assert "&lt;script&gt;alert(‚x’)&lt;/script&gt;" in html


def test_hostile_build_embeds_only_the_source(hostile_build: Path) -> None:
    import pikepdf

    for path in documents(hostile_build, ".pdf"):
        with pikepdf.open(path) as pdf:
            carried = [] if path.name.startswith("rolkaart-") else ["vijandig.yaml"]
            assert list(pdf.attachments) == carried


@pytest.mark.parametrize("html", [
    '<link rel="attachment" href="file:///etc/passwd"><p>x</p>',
    '<img src="file:///etc/passwd" alt="x">',
    '<img src="assets/../../../../etc/hostname" alt="x">',
    '<img src="http://127.0.0.1:9/x.png" alt="x">',
    '<p style="background: url(http://127.0.0.1:9/x.png)">x</p>',
    '<style>@import url("https://127.0.0.1:9/x.css");</style><p>x</p>',
], ids=["attachment", "local file", "escape by dots", "http image", "css background",
        "css import"])
def test_renderer_refuses_every_other_url(html: str, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("geheim", encoding="utf-8")
    renderer = Renderer({"file:///protocolgen/x/assets/print.css": b"p { color: black }"})
    page = html.replace("file:///etc/passwd", secret.as_uri())
    with pytest.raises(RenderError, match=r"geweigerd: .* — een document mag alleen de eigen "
                                          r"stijl, lettertypen en het logo laden"):
        renderer.pdf(renderer.render(page, "file:///protocolgen/x/"))


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("eerder")
    build_one(read(EXAMPLE), out, today=TODAY)
    return out


def test_a_rebuild_replaces_the_output_and_leaves_nothing_behind(tmp_path: Path) -> None:
    first = build_one(read(EXAMPLE), tmp_path, today=TODAY).folder
    (first / "oud-bestand.txt").write_text("van een eerdere bouw", encoding="utf-8")
    build_one(read(EXAMPLE), tmp_path, today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lindenwaard"]  # no hidden folders
    assert not (first / "oud-bestand.txt").exists()


def test_assets_up_to_the_size_limit_are_served() -> None:
    from weasyprint.urls import FatalURLFetchingError

    from protocolgen.write.layout import MAX_ASSET_BYTES, AssetFetcher

    url = "file:///protocolgen/x/assets/logo.png"
    assert len(AssetFetcher({url: b"\0" * MAX_ASSET_BYTES}).fetch(url).read()) == MAX_ASSET_BYTES
    with pytest.raises(FatalURLFetchingError, match="geweigerd"):
        AssetFetcher({url: b"\0" * (MAX_ASSET_BYTES + 1)}).fetch(url)
    with pytest.raises(FatalURLFetchingError, match="geweigerd"):
        AssetFetcher({url: b"x"}).fetch("file:///protocolgen/x/assets/ander.png")


def test_invalid_protocol_leaves_output_untouched(earlier: Path, write: Write) -> None:
    before = digest(earlier)
    bad = write(mutate(EXAMPLE.read_text(encoding="utf-8"), with_status("klaar")))
    with pytest.raises(InvalidProtocol):
        build_one(read(bad), earlier, today=TODAY)
    assert digest(earlier) == before and sorted(p.name for p in earlier.iterdir()) == [
        "lindenwaard"]


def test_template_error_leaves_output_untouched(earlier: Path, tmp_path: Path) -> None:
    before = digest(earlier)
    (tmp_path / "rolkaart.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block body %}{{ rol.telefoonnummer }}{% endblock %}',
        encoding="utf-8")
    with pytest.raises(RenderError, match=r"rolkaart.html.j2:1: sjabloon 'rolkaart.html.j2' kan "
                                          r"niet worden gemaakt: .*'telefoonnummer'"):
        build_one(read(EXAMPLE), earlier, templates=tmp_path, today=TODAY)
    assert digest(earlier) == before and sorted(p.name for p in earlier.iterdir()) == [
        "lindenwaard"]


def test_template_syntax_error_is_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html.j2").write_text("{% for x in %}", encoding="utf-8")
    with pytest.raises(RenderError, match=r"index.html.j2:1: sjabloonfout: .* — herstel het "
                                          "sjabloon"):
        build_one(read(EXAMPLE), tmp_path / "out", templates=tmp_path, today=TODAY)
    assert not (tmp_path / "out").exists()


def test_override_stylesheet_is_used(tmp_path: Path) -> None:
    (tmp_path / "stijl").mkdir()
    css = (templates_dir() / "print.css").read_text(encoding="utf-8") + "h1 { color: #102030; }"
    (tmp_path / "stijl" / "print.css").write_text(css, encoding="utf-8")
    folder = build_one(read(EXAMPLE), tmp_path / "out", templates=tmp_path / "stijl",
                   today=TODAY).folder
    assert (folder / "assets" / "print.css").read_text(encoding="utf-8") == css


def test_missing_template_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="de map met sjablonen bestaat niet"):
        build_one(read(EXAMPLE), tmp_path, templates=tmp_path / "weg", today=TODAY)


def test_cli_build_reports_and_exits(tmp_path: Path, write: Write,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path / "out")]) == 0
    folder = tmp_path / "out" / "lindenwaard"
    written = documents(folder, ".html") + documents(folder, ".pdf")
    written += [folder / "manifest.json", *(folder / "bundels").iterdir()]
    assert capsys.readouterr().out == (f"{EXAMPLE}: {len(written)} bestanden geschreven in "
                                       f"{folder}\n")
    bad = write(mutate(EXAMPLE.read_text(encoding="utf-8"), with_status("klaar")))
    assert main(["build", str(bad), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "fout: document.status: 'klaar' is geen toegestane waarde" in err
    assert err.endswith(f"protocolgen: {bad}: niets geschreven; los eerst de fouten op\n")


@pytest.mark.parametrize(("name", "expected"), [
    ("Lindenwaard", "lindenwaard"), ("Súdwest-Fryslân", "sudwest-fryslan"),
    ("../../etc", "etc"), ("'s-Hertogenbosch", "s-hertogenbosch"), ("///", "protocol"),
])
def test_output_folder_is_a_safe_slug(name: str, expected: str) -> None:
    from protocolgen.schema.fields import slug

    assert slug(name) == expected
