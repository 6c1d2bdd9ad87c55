"""Install and distribute: the wheel in a fresh environment, the pipeline files against their
schemas, the pre-commit hook run by pre-commit, the manifest and the team bundles.

Installing uses the wheelhouse `.wheels` that `make` fills, so these tests need no network."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from protocolgen.write.distribute import teams

from .conftest import EXAMPLE, LOGO, ROOT, documents, protocol_of, settled, with_status

WHEELS = ROOT / ".wheels"
needs_wheelhouse = pytest.mark.skipif(not WHEELS.is_dir(), reason="run 'make test': it fills "
                                      ".wheels, from which these tests install without network")


def sh(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
       timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)


def offline() -> dict[str, str]:
    """Return an environment in which pip installs only from the wheelhouse."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    env.update(PIP_NO_INDEX="1", PIP_FIND_LINKS=str(WHEELS), PIP_DISABLE_PIP_VERSION_CHECK="1",
               PIP_CONFIG_FILE=os.devnull)
    return env


@pytest.mark.parametrize(("pipeline", "schema"), [
    ("github-actions.yml", "vendor.github-workflows"),
    ("gitlab-ci.yml", "vendor.gitlab-ci"),
])
def test_pipeline_files_match_their_schemas(pipeline: str, schema: str) -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = sh(checker, "--builtin-schema", schema, ROOT / "docs" / "ci" / pipeline)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_hook_manifest_is_valid() -> None:
    done = sh(sys.executable, "-m", "pre_commit", "validate-manifest",
              ROOT / ".pre-commit-hooks.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


@needs_wheelhouse
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_runs_the_hook_in_a_gemeente_repository(tmp_path: Path,
                                                           example_text: str) -> None:
    """pre-commit installs protocolgen from a copy of this repository and runs the hook: it
    passes on the example and stops a commit of a protocol with a problem."""
    env = offline() | {"PRE_COMMIT_HOME": str(tmp_path / "cache"),
                       "GIT_AUTHOR_NAME": "FG", "GIT_AUTHOR_EMAIL": "fg@lindenwaard.nl",
                       "GIT_COMMITTER_NAME": "FG", "GIT_COMMITTER_EMAIL": "fg@lindenwaard.nl"}
    env = {k: v for k, v in env.items() if not k.startswith("GIT_DIR")}
    tool = tmp_path / "protocolgen"  # this working tree as it is now, committed
    shutil.copytree(ROOT, tool, ignore=shutil.ignore_patterns(
        ".git", ".venv", ".wheels", "node_modules", "output", "__pycache__", ".*_cache"))
    for args in (("init", "-q"), ("add", "."), ("commit", "-qm", "protocolgen")):
        assert sh("git", *args, cwd=tool, env=env).returncode == 0
    repo = tmp_path / "gemeente"
    (repo / "protocollen").mkdir(parents=True)
    (repo / "protocollen" / "lindenwaard.yaml").write_text(settled(example_text),
                                                           encoding="utf-8")
    shutil.copyfile(EXAMPLE.parent / LOGO, repo / "protocollen" / LOGO)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {tool}\n    rev: {sh('git', 'rev-parse', 'HEAD', cwd=tool).stdout}"
        "    hooks:\n      - id: protocolgen-validate\n", encoding="utf-8")
    pre_commit = (sys.executable, "-m", "pre_commit")
    assert sh("git", "init", "-q", cwd=repo, env=env).returncode == 0
    assert sh("git", "add", ".", cwd=repo, env=env).returncode == 0
    good = sh(*pre_commit, "run", "--all-files", cwd=repo, env=env, timeout=900)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "privacyprotocol controleren (protocolgen)" in good.stdout
    (repo / "protocollen" / "lindenwaard.yaml").write_text(
        example_text.replace(*with_status("vastgestelt")), encoding="utf-8")
    bad = sh(*pre_commit, "run", "--all-files", cwd=repo, env=env)
    assert bad.returncode == 1
    assert "document.status: 'vastgestelt' is geen toegestane waarde" in bad.stdout


