"""Incremental builds: the cache of laid-out PDFs lays out again exactly what changed, a warm
build is byte-identical to a cold one, a cache that cannot be trusted is never served, and
shards partition a set of protocols."""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import protocolgen.write.cache
from protocolgen.cli.main import main
from protocolgen.commands.build import shard as _shard
from protocolgen.errors import UsageError
from protocolgen.load.files import read
from protocolgen.shipped import templates_dir
from protocolgen.write.cache import Cache

from .conftest import EXAMPLE, LOGO, TODAY, build_one, digest, mutate

ROLE_EDIT = ("      - meldt signalen die bij toezicht worden gezien\n",
             "      - meldt signalen die bij toezicht of bij controles worden gezien\n")


def laid_out(source: Path, out: Path, cache: Cache, templates: Path | None = None
             ) -> list[str]:
    """Build and return the names of the documents that were laid out (not from the cache)."""
    names: list[str] = []
    build_one(read(source), out, today=TODAY, cache=cache, templates=templates,
          progress=lambda done, total, name: names.append(name))
    return sorted(names)


Setup = tuple[Path, Path, Cache, list[str]]


@pytest.fixture
def setup(tmp_path: Path, example_text: str) -> Setup:
    """Return a protocol, an output folder, a warm cache, and every document's name."""
    (tmp_path / LOGO).write_bytes((EXAMPLE.parent / LOGO).read_bytes())
    source = tmp_path / "lindenwaard.yaml"
    source.write_text(example_text, encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    everything = laid_out(source, tmp_path / "uit", cache)
    assert len(everything) == 15
    return source, tmp_path / "uit", cache, everything


def test_a_warm_build_lays_out_nothing_and_is_byte_identical(setup: Setup, built: Path) -> None:
    source, out, cache, _ = setup
    shutil.rmtree(out)
    assert laid_out(source, out, cache) == []
    assert digest(out / "lindenwaard") == digest(built)


def test_a_role_edit_lays_out_only_what_shows_that_role(setup: Setup, example_text: str,
                                                        built: Path) -> None:
    source, out, cache, _ = setup
    source.write_text(mutate(example_text, ROLE_EDIT), encoding="utf-8")
    assert laid_out(source, out, cache) == ["privacyprotocol", "rolkaart-boa"]
    cold = laid_out(source, out.parent / "koud", Cache(out.parent / "lege-cache"))
    assert len(cold) == 15
    assert digest(out / "lindenwaard") == digest(out.parent / "koud" / "lindenwaard")


def test_a_template_change_lays_out_the_documents_of_that_template(setup: Setup, tmp_path: Path
                                                                   ) -> None:
    source, out, cache, everything = setup
    own = tmp_path / "huisstijl"
    own.mkdir()
    card = (templates_dir() / "rolkaart.html.j2").read_text(encoding="utf-8")
    changed = card.replace("over hun eigen gegevens", "over hun gegevens")
    (own / "rolkaart.html.j2").write_text(changed, encoding="utf-8")
    assert laid_out(source, out, cache, own) == [n for n in everything
                                                  if n.startswith("rolkaart-")]


def test_a_stylesheet_change_lays_out_everything(setup: Setup, tmp_path: Path) -> None:
    source, out, cache, everything = setup
    own = tmp_path / "stijl"
    own.mkdir()
    css = (templates_dir() / "print.css").read_text(encoding="utf-8")
    (own / "print.css").write_text(css + "h1 { color: #102030; }\n", encoding="utf-8")
    assert laid_out(source, out, cache, own) == everything


def test_a_logo_change_lays_out_the_documents_that_show_it(setup: Setup) -> None:
    source, out, cache, _ = setup
    logo = source.parent / LOGO
    logo.write_text(logo.read_text(encoding="utf-8").replace('rx="8"', 'rx="4"'),
                    encoding="utf-8")
    assert laid_out(source, out, cache) == ["dpia", "privacyprotocol"]
    logo.write_text(logo.read_text(encoding="utf-8").replace("</svg>", "<!-- v3 --></svg>"),
                    encoding="utf-8")  # a comment is not copied: the logo used is the same
    shutil.rmtree(out)
    assert laid_out(source, out, cache) == []


def test_another_version_of_a_library_lays_out_everything(setup: Setup,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    source, out, cache, everything = setup
    real = protocolgen.write.cache.versions
    monkeypatch.setattr(protocolgen.write.cache, "versions",
                        lambda **kwargs: real(**kwargs) + "\nweasyprint 99.0")
    monkeypatch.setattr("protocolgen.write.pdf.versions", protocolgen.write.cache.versions)
    monkeypatch.setattr("protocolgen.write.uptodate.versions", protocolgen.write.cache.versions)
    assert laid_out(source, out, cache) == everything


@pytest.mark.parametrize("damage", ["cut off", "flipped byte", "other format", "empty"])
def test_an_entry_that_cannot_be_trusted_is_made_again(setup: Setup, built: Path, damage: str
                                                       ) -> None:
    source, out, cache, _ = setup
    entries = sorted(cache.folder.glob("*/*.pdf"))
    assert len(entries) == 15
    victim = entries[3]
    raw = victim.read_bytes()
    victim.write_bytes({"cut off": raw[:len(raw) // 2],
                        "flipped byte": raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:],
                        "other format": raw.replace(b"protocolgen-cache 1", b"protocolgen-cache 2"),
                        "empty": b""}[damage])
    shutil.rmtree(out)  # else the output, being up to date, is left as it is
    assert len(laid_out(source, out, cache)) == 1
    assert digest(out / "lindenwaard") == digest(built)
    shutil.rmtree(out)
    assert laid_out(source, out, cache) == []  # the entry was stored again


def test_no_change_rebuild_leaves_the_output_alone(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "uit"
    assert main(["build", "-q", str(EXAMPLE), "-o", str(out)]) == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    assert main(["build", str(EXAMPLE), "-o", str(out)]) == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    assert capsys.readouterr().out == (
        f"{EXAMPLE}: niets veranderd; de 43 bestanden in {out / 'lindenwaard'} zijn bij de tijd "
        "(--force maakt ze opnieuw)\n")
    (out / "lindenwaard" / "rolkaart-boa.pdf").write_bytes(b"kapot")  # a damaged folder
    assert main(["build", "-q", str(EXAMPLE), "-o", str(out)]) == 0
    assert (out / "lindenwaard" / "rolkaart-boa.pdf").read_bytes().startswith(b"%PDF-")


def test_two_builds_at_once_share_folder_and_cache(tmp_path: Path, built: Path) -> None:
    command = [sys.executable, "-m", "protocolgen", "build", "--force", "-q", str(EXAMPLE),
               "-o", str(tmp_path / "uit"), "--cache", str(tmp_path / "cache")]
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE) for _ in range(2)]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    assert digest(tmp_path / "uit" / "lindenwaard") == digest(built)
    cache = Cache(tmp_path / "cache")
    entries = sorted(cache.folder.glob("*/*.pdf"))
    assert len(entries) == 15 and all(cache.get(p.stem) for p in entries)
    assert not list(cache.folder.glob("*/.tmp-*"))


PDF = b"%PDF-1.7\n" + b"x" * 1000 + b"\n%%EOF\n"
"""A payload that looks like the PDF an entry claims to be."""


def test_pruning_removes_the_least_recently_used(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    for name in ("aa" * 32, "bb" * 32, "cc" * 32):
        cache.put(name, PDF)
    old = tmp_path / "aa" / f"{'aa' * 32}.pdf"
    import os
    os.utime(old, (1, 1))
    cache.prune(limit=2500)
    assert cache.get("aa" * 32) is None and cache.get("bb" * 32) and cache.get("cc" * 32)


@pytest.mark.parametrize("total", [1, 2, 3, 5, 8])
def test_shards_partition_the_set_exactly_and_deterministically(total: int) -> None:
    paths = [Path(f"protocollen/gemeente-{i:03}.yaml") for i in range(23)]
    shards = [_shard(paths, (i, total)) for i in range(1, total + 1)]
    assert sorted(p for shard in shards for p in shard) == sorted(paths)  # each exactly once
    shuffled = paths[:]
    random.Random(total).shuffle(shuffled)
    assert [_shard(shuffled, (i, total)) for i in range(1, total + 1)] == shards
    assert max(map(len, shards)) - min(map(len, shards)) <= 1


def test_a_folder_and_its_shards_from_the_command_line(tmp_path: Path, example_text: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "protocollen"
    folder.mkdir()
    shutil.copyfile(EXAMPLE.parent / LOGO, folder / LOGO)
    for name in ("Aadorp", "Bedum", "Cadier"):
        (folder / f"{name.lower()}.yaml").write_text(
            mutate(example_text, ("  gemeente: Lindenwaard", f"  gemeente: {name}")),
            encoding="utf-8")
    assert main(["validate", "-q", str(folder)]) == 0
    assert main(["build", "-q", "--shard", "2/2", str(folder), "-o", str(tmp_path / "uit")]) == 0
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["bedum"]
    assert main(["build", "-q", "--shard", "3/2", str(folder)]) == 2
    assert "geen deel als I/N" in capsys.readouterr().err


def test_an_up_to_date_rebuild_says_what_the_check_said(tmp_path: Path, example_text: str,
                                                         own_cache: Path) -> None:
    """Without checking again, a rebuild of output that is up to date gives the same warnings;
    a changed logo or another reference date makes it check again."""
    import io

    source = tmp_path / "lindenwaard.yaml"
    source.write_text(mutate(example_text, ROLE_EDIT, readopt=False), encoding="utf-8")
    shutil.copyfile(EXAMPLE.parent / LOGO, tmp_path / LOGO)

    def run(*extra: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main(["build", str(source), "-o", str(tmp_path / "uit"), *extra], out, err)
        return code, out.getvalue(), err.getvalue()

    code, first, warned = run()
    assert code == 0 and "[PG304]" in warned and "geschreven" in first
    memos = sorted(own_cache.glob("*/*.check"))
    assert len(memos) == 1
    assert run() == (0, first.replace("43 bestanden geschreven in", "niets veranderd; de 43 "
                                      "bestanden in").replace("\n", " zijn bij de tijd "
                                                              "(--force maakt ze opnieuw)\n"),
                     warned)
    memos[0].write_bytes(b"kapot")  # an entry that cannot be trusted: check again
    assert run()[2] == warned
    assert run("--peildatum", "2026-12-01")[0] == 0
    assert len(list(own_cache.glob("*/*.check"))) == 2
    assert run("--strict")[0] == 1  # the warnings still count under --strict
    logo = tmp_path / LOGO
    logo.write_text(logo.read_text(encoding="utf-8").replace('rx="8"', 'rx="4"'),
                    encoding="utf-8")
    assert "43 bestanden geschreven" in run()[1]


def _repository(folder: Path) -> dict[str, bytes]:
    """Fill `folder` as a gemeente's repository: a protocol, a logo, notes, a large file."""
    files = {"protocol.yaml": b"document: {}\n", "logo.svg": b"<svg/>", "notities.txt": b"x",
             "video.mp4": b"\0" * (3 * 1024 * 1024), "ab/cdef.pdf": b"%PDF-1.7 eigen"}
    for name, body in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(body)
    return files


def test_a_folder_with_other_files_is_never_the_cache(tmp_path: Path) -> None:
    """--cache . in a gemeente's repository, PROTOCOLGEN_CACHE=~/.cache, --cache output: a
    folder that holds files the cache did not write is refused before anything is written,
    and nothing in it is touched (issue 23 item 1: one build deleted the protocol, its logo,
    notes and a video)."""
    files = _repository(tmp_path)
    with pytest.raises(UsageError, match="geen cache van protocolgen"):
        Cache(tmp_path)
    err = io.StringIO()
    code = main(["build", "-q", str(EXAMPLE), "-o", str(tmp_path / "uit"), "--cache",
                 str(tmp_path)], io.StringIO(), err)
    assert code == 2 and "deze map is geen cache van protocolgen" in err.getvalue()
    assert {n: (tmp_path / n).read_bytes() for n in files} == files
    assert not (tmp_path / "uit").exists() and not (tmp_path / "CACHEDIR.TAG").exists()


def test_pruning_removes_only_the_caches_own_files(tmp_path: Path) -> None:
    """In its own, tagged folder the cache prunes only files of its own name pattern: a file
    someone put beside the entries, or in a shard folder, stays."""
    cache = Cache(tmp_path / "cache")
    cache.put("aa" * 32, PDF)
    tag = (tmp_path / "cache" / "CACHEDIR.TAG").read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    strangers = [tmp_path / "cache" / "aa" / "mijn-notities.pdf", tmp_path / "cache" / "x.pdf",
                 tmp_path / "cache" / "zz" / f"{'zz' * 32}.pdf"]
    for path in strangers:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(PDF * 50)
    cache.prune(limit=0)
    assert cache.get("aa" * 32) is None
    assert all(path.exists() for path in strangers)


def test_a_cache_folder_others_can_write_is_refused(tmp_path: Path) -> None:
    """A cache folder that another user can write to (a shared folder on a CI runner) could
    hold forged PDFs: it is refused (issue 23 item 9)."""
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(UsageError, match="anderen kunnen erin schrijven"):
        Cache(shared)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a folder of another user needs root")
def test_a_cache_folder_of_another_user_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "van-een-ander"
    other.mkdir(mode=0o700)
    os.chown(other, 4242, 4242)
    with pytest.raises(UsageError, match="niet van u"):
        Cache(other)


def test_links_and_forged_entries_are_never_served(tmp_path: Path) -> None:
    """An entry that is a link, a shard folder that is a link, and a well-formed entry whose
    payload is no PDF are all misses (issue 23 item 9)."""
    cache = Cache(tmp_path / "cache")
    cache.put("aa" * 32, PDF)
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / f"{'bb' * 32}.pdf").write_bytes((tmp_path / "cache" / "aa" /
                                                  f"{'aa' * 32}.pdf").read_bytes())
    (tmp_path / "cache" / "bb").symlink_to(elsewhere)
    (tmp_path / "cache" / "aa" / f"{'ab' * 32}.pdf").symlink_to(
        tmp_path / "cache" / "aa" / f"{'aa' * 32}.pdf")
    cache.put("cc" * 32, b"<html>nep</html>")
    assert cache.get("aa" * 32) == PDF
    assert cache.get("bb" * 32) is None and cache.get("ab" * 32) is None
    assert cache.get("cc" * 32) is None
    cache.prune(limit=0)
    assert (elsewhere / f"{'bb' * 32}.pdf").exists()  # nothing behind a link is removed


def test_a_full_disk_leaves_no_temporary_file(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails halfway removes its temporary file; one left by a killed build is
    removed by the next prune once it is an hour old (issue 23 item 15)."""
    cache = Cache(tmp_path / "cache")
    cache.put("aa" * 32, PDF)

    def full(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    cache.put("ab" * 32, PDF)
    monkeypatch.undo()
    assert not list((tmp_path / "cache").glob("*/.tmp-*"))
    left = tmp_path / "cache" / "aa" / ".tmp-afgebroken"
    left.write_bytes(b"half")
    cache.prune()
    assert left.exists()  # it may belong to a build that is still writing
    os.utime(left, (1, 1))
    cache.prune()
    assert not left.exists() and cache.get("aa" * 32) == PDF


def test_a_store_from_before_the_tag_is_still_the_cache(tmp_path: Path) -> None:
    """A cache folder of an earlier version (shard folders of entries, no tag) is used and
    tagged at the next entry; one more file in it and it is not the cache."""
    old = tmp_path / "oud"
    (old / "aa").mkdir(parents=True, mode=0o700)
    old.chmod(0o700)
    (old / "aa" / f"{'aa' * 32}.pdf").write_bytes(b"")
    Cache(old).put("bb" * 32, PDF)
    assert (old / "CACHEDIR.TAG").exists() and Cache(old).get("bb" * 32) == PDF
    other = tmp_path / "ander"
    (other / "aa").mkdir(parents=True, mode=0o700)
    other.chmod(0o700)
    (other / "aa" / "foto.jpg").write_bytes(b"")
    with pytest.raises(UsageError):
        Cache(other)
