"""The protocol's content independent of how the YAML is written: its fingerprint, and the
comment-free YAML that the published documents carry.

The fingerprint covers everything an adoption or an FG advice approves. It leaves out what is
recorded about that approval afterwards (`document.status`, `document.vaststelling`,
`document.fg_advies`), and it does not change when a file is reformatted: key order, comments,
quoting, block or flow style, and how a paragraph is wrapped over lines.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

from protocolgen.load.yamllib import dump

APPROVAL = ("status", "vaststelling", "fg_advies")
"""The fields of `document` that record an approval rather than what is approved."""


def content(data: Mapping[str, Any]) -> dict[str, Any]:
    """Return the data that an adoption approves: everything except the approval records."""
    document = data.get("document")
    if not isinstance(document, dict):
        return dict(data)
    return {**data, "document": {k: v for k, v in document.items() if k not in APPROVAL}}


def normal(node: Any) -> Any:
    """Return `node` with text whitespace normalised: a paragraph is the same paragraph
    however it is wrapped; paragraph breaks (empty lines) stay."""
    if isinstance(node, dict):
        return {str(k): normal(v) for k, v in node.items()}
    if isinstance(node, list):
        return [normal(v) for v in node]
    if isinstance(node, str):
        paragraphs = re.split(r"\n[ \t]*\n\s*", node.strip())
        return "\n\n".join(" ".join(p.split()) for p in paragraphs)
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


def fingerprint(data: Mapping[str, Any]) -> str:
    """Return the SHA-256 of the protocol's content in canonical JSON (64 hex digits)."""
    canonical = json.dumps(normal(content(data)), sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8", "surrogateescape")).hexdigest()


def short(print_: str) -> str:
    """Return the first 12 digits of a fingerprint, as documents show it."""
    return print_[:12]


def as_yaml(data: dict[str, Any]) -> bytes:
    """Return the data as YAML without the source's comments, in the source's key order."""
    return dump(data).encode()
