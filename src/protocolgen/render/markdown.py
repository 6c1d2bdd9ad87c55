"""Markdown in the protocol's texts, made safe: only the links a document may carry, bare
e-mail addresses as links, and the one escape for Markdown the program writes itself."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup as Markup

SAFE_LINKS = ("https://", "http://", "mailto:", "#")


def _markdown() -> MarkdownIt:
    """Return a Markdown parser that passes no raw HTML, no images and only web/mail links."""
    md = (MarkdownIt("commonmark", {"html": False, "typographer": True, "quotes": "„”‚’"})
          .enable(["table", "strikethrough", "replacements", "smartquotes"])
          .disable("image"))
    default = md.validateLink

    def validate_link(url: str) -> bool:
        return default(url) and url.strip().lower().startswith(SAFE_LINKS)

    md.validateLink = validate_link  # type: ignore[method-assign]
    return md


_MD = _markdown()


_BARE_EMAIL = re.compile(r"(?<![\w.+<\[(:/@-])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?![\w>\]@-])")
"""An e-mail address written as plain text, not already in a link or an autolink."""


def _autolinked(text: str) -> str:
    """Return Markdown with each bare e-mail address as an autolink: it becomes a mailto: link,
    which the stylesheet never hyphenates or breaks."""
    return _BARE_EMAIL.sub(r"<\1>", text)


def markdown(text: str) -> Markup:
    """Render block Markdown from the YAML as safe HTML."""
    return Markup(_MD.render(_autolinked(text)))


def markdown_inline(text: str) -> Markup:
    """Render one line of Markdown (no paragraphs) as safe HTML."""
    return Markup(_MD.renderInline(_autolinked(text)))


def escape_markdown(text: str) -> str:
    """Escape what Markdown would read as markup or HTML."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text
