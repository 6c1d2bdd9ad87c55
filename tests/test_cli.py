"""The command line: exit codes, output formats, and the derived schema and docs."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from protocolgen.cli.main import main
from protocolgen.commands.docs import (
    codes_docs,
    fixed_texts_docs,
    format_docs,
    json_schema,
    json_schema_text,
)
from protocolgen.load.parse import load
from protocolgen.schema import catalogue

from .conftest import EXAMPLE, ROOT, Write, mutate, settled, with_status


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_validate_example_exits_zero(example_text: str, write: Write) -> None:
    code, out, err = run("validate", str(EXAMPLE))
    assert (code, out) == (0, f"{EXAMPLE}: 0 fouten, 2 waarschuwingen\n")
    assert [line.endswith("[PG307]") for line in err.splitlines()] == [True, True]
    path = write(settled(example_text))
    assert run("validate", str(path)) == (0, f"{path}: in orde\n", "")


def test_invalid_content_exits_one_and_reports_all_files(example_text: str, write: Write) -> None:
    bad = write(mutate(example_text, with_status("klaar")), "slecht.yaml")
    code, out, err = run("validate", str(EXAMPLE), str(bad))
    assert code == 1
    assert out == f"{EXAMPLE}: 0 fouten, 2 waarschuwingen\n{bad}: 1 fout, 2 waarschuwingen\n"
    assert f"{bad}:12:11: fout: document.status: 'klaar' is geen toegestane" in err


def test_unreadable_input_exits_two(tmp_path: Path) -> None:
    code, _, err = run("validate", str(tmp_path / "weg.yaml"))
    assert code == 2
    assert err == (f"protocolgen: fout: {tmp_path / 'weg.yaml'}: het bestand bestaat niet — "
                   "controleer het pad [PG001]\n")


def test_json_lists_unreadable_files_too(tmp_path: Path) -> None:
    missing = str(tmp_path / "weg.yaml")
    code, out, _ = run("validate", "--format", "json", str(EXAMPLE), missing)
    assert code == 2
    found = json.loads(out)
    assert [p["code"] for p in found[0]["problemen"]] == ["PG307", "PG307"]
    assert found == [{"bestand": str(EXAMPLE), "problemen": found[0]["problemen"]}, {
        "bestand": missing, "problemen": [{
            "code": "PG001", "ernst": "fout", "bestand": missing, "regel": None, "kolom": None,
            "pad": [], "melding": "het bestand bestaat niet", "actie": "controleer het pad",
            "suggestie": None}]}]


@pytest.mark.parametrize("form", ["json", "tekst"])
def test_a_closed_pipe_ends_quietly(form: str, example_text: str, write: Write) -> None:
    """`protocolgen validate --format json FILE | head -1`: the reader goes away early."""
    bad = write(mutate(example_text, with_status("klaar")))
    many = [str(bad)] * 200
    process = subprocess.Popen([sys.executable, "-m", "protocolgen", "validate", "--format",
                                form, *many], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr


def test_unusable_invocation_exits_two_in_dutch() -> None:
    code, _, err = run("valideer", "x.yaml")
    assert code == 2 and err.endswith(
        "protocolgen: fout: onbekende opdracht 'valideer' (bedoelde je 'validate'?); kies uit: "
        "nieuw, validate, build, serve, vaststellen, advies, diff, grondslagen, schema, codes, "
        "docs — zie 'protocolgen --help'\n")
    assert run("validate")[2].endswith("protocolgen: fout: dit ontbreekt: PAD — zie "
                                       "'protocolgen --help'\n")
    assert run("validate", "--format", "xml", "x.yaml")[2].endswith(
        "protocolgen: fout: --format: 'xml' is geen keuze; kies uit: tekst, json, github, "
        "gitlab, sarif — zie 'protocolgen --help'\n")
    assert run("validate", "--wat", "x.yaml")[0] == 2


def test_help_is_dutch_and_names_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("gebruik: protocolgen") and "toon deze hulp en stop" in text
    assert "afsluitcodes: 0 in orde, 1 fouten in de inhoud" in " ".join(text.split())
    assert "usage" not in text and "show this help" not in text
    assert main(["build", "--help"]) == 0
    assert capsys.readouterr().out.startswith("gebruik: protocolgen build")
    assert main(["--version"]) == 0
    from protocolgen import __version__
    assert capsys.readouterr().out == f"protocolgen {__version__}\n"


def test_strict_turns_warnings_into_failure(example_text: str, write: Write) -> None:
    path = write(settled(mutate(example_text, (
        "    regeling: wgs\n    beslisser: ondermijningsteam\n    privacytoets: pc1",
        "    regeling: riec-convenant\n    beslisser: ondermijningsteam\n    privacytoets: pc1"))))
    assert run("validate", str(path))[0] == 0
    assert run("validate", "--strict", str(path))[0] == 1


def test_json_format_carries_the_same_problems(example_text: str, write: Write) -> None:
    path = write(settled(mutate(example_text, with_status("vastgestelt"))))
    code, out, _ = run("validate", "--format", "json", str(path))
    assert code == 1
    assert json.loads(out) == [{"bestand": str(path), "problemen": [{
        "code": "PG108", "ernst": "fout", "bestand": str(path), "regel": 12, "kolom": 11,
        "pad": ["document", "status"], "melding": "'vastgestelt' is geen toegestane waarde",
        "actie": "kies uit: concept, ter-advies-fg, vastgesteld, ingetrokken",
        "suggestie": "vastgesteld"}]}]


def _as_json(node: Any) -> Any:
    """Return YAML data as an editor sees it: dates are text."""
    if isinstance(node, dict):
        return {k: _as_json(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_as_json(v) for v in node]
    return node.isoformat() if isinstance(node, dt.date) else node


def _examples() -> list[Path]:
    found = sorted((ROOT / "protocols").glob("*.yaml"))
    assert found, "no example protocols found"
    return found


def test_json_schema_accepts_the_examples() -> None:
    schema = json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    for path in _examples():
        data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert list(jsonschema.Draft7Validator(schema).iter_errors(data)) == []


def test_json_schema_rejects_a_misspelt_key() -> None:
    data = _as_json(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    data["rollen"][0]["taaken"] = data["rollen"][0].pop("taken")
    found = sorted(e.message for e in jsonschema.Draft7Validator(json_schema()).iter_errors(data))
    assert found == ["'taken' is a required property",
                     "Additional properties are not allowed ('taaken' was unexpected)"]


def test_committed_schema_and_docs_are_current() -> None:
    assert (ROOT / "docs" / "protocol.schema.json").read_text(encoding="utf-8") == \
        json_schema_text()
    assert (ROOT / "docs" / "formaat.md").read_text(encoding="utf-8") == \
        format_docs(load(EXAMPLE).data)
    assert (ROOT / "docs" / "meldingen.md").read_text(encoding="utf-8") == codes_docs()
    assert (ROOT / "docs" / "vaste-teksten.md").read_text(encoding="utf-8") == \
        fixed_texts_docs()
    assert (ROOT / "docs" / "grondslagen.md").read_text(encoding="utf-8") == \
        catalogue.as_markdown()


def test_every_code_in_the_source_is_documented_and_used() -> None:
    """No code is emitted without a meaning in CODES, and no documented code is dead."""
    import re

    from protocolgen.errors import CODES

    source = "".join(p.read_text(encoding="utf-8")
                     for p in sorted((ROOT / "src" / "protocolgen").rglob("*.py"))
                     if p.name != "errors.py")
    assert source
    assert set(re.findall(r'"(PG[0-9]{3})"', source)) == set(CODES)


def test_every_field_in_the_docs_has_an_example() -> None:
    rows = [line for line in format_docs(load(EXAMPLE).data).splitlines()
            if line.startswith("| `")]
    assert len(rows) > 150
    assert [row for row in rows if row.endswith("|  |")] == []


def test_examples_declare_the_schema() -> None:
    for path in _examples():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../docs/protocol.schema.json"


def test_validation_does_not_import_weasyprint() -> None:
    import subprocess
    import sys
    code = ("import sys; from protocolgen.cli.main import main; "
            f"main(['validate', {str(EXAMPLE)!r}]); print('weasyprint' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.splitlines()[-1] == "False"


def _json_node(schema: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    for step in path:
        schema = schema["items"] if isinstance(step, int) else schema["properties"][step]
    return schema


def test_every_date_field_has_the_same_form_in_the_json_schema() -> None:
    from protocolgen.schema.protocol import SCHEMA

    exported = json_schema()
    dates = []

    def visit(field: dict[str, Any], path: tuple[str | int, ...]) -> None:
        if field["type"] == "date":
            dates.append(path)
        for key, sub in field.get("schema", {}).items() if field["type"] == "dict" else []:
            visit(sub, (*path, key))
        if field["type"] == "list":
            visit(field["schema"], (*path, 0))

    visit({"type": "dict", "schema": SCHEMA}, ())
    assert len(dates) >= 8
    for path in dates:
        node = _json_node(exported, path)
        if path != ("document", "datum"):  # every date but this one may be an open point
            assert node["anyOf"][1] == {"$ref": "#/definitions/openPunt"}, path
            node = node["anyOf"][0]
        assert node | {"description": "", "examples": []} == {
            "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "errorMessage": "schrijf een datum als JJJJ-MM-DD", "description": "",
            "examples": []}, path


@pytest.mark.parametrize(("written", "seen_by_editor", "accepted"), [
    ("2026-09-15", "2026-09-15", True),
    ('"2026-09-15"', "2026-09-15", True),
    ("2026-9-15", "2026-9-15", False),
    ("2026-09-15 10:30:00", "2026-09-15 10:30:00", False),
    ("2026-09-15T10:30:00Z", "2026-09-15T10:30:00Z", False),
    ("2026-02-30", "2026-02-30", False),
    ("15-09-2026", "15-09-2026", False),
], ids=["date", "quoted date", "no leading zero", "timestamp", "iso timestamp",
        "impossible day", "day first"])
def test_validator_and_json_schema_agree_on_dates(written: str, seen_by_editor: str,
                                                  accepted: bool, example_text: str,
                                                  write: Write) -> None:
    from protocolgen import check
    from protocolgen.load.files import read

    text = mutate(example_text, ("  datum: 2026-09-15\n  status", f"  datum: {written}\n  status"))
    report = check(read(write(text)), today=dt.date(2026, 11, 28))
    assert (not any(p.path == ("document", "datum") for p in report.problems)) is accepted
    data = _as_json(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))
    data["document"]["datum"] = seen_by_editor
    validator = jsonschema.Draft7Validator(json_schema(),
                                           format_checker=jsonschema.FormatChecker())
    assert (list(validator.iter_errors(data)) == []) is accepted


def test_reference_date_comes_from_the_option_or_source_date_epoch(
        monkeypatch: pytest.MonkeyPatch, example_text: str, write: Write) -> None:
    """Date warnings must not depend on the machine's clock when CI fixes the date."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    EXAMPLE = write(settled(example_text))
    assert run("validate", "--peildatum", "2027-10-01", str(EXAMPLE))[0:2] == (
        0, f"{EXAMPLE}: in orde\n")
    code, _, err = run("validate", "--strict", "--peildatum", "2027-10-02", str(EXAMPLE))
    assert code == 1 and "de datum 2027-10-01 ligt in het verleden" in err and "[PG301]" in err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2030, 1, 1,
                                                                tzinfo=dt.UTC).timestamp())))
    assert run("validate", str(EXAMPLE))[1] == f"{EXAMPLE}: 0 fouten, 2 waarschuwingen\n"
    assert run("validate", "--peildatum", "2026-11-28", str(EXAMPLE))[1] == \
        f"{EXAMPLE}: in orde\n"  # the option wins


