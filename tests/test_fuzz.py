"""Property-based tests: no mutation of the example crashes validation, every problem is
located and coded, and the command line answers with 0, 1 or 2. CI runs a bounded number of
cases; benchmarks/fuzz.py runs the long campaign with the same mutations."""

from __future__ import annotations

import io
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protocolgen import check
from protocolgen.cli.main import main
from protocolgen.errors import CODES, UnreadableInput
from protocolgen.load.files import Source

from .conftest import EXAMPLE, TODAY
from .fuzzing import case

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.randoms(use_true_random=False))
def test_no_mutation_crashes_validation(rng: random.Random) -> None:
    source = Source.one("fuzz.yaml", case(rng), EXAMPLE.parent)
    try:
        problems = check(source, today=TODAY).problems
    except UnreadableInput as err:
        problems = [err.problem]
    for found in problems:
        assert found.code in CODES
        assert found.message and found.action
        if found.code not in {"PG001", "PG002"}:  # a file-level answer has no line
            assert found.position is not None
            assert found.position.line >= 1 and found.position.column >= 1


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False))
def test_the_command_line_answers_0_1_or_2(rng: random.Random, tmp_path: Path) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(case(rng))
    out, err = io.StringIO(), io.StringIO()
    for form in ("tekst", "json"):
        code = main(["validate", "--format", form, str(path)], out, err)
        assert code in (0, 1, 2)
        assert "Traceback" not in err.getvalue()


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_are_answered(raw: bytes) -> None:
    try:
        problems = check(Source.one("bytes.yaml", raw, EXAMPLE.parent), today=TODAY).problems
    except UnreadableInput as err:
        problems = [err.problem]
    assert problems and all(p.code in CODES for p in problems)


@FUZZ
@given(st.text(max_size=2000))
def test_any_text_is_answered(text: str) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    try:
        problems = check(Source.one("tekst.yaml", raw, EXAMPLE.parent), today=TODAY).problems
    except UnreadableInput as err:
        problems = [err.problem]
    assert problems and all(p.code in CODES for p in problems)


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_mutations_that_validate_also_render(rng: random.Random) -> None:
    """What passes validation must render to HTML without an exception (PDF layout is covered
    by the build tests; here the templates meet odd but valid content)."""
    from protocolgen.model.build import from_checked
    from protocolgen.render.env import make_env
    from protocolgen.render.pages import render_documents

    try:
        report = check(Source.one("fuzz.yaml", case(rng), EXAMPLE.parent), today=TODAY)
    except UnreadableInput:
        return
    if report.document is None or report.blocking():
        return
    pages = render_documents(from_checked(report), make_env())
    assert "index" in pages and all(html.startswith("<!DOCTYPE html>") for html in pages.values())
