"""The public edition leaks nothing internal: a marker in every internal value of both examples
(the format's internal fields, and more that a protocol adds under publicatie.intern) is
searched in every byte of the public output — HTML text and attributes, the text of every PDF
page, the PDFs' metadata, bookmarks and attachments, the Word file's XML parts and properties,
the metadata file, the manifest and any zip — and, with Hypothesis, for random sets of fields
a protocol marks internal."""

from __future__ import annotations

import copy
import dataclasses
import functools
import html
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import EXAMPLE, LOGO, SECOND_EXAMPLE, TODAY, build_one

EXAMPLES = [EXAMPLE, SECOND_EXAMPLE]
MARK = "lekmerk"


@functools.cache
def _checked(path: Path) -> Any:
    """Return the checked example (shared: every test copies before it changes anything)."""
    from protocolgen.checks.validate import check
    from protocolgen.load.parse import load

    return check(load(path), today=TODAY)


def _withholdable(data: dict[str, Any]) -> list[str]:
    """Return every path (without numbers) in `data` that a protocol may mark internal."""
    from protocolgen.schema.protocol import ROOT
    from protocolgen.schema.publication import can_withhold, dotted
    from protocolgen.schema.walk import walk

    return sorted({dotted(path) for path, field, _ in walk(ROOT, data)
                   if path and isinstance(path[-1], str) and path[0] != "publicatie"
                   and can_withhold(field)})


def marked(data: dict[str, Any], extra: list[str]) -> tuple[dict[str, Any], list[str]]:
    """Return a copy of `data` that marks `extra` internal too, with a marker in every text
    at an internal path, and the markers. Phone numbers become marked numbers (their pattern
    allows digits only); other texts with a pattern (a fingerprint) stay as they are."""
    from protocolgen.schema.protocol import ROOT, SCHEMA
    from protocolgen.schema.publication import dotted, internal_paths

    data = copy.deepcopy(data)
    data["publicatie"] = {**data.get("publicatie", {}), "dpia": True,
                          "intern": sorted(set(data.get("publicatie", {}).get("intern", []))
                                           | set(extra))}
    internal = internal_paths(SCHEMA, data)
    markers: list[str] = []

    def mark(node: Any, field: dict[str, Any], path: tuple[Any, ...], inside: bool) -> Any:
        inside = inside or (bool(path) and isinstance(path[-1], str)
                            and dotted(path) in internal)
        if isinstance(node, dict) and field.get("type") == "dict":
            return {k: mark(v, field["schema"].get(k, {}), (*path, k), inside)
                    for k, v in node.items()}
        if isinstance(node, list) and field.get("type") == "list":
            return [mark(v, field["schema"], (*path, i), inside) for i, v in enumerate(node)]
        if inside and isinstance(node, str) and (path[-1] in ("email", "telefoon")
                                                 or "regex" not in field):
            n = len(markers)
            if path[-1] == "telefoon":
                markers.append(f"+(9) 7531-{n:05d}")
                return markers[-1]
            markers.append(f"{MARK}{n}x")
            return f"{markers[-1]}{node}" if path[-1] == "email" else f"{node} {markers[-1]}"
        return node

    return mark(data, ROOT, (), False), markers


