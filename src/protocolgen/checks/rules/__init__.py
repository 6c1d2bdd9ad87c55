"""The rules about meaning, by subject; importing this package registers them all.

Every rule is a generator registered with @rule (checks/context.py) and documented by its
one-line docstring (docs/controles.md says the same for authors)."""

from protocolgen.checks.rules import (
    approval,
    document,
    dpia,
    grounds,
    origin,
    publication,
    roles,
    sharing,
)

__all__ = ["approval", "document", "dpia", "grounds", "origin", "publication", "roles", "sharing"]
