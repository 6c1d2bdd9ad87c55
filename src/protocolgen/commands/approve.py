"""Record an approval in the YAML source: an adoption (`vaststelling`) or the FG's advice
(`fg_advies`), with the date and the fingerprint of the content that was approved.

The source is edited as text, so the authors' comments, order and layout stay as they were:
only the values that record the approval change or are added. The result is checked before it
replaces the file: its content must be exactly the old content, and it must be valid.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from protocolgen.checks.validate import check_source
from protocolgen.errors import InvalidProtocol, ProtocolgenError, UsageError
from protocolgen.load.canonical import APPROVAL, content, fingerprint
from protocolgen.load.files import Source
from protocolgen.load.parse import parse
from protocolgen.load.yamllib import MappingNode, Node, compose


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with `text`."""

    start: int
    end: int
    text: str


ONE_ADOPTION = ("inwerkingtreding", "publicatie")
"""Facts of one adoption decision: a new adoption that does not give them drops the old ones."""


def approve(source: Source, record: str, values: dict[str, object], today: dt.date
            ) -> tuple[bytes, str]:
    """Return the source with `values` and the content's fingerprint set in
    `document.<record>`, and that fingerprint; adopting also sets the status to vastgesteld
    and drops the entry into force and publication of an earlier adoption unless `values`
    gives new ones."""
    report = check_source(source, today=today)
    if report.blocking() or report.document is None:
        raise InvalidProtocol(report.blocking())
    print_ = fingerprint(report.document.data)
    values = {**values, "vingerafdruk": print_}
    bom = source.main.raw.startswith(codecs.BOM_UTF8)
    text = source.main.raw.decode("utf-8-sig")
    drop = {k for k in ONE_ADOPTION if k not in values} if record == "vaststelling" else set()
    edits = _edits(text, record, values, drop, source.name)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    raw = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    _verify(source, Source.one(source.name, raw, source.folder), record, values, drop, today)
    return raw, print_


def _edits(text: str, record: str, values: dict[str, object], drop: set[str], name: str
           ) -> list[Edit]:
    root = compose(text)
    document = _child(root, "document")
    if not isinstance(document, MappingNode) or document.flow_style:
        raise UsageError(f"{name}: 'document' is geen blok van sleutels — schrijf het als blok "
                         "en probeer opnieuw")
    edits = []
    if record == "vaststelling":
        status = _child(document, "status")
        assert status is not None  # the check requires it
        edits.append(Edit(status.start_mark.index, status.end_mark.index, "vastgesteld"))
    target = _child(document, record)
    if target is None:
        if record == "fg_advies":
            raise UsageError(f"{name}: 'document.fg_advies' ontbreekt — schrijf eerst de "
                             "samenvatting van het advies en wat ermee is gedaan, en leg dan "
                             "de datum vast met 'protocolgen advies'")
        indent = " " * document.value[0][0].start_mark.column
        lines = [f"{indent}{record}:"] + [f"{indent}  {k}: {_scalar(v)}"
                                          for k, v in values.items()]
        at = _after(text, document)
        return [*edits, Edit(at, at, "\n".join(lines) + "\n")]
    if not isinstance(target, MappingNode) or target.flow_style or not target.value:
        raise UsageError(f"{name}: 'document.{record}' is geen blok van sleutels — schrijf het "
                         "als blok en probeer opnieuw")
    indent = " " * target.value[0][0].start_mark.column
    for key, value in target.value:
        if key.value in drop:
            start = text.rfind("\n", 0, key.start_mark.index) + 1
            edits.append(Edit(start, _line_end(text, value.end_mark.index), ""))
    missing = []
    for key, value in values.items():
        node = _child(target, key)
        if node is None:
            missing.append(f"{indent}{key}: {_scalar(value)}\n")
        else:
            edits.append(Edit(node.start_mark.index, node.end_mark.index, _scalar(value)))
    if missing:
        at = _after(text, target)
        edits.append(Edit(at, at, "".join(missing)))
    return edits


def _child(node: Node | None, key: str) -> Node | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v  # type: ignore[no-any-return]
    return None


def _after(text: str, mapping: MappingNode) -> int:
    """Return the offset of the line after the last value of a block mapping."""
    return _line_end(text, mapping.value[-1][1].end_mark.index)


def _line_end(text: str, end: int) -> int:
    """Return the offset of the line after the value that ends at `end`."""
    if end > 0 and text[end - 1] == "\n":
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def _scalar(value: object) -> str:
    """Return a value as YAML: a date plain, text double-quoted (JSON's quoting is YAML's)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)


def _verify(old: Source, new: Source, record: str, values: dict[str, object],
            drop: set[str], today: dt.date) -> None:
    """Refuse an edit that changed anything but what it was to record, or that leaves the file
    invalid."""
    before, after = parse(old).data, parse(new).data
    report = check_source(new, today=today)
    if report.blocking():
        raise InvalidProtocol(report.blocking())
    expected = dict(before["document"])
    kept = {k: v for k, v in expected.get(record, {}).items() if k not in drop}
    expected[record] = {**kept, **values}
    if record == "vaststelling":
        expected["status"] = "vastgesteld"
    same = content(before) == content(after) and all(
        after["document"].get(k) == expected.get(k) for k in APPROVAL)
    if not same:
        raise ProtocolgenError(f"{old.name}: kon {record} niet veilig in het bestand schrijven; "
                               "er is niets gewijzigd — voeg met de hand toe: "
                               + ", ".join(f"{k}: {_scalar(v)}" for k, v in values.items()))


def replace_file(path: Path, raw: bytes) -> None:
    """Replace `path` by `raw` in one step, keeping its permissions."""
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
