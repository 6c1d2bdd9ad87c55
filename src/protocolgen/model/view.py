"""What is a role's own across the protocol: the view its role card is made from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from protocolgen.model.protocol import Protocol
from protocolgen.model.types import (
    LegalGround,
    Phase,
    PhaseRole,
    Retention,
    Role,
    Sharing,
    Source,
    Weighing,
)


@dataclass(frozen=True)
class RoleView:
    """What is a role's own, for its role card: its phases and decisions, the sources it
    answers for, the records it keeps, the transfers it makes or receives, and the grounds for
    what it does itself."""

    rol: Role
    fases: tuple[tuple[Phase, PhaseRole], ...]
    wegingen: tuple[Weighing, ...]
    beslist_fases: tuple[Phase, ...]
    beantwoordt: tuple[Source, ...]
    """The sources this role answers hit/no-hit questions about."""
    bewaren: tuple[Retention, ...]
    verstrekkingen: tuple[Sharing, ...]
    grondslagen: tuple[LegalGround, ...]
    melden_aan: Role | None
    vraagbaak: tuple[Role, ...]
    """Whom to ask: the roles with a contact that decide in this role's phases or transfers,
    or receive its signals."""


def _unique(items: Any) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def role_view(protocol: Protocol, role: Role) -> RoleView:
    """Return what is `role`'s own across the protocol, for its role card."""
    sharings = tuple(s for s in protocol.verstrekkingen if role in (s.aan, s.beslisser, s.door))
    acts = tuple((f, pr) for f in protocol.fases for pr in f.rollen if pr.rol is role)
    deciders = (protocol.role(role.melden_aan),
                *(d for f, _ in acts
                  for d in (f.beslisser, *(w.beslisser for w in f.wegingen))),
                *(d for s in sharings for d in (s.door, s.beslisser)))
    contacts = {r.id: r for r in deciders if r and r.contact and r is not role}
    return RoleView(
        rol=role, fases=acts,
        wegingen=tuple(w for f in protocol.fases for w in f.wegingen if w.beslisser is role),
        beslist_fases=tuple(f for f in protocol.fases if f.beslisser is role),
        beantwoordt=_unique(u.bron for f in protocol.fases for u in f.bronnen
                            if u.rol is role and u.niveau == "hit-no-hit"),
        bewaren=tuple(r for r in protocol.bewaartermijnen if r.beheerder == role.id),
        verstrekkingen=sharings,
        grondslagen=_unique((*role.grondslagen,
                             *(g for a in role.bronnen for g in a.bron.grondslagen),
                             *(g for s in sharings for g in s.grondslagen))),
        melden_aan=protocol.role(role.melden_aan),
        vraagbaak=tuple(contacts.values()),
    )
