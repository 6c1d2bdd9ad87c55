"""Validation results in the formats people and CI systems read: text, JSON, GitHub workflow
commands, GitLab Code Quality and SARIF 2.1.0. Every format carries the same problems, with
positions counted from 1 and the stable problem code."""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from protocolgen.errors import CODES, Problem, Severity
from protocolgen.version import __version__

FORMATS = ["tekst", "json", "github", "gitlab", "sarif"]


@dataclass(frozen=True)
class Result:
    """The problems found in one file; `unreadable` when the file could not be read at all."""

    file: str
    problems: list[Problem]
    unreadable: bool = False


def summary(result: Result) -> str:
    """Return the one-line verdict on a file, for people."""
    errors = sum(p.severity is Severity.FOUT for p in result.problems)
    warnings = len(result.problems) - errors
    if not result.problems:
        return f"{result.file}: in orde"
    return (f"{result.file}: {errors} {'fout' if errors == 1 else 'fouten'}, {warnings} "
            f"{'waarschuwing' if warnings == 1 else 'waarschuwingen'}")


def render(results: list[Result], form: str) -> str:
    """Return the results in the format `form` (one of FORMATS except tekst)."""
    return {"json": _json, "github": _github, "gitlab": _gitlab, "sarif": _sarif}[form](results)


def _where(result: Result, found: Problem) -> tuple[str, int, int]:
    """Return file, line and column of a problem; a problem without a position is on line 1."""
    if found.position is None:
        return result.file, 1, 1
    return found.position.file, found.position.line, found.position.column


def _fingerprint(result: Result, found: Problem) -> str:
    """Return an id for a problem that survives edits elsewhere in the file (no line number)."""
    key = "\0".join([result.file, found.code, found.dotted_path, found.message])
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def _all(results: list[Result]) -> list[tuple[Result, Problem]]:
    return [(result, found) for result in results for found in result.problems]


def _json(results: list[Result]) -> str:
    return json.dumps([{"bestand": result.file, "problemen": [{
        "code": p.code, "ernst": p.severity.value,
        "bestand": p.position.file if p.position else result.file,
        "regel": p.position.line if p.position else None,
        "kolom": p.position.column if p.position else None,
        "pad": p.steps, "melding": p.message, "actie": p.action, "suggestie": p.hint,
    } for p in result.problems]} for result in results], ensure_ascii=False, indent=2)


def _escape(text: str, *, property_: bool = False) -> str:
    """Escape text for a GitHub workflow command (its data, or a property value)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def _github(results: list[Result]) -> str:
    lines = []
    for result, found in _all(results):
        file, line, column = _where(result, found)
        level = "error" if found.severity is Severity.FOUT else "warning"
        lines.append(f"::{level} file={_escape(file, property_=True)},line={line},"
                     f"col={column},title={found.code}::{_escape(found.sentence)}")
    return "\n".join(lines + [summary(result) for result in results])


def _gitlab(results: list[Result]) -> str:
    return json.dumps([{
        "description": f"{found.sentence} [{found.code}]",
        "check_name": found.code,
        "fingerprint": _fingerprint(result, found),
        "severity": "major" if found.severity is Severity.FOUT else "minor",
        "location": {"path": _where(result, found)[0],
                     "lines": {"begin": _where(result, found)[1]}},
    } for result, found in _all(results)], ensure_ascii=False, indent=2)


def _uri(file: str) -> str:
    """Return a file name as a SARIF artifact URI: relative stays relative."""
    path = Path(file)
    if path.is_absolute():
        return path.as_uri()
    return urllib.parse.quote(path.as_posix())


def _sarif(results: list[Result]) -> str:
    codes = sorted({found.code for _, found in _all(results)})
    return json.dumps({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "protocolgen", "version": __version__, "language": "nl",
                "rules": [{"id": code, "shortDescription": {"text": CODES[code][1]},
                           "defaultConfiguration": {"level": _level(CODES[code][0])}}
                          for code in codes]}},
            "results": [{
                "ruleId": found.code, "ruleIndex": codes.index(found.code),
                "level": _level(found.severity),
                "message": {"text": found.sentence},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(_where(result, found)[0])},
                    "region": {"startLine": _where(result, found)[1],
                               "startColumn": _where(result, found)[2]}}}],
                "partialFingerprints": {"protocolgen/v1": _fingerprint(result, found)},
            } for result, found in _all(results)],
        }],
    }, ensure_ascii=False, indent=2)


def _level(severity: Severity) -> str:
    return "error" if severity is Severity.FOUT else "warning"
