"""The whole format: the schema of a protocol, from its parts, in the order of the
documents."""

from __future__ import annotations

from protocolgen.schema import content, document, dpia, origin, process, publication
from protocolgen.schema.fields import Schema

SCHEMA: Schema = {**document.FIELDS, **content.FIELDS, **process.FIELDS, **dpia.FIELDS,
                  **origin.FIELDS, **publication.FIELDS}

ROOT: Schema = {"type": "dict", "schema": SCHEMA, "meta": {"beschrijving": "protocol"}}
"""The protocol itself, as a field: where every walk along the schema starts."""
