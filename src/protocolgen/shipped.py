"""The files that come with protocolgen: the templates (with stylesheet and fonts) and the
example protocol. Inside an installed wheel they are in the package; in the source tree, at
its top."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PREVIEW = "voorbeeld.html.j2"
"""The template of `protocolgen serve`'s banner and problem page: not part of any document."""


def templates_dir() -> Path:
    """Return the shipped templates."""
    return _shipped("templates", "templates")


def example_path() -> Path:
    """Return the shipped example protocol (its folder holds its logo too)."""
    return _shipped("voorbeeld", "protocols") / "lindenwaard.yaml"


def starter_path() -> Path:
    """Return the shipped starter: the CCV model protocol, with open points where the model
    leaves choices to the gemeenten."""
    return _shipped("voorbeeld", "protocols") / "ccv-model.yaml"


def _shipped(packaged: str, in_tree: str) -> Path:
    inside = Path(str(resources.files("protocolgen"))) / packaged
    return inside if inside.is_dir() else Path(__file__).resolve().parents[2] / in_tree