def _texts(path: Path) -> list[str]:
    """Return every text a public file holds, each as it is and with whitespace and hyphens
    taken out (a marker may be broken over two lines of a PDF)."""
    body = path.read_bytes()
    found: list[str] = []
    if path.suffix == ".pdf":
        pages = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                               check=True).stdout.decode()
        found.append(pages)
        with pikepdf.open(path) as pdf:
            found += [str(v) for v in pdf.docinfo.values()]
            found.append(str(pdf.open_metadata()))
            found += [a.get_file().read_bytes().decode() for a in pdf.attachments.values()]
            with pdf.open_outline() as outline:
                stack = list(outline.root)
                while stack:
                    item = stack.pop()
                    found.append(item.title)
                    stack += list(item.children)
    elif path.suffix in (".docx", ".zip"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            for name in archive.namelist():
                part = archive.read(name)
                found.append(part.decode("utf-8", "replace"))
                found.append(re.sub(r"<[^>]+>", "", part.decode("utf-8", "replace")))
    else:
        text = body.decode("utf-8", "replace")
        found += [text, html.unescape(text)]
    return found + [re.sub(r"[\s\u00ad-]", "", t) for t in found]


def public_files(folder: Path) -> list[Path]:
    """Return every file of the public edition, and the manifest beside it."""
    return [p for p in sorted((folder / "publiek").rglob("*")) if p.is_file()] + [
        folder / "manifest.json"]


def leaks(folder: Path, secrets: list[str]) -> dict[str, list[str]]:
    """Return, per public file, the secrets found in it."""
    found = {}
    for path in public_files(folder):
        texts = _texts(path)
        hits = [s for s in secrets if any(s in t or re.sub(r"[\s-]", "", s) in t for t in texts)]
        if hits:
            found[path.relative_to(folder).as_posix()] = hits
    return found


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def marked_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                 ) -> tuple[Path, list[str], Any]:
    """Build the public edition of an example with a marker in every internal value (and
    document.fg_advies marked internal by the protocol)."""
    from protocolgen.load.canonical import as_yaml
    from protocolgen.load.files import read

    example: Path = request.param
    checked = _checked(example)
    data, markers = marked(checked.document.data, ["document.fg_advies"])
    work = tmp_path_factory.mktemp("lek")
    shutil.copyfile(EXAMPLE.parent / LOGO, work / LOGO)
    source = work / example.name
    source.write_bytes(as_yaml(data))
    result = build_one(read(source), work / "out", today=TODAY, editions=("intern", "publiek"))
    return result.folder, markers, data


def test_every_marker_is_in_the_internal_edition(marked_build: tuple[Path, list[str], Any]
                                                 ) -> None:
    """The markers are really there: each one is in an internal document (so the search
    below can find what it looks for)."""
    folder, markers, _ = marked_build
    assert len(markers) > 20
    internal = " ".join(p.read_text(encoding="utf-8") for p in folder.glob("*.html"))
    assert [m for m in markers if m not in html.unescape(internal)] == []


def test_no_marker_reaches_a_public_file(marked_build: tuple[Path, list[str], Any]) -> None:
    folder, markers, _ = marked_build
    names = {p.relative_to(folder).as_posix() for p in public_files(folder)}
    assert {"publiek/privacyprotocol.pdf", "publiek/dpia.pdf", "publiek/privacyprotocol.docx",
            "publiek/gemeenteblad.json", "publiek/privacyprotocol.html"} <= names
    assert not any("rolkaart" in n for n in names)
    assert leaks(folder, markers) == {}


