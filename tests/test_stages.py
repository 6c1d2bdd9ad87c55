"""The seams between the stages: a protocol of several files, and the knowledge about each
field kept on the schema (the vocabulary of choices)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from protocolgen import check, read
from protocolgen.schema.protocol import ROOT
from protocolgen.schema.vocabulary import VOCABULARY, word
from protocolgen.schema.walk import walk

from .conftest import EXAMPLE, LOGO, TODAY, decided

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


def _split(tmp_path: Path, dpia_text: str) -> tuple[Path, Path]:
    """Write the example as two files: everything but the DPIA, and the DPIA."""
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("\ndpia:\n") + 1
    (tmp_path / LOGO).write_bytes((EXAMPLE.parent / LOGO).read_bytes())
    main, part = tmp_path / "protocol.yaml", tmp_path / "dpia.yaml"
    main.write_text(text[:start], encoding="utf-8")
    part.write_text(dpia_text or text[start:], encoding="utf-8")
    return main, part


def test_a_protocol_in_two_files_checks_as_one(tmp_path: Path) -> None:
    main, part = _split(tmp_path, "")
    whole = check(read(EXAMPLE), today=TODAY)
    split = check(read(main, part), today=TODAY)
    assert [p.message for p in split.problems] == [p.message for p in whole.problems]
    assert split.fingerprint == whole.fingerprint


def test_a_problem_in_the_second_file_names_that_file_line_and_column(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    dpia = text[text.index("\ndpia:\n") + 1:]
    broken = dpia.replace("  status: ", "  staus: ", 1)
    main, part = _split(tmp_path, broken)
    line = broken[:broken.index("  staus: ")].count("\n") + 1
    found = [p.text() for p in decided(check(read(main, part), today=TODAY).problems)]
    assert any(t.startswith(f"{part}:{line}:3: fout: dpia.staus: de sleutel 'staus' is hier "
                            "niet bekend") for t in found), found
    assert any(t.startswith(f"{part}:2:3: fout: dpia.status: de verplichte sleutel 'status' "
                            "ontbreekt") for t in found), found


def test_a_key_in_two_files_is_a_located_problem(tmp_path: Path) -> None:
    main, part = _split(tmp_path, "")
    part.write_text(part.read_text(encoding="utf-8") + "rechten:\n  x: y\n", encoding="utf-8")
    line = part.read_text(encoding="utf-8").count("\n") - 1
    first = EXAMPLE.read_text(encoding="utf-8").split("\n").index("rechten:") + 1
    found = [p.text() for p in check(read(main, part), today=TODAY).problems
             if p.code == "PG019"]
    assert found == [f"{part}:{line}:1: fout: rechten: de sleutel 'rechten' staat al in {main} "
                     f"(regel {first}, kolom 1) — zet dit onderdeel in één van de bestanden "
                     "[PG019]"]


def test_every_choice_has_a_dutch_word_for_each_value() -> None:
    choices = [(path, field) for path, field, _ in _fields(ROOT, ()) if "allowed" in field]
    assert len(choices) >= 20
    for path, field in choices:
        name = field["meta"]["woorden"]
        assert field["allowed"] == list(VOCABULARY[name]), path
        for value in field["allowed"]:
            assert word(value, name).strip(), (path, value)
    used = {field["meta"]["woorden"] for _, field in choices}
    assert used == set(VOCABULARY), "a list in the vocabulary that no field uses"


def test_no_template_holds_its_own_label_dict() -> None:
    for template in sorted(TEMPLATES.glob("*.j2")):
        text = template.read_text(encoding="utf-8")
        dicts = re.findall(r"\{\s*'[\w-]+'\s*:\s*'[^']*'", text)
        assert dicts == [], (template.name, dicts[:2])


def test_the_json_schema_gives_the_editor_the_words() -> None:
    from protocolgen.commands.docs import json_schema

    schema = yaml.safe_load(yaml.safe_dump(json_schema()))
    status = schema["properties"]["document"]["properties"]["status"]
    assert status["enum"] == list(VOCABULARY["status"])
    assert status["enumDescriptions"] == [word(v, "status") for v in status["enum"]]


def _fields(field: dict[str, Any], path: tuple[str | int, ...]
            ) -> list[tuple[tuple[str | int, ...], dict[str, Any], None]]:
    found = [(path, field, None)]
    if field.get("type") == "dict":
        for key, sub in field.get("schema", {}).items():
            found += _fields(sub, (*path, key))
    elif field.get("type") == "list":
        found += _fields(field["schema"], (*path, 0))
    return found


def test_walk_follows_the_schema() -> None:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    paths = {path for path, _, _ in walk(ROOT, data)}
    assert ("document", "status") in paths and ("rollen", 0, "id") in paths
