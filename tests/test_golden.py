"""The safety net for changes that must not change the documents: the HTML of both examples
(kept in tests/golden/, so a difference reads as a diff) and the SHA-256 of every PDF.

After a change that is meant to change the documents, write the new golden files with
`PROTOCOLGEN_GOLDEN=bijwerken .venv/bin/python -m pytest tests/test_golden.py`
and review the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import EXAMPLE, SECOND_EXAMPLE, TODAY, build_one, digest

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PROTOCOLGEN_GOLDEN") == "bijwerken"


def _build(source: Path, out: Path) -> Path:
    from protocolgen.load.files import read

    return build_one(read(source), out, today=TODAY).folder


@pytest.mark.parametrize("example", [EXAMPLE, SECOND_EXAMPLE], ids=lambda p: p.stem)
def test_documents_are_as_golden(example: Path, tmp_path: Path) -> None:
    folder = _build(example, tmp_path)
    golden = GOLDEN / example.stem
    pages = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))}
    pdfs = {name: sha for name, sha in digest(folder).items() if name.endswith(".pdf")}
    assert len(pages) >= 3 and len(pdfs) >= 2
    if UPDATE:
        golden.mkdir(parents=True, exist_ok=True)
        for old in golden.glob("*.html"):
            old.unlink()
        for name, text in pages.items():
            (golden / name).write_text(text, encoding="utf-8")
        (golden / "pdf.json").write_text(json.dumps(pdfs, indent=1) + "\n", encoding="utf-8")
    assert sorted(pages) == sorted(p.name for p in golden.glob("*.html"))
    for name, text in pages.items():
        assert text == (golden / name).read_text(encoding="utf-8"), name
    assert pdfs == json.loads((golden / "pdf.json").read_text(encoding="utf-8"))
