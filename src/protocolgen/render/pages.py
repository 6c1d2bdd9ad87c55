"""The render stage: a protocol's documents as HTML pages, with the files they load and the
source the PDFs carry (Rendered), ready for the writers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, TypedDict

from protocolgen.errors import UsageError
from protocolgen.load.canonical import as_yaml
from protocolgen.load.files import Source
from protocolgen.model.protocol import Protocol
from protocolgen.model.types import Revision, Role
from protocolgen.model.view import RoleView, role_view
from protocolgen.render.assets import assets
from protocolgen.render.env import Environment, render_template
from protocolgen.schema.fields import ID_PATTERN, slug


class Context(TypedDict):
    """What every template receives."""

    p: Protocol
    concept: bool
    doctitel: str
    generator: str
    wijzigingen: Revision | None
    editie: str
    """intern (every document) or publiek (nothing internal: model/edition.py)."""
    heeft_dpia: bool
    """Whether this edition has the DPIA (the public one only if the gemeente publishes it)."""


class IndexContext(Context):
    """What the index receives on top of the common context."""

    openbare_editie: bool
    """Whether the public edition was built beside the internal one (in `publiek/`)."""


class RoleContext(Context):
    """What a role card receives on top of the common context."""

    rol: Role
    kaart: RoleView


def _context(protocol: Protocol, doctitel: str, changes: Revision | None = None, *,
             own_status: str | None = None, edition: str = "intern",
             dpia: bool = True) -> Context:
    """Return the common context; a document with a status of its own (the DPIA) is a
    concept while that status or the protocol's is not vastgesteld."""
    from protocolgen.version import __version__

    return Context(p=protocol, concept=protocol.document["status"] != "vastgesteld"
                   or own_status not in (None, "vastgesteld")
                   or protocol.changed_since_adoption,  # then NIET VASTGESTELD
                   doctitel=doctitel, generator=f"protocolgen {__version__}",
                   wijzigingen=changes, editie=edition, heeft_dpia=dpia)


def render_documents(protocol: Protocol, env: Environment,
                     changes: Revision | None = None, *, edition: str = "intern",
                     dpia: bool = True, public_too: bool = False) -> dict[str, str]:
    """Return every HTML document of a protocol, keyed by output name (without extension);
    the protocol lists `changes` since an earlier version in an annex. The public edition
    has no role cards, and the DPIA only if `dpia` (the gemeente publishes it); the internal
    index points to the public edition when it is built beside it (`public_too`)."""
    public = edition == "publiek"
    pages: dict[str, tuple[str, Context]] = {
        "privacyprotocol": ("protocol.html.j2",
                            _context(protocol, "Privacyprotocol", changes, edition=edition)),
    }
    if dpia or not public:
        pages["dpia"] = ("dpia.html.j2", _context(
            protocol, "Gegevensbeschermingseffectbeoordeling",
            own_status=protocol.dpia.tekst["status"], edition=edition))
    for role in () if public else protocol.rollen:
        ctx = RoleContext(**_context(protocol, f"Rolkaart {role.naam}"), rol=role,
                          kaart=role_view(protocol, role))
        pages[f"rolkaart-{role.id}"] = ("rolkaart.html.j2", ctx)
    pages["index"] = ("index.html.j2", IndexContext(
        **_context(protocol, "Documenten", edition=edition, dpia=dpia or not public),
        openbare_editie=public_too and not public))
    return {name: _unlinked(render_template(env, template, ctx)) for name, (template, ctx) in
            pages.items()}


_OPEN_LINK = re.compile(r'<a class="open" href="#open-punt-[0-9]+">([^<]*)</a>')


def _unlinked(page: str) -> str:
    """Return `page` with its open points as text when it has no list of them to link to (a
    role card: its reader finds the list in the protocol)."""
    if 'id="openstaande-punten"' in page:
        return page
    return _OPEN_LINK.sub(r'<span class="open">\1</span>', page)




@dataclass(frozen=True)
class Attachment:
    """The data a document was made from, attached to its PDF (without the authors'
    comments)."""

    name: str
    content: bytes
    date: dt.datetime


@dataclass(frozen=True)
class Rendered:
    """One protocol rendered: the name of its output folder, its model, every HTML page by
    document name, the files they load by path in the assets folder, and the attachment of
    the protocol and the DPIA (role cards, which go to teams and partners, carry none)."""

    name: str
    protocol: Protocol
    pages: dict[str, str]
    assets: dict[str, bytes]
    attachment: Attachment
    edition: str = "intern"

    def attached(self, page: str) -> Attachment | None:
        """Return what the PDF of `page` carries."""
        return None if is_card(page) else self.attachment


def is_card(page: str) -> bool:
    """Return whether a document is a role card: one page, and no attached source."""
    return page.startswith("rolkaart-")


def render(protocol: Protocol, data: Mapping[str, Any], source: Source, env: Environment, *,
           templates: Path | None = None, changes: Revision | None = None,
           edition: str = "intern", public_too: bool = False) -> Rendered:
    """Return the documents of `protocol` (checked `data` from `source`) in `edition`; the
    public edition's `data` has its gaps as text (model/edition.py)."""
    name = slug(protocol.document["gemeente"])
    publication = data.get("publicatie", {})
    pages = render_documents(protocol, env, changes, edition=edition,
                             dpia=publication.get("dpia", False) is True, public_too=public_too)
    for page in pages:
        if not re.fullmatch(ID_PATTERN, page):  # names come from validated ids; never trust
            raise UsageError(f"onveilige bestandsnaam {page!r}")
    logo = protocol.document.get("huisstijl", {}).get("logo")
    date = dt.datetime.combine(protocol.datum, dt.time(), tzinfo=dt.UTC)
    attachment = Attachment(f"{PurePath(source.name).stem}.yaml", as_yaml(dict(data)), date)
    return Rendered(name, protocol, pages, assets(source.folder, logo, templates), attachment,
                    edition)