def test_unusable_reference_dates_exit_two(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run("validate", "--peildatum", "2030-13-01", str(EXAMPLE))
    assert code == 2 and "'2030-13-01' is geen datum als JJJJ-MM-DD" in err
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    assert run("validate", str(EXAMPLE)) == (2, "", (
        "protocolgen: fout: SOURCE_DATE_EPOCH='gisteren' is geen aantal seconden sinds 1970 — "
        "zet een geheel getal of laat de variabele weg\n"))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_and_quiet_on_request(tmp_path: Path, example_text: str,
                                                     write: Write) -> None:
    EXAMPLE = write(settled(example_text))
    out, err = io.StringIO(), _Terminal()
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path)], out, err) == 0
    steps = re.findall(r"\r\x1b\[K  (\d+)/(\d+) (\S+)", err.getvalue())
    assert [int(done) for done, _, _ in steps] == list(range(1, len(steps) + 1))
    assert len(steps) == int(steps[0][1]) >= 15 and err.getvalue().endswith("\n")
    assert "bestanden geschreven" in out.getvalue()
    out, err = io.StringIO(), _Terminal()
    assert main(["build", "-q", str(EXAMPLE), "-o", str(tmp_path)], out, err) == 0
    assert (out.getvalue(), err.getvalue()) == ("", "")
    out, err = io.StringIO(), _Terminal()
    assert main(["validate", "-q", str(EXAMPLE)], out, err) == 0
    assert (out.getvalue(), err.getvalue()) == ("", "")


@pytest.mark.parametrize("changed", ["begrippen", "risicos"])
def test_docs_takes_examples_from_a_protocol_of_any_shape(changed: str, example_text: str,
                                                          write: Write) -> None:
    """`docs --voorbeeld` on a file whose lists are something else (issue 23 item 14): the
    format documentation, with examples only where the file has the schema's shape."""
    old = re.search(rf"\n  {changed}:\n(?:(?:    |  - ).*\n)+", example_text)
    assert old is not None
    value = "true" if changed == "begrippen" else '""'
    path = write(example_text.replace(old.group(), f"\n  {changed}: {value}\n", 1))
    code, out, err = run("docs", "--voorbeeld", str(path))
    assert (code, err) == (0, "")
    assert f"`{'inleiding' if changed == 'begrippen' else 'dpia'}.{changed}`" in out
