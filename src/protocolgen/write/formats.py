"""The table of writers: each output format is a function from rendered protocols to the
bytes of their files, by file name. HTML and PDF are entries; a new format (DOCX, ODT) is
one module and one line here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from protocolgen.render.pages import Rendered
from protocolgen.write import html, pdf, word
from protocolgen.write.files import Workshop

Writer = Callable[[Sequence[Rendered], Workshop], list[dict[str, bytes]]]
"""Return, for each rendered protocol in order, its files of this format by name."""

WRITERS: dict[str, Writer] = {"html": html.write, "pdf": pdf.write, "docx": word.write}
"""Every output format, by the name `build(formats=...)` takes."""
