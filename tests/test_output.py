"""The build under faults, odd output folders and hostile names: at every instant the output
folder holds the complete old or the complete new documents; nothing else is ever replaced;
nothing is left behind."""

from __future__ import annotations

import errno
import io
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from protocolgen.cli.main import main
from protocolgen.load.files import read
from protocolgen.schema.fields import slug

from .conftest import EXAMPLE, LOGO, TODAY, Write, build_one, digest, documents, mutate, with_status

# A child process that builds with stand-in PDFs (the swap does not depend on their content)
# and kills itself with SIGKILL at the Nth file-system operation of the build.
CHILD = textwrap.dedent("""
    import os, pathlib, shutil, signal, sys, tempfile, types
    import protocolgen.write.output as output
    fake = types.ModuleType("protocolgen.write.pdf")
    def write(sites, shop):
        return [{f"{name}.pdf": b"%PDF-" + name.encode() for name in site.pages
                 if name != "index"} for site in sites]
    fake.write, fake.require_libraries = write, (lambda: None)
    sys.modules["protocolgen.write.pdf"] = fake
    kill_at, count = int(sys.argv[3]), [0]
    def counted(function):
        def wrapper(*args, **kwargs):
            count[0] += 1
            if count[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return function(*args, **kwargs)
        return wrapper
    for module, name in [(os, "rename"), (os, "rmdir"), (shutil, "rmtree"),
                         (tempfile, "mkdtemp"), (shutil, "copytree"), (shutil, "copyfile")]:
        setattr(module, name, counted(getattr(module, name)))
    output._exchange = counted(output._exchange) if sys.argv[4] == "swap" else (
        counted(lambda a, b: False))
    for name in ("write_text", "write_bytes", "mkdir", "chmod"):
        setattr(pathlib.Path, name, counted(getattr(pathlib.Path, name)))
    from protocolgen.commands.build import build
    from protocolgen.load.files import read
    build([read(pathlib.Path(sys.argv[1]))], pathlib.Path(sys.argv[2]))
    print(count[0])
""")


def _child(source: Path, out: Path, kill_at: int, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CHILD, str(source), str(out), str(kill_at),
                           mode], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """Return (old source, new source, scratch folder): two versions of one protocol."""
    root = tmp_path_factory.mktemp("versies")
    paths = []
    for name, aim in (("oud", "Handhaaft de openbare orde"), ("nieuw", "Bewaakt de orde")):
        (root / name).mkdir()
        shutil.copyfile(EXAMPLE.parent / LOGO, root / name / LOGO)
        text = mutate(EXAMPLE.read_text(encoding="utf-8"),
                      ("    doel: Handhaaft de openbare orde", f"    doel: {aim}"))
        (root / name / "lindenwaard.yaml").write_text(text, encoding="utf-8")
        paths.append(root / name / "lindenwaard.yaml")
    return paths[0], paths[1], root


@pytest.mark.parametrize("mode", ["swap", "two renames"])
def test_sigkill_at_any_point_leaves_old_or_new_output(versions: tuple[Path, Path, Path],
                                                       mode: str) -> None:
    old, new, root = versions
    states = {}
    for name, source in (("old", old), ("new", new)):
        out = root / f"toestand-{name}-{mode}"
        assert _child(source, out, 0, mode).returncode == 0
        states[name] = digest(out / "lindenwaard")
    total = int(_child(new, root / f"telling-{mode}", 0, mode).stdout)
    assert states["old"] != states["new"] and total > 40
    # every operation of the swap at the end, and a sample of the writes before it
    points = sorted({*range(1, total - 12, 5), *range(max(1, total - 12), total + 1)})
    for kill_at in points:
        out = root / f"uit-{mode}-{kill_at}"
        assert _child(old, out, 0, mode).returncode == 0
        done = _child(new, out, kill_at, mode)
        assert done.returncode == -signal.SIGKILL, (kill_at, done.stderr)
        if (out / "lindenwaard").exists() or mode == "swap":
            assert digest(out / "lindenwaard") in (states["old"], states["new"]), kill_at
        assert _child(new, out, 0, mode).returncode == 0  # the next build repairs and tidies
        assert sorted(p.name for p in out.iterdir()) == ["lindenwaard"], kill_at
        assert digest(out / "lindenwaard") == states["new"], kill_at


