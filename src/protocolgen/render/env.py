"""The Jinja environment (the only module that imports Jinja2): one per template folder and
process, with the filters the templates use, among them `woord`, the Dutch word of a choice
(schema/vocabulary.py)."""

from __future__ import annotations

import datetime as dt
import functools
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2

from protocolgen.errors import RenderError
from protocolgen.render import diagrams
from protocolgen.render.markdown import markdown, markdown_inline
from protocolgen.schema.openpoint import Open
from protocolgen.schema.publication import Withheld
from protocolgen.schema.vocabulary import word
from protocolgen.shipped import templates_dir

Environment = jinja2.Environment

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


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
    """Return `func` as a filter that leaves an open point or a gap of the public edition as
    it is: each renders itself."""
    @functools.wraps(func)
    def keeping(value: Any, *args: Any) -> Any:
        return value if isinstance(value, Open | Withheld) else func(value, *args)
    return keeping


def upper_first(text: str) -> str:
    """Return `text` for the start of a sentence or a label: 'gemeente X' becomes 'Gemeente X'."""
    return text[:1].upper() + text[1:]


@functools.cache
def make_env(override: Path | None = None) -> jinja2.Environment:
    """Return the Jinja environment for the shipped templates (under the author's own in
    `override`, if given): strict, autoescaping, with every filter registered. It is made once
    per process and folder, so every protocol of a build and every rebuild of `serve` shares
    its compiled templates; Jinja reloads a template whose file changed."""
    folders = [str(override)] if override else []
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*folders, str(templates_dir())]),
        autoescape=jinja2.select_autoescape(("html", "html.j2", "svg"), default_for_string=True),
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.filters.update({name: _keeps_open(func) for name, func in (
        ("md", markdown), ("mdi", markdown_inline), ("datum", date_nl),
        ("klein", lower_first))}, opsomming=join_nl, hoofdletter=upper_first,
                       helften=halves, woord=word)
    env.tests["open"] = lambda value: isinstance(value, Open)
    env.globals.update(procesplaat=diagrams.process_overview, risicomatrix=diagrams.risk_matrix)
    return env


def render_template(env: jinja2.Environment, template: str, context: Mapping[str, Any]) -> str:
    """Return `template` rendered with `context`; a template error becomes a RenderError."""
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


def macro(env: Environment, template: str, name: str) -> Callable[..., str]:
    """Return the macro `name` of `template`, to call from Python."""
    return getattr(env.get_template(template).module, name)  # type: ignore[no-any-return]


def lex(text: str) -> Iterator[tuple[int, str, str]]:
    """Return the tokens of a template's text: (line, kind, value)."""
    return jinja2.Environment().lex(text)