@needs_wheelhouse
def test_the_wheel_works_in_a_fresh_environment_from_another_folder(tmp_path: Path) -> None:
    wheel_dir, venv, work = tmp_path / "wheel", tmp_path / "venv", tmp_path / "elders"
    built = sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
               "-w", wheel_dir, ROOT, env=offline())
    assert built.returncode == 0, built.stderr
    (wheel,) = wheel_dir.glob("protocolgen-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "protocolgen/templates/print.css" in names
    assert "protocolgen/voorbeeld/lindenwaard.yaml" in names
    assert sh(sys.executable, "-m", "venv", venv).returncode == 0
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    installed = sh(python, "-m", "pip", "install", "-q", "-c", ROOT / "constraints.txt",
                   wheel, env=offline())
    assert installed.returncode == 0, installed.stderr
    work.mkdir()
    shutil.copyfile(EXAMPLE, work / "protocol.yaml")
    shutil.copyfile(EXAMPLE.parent / LOGO, work / LOGO)
    cli = venv / "bin" / "protocolgen"
    env = offline() | {"SOURCE_DATE_EPOCH": os.environ["SOURCE_DATE_EPOCH"]}
    for args in (("--version",), ("validate", "protocol.yaml"), ("grondslagen", "bsn"),
                 ("schema", "-o", "schema.json"), ("docs", "-o", "formaat.md"),
                 ("build", "-q", "protocol.yaml", "-o", "uit")):
        done = sh(cli, *args, cwd=work, env=env)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    assert json.loads((work / "schema.json").read_text())["title"]
    assert (work / "formaat.md").read_text(encoding="utf-8") == (
        ROOT / "docs" / "formaat.md").read_text(encoding="utf-8")
    assert documents(work / "uit" / "lindenwaard", ".pdf")


def test_the_dockerfile_copies_what_exists_and_installs_with_the_constraints() -> None:
    lines = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    copied = [part for line in lines if line.startswith("COPY ")
              for part in line.split()[1:-1]]
    assert copied and all((ROOT / part).exists() for part in copied)
    assert any("pip install --no-cache-dir -c constraints.txt ." in line for line in lines)
    assert "libpango-1.0-0" in (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_manifest_lists_every_file_with_its_digest(built: Path) -> None:
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    files = sorted(p for p in built.rglob("*") if p.is_file()
                   and p.name not in ("manifest.json", ".protocolgen"))
    assert [f["pad"] for f in manifest["bestanden"]] == [
        p.relative_to(built).as_posix() for p in files]
    for entry, path in zip(manifest["bestanden"], files, strict=True):
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["bytes"] == path.stat().st_size
    protocol = protocol_of(EXAMPLE)
    assert {k: manifest[k] for k in ("bron", "gemeente", "versie", "status", "vingerafdruk",
                                     "vastgesteld_op", "gewijzigd_na_vaststelling")} == {
        "bron": "lindenwaard.yaml", "gemeente": "Lindenwaard", "versie": "1.1",
        "status": "vastgesteld", "vingerafdruk": protocol.vingerafdruk,
        "vastgesteld_op": "2026-09-15", "gewijzigd_na_vaststelling": False}


def test_each_team_gets_its_cards_and_the_protocol(built: Path) -> None:
    protocol = protocol_of(EXAMPLE)
    bundles = sorted((built / "bundels").iterdir())
    assert len(bundles) == len(teams(protocol))
    seen = []
    for bundle in bundles:
        assert bundle.name.endswith("-versie-1.1.zip")
        with zipfile.ZipFile(bundle) as archive:
            names = archive.namelist()
            assert names[0] == "privacyprotocol.pdf"
            assert archive.read(names[0]) == (built / "privacyprotocol.pdf").read_bytes()
            for name in names[1:]:
                assert archive.read(name) == (built / name).read_bytes()
            assert {i.date_time for i in archive.infolist()} == {(2026, 9, 15, 0, 0, 0)}
        seen += names[1:]
    assert sorted(seen) == sorted(f"rolkaart-{r.id}.pdf" for r in protocol.rollen)
    police = next(b for b in bundles if b.name.startswith("politie-"))
    assert zipfile.ZipFile(police).namelist() == ["privacyprotocol.pdf", "rolkaart-politie.pdf"]