def test_a_gap_left_between_two_renames_is_repaired(versions: tuple[Path, Path, Path]) -> None:
    old, _, root = versions
    out = root / "gat"
    assert _child(old, out, 0, "two renames").returncode == 0
    before = digest(out / "lindenwaard")
    (out / "lindenwaard").rename(out / ".lindenwaard-oud-abcd1234")  # what a crash leaves
    from protocolgen.write.output import _tidy, locked

    with locked(out):
        _tidy(out, "lindenwaard")
    assert sorted(p.name for p in out.iterdir()) == ["lindenwaard"]
    assert digest(out / "lindenwaard") == before


def _fake_pdfs(monkeypatch: pytest.MonkeyPatch) -> None:
    import protocolgen.write.pdf

    monkeypatch.setattr(protocolgen.write.pdf, "lay_out",
                        lambda jobs, **kwargs: [b"%PDF-" + j.name.encode() for j in jobs])
    monkeypatch.setattr(protocolgen.write.pdf, "finish", lambda raw, source: raw)


@pytest.fixture
def earlier(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return an output folder that holds an earlier build (with stand-in PDFs)."""
    _fake_pdfs(monkeypatch)
    out = tmp_path / "uit"
    build_one(read(EXAMPLE), out, today=TODAY)
    return out


def _build(*args: str) -> tuple[int, str]:
    """Build with the CLI; --force, so that output that is up to date is written anyway."""
    err = io.StringIO()
    code = main(["build", "--force", *args], io.StringIO(), err)
    return code, err.getvalue()


@pytest.mark.parametrize(("code", "what"), [
    (errno.ENOSPC, "de schijf is vol — maak ruimte vrij en bouw opnieuw"),
    (errno.EFBIG, "een bestand wordt groter dan het systeem toestaat — verhoog de grens voor "
                  "bestandsgrootte (ulimit -f) of kies een andere map"),
    (errno.EROFS, "het bestandssysteem is alleen-lezen — kies met -o een map waarin geschreven "
                  "mag worden"),
    (errno.EACCES, "hier mag niet geschreven worden — controleer de rechten of kies met -o een "
                   "andere map"),
    (errno.ENAMETOOLONG, "de naam is te lang voor het bestandssysteem — kies met -o een kortere "
                         "map"),
], ids=["disk full", "file too large", "read-only", "permission", "name too long"])
def test_os_failure_while_writing_is_a_dutch_message(code: int, what: str, earlier: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(earlier)
    real = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        if self.suffix == ".pdf":
            raise OSError(code, os.strerror(code), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    status, err = _build(str(EXAMPLE), "-o", str(earlier))
    assert status == 2 and "Traceback" not in err
    assert err.startswith("protocolgen: fout: ") and f": de documenten kunnen niet geschreven " \
        f"worden: {what}; eerdere documenten zijn niet veranderd\n" in err
    assert digest(earlier) == before
    assert sorted(p.name for p in earlier.iterdir()) == ["lindenwaard"]


def test_busy_mount_point_is_a_dutch_message(earlier: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import protocolgen.write.output

    before = digest(earlier)

    def busy(a: Path, b: Path) -> bool:
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(b))

    monkeypatch.setattr(protocolgen.write.output, "_exchange", busy)
    status, err = _build(str(EXAMPLE), "-o", str(earlier))
    assert status == 2
    assert err == (f"protocolgen: fout: {earlier / 'lindenwaard'}: de documenten kunnen niet "
                   "geschreven worden: de map is in gebruik of is een koppelpunt (mount point) — "
                   "koppel de map erboven, of kies met -o een andere map; eerdere documenten zijn "
                   "niet veranderd\n")
    assert digest(earlier) == before
    assert sorted(p.name for p in earlier.iterdir()) == ["lindenwaard"]


def test_a_file_where_the_output_folder_goes_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    (out / "lindenwaard").write_text("mijn aantekeningen", encoding="utf-8")
    status, err = _build(str(EXAMPLE), "-o", str(out))
    assert status == 2
    assert err == (f"protocolgen: fout: {out / 'lindenwaard'}: hier staat al een bestand dat "
                   "protocolgen niet heeft gemaakt — verplaats het, of kies met -o een andere "
                   "map\n")
    assert (out / "lindenwaard").read_text(encoding="utf-8") == "mijn aantekeningen"
    assert sorted(p.name for p in out.iterdir()) == ["lindenwaard"]


def test_a_foreign_folder_is_not_replaced(tmp_path: Path) -> None:
    foreign = tmp_path / "uit" / "lindenwaard"
    foreign.mkdir(parents=True)
    (foreign / "scriptie.docx").write_bytes(b"eigen werk")
    status, err = _build(str(EXAMPLE), "-o", str(tmp_path / "uit"))
    assert status == 2 and "deze map is niet door protocolgen gemaakt en wordt niet vervangen" \
        in err
    assert [p.name for p in foreign.iterdir()] == ["scriptie.docx"]


@pytest.mark.parametrize("target", ["bestand", "bron"], ids=["a file", "the source itself"])
def test_output_option_pointing_at_a_file(target: str, tmp_path: Path, write: Write) -> None:
    source = write(EXAMPLE.read_text(encoding="utf-8"), "lindenwaard.yaml")
    out = source if target == "bron" else tmp_path / "bestand.txt"
    out.write_bytes(out.read_bytes() if out.exists() else b"tekst")
    before = out.read_bytes()
    status, err = _build(str(source), "-o", str(out))
    assert status == 2
    assert err == (f"protocolgen: fout: {out}: dit is een bestand, geen map — kies met -o een map "
                   "voor de documenten\n")
    assert out.read_bytes() == before


def test_two_protocols_for_one_folder_are_refused_before_writing(tmp_path: Path,
                                                                 write: Write) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    first = write(text, "a.yaml")
    second = write(mutate(text, ("  gemeente: Lindenwaard", "  gemeente: LindenWaard")),
                   "b.yaml")
    status, err = _build(str(first), str(second), "-o", str(tmp_path / "uit"))
    assert status == 2
    assert err == (f"protocolgen: fout: {first} en {second} krijgen allebei de uitvoermap "
                   f"{tmp_path / 'uit' / 'lindenwaard'}; niets geschreven — geef elk protocol "
                   "een eigen gemeentenaam, of bouw ze met elk een eigen -o\n")
    assert not (tmp_path / "uit").exists()


def test_another_protocol_does_not_overwrite_a_folder(earlier: Path, write: Write) -> None:
    other = write(mutate(EXAMPLE.read_text(encoding="utf-8"),
                         ("  gemeente: Lindenwaard", "  gemeente: LindenWaard")), "ander.yaml")
    before = digest(earlier)
    status, err = _build(str(other), "-o", str(earlier))
    assert status == 2 and "deze map bevat de documenten van lindenwaard.yaml, niet van " \
        "ander.yaml" in err
    assert digest(earlier) == before


def test_invalid_file_among_many_writes_nothing(tmp_path: Path, write: Write) -> None:
    good = write(EXAMPLE.read_text(encoding="utf-8"), "goed.yaml")
    bad = write(mutate(EXAMPLE.read_text(encoding="utf-8"), ("  gemeente: Lindenwaard",
                                                             "  gemeente: Berkel")), "fout.yaml")
    bad.write_text(bad.read_text(encoding="utf-8").replace(*with_status("klaar")), encoding="utf-8")
    status, err = _build(str(good), str(bad), "-o", str(tmp_path / "uit"))
    assert status == 1 and f"protocolgen: {bad}: niets geschreven" in err
    assert not (tmp_path / "uit").exists()


def test_long_names_fit_the_file_system() -> None:
    name = slug("Gemeente " + "Heel-Lange-Naam " * 30)
    assert len(name) <= 64 and not name.endswith("-")


def test_a_build_leaves_tmpdir_as_it_found_it(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = subprocess.run([sys.executable, "-m", "protocolgen", "build", str(EXAMPLE), "-o",
                           str(tmp_path / "uit")], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "TMPDIR": str(scratch)})
    assert done.returncode == 0, done.stderr
    assert list(scratch.iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["lindenwaard"]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(c) for c in task.read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_workers_end_with_a_killed_build(tmp_path: Path) -> None:
    build_process = subprocess.Popen([sys.executable, "-m", "protocolgen", "build", str(EXAMPLE),
                                      "-o", str(tmp_path / "uit")], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while not workers and build_process.poll() is None and time.monotonic() < deadline:
        workers = _children(build_process.pid)
        time.sleep(0.05)
    assert workers, "the build ended before it started workers"
    build_process.kill()
    build_process.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [w for w in workers if _alive(w)] == []


def test_role_cards_have_balanced_links(built: Path) -> None:
    cards = [p for p in documents(built, ".html") if p.name.startswith("rolkaart-")]
    assert cards
    for card in cards:
        html = card.read_text(encoding="utf-8")
        assert html.count("<a ") == html.count("</a>"), card.name
        assert "<a…" not in html and "…</a" not in html


HOSTILE_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(https://evil.example/x.css);</style>
  <foreignObject><body xmlns="http://www.w3.org/1999/xhtml">hoi</body></foreignObject>
  <image xlink:href="file:///etc/passwd" width="5" height="5"/>
  <use href="https://evil.example/sprite.svg#a"/>
  <rect width="10" height="10" fill="url(#verloop)" onclick="alert(3)"
        style="background: url(https://evil.example/p.png)"/>
  <a href="#binnen"><circle r="2" fill="#1f4e79"/></a>
</svg>"""


def test_svg_logo_loses_active_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_pdfs(monkeypatch)
    (tmp_path / "logo.svg").write_bytes(HOSTILE_SVG)
    source = tmp_path / "lindenwaard.yaml"
    source.write_text(mutate(EXAMPLE.read_text(encoding="utf-8"),
                             ("logo: lindenwaard-logo.svg", "logo: logo.svg")), encoding="utf-8")
    folder = build_one(read(source), tmp_path / "uit", today=TODAY).folder
    copied = (folder / "assets" / "logo.svg").read_text(encoding="utf-8")
    for banned in ("script", "alert", "@import", "foreignObject", "file:", "evil.example",
                   "onload", "onclick"):
        assert banned not in copied, banned
    assert 'fill="url(#verloop)"' in copied and 'href="#binnen"' in copied
    assert copied.startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_concurrent_builds_into_one_folder_follow_each_other(
        versions: tuple[Path, Path, Path]) -> None:
    old, new, root = versions
    out = root / "tegelijk"
    runs = [subprocess.Popen([sys.executable, "-c", CHILD, str(source), str(out), "0", "swap"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for source in (old, new, old, new)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0, 0]
    assert sorted(p.name for p in out.iterdir()) == ["lindenwaard"]
    assert (out / "lindenwaard" / ".protocolgen").read_text(encoding="utf-8") == \
        "lindenwaard.yaml\n"


def test_output_option_may_be_a_symlink_to_a_folder(earlier: Path, tmp_path: Path) -> None:
    link = tmp_path / "koppeling"
    link.symlink_to(earlier, target_is_directory=True)
    code, err = _build(str(EXAMPLE), "-o", str(link))
    assert code == 0 and all(line.endswith("[PG307]") for line in err.splitlines())
    assert sorted(p.name for p in earlier.iterdir()) == ["lindenwaard"]


def test_a_symlink_as_the_output_folder_is_not_replaced(earlier: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders"
    (earlier / "lindenwaard").rename(elsewhere)
    (earlier / "lindenwaard").symlink_to(elsewhere, target_is_directory=True)
    status, err = _build(str(EXAMPLE), "-o", str(earlier))
    assert status == 2 and "dit is een koppeling (symlink); protocolgen vervangt die niet" in err
    assert (earlier / "lindenwaard").is_symlink()


def test_missing_pdf_libraries_are_a_dutch_message(tmp_path: Path) -> None:
    """Simulate a machine without Pango: every library WeasyPrint opens fails to load."""
    script = textwrap.dedent(f"""
        import sys, cffi
        def missing(self, name, flags=0):
            raise OSError(f"cannot load library {{name!r}}")
        cffi.FFI.dlopen = missing
        from protocolgen.cli.main import main
        sys.exit(main(["build", {str(EXAMPLE)!r}, "-o", {str(tmp_path / "uit")!r}]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.startswith("protocolgen: fout: de systeembibliotheken voor PDF ontbreken")
    assert "apt-get install libpango-1.0-0" in done.stderr
    assert done.stderr.endswith("en bouw opnieuw; er is niets geschreven\n")
    assert not (tmp_path / "uit").exists()


def test_build_without_fork_and_affinity_gives_the_same_documents(built: Path,
                                                                  tmp_path: Path) -> None:
    """Windows and macOS: no os.sched_getaffinity, no fork, no renameat2."""
    script = textwrap.dedent(f"""
        import os, sys
        import protocolgen.write.output, protocolgen.write.pdf
        del os.sched_getaffinity
        protocolgen.write.pdf.START_METHOD = "spawn"
        protocolgen.write.output._exchange = lambda a, b: False
        from protocolgen.cli.main import main
        sys.exit(main(["build", {str(EXAMPLE)!r}, "-o", {str(tmp_path / "uit")!r}]))
    """)
    for _ in range(2):  # the second build replaces the first without renameat2
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
    assert digest(tmp_path / "uit" / "lindenwaard") == digest(built)
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["lindenwaard"]
