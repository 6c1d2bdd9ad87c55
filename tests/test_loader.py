"""Loader hazards: hostile or broken files fail cleanly, fast, with a Dutch message."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from protocolgen.errors import UnreadableInput
from protocolgen.loader import load
from protocolgen.validate import check

from .conftest import TODAY

ALIAS_BOMB = """\
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def messages(path: Path) -> list[str]:
    return [p.text() for p in check(path, today=TODAY).problems]


@pytest.mark.parametrize(("content", "expected"), [
    ("", "1:1: fout: (document): het bestand is leeg — begin met de sleutels 'document', "
         "'rollen' en 'fases'"),
    ("# alleen commentaar\n\n", "1:1: fout: (document): het bestand is leeg — begin met de "
                                "sleutels 'document', 'rollen' en 'fases'"),
    ("- een\n- lijst\n", "1:1: fout: (document): het document is geen verzameling sleutels — "
                         "begin het bestand met 'document:' en de andere hoofdsleutels, elk aan "
                         "het begin van een regel"),
    ("gewoon tekst\n", "1:1: fout: (document): het document is geen verzameling sleutels — "
                       "begin het bestand met 'document:' en de andere hoofdsleutels, elk aan het "
                       "begin van een regel"),
], ids=["empty", "comments only", "list at the root", "text at the root"])
def test_unusable_documents(content: str, expected: str, write) -> None:
    path = write(content)
    assert messages(path) == [f"{path}:{expected}"]


def test_invalid_utf8_is_unreadable_with_position(write, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("document:\n  gemeente: Sûdwest\n".encode("latin-1"))
    with pytest.raises(UnreadableInput) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}:2:14: het bestand is geen geldige UTF-8-tekst — sla het bestand op als UTF-8 "
        "(in de meeste editors: 'Opslaan als', codering UTF-8)")


def test_binary_file_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "plaatje.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(UnreadableInput, match="dit is een binair bestand, geen YAML-tekst"):
        load(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="het bestand bestaat niet — controleer het pad"):
        load(tmp_path / "weg.yaml")
    with pytest.raises(UnreadableInput, match="dit is geen bestand"):
        load(tmp_path)


def _run(*args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "protocolgen", *args], capture_output=True,
                          text=True, timeout=60)
    return done, time.perf_counter() - start


def test_alias_bomb_fails_fast(write) -> None:
    path = write(ALIAS_BOMB)
    done, seconds = _run("validate", str(path))
    assert done.returncode == 1 and seconds < 2
    assert f"{path}:1:4: fout: (document): ankers (&) en verwijzingen (*) zijn niet toegestaan" \
        in done.stderr
    assert "Traceback" not in done.stderr


def test_fifty_megabyte_file_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    path.write_bytes(b"document:\n" + b"  # opvulling\n" * (50 * 1024 * 1024 // 14))
    done, seconds = _run("validate", str(path))
    assert done.returncode == 2 and seconds < 2
    assert done.stderr == (f"protocolgen: fout: {path}: het bestand is 51200 KiB, meer dan de "
                           "grens van 2048 KiB — controleer of dit het juiste bestand is\n")


def test_python_object_tag_fails_fast_without_running(write, tmp_path: Path) -> None:
    marker = tmp_path / "uitgevoerd"
    path = write(f"document: !!python/object/apply:os.system ['touch {marker}']\n")
    done, seconds = _run("validate", str(path))
    assert done.returncode == 1 and seconds < 2 and not marker.exists()
    assert "fout: document: de YAML-tag 'tag:yaml.org,2002:python/object/apply:os.system' is " \
           "niet toegestaan" in done.stderr
    assert "Traceback" not in done.stderr


def test_too_many_values(write) -> None:
    path = write("document:\n" + "".join(f"  - {i}\n" for i in range(100_001)))
    assert messages(path)[0] == (f"{path}:100000:5: fout: document.99999: het document heeft "
                                 "meer dan 100000 waarden — splits of verklein het document")
