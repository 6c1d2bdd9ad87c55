"""What changed: the semantic diff over every entity kind and every kind of change, its text
and Markdown forms, exit codes, and the git mode on a temporary repository."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from protocolgen.cli.main import main
from protocolgen.commands.diff import as_markdown, as_text, compare
from protocolgen.load.parse import load
from protocolgen.schema.fields import COLLECTIONS

from .conftest import EXAMPLE, LOGO, Write, mutate

NOUNS = {"rollen": "Rol", "grondslagen": "Eigen grondslag", "gegevens": "Categorie",
         "bronnen": "Bron", "fases": "Fase", "bewaartermijnen": "Termijn",
         "verstrekkingen": "Verstrekking", "risicos": "Risico", "maatregelen": "Maatregel"}


@pytest.fixture(scope="module")
def example() -> dict[str, Any]:
    """The example, with own legal grounds besides the catalogue's."""
    data = load(EXAMPLE).data
    data["grondslagen"] = [{"id": f"uavg-33-{lid}", "basis": "uavg-33", "lid": str(lid)}
                           for lid in (1, 2, 3)]
    return data


def at(data: dict[str, Any], collection: str) -> list[dict[str, Any]]:
    node: Any = data
    for step in COLLECTIONS[collection]:
        node = node[step]
    return node  # type: ignore[no-any-return]


def label(collection: str, item: dict[str, Any]) -> str:
    name = item.get("naam") or item.get("titel")
    prefix = "DPIA › " if COLLECTIONS[collection][0] == "dpia" else ""
    return f"{prefix}{NOUNS[collection]} '{item['id']}'" + (f" ({name})" if name else "")


def test_every_collection_has_a_noun() -> None:
    assert sorted(NOUNS) == sorted(COLLECTIONS)


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_added_removed_changed_and_reordered(collection: str, example: dict[str, Any]) -> None:
    new = copy.deepcopy(example)
    items = at(new, collection)
    gone = items.pop(0)
    extra = copy.deepcopy(items[-1])
    extra["id"] = "nieuw-" + extra["id"]
    items.append(extra)
    field = next(k for k, v in items[0].items() if isinstance(v, str) and k != "id"
                 and len(v) < 100)
    before = items[0][field]
    items[0][field] = before + " (herzien)"
    items.reverse()
    described = [c.sentence() for c in compare(example, new)]
    changed = [s for s in described if s.startswith(label(collection, at(example, collection)[1]))]
    assert f"{label(collection, gone)}: verwijderd." in described
    assert f"{label(collection, extra)}: toegevoegd." in described
    assert len(changed) == 1 and changed[0].endswith(
        f": was {before!r}, is nu {before + ' (herzien)'!r}.")
    assert len(described) == 3  # reversing the list is no change


def test_reordering_every_list_is_no_change(example: dict[str, Any]) -> None:
    def reverse(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: reverse(v) for k, v in reversed(node.items())}
        if isinstance(node, list):
            return [reverse(v) for v in reversed(node)]
        return node
    assert compare(example, reverse(example)) == []


def test_sentences_name_what_changed_in_plain_dutch(example: dict[str, Any]) -> None:
    new = copy.deepcopy(example)
    boa = next(r for r in new["rollen"] if r["id"] == "boa")
    boa["bronnen"].append({"bron": "brp", "niveau": "hit-no-hit"})
    phase = next(f for f in new["fases"] if f["id"] == "bronnenonderzoek")
    phase["bronnen"][0]["niveau"] = "inhoud"
    new["inleiding"]["gelet_op"].append("de Wet open overheid")
    new["inleiding"]["gelet_op"].pop(0)
    new["dpia"]["risicos"][0]["kans"] = 1
    del new["document"]["regio"]
    new["document"]["citeertitel"] = "Privacyprotocol ondermijning"
    assert as_text(compare(example, new)).splitlines() == [
        "Document › korte titel om naar het protocol te verwijzen: was 'Privacyprotocol "
        "ondermijning Lindenwaard 2026', is nu 'Privacyprotocol ondermijning'.",
        "Document › regionaal samenwerkingsverband: verwijderd 'RIEC Oost-Nederland'.",
        "Inleiding › wettelijke grondslagen in het intitulé ('gelet op'): verwijderd 'de "
        "Algemene verordening gegevensbescherming (AVG), in het bijzonder de artikelen 5, 6, 10 "
        "en 35'.",
        "Inleiding › wettelijke grondslagen in het intitulé ('gelet op'): toegevoegd 'de Wet "
        "open overheid'.",
        "Rol 'boa' (Boa's en toezichthouders) › Bron 'brp': toegevoegd (niveau 'hit-no-hit').",
        "Fase 'bronnenonderzoek' (Bronnenonderzoek) › Raadpleging bron 'brp', rol "
        "'aanspreekpunt-burgerzaken' › niveau: was 'hit-no-hit', is nu 'inhoud'.",
        "DPIA › Risico 'doelverschuiving' (Hergebruik van gegevens voor een ander doel) › kans "
        "vóór maatregelen (positie op de schaal): was 3, is nu 1.",
    ]


