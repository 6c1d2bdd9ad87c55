"""Loader hazards and the crash corpus: every input that once ended in a traceback or a hang
now gives a located Dutch problem with its code, without the rest of protocolgen crashing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from protocolgen import check
from protocolgen.errors import UnreadableInput
from protocolgen.load.files import MAX_BYTES, Source, read
from protocolgen.load.parse import load, parse

from .conftest import EXAMPLE, TODAY, Write, decided, mutate

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

PINNED = {"PG001", "PG002", "PG003", "PG004", "PG010", "PG011", "PG012", "PG013", "PG014",
          "PG015", "PG016", "PG017", "PG018", "PG019", "PG020"}
"""The loader's codes that the tests below pin with their exact message."""


def messages(raw: bytes, name: str = "p.yaml") -> list[str]:
    return [p.text() for p in check(Source.one(name, raw, EXAMPLE.parent), today=TODAY).problems]


@pytest.mark.parametrize(("content", "expected"), [
    ("", "1:1: fout: (document): het bestand is leeg — begin met de sleutels 'document', "
         "'rollen' en 'fases' [PG010]"),
    ("# alleen commentaar\n\n", "1:1: fout: (document): het bestand is leeg — begin met de "
                                "sleutels 'document', 'rollen' en 'fases' [PG010]"),
    ("---\n", "1:1: fout: (document): het bestand is leeg — begin met de sleutels 'document', "
              "'rollen' en 'fases' [PG010]"),
    ("- een\n- lijst\n", "1:1: fout: (document): het document is geen verzameling sleutels — "
                         "begin het bestand met 'document:' en de andere hoofdsleutels, elk aan "
                         "het begin van een regel [PG011]"),
    ("gewoon tekst\n", "1:1: fout: (document): het document is geen verzameling sleutels — "
                       "begin het bestand met 'document:' en de andere hoofdsleutels, elk aan het "
                       "begin van een regel [PG011]"),
], ids=["empty", "comments only", "document marker only", "list at the root", "text at the root"])
def test_unusable_documents(content: str, expected: str) -> None:
    assert messages(content.encode()) == [f"p.yaml:{expected}"]


# Minimal reproducers of every crash class that fuzzing found (issue 6), each now a problem.
CRASHES = [
    ("control character (ReaderError)", b"document:\n  gemeente: Linden\x07waard\n",
     "p.yaml:2:19: fout: (document): het teken U+0007 is niet toegestaan in YAML — verwijder het "
     "teken (vaak ongemerkt meegekopieerd uit een ander programma) [PG013]"),
    ("escape character", b"document: \x1b[31m\n",
     "p.yaml:1:11: fout: (document): het teken U+001B is niet toegestaan in YAML — verwijder het "
     "teken (vaak ongemerkt meegekopieerd uit een ander programma) [PG013]"),
    ("list as a key (ConstructorError)", b"document:\n  ? [a, b]\n  : c\n",
     "p.yaml:2:5: fout: document: de sleutel (een lijst) is geen tekst — gebruik een sleutelnaam "
     "uit de documentatie (docs/formaat.md) [PG018]"),
    ("mapping as a key in flow style", b"{{a: 1}: 2}\n",
     "p.yaml:1:2: fout: (document): de sleutel (een verzameling) is geen tekst — gebruik een "
     "sleutelnaam uit de documentatie (docs/formaat.md) [PG018]"),
    ("null as a key", b"document:\n  ~: x\n",
     "p.yaml:2:3: fout: document: de sleutel ~ is geen tekst — gebruik een sleutelnaam uit de "
     "documentatie (docs/formaat.md) [PG018]"),
    ("10,000 levels of nesting (RecursionError)", b"document: " + b"[" * 10_000 + b"]" * 10_000,
     "p.yaml:1:50: fout: (document): het document is hier meer dan 40 niveaus diep genest — "
     "controleer de inspringing en de haken [PG015]"),
    ("year beyond 9999 (OverflowError)", b"document:\n  datum: 99999-01-01\n",
     None),
    ("anchor", ALIAS_BOMB.encode(),
     "p.yaml:1:4: fout: (document): ankers (&) en verwijzingen (*) zijn niet toegestaan — "
     "schrijf de waarde voluit; verwijs naar andere onderdelen met hun id [PG014]"),
    ("python tag", b"document: !!python/object/apply:os.system ['true']\n",
     "p.yaml:1:11: fout: document: de YAML-tag 'tag:yaml.org,2002:python/object/apply:os.system' "
     "is niet toegestaan — verwijder de tag (het woord dat met ! begint) [PG017]"),
    ("unclosed flow list", b"document: [a, b\n",
     "p.yaml:2:1: fout: (document): dit is geen geldige YAML (did not find expected ',' or ']') — "
     "controleer inspringing, dubbele punten en aanhalingstekens hier en in het blok dat op "
     "regel 1 begint [PG012]"),
]


@pytest.mark.parametrize(("content", "expected"), [(c, e) for _, c, e in CRASHES],
                         ids=[name for name, _, _ in CRASHES])
def test_crash_corpus_gives_located_problems(content: bytes, expected: str | None) -> None:
    found = messages(content)
    if expected is None:  # the rest of the file is incomplete; this value must be refused
        assert any("[PG020]" in line or "[PG103]" in line for line in found), found
    else:
        assert expected in found


