"""Render the model into HTML: one Jinja environment, safe Markdown, Dutch formatting."""

from __future__ import annotations

import datetime as dt
import functools
import re
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypedDict

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from protocolgen.check.openpoints import Open
from protocolgen.commands.diff import Revision
from protocolgen.errors import RenderError
from protocolgen.model.types import Protocol, Role
from protocolgen.render import diagrams
from protocolgen.shipped import templates_dir

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
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


def halves(items: list[Any]) -> tuple[list[Any], list[Any]]:
    """Return `items` in two columns of about equal length of text, in order: a list in two
    flex columns without the cost of CSS multi-column layout."""
    sizes = [len(str(getattr(item, "omschrijving", item))) + 40 for item in items]
    total, run, cut = sum(sizes), 0, len(items)
    for i, size in enumerate(sizes):
        if run + size / 2 > total / 2:
            cut = max(i, 1)  # the first column is never empty
            break
        run += size
    return items[:cut], items[cut:]


def date_nl(value: dt.date) -> str:
    """Return a date as Dutch prose: '15 september 2026'."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def join_nl(items: Iterable[Any]) -> str:
    """Return 'a, b en c'; when an item has an 'en' of its own, 'a en b; c; en d', so that no
    reader takes 'a en b en c' for three items."""
    words = [str(i) for i in items]
    if len(words) < 2:
        return "".join(words)
    if any(" en " in w for w in words):
        return "; ".join(words[:-1]) + "; en " + words[-1]
    return ", ".join(words[:-1]) + " en " + words[-1]


def lower_first(text: str) -> str:
    """Return `text` for use mid-sentence: 'Naam' becomes 'naam', 'BRP' and 'WOZ' stay."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _keeps_open(func: Callable[..., Any]) -> Callable[..., Any]:
    """Return `func` as a filter that leaves an open point as it is: it renders itself."""
    @functools.wraps(func)
    def keeping(value: Any, *args: Any) -> Any:
        return value if isinstance(value, Open) else func(value, *args)
    return keeping


def upper_first(text: str) -> str:
    """Return `text` for the start of a sentence or a label: 'gemeente X' becomes 'Gemeente X'."""
    return text[:1].upper() + text[1:]


def make_env(override: Path | None = None) -> jinja2.Environment:
    """Return the one Jinja environment: strict, autoescaping, with every filter registered."""
    folders = [str(override)] if override else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(templates_dir())]),
        autoescape=jinja2.select_autoescape(("html", "html.j2", "svg"), default_for_string=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.filters.update({name: _keeps_open(func) for name, func in (
        ("md", markdown), ("mdi", markdown_inline), ("datum", date_nl),
        ("klein", lower_first))}, opsomming=join_nl, hoofdletter=upper_first,
                       helften=halves)
    env.tests["open"] = lambda value: isinstance(value, Open)
    env.globals.update(procesplaat=diagrams.process_overview, risicomatrix=diagrams.risk_matrix)
    return env


class Context(TypedDict):
    """What every template receives."""

    p: Protocol
    concept: bool
    doctitel: str
    generator: str
    wijzigingen: Revision | None


class RoleContext(Context):
    """What a role card receives on top of the common context."""

    rol: Role


def _context(protocol: Protocol, doctitel: str, changes: Revision | None = None, *,
             own_status: str | None = None) -> Context:
    """Return the common context; a document with a status of its own (the DPIA) is a
    concept while that status or the protocol's is not vastgesteld."""
    from protocolgen import __version__

    return Context(p=protocol, concept=protocol.document["status"] != "vastgesteld"
                   or own_status not in (None, "vastgesteld")
                   or protocol.changed_since_adoption,  # then NIET VASTGESTELD
                   doctitel=doctitel, generator=f"protocolgen {__version__}",
                   wijzigingen=changes)


def render_documents(protocol: Protocol, env: jinja2.Environment,
                     changes: Revision | None = None) -> dict[str, str]:
    """Return every HTML document of a protocol, keyed by output name (without extension);
    the protocol lists `changes` since an earlier version in an annex."""
    pages = {
        "privacyprotocol": ("protocol.html.j2",
                            _context(protocol, "Privacyprotocol", changes)),
        "dpia": ("dpia.html.j2", _context(protocol, "Gegevensbeschermingseffectbeoordeling",
                                          own_status=protocol.dpia.tekst["status"])),
    }
    for role in protocol.rollen:
        ctx = RoleContext(**_context(protocol, f"Rolkaart {role.naam}"), rol=role)
        pages[f"rolkaart-{role.id}"] = ("rolkaart.html.j2", ctx)
    pages["index"] = ("index.html.j2", _context(protocol, "Documenten"))
    return {name: _unlinked(_render(env, template, ctx)) for name, (template, ctx) in
            pages.items()}


_OPEN_LINK = re.compile(r'<a class="open" href="#open-punt-[0-9]+">([^<]*)</a>')


def _unlinked(page: str) -> str:
    """Return `page` with its open points as text when it has no list of them to link to (a
    role card: its reader finds the list in the protocol)."""
    if 'id="openstaande-punten"' in page:
        return page
    return _OPEN_LINK.sub(r'<span class="open">\1</span>', page)


def _render(env: jinja2.Environment, template: str, context: Context) -> str:
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as err:
        raise RenderError(f"{err.filename}:{err.lineno}: sjabloonfout: {err.message} — "
                          "herstel het sjabloon") from err
    except jinja2.TemplateError as err:
        where = _template_line(err)
        raise RenderError(f"{where}sjabloon {template!r} kan niet worden gemaakt: {err} — "
                          "controleer de namen in het sjabloon") from err


def _template_line(err: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith(".j2")]
    return f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