def test_markdown_escapes_and_counts(example: dict[str, Any]) -> None:
    new = copy.deepcopy(example)
    new["rollen"][0]["doel"] = "<script>x</script> *vet*"
    text = as_markdown(compare(example, new), "oud.yaml", "nieuw.yaml")
    assert text.startswith("### Wijzigingen in het protocol\n\nVan `oud.yaml` naar "
                           "`nieuw.yaml`: 1 wijziging.\n\n- Rol 'burgemeester'")
    assert "\\<script\\>x\\</script\\> \\*vet\\*" in text and "<script>" not in text
    assert as_markdown([], "a", "b").endswith(": geen inhoudelijke wijzigingen.\n")


def run(*args: str | Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_exit_codes_and_reformatting(write: Write, example_text: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    same = write(yaml.safe_dump(yaml.safe_load(example_text), allow_unicode=True,
                                sort_keys=True), "herschreven.yaml")
    code, out, _ = run("diff", EXAMPLE, same, capsys=capsys)
    assert (code, out) == (0, f"geen inhoudelijke wijzigingen tussen {EXAMPLE} en {same}\n")
    changed = write(mutate(example_text, ("  regio: RIEC Oost-Nederland",
                                          "  regio: RIEC Midden-Nederland"), readopt=False),
                    "nieuw.yaml")
    code, out, _ = run("diff", EXAMPLE, changed, capsys=capsys)
    assert (code, out) == (1, "Document › regionaal samenwerkingsverband: was 'RIEC "
                              "Oost-Nederland', is nu 'RIEC Midden-Nederland'.\n")
    code, _, err = run("diff", EXAMPLE, capsys=capsys)
    assert code == 2 and "geef twee protocollen" in err
    code, _, err = run("diff", EXAMPLE, write("a: [", "kapot.yaml"), capsys=capsys)
    assert code == 2 and "is niet te lezen als protocol" in err and "[PG012]" in err


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_mode_compares_revisions(tmp_path: Path, example_text: str,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)
    for key in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(key, raising=False)
    git("init", "-q")
    git("config", "user.email", "fg@lindenwaard.nl")
    git("config", "user.name", "FG")
    (tmp_path / "protocollen").mkdir()
    path = tmp_path / "protocollen" / "lindenwaard.yaml"
    path.write_text(example_text, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "versie 1.1")
    path.write_text(mutate(example_text, ("  regio: RIEC Oost-Nederland",
                                          "  regio: RIEC Midden-Nederland"), readopt=False),
                    encoding="utf-8")
    git("commit", "-qam", "regio")
    path.write_text(example_text, encoding="utf-8")  # the working copy goes back
    expected = ("Document › regionaal samenwerkingsverband: was 'RIEC Oost-Nederland', is nu "
                "'RIEC Midden-Nederland'.\n")
    assert run("diff", "--git", "HEAD~1", "HEAD", path, capsys=capsys)[:2] == (1, expected)
    assert run("diff", "--git", "HEAD~1", path, capsys=capsys)[0] == 0  # against the file
    code, out, _ = run("diff", "--git", "--format", "markdown", "HEAD~1", "HEAD", path,
                       capsys=capsys)
    assert code == 1 and out.startswith(f"### Wijzigingen in het protocol\n\nVan `HEAD~1:{path}`")
    code, _, err = run("diff", "--git", "v9", path, capsys=capsys)
    assert code == 2 and f"git kent v9:{path} niet" in err
    code, _, err = run("diff", "--git", "--output=x", path, capsys=capsys)
    assert code == 2
    # the annex of changes, with the earlier version from git
    shutil.copyfile(EXAMPLE.parent / LOGO, path.parent / LOGO)
    assert run("build", "-q", "--vorige-git", "HEAD", path, "-o", tmp_path / "uit",
               capsys=capsys)[0] == 0
    html = (tmp_path / "uit" / "lindenwaard" / "privacyprotocol.html").read_text()
    assert "Document › regionaal samenwerkingsverband: was &#39;RIEC Midden-Nederland&#39;" in html


def test_the_protocol_lists_the_changes_since_an_earlier_version(
        tmp_path: Path, write: Write, example_text: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    older = write(mutate(example_text, ("  regio: RIEC Oost-Nederland",
                                        "  regio: RIEC Midden-Nederland")), "oud.yaml")
    out = tmp_path / "uit"
    assert main(["build", "-q", str(EXAMPLE), "--vorige", str(older), "-o", str(out)]) == 0
    html = (out / "lindenwaard" / "privacyprotocol.html").read_text(encoding="utf-8")
    assert html.count("Bijlage B Wijzigingen ten opzichte van versie 1.1") == 2  # toc, heading
    assert ("<li>Document › regionaal samenwerkingsverband: was &#39;RIEC Midden-Nederland&#39;"
            ", is nu &#39;RIEC Oost-Nederland&#39;.</li>") in html
    text = subprocess.run(["pdftotext", str(out / "lindenwaard" / "privacyprotocol.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Bijlage B Wijzigingen ten opzichte van versie 1.1" in text
    assert "Wijzigingen ten opzichte" not in (out / "lindenwaard" / "dpia.html").read_text()
    assert main(["build", str(EXAMPLE), str(older), "--vorige", str(older), "-o",
                 str(out)]) == 2
    assert "--vorige hoort bij één protocol" in capsys.readouterr().err