def test_a_mapping_with_a_bad_key_where_a_reference_belongs(write: Write) -> None:
    """Campaign seed 11299: the key problem must not make the value look readable."""
    text = mutate(EXAMPLE.read_text(encoding="utf-8"), ("      risicos: [persoonsverwisseling]",
                                                        "      risicos:\n        - {1: x}"))
    found = [(p.code, p.dotted_path)
             for p in decided(check(read(write(text)), today=TODAY).problems)]
    # and the risk that lost its measure is not judged: the measures cannot all be read
    assert found == [("PG103", "dpia.maatregelen.9.risicos.1"),
                     ("PG018", "dpia.maatregelen.9.risicos.1")]


def test_binary_file_is_unreadable_with_position() -> None:
    with pytest.raises(UnreadableInput) as caught:
        parse(Source.one("plaatje.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00", Path(".")))
    assert str(caught.value) == ("plaatje.yaml:3:1: dit is een binair bestand, geen YAML-tekst "
                                 "(een NUL-teken) — geef een YAML-bestand op [PG003]")


def test_nul_byte_in_text_is_located() -> None:
    with pytest.raises(UnreadableInput) as caught:
        parse(Source.one("p.yaml", b"document:\n  gemeente: Lin\x00den\n", Path(".")))
    assert str(caught.value).startswith("p.yaml:2:16: dit is een binair bestand")


def test_invalid_utf8_is_unreadable_with_position(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("document:\n  gemeente: Sûdwest\n".encode("latin-1"))
    with pytest.raises(UnreadableInput) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}:2:14: het bestand is geen geldige UTF-8-tekst — sla het bestand op als UTF-8 "
        "(in de meeste editors: 'Opslaan als', codering UTF-8) [PG004]")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match=r"het bestand bestaat niet — controleer het pad "
                       r"\[PG001\]"):
        read(tmp_path / "weg.yaml")
    with pytest.raises(UnreadableInput, match="dit is geen bestand"):
        read(tmp_path)


def test_size_limit_is_exact(tmp_path: Path) -> None:
    path = tmp_path / "rand.yaml"
    path.write_bytes(b"#" * MAX_BYTES)
    assert read(path).main.raw == b"#" * MAX_BYTES
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(UnreadableInput, match=r"\[PG002\]"):
        read(path)


def test_duplicate_key_and_bad_date_do_not_hide_the_rest(write: Write) -> None:
    text = mutate(EXAMPLE.read_text(encoding="utf-8"),
                  ("  gemeente: Lindenwaard\n", "  gemeente: Lindenwaard\n  gemeente: Linden\n"),
                  ("  datum: 2026-09-15\n  status", "  datum: 2026-02-30\n  status"),
                  ("    eigenaar: programmamanager\n    frequentie",
                   "    eigenaar: programmamanger\n    frequentie"))
    codes = [p.code for p in decided(check(read(write(text)), today=TODAY).problems)]
    assert codes == ["PG019", "PG020", "PG202"]


def _run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run protocolgen as a process; the timeout bounds a hang, it does not measure speed."""
    return subprocess.run([sys.executable, "-m", "protocolgen", *args], capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("verb", ["validate", "build"])
def test_deep_nesting_in_a_process(verb: str, tmp_path: Path) -> None:
    path = tmp_path / "diep.yaml"
    path.write_text("[" * 10_000 + "]" * 10_000, encoding="utf-8")
    done = _run(verb, str(path), *(["-o", str(tmp_path / "out")] if verb == "build" else []))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{path}:1:41: fout: (document): het document is hier meer dan 40 niveaus" \
        in done.stderr
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_alias_bomb_is_refused(write: Write) -> None:
    done = _run("validate", str(write(ALIAS_BOMB)), timeout=20)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert ":1:4: fout: (document): ankers (&) en verwijzingen (*) zijn niet toegestaan" \
        in done.stderr


def test_fifty_megabyte_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "groot.yaml"
    path.write_bytes(b"document:\n" + b"  # opvulling\n" * (50 * 1024 * 1024 // 14))
    done = _run("validate", str(path), timeout=20)
    assert done.returncode == 2
    assert done.stderr == (f"protocolgen: fout: {path}: het bestand is 51200 KiB, meer dan de "
                           "grens van 2048 KiB — controleer of dit het juiste bestand is "
                           "[PG002]\n")


def test_python_object_tag_is_refused_without_running(write: Write, tmp_path: Path) -> None:
    marker = tmp_path / "uitgevoerd"
    done = _run("validate", str(write(f"document: !!python/object/apply:os.system "
                                      f"['touch {marker}']\n")), timeout=20)
    assert done.returncode == 1 and not marker.exists()
    assert "fout: document: de YAML-tag 'tag:yaml.org,2002:python/object/apply:os.system' is " \
           "niet toegestaan" in done.stderr
    assert "Traceback" not in done.stderr


def test_long_value_gets_no_hint_and_no_hang(write: Write) -> None:
    text = mutate(EXAMPLE.read_text(encoding="utf-8"),
                  ("  status: vastgesteld\n  soort", "  status: " + "vastgesteld" * 100_000
                                            + "\n  soort"))
    done = _run("validate", str(write(text)), timeout=20)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "fout: document.status: 'vastgesteldvastgesteld" in done.stderr
    assert "…' is geen toegestane waarde — kies uit" in done.stderr
    assert "bedoelde je" not in done.stderr


def test_too_many_values() -> None:
    raw = ("document:\n" + "".join(f"  - {i}\n" for i in range(100_001))).encode()
    assert messages(raw) == ["p.yaml:99999:5: fout: (document): het document heeft meer dan "
                             "100000 waarden — splits of verklein het document [PG016]"]
