"""Lay out HTML as tagged PDF/A-3a with WeasyPrint: the only module that imports WeasyPrint.

A document may load only its own files (stylesheet, fonts, logo), which are served from memory:
no file on disk and no address on the network is reachable from a document.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from urllib.parse import urlsplit

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from protocolgen.errors import RenderError

MAX_ASSET_BYTES = 20 * 1024 * 1024
PDF_VARIANT = "pdf/a-3a"
"""PDF/A-3 allows the source as an attachment; level a makes the PDF tagged."""
_OPTIONS = {"pdf_variant": PDF_VARIANT, "uncompressed_pdf": False}


class AssetFetcher(URLFetcher):  # type: ignore[misc]
    """Serve data: URLs and the documents' own files (by URL, from memory); refuse the rest."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=1)
        self.files = files

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if urlsplit(url).scheme == "data":
            return super().fetch(url, headers)
        body = self.files.get(url)
        if body is None or len(body) > MAX_ASSET_BYTES:
            raise FatalURLFetchingError(f"geweigerd: {url}")
        mime = mimetypes.guess_type(url)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})


STYLESHEET = '<link rel="stylesheet" href="assets/print.css">'
"""How the templates link the stylesheet; a renderer parses it once, not once a document."""


class Renderer:
    """Lay out many documents with one font configuration and one parsed stylesheet."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.fetcher = AssetFetcher(files)
        self.fonts = FontConfiguration()
        self.styles: dict[str, weasyprint.CSS] = {}

    def render(self, html: str, base: str) -> weasyprint.document.Document:
        """Lay out `html`, whose relative links resolve against the URL `base`."""
        with _refusals():
            styles = []
            if STYLESHEET in html:  # the same PDF as with the link, without parsing it again
                if base not in self.styles:
                    self.styles[base] = weasyprint.CSS(
                        url=f"{base}assets/print.css", url_fetcher=self.fetcher,
                        font_config=self.fonts)
                html, styles = html.replace(STYLESHEET, "", 1), [self.styles[base]]
            return weasyprint.HTML(string=html, base_url=base, url_fetcher=self.fetcher).render(
                font_config=self.fonts, stylesheets=styles, **_OPTIONS)

    def pdf(self, document: weasyprint.document.Document) -> bytes:
        """Return WeasyPrint's PDF of a laid-out document."""
        with _refusals():
            return document.write_pdf(**_OPTIONS)  # type: ignore[no-any-return]


@contextmanager
def _refusals() -> Iterator[None]:
    """Turn a refused URL into a RenderError that says what is allowed."""
    try:
        yield
    except FatalURLFetchingError as err:
        raise RenderError(f"{err} — een document mag alleen de eigen stijl, lettertypen en "
                          "het logo laden") from None


def quiet() -> None:
    """Keep WeasyPrint's own warnings out of the user's terminal; refusals raise instead."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