def test_the_gap_says_what_is_left_out(marked_build: tuple[Path, list[str], Any]) -> None:
    folder, _, data = marked_build
    page = (folder / "publiek" / "privacyprotocol.html").read_text(encoding="utf-8")
    assert '<span class="intern">contactgegevens: zie de interne versie</span>' in page
    assert "concrete rode vlaggen: zie de interne versie" in page
    dpia = (folder / "publiek" / "dpia.html").read_text("utf-8")
    assert ("fg_advies" in data["document"]) == ("zie de interne versie" in dpia)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_internal_value_of_the_example_reaches_the_public_files(example: Path,
                                                                   tmp_path: Path) -> None:
    """The examples as they are: every e-mail address, phone number, contact name and red
    flag of an internal field is absent from the public files, unless the protocol also says
    it in a public place (the rights contact, the text on complaints)."""
    from protocolgen.load.files import read
    from protocolgen.schema.protocol import ROOT, SCHEMA
    from protocolgen.schema.publication import dotted, internal_paths
    from protocolgen.schema.walk import walk

    data = _checked(example).document.data
    internal = internal_paths(SCHEMA, data)
    hidden, shown = set(), []
    for path, _, value in walk(ROOT, data):
        under = any(dotted(path[:end]) in internal for end in range(1, len(path) + 1)
                    if isinstance(path[end - 1], str))
        if isinstance(value, str):
            (hidden.add(value) if under else shown.append(value))
    public_text = "\n".join(shown)
    secrets = sorted(v for v in hidden if len(v) >= 6 and v not in public_text)
    assert any("@" in s for s in secrets) and len(secrets) > 10
    folder = build_one(read(example), tmp_path, today=TODAY, editions=("publiek",),
                       formats=("html", "docx")).folder
    assert leaks(folder, secrets) == {}


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.data())
def test_random_internal_fields_never_leak(data: st.DataObject) -> None:
    """For a random set of fields a protocol marks internal, none of their values is in the
    public HTML, the Word file or the metadata file."""
    from protocolgen.model.build import from_checked
    from protocolgen.model.edition import plain, public
    from protocolgen.render.env import make_env
    from protocolgen.render.pages import render
    from protocolgen.write.gemeenteblad import metadata_file
    from protocolgen.write.word import document

    example = data.draw(st.sampled_from(EXAMPLES))
    checked = _checked(example)
    fields = data.draw(st.lists(st.sampled_from(_withholdable(checked.document.data)),
                                min_size=1, max_size=8, unique=True))
    content, markers = marked(checked.document.data, fields)
    checked = dataclasses.replace(checked, document=dataclasses.replace(checked.document,
                                                                        data=content))
    edition = public(checked)
    assert edition.document is not None
    site = render(from_checked(edition), plain(edition.document.data), checked.source,
                  make_env(), edition="publiek")
    word = document(site)
    with zipfile.ZipFile(io.BytesIO(word)) as archive:
        parts = [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    texts = [*map(html.unescape, site.pages.values()), *parts,
             *(b.decode() for b in metadata_file(site.protocol).values()),
             site.attachment.content.decode()]
    assert [m for m in markers if any(m in t for t in texts)] == []


def test_publicatie_names_fields_that_exist(write: Any, example_text: str) -> None:
    from protocolgen.checks.validate import check
    from protocolgen.load.parse import load

    text = example_text + ("publicatie:\n  intern:\n  - rollen.contactt\n  - document.status\n"
                           "  openbaar:\n  - veld: rollen.taken\n    reden: Openbaar.\n")
    found = [(p.code, p.message) for p in check(load(write(text)), today=TODAY).problems
             if p.code in ("PG250", "PG251")]
    assert found == [
        ("PG250", "'rollen.contactt' is geen veld van het formaat"),
        ("PG250", "'document.status' kan niet uit de openbare editie worden weggelaten: een "
         "id, verwijzing, keuze of getal waar de documenten op steunen"),
        ("PG251", "'rollen.taken' is niet intern volgens het formaat")]


def test_a_protocol_can_publish_an_internal_field_with_a_reason() -> None:
    from protocolgen.model.edition import public

    checked = _checked(EXAMPLE)
    content = {**checked.document.data, "publicatie": {"openbaar": [
        {"veld": "rollen.contact", "reden": "Het zijn functieadressen."}]}}
    edition = public(dataclasses.replace(checked, document=dataclasses.replace(
        checked.document, data=content)))
    assert edition.document is not None
    roles = edition.document.data["rollen"]
    assert [r["contact"] for r in roles if "contact" in r] == [
        r["contact"] for r in checked.document.data["rollen"] if "contact" in r]
    assert all(str(s) == "waaraan deze rol een signaal herkent: zie de interne versie"
               for r in roles for s in r.get("signalen", []))


def test_the_manifest_names_each_files_edition(marked_build: tuple[Path, list[str], Any]
                                               ) -> None:
    folder, _, _ = marked_build
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    editions = {f["pad"]: f["editie"] for f in manifest["bestanden"]}
    assert editions["publiek/privacyprotocol.docx"] == "publiek"
    assert editions["privacyprotocol.pdf"] == "intern"
    assert {e for p, e in editions.items() if p.startswith("publiek/")} == {"publiek"}
    assert {e for p, e in editions.items() if not p.startswith("publiek/")} == {"intern"}


def test_the_index_pages_say_which_edition_is_which(marked_build: tuple[Path, list[str], Any],
                                                    tmp_path: Path) -> None:
    """Built together, the internal index points to the public edition and says that it is
    itself internal; the public index says it is the public one; built alone, the internal
    index names no public folder."""
    from protocolgen.load.files import read

    folder, _, _ = marked_build
    internal = (folder / "index.html").read_text(encoding="utf-8")
    assert '<a href="publiek/index.html">publiek</a> bevat de openbare editie' in internal
    assert "zijn de interne editie" in internal
    public = (folder / "publiek" / "index.html").read_text(encoding="utf-8")
    assert "Dit is de openbare editie" in public and "publiek/index.html" not in public
    alone = build_one(read(EXAMPLE), tmp_path, today=TODAY, formats=("html",)).folder
    assert "publiek" not in (alone / "index.html").read_text(encoding="utf-8")
