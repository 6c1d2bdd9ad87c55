"""The HTML writer: every rendered page as it is."""

from __future__ import annotations

from collections.abc import Sequence

from protocolgen.render.pages import Rendered
from protocolgen.write.files import Workshop


def write(sites: Sequence[Rendered], shop: Workshop) -> list[dict[str, bytes]]:
    """Return each site's pages as UTF-8 files."""
    return [{f"{name}.html": page.encode("utf-8") for name, page in site.pages.items()}
            for site in sites]
