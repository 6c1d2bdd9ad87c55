"""The live preview end to end: start it, edit the protocol, see the change; an invalid edit
shows the Dutch problems over the last good documents; it listens on 127.0.0.1 only."""

from __future__ import annotations

import html
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from protocolgen.commands.serve import inject

from .conftest import EXAMPLE, LOGO, mutate, settled, with_status


def fetch_bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()  # type: ignore[no-any-return]


def fetch(url: str) -> str:
    return fetch_bytes(url).decode("utf-8")


def builds(base: str) -> int:
    return json.loads(fetch(base + "__status"))["build"]  # type: ignore[no-any-return]


def wait_for_build(base: str, after: int, limit: float = 180) -> None:
    deadline = time.monotonic() + limit
    while builds(base) <= after:
        assert time.monotonic() < deadline, "no new build after the edit"
        time.sleep(0.3)


@pytest.fixture
def preview(tmp_path: Path, example_text: str) -> Iterator[tuple[str, Path]]:
    """Start `protocolgen serve` on a free port; yield its address and the protocol."""
    yield from serving(tmp_path, example_text)


@pytest.fixture
def broken_preview(tmp_path: Path, example_text: str) -> Iterator[tuple[str, Path]]:
    """Start `protocolgen serve` on a protocol that is invalid from the start."""
    yield from serving(tmp_path, mutate(example_text, with_status("klaar")))


def serving(tmp_path: Path, text: str) -> Iterator[tuple[str, Path]]:
    source = tmp_path / "lindenwaard.yaml"
    source.write_text(text, encoding="utf-8")
    shutil.copyfile(EXAMPLE.parent / LOGO, tmp_path / LOGO)
    process = subprocess.Popen(
        [sys.executable, "-m", "protocolgen", "serve", str(source), "--poort", "0",
         "-o", str(tmp_path / "uit")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:([0-9]+)/", line)
        assert found, (line, process.stderr and process.stderr.read()
                       if process.poll() is not None else "")
        yield found.group(0), source
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_an_edit_is_built_and_served(preview: tuple[str, Path], example_text: str) -> None:
    base, source = preview
    with urllib.request.urlopen(base, timeout=30) as response:
        assert response.url == base + "lindenwaard/index.html"
    page = html.unescape(fetch(base + "lindenwaard/rolkaart-boa.html"))
    assert "Boa's en toezichthouders" in page and 'fetch("/__status")' in page
    deadline = time.monotonic() + 180  # the PDFs follow the HTML, from a child process
    while not json.loads(fetch(base + "__status"))["pdf_bij_de_tijd"]:
        assert time.monotonic() < deadline, "the PDFs were not made"
        time.sleep(0.3)
    assert fetch_bytes(base + "lindenwaard/rolkaart-boa.pdf")[:5] == b"%PDF-"
    before = builds(base)
    source.write_text(mutate(example_text, ("    naam: Boa's en toezichthouders",
                                            "    naam: Boa's en handhavers")),
                      encoding="utf-8")
    wait_for_build(base, before)
    assert "Boa's en handhavers" in html.unescape(fetch(base + "lindenwaard/rolkaart-boa.html"))


def test_an_invalid_edit_shows_the_problems_over_the_last_good_documents(
        preview: tuple[str, Path], example_text: str) -> None:
    base, source = preview
    before = builds(base)
    source.write_text(mutate(example_text, with_status("klaar")),
                      encoding="utf-8")
    wait_for_build(base, before)
    page = fetch(base + "lindenwaard/privacyprotocol.html")
    assert "De laatste wijziging is niet gebouwd; u ziet de vorige versie." in page
    assert "fout: document.status: &#39;klaar&#39; is geen toegestane waarde" in page
    assert "Privacyprotocol Bestuurlijke aanpak ondermijnende criminaliteit" in page
    source.write_text(settled(example_text), encoding="utf-8")  # repaired: the banner goes
    wait_for_build(base, before + 1)
    assert 'role="alert"' not in fetch(base + "lindenwaard/privacyprotocol.html")


def test_a_file_broken_from_the_start_shows_the_dutch_problem_page_until_fixed(
        broken_preview: tuple[str, Path], example_text: str) -> None:
    base, source = broken_preview
    deadline = time.monotonic() + 60
    while builds(base) < 1:
        assert time.monotonic() < deadline, "the first build did not finish"
        time.sleep(0.3)
    with urllib.request.urlopen(base, timeout=30) as response:
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        page = response.read().decode("utf-8")
    assert "lindenwaard.yaml kan nog niet worden gebouwd" in page
    assert "fout: document.status: &#39;klaar&#39; is geen toegestane waarde" in page
    assert 'fetch("/__status")' in page  # and it reloads itself
    problems = json.loads(fetch(base + "__problemen"))
    assert [p["code"] for p in problems[0]["problemen"]] == ["PG108"]
    before = builds(base)
    source.write_text(settled(example_text), encoding="utf-8")
    wait_for_build(base, before)
    with urllib.request.urlopen(base, timeout=30) as response:
        assert response.url == base + "lindenwaard/index.html"
    assert all(p["ernst"] == "waarschuwing"
               for p in json.loads(fetch(base + "__problemen"))[0]["problemen"])


def test_it_listens_on_loopback_only(preview: tuple[str, Path]) -> None:
    base, _ = preview
    port = int(base.rsplit(":", 1)[1].strip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    with pytest.raises(OSError):  # another address of this computer: nothing listens there
        socket.create_connection(("127.0.0.2", port), timeout=5).close()
    with pytest.raises(urllib.error.HTTPError):  # and nothing outside the output folder
        fetch(base + "..%2F..%2Fetc%2Fpasswd")


def test_problems_are_escaped_in_the_page() -> None:
    from protocolgen.errors import problem

    found = problem("PG101", ("document",), "<script>alert(1)</script>", "verwijder")
    page = inject("<html><body class='x'><p>tekst</p></body></html>",
                  {"problemen": [found], "waarschuwingen": [], "pdf": ""})
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert page.index('role="alert"') < page.index("<p>tekst</p>")
