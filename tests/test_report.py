"""The formats for CI systems: GitHub workflow commands, GitLab Code Quality and SARIF, checked
against their formats; JSON that counts like the text output and includes unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from .conftest import Write, mutate, with_status
from .test_cli import run

SCHEMAS = Path(__file__).parent / "schemas"
BROKEN = (with_status("vastgestelt"),
          ("  - id: casusregisseur\n", "  - id: Casus Regisseur\n"),
          ("herbeoordeling: 2029-08-01", "herbeoordeling: 2030-08-01"))


@pytest.fixture
def broken(write: Write, example_text: str) -> tuple[Path, Path]:
    """Return a protocol with errors and a warning, and a file that cannot be read."""
    path = write(mutate(example_text, *BROKEN))
    return path, path.parent / "bestaat-niet.yaml"


def test_json_counts_list_items_from_one_like_the_text(write: Write, example_text: str) -> None:
    path = write(mutate(example_text, ("  - id: burgemeester\n    naam: Burgemeester",
                                       "  - id: burgemeester\n    naam: 12")))
    code, out, err = run("validate", "--format", "json", str(path))
    found = json.loads(out)[0]["problemen"][0]
    assert code == 1 and found["pad"] == ["rollen", 1, "naam"]
    code, _, err = run("validate", str(path))
    assert ": fout: rollen.1.naam: " in err


def test_sarif_is_valid_sarif(broken: tuple[Path, Path]) -> None:
    code, out, _ = run("validate", "--format", "sarif", *map(str, broken))
    log = json.loads(out)
    jsonschema.validate(log, json.loads((SCHEMAS / "sarif-2.1.0.json").read_text()))
    results = log["runs"][0]["results"]
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert code == 2 and {r["level"] for r in results} == {"error", "warning"}
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    files = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert files == {p.as_uri() for p in broken}  # the unreadable file too
    first = results[0]["locations"][0]["physicalLocation"]["region"]
    assert first["startLine"] >= 1 and first["startColumn"] >= 1


def test_gitlab_code_quality_is_valid(broken: tuple[Path, Path]) -> None:
    code, out, _ = run("validate", "--format", "gitlab", *map(str, broken))
    issues = json.loads(out)
    jsonschema.validate(issues, json.loads((SCHEMAS / "gitlab-code-quality.json").read_text()))
    assert code == 2 and {i["severity"] for i in issues} == {"major", "minor"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["location"]["path"] for i in issues} == {str(p) for p in broken}
    assert all(i["description"].endswith(f"[{i['check_name']}]") for i in issues)


def test_github_workflow_commands(broken: tuple[Path, Path]) -> None:
    code, out, _ = run("validate", "--format", "github", *map(str, broken))
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert code == 2 and len(commands) == 31  # with the example's two open points
    protocol, unreadable = broken
    for line in commands:
        head, message = line[2:].split("::", 1)
        level, properties = head.split(" ", 1)
        fields = dict(p.split("=", 1) for p in properties.split(","))
        assert level in ("error", "warning") and set(fields) == {"file", "line", "col", "title"}
        assert fields["file"] in (str(protocol), str(unreadable))
        assert int(fields["line"]) >= 1 and fields["title"].startswith("PG")
        assert "\n" not in message and message
    assert lines[-2:] == [f"{protocol}: 27 fouten, 3 waarschuwingen",
                          f"{unreadable}: 1 fout, 0 waarschuwingen"]


def test_github_escapes_what_would_end_a_command() -> None:
    from protocolgen.checks.report import Result, render
    from protocolgen.errors import Position, Problem

    found = Problem("PG101", ("a",), "regel 1\nregel 2 100%", "doe iets",
                    Position("map,met:tekens.yaml", 3, 4))
    assert render([Result("x.yaml", [found])], "github").splitlines()[0] == (
        "::error file=map%2Cmet%3Atekens.yaml,line=3,col=4,title=PG101::a: regel 1%0Aregel 2 "
        "100%25 — doe iets")
