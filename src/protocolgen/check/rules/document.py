"""Rules about meaning: small named checks that yield problems, each with a stable code.

Every rule is a generator registered with @rule and documented by its one-line docstring
(docs/controles.md says the same for authors). Rules run in the same pass as the shape check,
on every part of the document that can be read; see Context.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from protocolgen.check.logo import SUFFIXES, unusable
from protocolgen.check.openpoints import Open
from protocolgen.errors import Path_, Problem, closest, problem
from protocolgen.load.canonical import fingerprint, short
from protocolgen.load.parse import Document
from protocolgen.schema import catalogue
from protocolgen.schema.fields import CHECKS, COLLECTIONS, SCHEMA, walk

Data = dict[str, Any]
Rule = Callable[["Context"], Iterator[Problem]]
RULES: list[Rule] = []

WGS_IN_FORCE = dt.date(2025, 3, 1)
ORGAN_NAMES = {"college": "het college", "burgemeester": "de burgemeester", "raad": "de raad"}


NVT = re.compile(r"\s*(n\.?v\.?t\.?|niet van toepassing\.?)\s*", re.IGNORECASE)


class Context:
    """What a rule may look at: the document, today's date, and which values it may read.

    A value may be read when it is there and neither it nor anything below it has a problem
    of reading or shape: then it has exactly the shape the schema describes. Rules read data
    only through these methods, so a broken part is skipped, never a cause of a crash."""

    def __init__(self, document: Document, today: dt.date,
                 unreadable: frozenset[Path_] = frozenset(),
                 open_grounds: Mapping[Path_, Open] | None = None) -> None:
        self.document, self.today = document, today
        self.open_grounds = open_grounds or {}
        self._hidden = {path[:end] for path in unreadable for end in range(len(path) + 1)}

    def readable(self, path: Path_) -> bool:
        """Return whether nothing at or below `path` has a problem already."""
        return path not in self._hidden

    def find(self, path: Path_) -> Any:
        """Return the value at `path` whatever its state, or None if it is not there."""
        node: Any = self.document.data
        for step in path:
            if isinstance(step, int) and isinstance(node, list) and step < len(node):
                node = node[step]
            elif isinstance(step, str) and isinstance(node, dict):
                node = node.get(step)
            else:
                return None
        return node

    def get(self, path: Path_) -> Any:
        """Return the value at `path` if it can be read, else None."""
        return self.find(path) if self.readable(path) else None

    def items(self, where: str | Path_, *fields: str) -> list[tuple[Path_, Data]]:
        """Return, with their paths, the items of a collection (by name: their 'id' must be
        readable) or of the list at a path, that are mappings whose `fields` can be read."""
        path = COLLECTIONS[where] if isinstance(where, str) else where
        need = ("id", *fields) if isinstance(where, str) else fields
        found = self.find(path)
        if not isinstance(found, list):
            return []
        return [((*path, i), item) for i, item in enumerate(found) if isinstance(item, dict)
                and all(self.readable((*path, i, key)) for key in need)]

    def by_id(self, collection: str, *fields: str) -> dict[str, Data]:
        """Return the readable items of a collection keyed by id (the first one wins)."""
        found: dict[str, Data] = {}
        for _, item in self.items(collection, *fields):
            found.setdefault(item["id"], item)
        return found

    def line_of(self, path: Path_) -> str:
        """Return 'regel N' for the value at `path`, to point at a second place."""
        return f"regel {self.document.position(path).line}"


def rule(func: Rule) -> Rule:
    """Register `func` as a rule."""
    RULES.append(func)
    return func


def run(ctx: Context) -> Iterator[Problem]:
    """Yield the problems of every rule."""
    for func in RULES:
        yield from func(ctx)


def risk_level(kans: int, impact: int, scale: Data) -> str:
    """Return laag, midden or hoog for a likelihood and impact on the protocol's scale."""
    score = kans * impact
    if score >= scale["hoog_vanaf"]:
        return "hoog"
    return "midden" if score >= scale["midden_vanaf"] else "laag"


@rule
def unique_ids(ctx: Context) -> Iterator[Problem]:
    """Forbid two items with the same id in one collection, and two wegingen with one id."""
    groups = {name: ctx.items(name) for name in COLLECTIONS}
    groups["wegingen"] = [found for path, _ in ctx.items("fases")
                          for found in ctx.items((*path, "wegingen"), "id")]
    for name, members in groups.items():
        seen: dict[str, Path_] = {}
        for path, item in members:
            if item["id"] in seen:
                first = seen[item["id"]]
                yield problem("PG201", (*path, "id"), f"het id {item['id']!r} komt al voor in "
                              f"'{name}' ({ctx.line_of((*first, 'id'))})",
                              "geef elk onderdeel een eigen id")
            seen.setdefault(item["id"], path)


@rule
def references_resolve(ctx: Context) -> Iterator[Problem]:
    """Forbid a reference to an id that is not defined in the collection it points to."""
    known = {name: set(ctx.by_id(name)) for name in COLLECTIONS}
    known["grondslagen"] |= set(catalogue.by_id())
    for path, field, value in walk({"type": "dict", "schema": SCHEMA}, ctx.document.data):
        target = field.get("meta", {}).get("verwijst_naar")
        if target and isinstance(value, str) and ctx.readable(path) \
                and value not in known[target]:
            where = ".".join(COLLECTIONS[target])
            if target == "grondslagen":
                message = f"{value!r} staat niet in de catalogus en niet onder 'grondslagen'"
                action = ("kies een id uit 'protocolgen grondslagen' of voeg een eigen "
                          "grondslag toe onder 'grondslagen'")
            else:
                message = f"{value!r} is niet gedefinieerd onder '{where}'"
                action = f"gebruik een id uit '{where}' of voeg het daar toe"
            yield problem("PG202", path, message, action,
                          hint=closest(value, sorted(known[target])))


def grounds(ctx: Context) -> tuple[dict[str, Data], set[str]]:
    """Return the grounds a protocol may cite (the catalogue and its own readable grounds, those
    on a 'basis' completed from it) by id, and the ids of its own grounds that cannot be read."""
    found: dict[str, Data] = dict(catalogue.by_id())
    own = ctx.by_id("grondslagen")
    readable = ctx.by_id("grondslagen", "basis", "wet", "soort", "vereist", "bwb", "celex",
                         "staatsblad")
    for gid, ground in readable.items():
        if gid not in catalogue.by_id():
            found[gid] = catalogue.complete(ground)
    return found, set(own) - set(readable)


def _kinds(cited: list[Data]) -> set[str]:
    return {kind for ground in cited for kind in ground.get("soort", [])}


def _cited(ctx: Context, where: str) -> Iterator[tuple[Path_, Data, list[Data]]]:
    """Yield each phase or transfer (`where`) whose grounds can all be read, with the grounds;
    an open ground stands for a Dutch law of the kinds it names."""
    known, unreadable = grounds(ctx)
    for path, place in ctx.items(where, "grondslagen"):
        cited: list[Data] = []
        for i, gid in enumerate(place["grondslagen"]):
            point = ctx.open_grounds.get((*path, "grondslagen", i))
            if point is not None:
                cited.append({"wet": str(point), "staatsblad": "", "soort": point.soort})
            elif not isinstance(gid, str) or gid in unreadable:
                break
            elif gid in known:
                cited.append(known[gid])
        else:
            yield path, place, cited


def _examples(kind: str, *, national: bool = False) -> str:
    """Return a few catalogue ids of `kind` (of Dutch law only), for an author who needs one."""
    ids = [e["id"] for e in catalogue.by_id().values()
           if kind in e["soort"] and (catalogue.national(e) or not national)][:3]
    return f" (bijvoorbeeld {', '.join(ids)})" if ids else ""


_DATA_NEEDS = {
    "strafrechtelijk": ("PG203", "strafrechtelijke gegevens"),
    "bijzonder": ("PG204", "bijzondere persoonsgegevens"),
    "bsn": ("PG205", "het burgerservicenummer"),
}


@rule
def data_need_grounds_of_their_kind(ctx: Context) -> Iterator[Problem]:
    """Require a ground of the kind 'strafrechtelijk', 'bijzonder' or 'bsn' in every phase and
    transfer that processes data of that kind (AVG art. 10 and 9, UAVG art. 46)."""
    kinds = {cid: cat["soort"] for cid, cat in ctx.by_id("gegevens", "soort").items()}
    for where in ("fases", "verstrekkingen"):
        for path, place, cited in _cited(ctx, where):
            if not ctx.readable((*path, "gegevens")):
                continue
            used = {kinds.get(cid) for cid in place["gegevens"]}
            for kind, (code, what) in _DATA_NEEDS.items():
                if kind in used and kind not in _kinds(cited):
                    yield problem(code, (*path, "grondslagen"), f"hier worden {what} verwerkt, "
                                  f"maar geen grondslag is van de soort '{kind}' "
                                  f"({catalogue.KINDS[kind]})", f"noem een grondslag van de "
                                  f"soort '{kind}'{_examples(kind)}; zie 'protocolgen "
                                  f"grondslagen {kind}'")


@rule
def grounds_have_what_they_require(ctx: Context) -> Iterator[Problem]:
    """Require beside a ground the grounds it needs, from Dutch law: AVG art. 6 lid 1 sub e a
    law that lays down the task, art. 9 lid 2 sub g and art. 10 a law that permits it, UAVG
    art. 46 the law that prescribes the BSN."""
    for where in ("fases", "verstrekkingen"):
        for path, _, cited in _cited(ctx, where):
            for ground in cited:
                others = [g for g in cited if g is not ground and catalogue.national(g)]
                for kind in ground.get("vereist", []):
                    if kind not in _kinds(others):
                        yield problem("PG231", (*path, "grondslagen"),
                                      f"{catalogue.label(ground)} is alleen een grondslag samen "
                                      f"met een Nederlandse wet van de soort '{kind}' "
                                      f"({catalogue.KINDS[kind]}), en die ontbreekt hier",
                                      "noem die wet hier ook"
                                      f"{_examples(kind, national=True)}, of voeg haar toe als "
                                      f"eigen grondslag met 'soort: [{kind}]'")


@rule
def secrecy_is_lifted(ctx: Context) -> Iterator[Problem]:
    """Require, in a phase that consults a source under a secrecy duty (fiscal, police data),
    a ground that lifts that duty: even a hit/no-hit discloses."""
    duties = {sid: s["geheimhouding"] for sid, s in
              ctx.by_id("bronnen", "geheimhouding").items() if "geheimhouding" in s}
    for path, _, cited in _cited(ctx, "fases"):
        for use_path, use in ctx.items((*path, "bronnen"), "bron"):
            duty = duties.get(use["bron"])
            if duty and catalogue.SECRECY[duty] not in _kinds(cited):
                kind = catalogue.SECRECY[duty]
                yield problem("PG233", use_path, f"de bron {use['bron']!r} valt onder een "
                              f"geheimhoudingsplicht ({duty}), maar geen grondslag van de fase "
                              f"is van de soort '{kind}' ({catalogue.KINDS[kind]})",
                              f"noem onder 'grondslagen' van de fase de bepaling die de "
                              f"geheimhouding opheft, als eigen grondslag met 'soort: [{kind}]'"
                              ", of raadpleeg de bron niet")


@rule
def risks_have_measures(ctx: Context) -> Iterator[Problem]:
    """Require at least one measure for every risk."""
    if not ctx.readable(COLLECTIONS["maatregelen"]):
        return
    covered = {r for _, m in ctx.items("maatregelen", "risicos") for r in m["risicos"]}
    for path, risk in ctx.items("risicos"):
        if risk["id"] not in covered:
            yield problem("PG206", (*path, "id"), f"voor het risico {risk['id']!r} is geen "
                          "maatregel", "noem het onder 'risicos' bij een maatregel in "
                          "'dpia.maatregelen'")


SCORES = ("kans", "impact", "restkans", "restimpact")


@rule
def risk_scores_fit_the_scale(ctx: Context) -> Iterator[Problem]:
    """Forbid likelihoods and impacts beyond the scale, and thresholds that cannot be reached."""
    scale = ctx.get(("dpia", "risicoschaal"))
    if scale is None:
        return
    top = {"kans": len(scale["kans"]), "impact": len(scale["impact"])}
    for path, risk in ctx.items("risicos", *SCORES):
        for key in SCORES:
            axis = key.removeprefix("rest")
            if risk[key] > top[axis]:
                yield problem("PG207", (*path, key), f"{risk[key]} ligt buiten de schaal van 1 "
                              f"tot {top[axis]}", f"kies een positie op "
                              f"'dpia.risicoschaal.{axis}'")
    if not scale["midden_vanaf"] < scale["hoog_vanaf"] <= top["kans"] * top["impact"]:
        yield problem("PG208", ("dpia", "risicoschaal", "hoog_vanaf"), "de grenzen passen niet "
                      "bij de schaal", "kies midden_vanaf < hoog_vanaf ≤ grootste score "
                      f"({top['kans'] * top['impact']})")


@rule
def measures_do_not_raise_risks(ctx: Context) -> Iterator[Problem]:
    """Forbid a likelihood or impact after the measures that is higher than before them."""
    for path, risk in ctx.items("risicos", *SCORES):
        for key in ("kans", "impact"):
            if risk[f"rest{key}"] > risk[key]:
                yield problem("PG226", (*path, f"rest{key}"), f"de {key} na maatregelen "
                              f"({risk[f'rest{key}']}) is hoger dan ervoor ({risk[key]})",
                              f"maatregelen verlagen een risico: controleer '{key}' en "
                              f"'rest{key}'")


@rule
def high_residual_risk_needs_art36_decision(ctx: Context) -> Iterator[Problem]:
    """Require a decision to consult the AP (art. 36) when a residual risk stays hoog."""
    scale = ctx.get(("dpia", "risicoschaal"))
    place = ("dpia", "voorafgaande_raadpleging")
    if scale is None or not ctx.readable(place) or not ctx.readable(COLLECTIONS["risicos"]):
        return
    high = [r["id"] for _, r in ctx.items("risicos", *SCORES)
            if risk_level(r["restkans"], r["restimpact"], scale) == "hoog"]
    decision = ctx.find(place)
    if high and decision is None:
        yield problem("PG209", ("dpia",), f"het restrisico van {', '.join(high)} is hoog, maar "
                      "er is geen besluit over voorafgaande raadpleging", "voeg "
                      "'voorafgaande_raadpleging' toe (AVG art. 36)")
    elif high and not decision["nodig"]:
        yield problem("PG210", (*place, "nodig"), f"het restrisico van {', '.join(high)} is "
                      "hoog; dan moet de AP vooraf geraadpleegd worden", "zet 'nodig: true' of "
                      "verlaag het restrisico met maatregelen")


@rule
def adopted_protocol_has_advice_and_date(ctx: Context) -> Iterator[Problem]:
    """Require FG advice and an adoption date for a vastgesteld protocol."""
    document = ctx.find(("document",))
    if ctx.get(("document", "status")) != "vastgesteld":
        return
    for key, what in (("fg_advies", "het advies van de FG"), ("vaststelling", "de vaststelling")):
        if key not in document:
            yield problem("PG211", ("document", key), f"een vastgesteld protocol vermeldt {what}"
                          f", maar '{key}' ontbreekt", f"voeg 'document.{key}' toe of zet de "
                          "status terug naar concept")


def _in_order(ctx: Context, first: Path_, then: Path_, code: str, message: str, action: str,
              *, same_day: bool = True) -> Iterator[Problem]:
    """Yield a problem at `then` when the date there comes before the date at `first` (or on
    the same day, unless `same_day` is allowed)."""
    before, after = ctx.get(first), ctx.get(then)
    if before is not None and after is not None and (
            after < before or (after == before and not same_day)):
        yield problem(code, then, message.format(before=before.isoformat(),
                                                 after=after.isoformat()), action)


@rule
def dates_follow_each_other(ctx: Context) -> Iterator[Problem]:
    """Forbid FG advice after the adoption, entry into force before it, and a DPIA
    re-assessment that does not come after the DPIA."""
    adopted = ("document", "vaststelling", "datum")
    about = {ctx.get(("document", key, "vingerafdruk")) for key in ("vaststelling", "fg_advies")}
    if len(about - {None}) < 2:  # else the advice is about newer content than the adoption
        yield from _in_order(
            ctx, ("document", "fg_advies", "datum"), adopted, "PG228",
            "de vaststelling ({after}) ligt vóór het advies van de FG ({before})",
            "de FG adviseert vóór de vaststelling (AVG art. 35 lid 2): controleer beide datums")
    yield from _in_order(
        ctx, adopted, ("document", "vaststelling", "inwerkingtreding"), "PG227",
        "de inwerkingtreding ({after}) ligt vóór de vaststelling ({before})",
        "een regeling treedt in werking op of na de dag van vaststelling: controleer beide "
        "datums")
    yield from _in_order(
        ctx, ("dpia", "datum"), ("dpia", "herbeoordeling"), "PG229",
        "de herbeoordeling ({after}) ligt niet na de DPIA ({before})",
        "plan de herbeoordeling na de datum van de DPIA", same_day=False)


@rule
def approvals_match_the_content(ctx: Context) -> Iterator[Problem]:
    """Warn when the content of an adopted protocol changed after the adoption or after the FG
    advice, and when it does not record what content was adopted. (A concept may differ from
    what an earlier version's approvals were about.)"""
    if ctx.get(("document", "status")) != "vastgesteld":
        return
    current = fingerprint(ctx.document.data)
    adopted = ("document", "vaststelling")
    if ctx.get(adopted) is not None and "vingerafdruk" not in ctx.get(adopted):
        yield problem("PG306", adopted, "de vaststelling legt niet vast welke inhoud is "
                      "vastgesteld", "leg de vaststelling vast met 'protocolgen vaststellen "
                      "PAD --datum JJJJ-MM-DD --besluit KENMERK'")
    for record, what, command in (
            (adopted, "de vaststelling", "laat de nieuwe inhoud vaststellen en leg dat vast "
             "met 'protocolgen vaststellen PAD --datum JJJJ-MM-DD --besluit KENMERK'"),
            (("document", "fg_advies"), "het advies van de FG", "vraag de FG om advies over "
             "de nieuwe inhoud en leg dat vast met 'protocolgen advies PAD --datum "
             "JJJJ-MM-DD'")):
        recorded, when = ctx.get((*record, "vingerafdruk")), ctx.get((*record, "datum"))
        if recorded is not None and recorded != current:
            on = f" van {when.isoformat()}" if when is not None else ""
            yield problem("PG304" if record == adopted else "PG305", (*record, "vingerafdruk"),
                          f"de inhoud is gewijzigd na {what}{on} (vingerafdruk toen "
                          f"{short(recorded)}, nu {short(current)})",
                          f"{command}, of draai de wijziging terug")


@rule
def evaluation_not_overdue(ctx: Context) -> Iterator[Problem]:
    """Warn when the evaluation date or the DPIA review date has passed."""
    for path in (("document", "evaluatie", "datum"), ("dpia", "herbeoordeling")):
        when = ctx.get(path)
        if when is not None and when < ctx.today:
            yield problem("PG301", path, f"de datum {when.isoformat()} ligt in het verleden",
                          "evalueer het protocol en plan een nieuwe datum")


def years_later(day: dt.date, years: int) -> dt.date:
    """Return the same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@rule
def dpia_reviewed_within_three_years(ctx: Context) -> Iterator[Problem]:
    """Warn when the next DPIA review is more than three years after the DPIA."""
    done, next_review = ctx.get(("dpia", "datum")), ctx.get(("dpia", "herbeoordeling"))
    if done is not None and next_review is not None and next_review > years_later(done, 3):
        yield problem("PG302", ("dpia", "herbeoordeling"), "de herbeoordeling ligt meer dan "
                      "drie jaar na de DPIA", "plan de herbeoordeling binnen drie jaar (Model "
                      "DPIA)")


@rule
def roles_may_use_their_sources(ctx: Context) -> Iterator[Problem]:
    """Forbid a role consulting a source in a phase beyond what its role allows."""
    rank = {"hit-no-hit": 1, "inhoud": 2}
    roles = ctx.by_id("rollen", "bronnen")
    for fase_path, _ in ctx.items("fases"):
        for path, use in ctx.items((*fase_path, "bronnen"), "bron", "niveau", "rol"):
            if use["rol"] not in roles:
                continue  # an unknown or unreadable role is reported elsewhere
            allowed = {b["bron"]: rank[b["niveau"]]
                       for b in roles[use["rol"]].get("bronnen", [])}
            if allowed.get(use["bron"], 0) < rank[use["niveau"]]:
                yield problem("PG212", path, f"de rol {use['rol']!r} mag de bron "
                              f"{use['bron']!r} niet op niveau {use['niveau']!r} raadplegen",
                              f"voeg de bron met dat niveau toe bij de rol {use['rol']!r} of "
                              "laat een andere rol de bron raadplegen")


@rule
def source_use_needs_privacy_check(ctx: Context) -> Iterator[Problem]:
    """Require a privacytoets in every phase that consults a source, except for a public
    source consulted within criteria fixed in policy (CCV step 2); such criteria apply to
    public sources only."""
    public = {sid for sid, s in ctx.by_id("bronnen", "openbaar").items() if s.get("openbaar")}
    for path, fase in ctx.items("fases", "bronnen", "wegingen"):
        uses = ctx.items((*path, "bronnen"), "bron", "criteria")
        for use_path, use in uses:
            if "criteria" in use and use["bron"] not in public:
                yield problem("PG240", (*use_path, "criteria"), f"de bron {use['bron']!r} is "
                              "niet openbaar; criteria uit beleid vervangen alleen bij een "
                              "openbare bron de privacytoets", "verwijder 'criteria' en voeg "
                              "een privacytoets toe, of zet 'openbaar: true' bij een bron die "
                              "dat is")
        checked = any(w["soort"] in CHECKS for w in fase["wegingen"])
        exempt = all("criteria" in use and use["bron"] in public for _, use in uses)
        if fase.get("bronnen") and not checked and not exempt:
            yield problem("PG213", (*path, "bronnen"), "in deze fase worden bronnen "
                          "geraadpleegd zonder privacytoets", "voeg onder 'wegingen' een "
                          "weging met soort 'privacytoets' toe, of raadpleeg alleen openbare "
                          "bronnen binnen criteria uit beleid ('criteria')")


@rule
def no_repealed_laws(ctx: Context) -> Iterator[Problem]:
    """Forbid repealed laws (Wabo, Drank- en Horecawet, Wbp, Wet GBA, Wob) unless historisch."""
    for path, ground in ctx.items("grondslagen", "wet", "bwb", "historisch"):
        if ground.get("historisch"):
            continue
        for key in ("wet", "bwb"):
            gone = catalogue.repealed(ground.get(key, ""))
            if gone:
                yield problem("PG214", (*path, key), f"{ground[key]!r} is vervallen; opvolger "
                              f"is {catalogue.successor(gone)}", "verwijs naar de opvolger, of "
                              "zet 'historisch: true' als de oude wet bewust wordt genoemd")
                break


@rule
def own_grounds_fit_the_catalogue(ctx: Context) -> Iterator[Problem]:
    """Forbid an own ground with the id of a catalogue entry, or on an unknown 'basis'."""
    for path, ground in ctx.items("grondslagen", "basis"):
        if ground["id"] in catalogue.by_id():
            yield problem("PG238", (*path, "id"), f"{ground['id']!r} staat al in de catalogus",
                          f"verwijder deze grondslag en noem {ground['id']!r} direct, of geef "
                          "een eigen id")
        elif "basis" in ground and ground["basis"] not in catalogue.by_id():
            yield problem("PG238", (*path, "basis"), f"{ground['basis']!r} staat niet in de "
                          "catalogus", "kies een id uit 'protocolgen grondslagen'",
                          hint=closest(ground["basis"], list(catalogue.by_id())))


def _riec(ctx: Context) -> set[str]:
    """Return the ids of the roles that are the RIEC."""
    return {rid for rid, role in ctx.by_id("rollen", "partner").items()
            if role.get("partner") == "riec"}


@rule
def riec_sharing_uses_wgs(ctx: Context) -> Iterator[Problem]:
    """Warn when a protocol dated from 1-3-2025 shares with the RIEC without the WGS."""
    dated = ctx.get(("document", "datum"))
    if dated is None or dated < WGS_IN_FORCE:
        return
    riec = _riec(ctx)
    for path, share in ctx.items("verstrekkingen", "aan", "regeling"):
        if share.get("aan") in riec and share["regeling"] != "wgs":
            yield problem("PG303", (*path, "regeling"), "sinds 1-3-2025 geldt voor het RIEC de "
                          "Wet gegevensverwerking door samenwerkingsverbanden (WGS)",
                          "zet 'regeling: wgs' en noem de WGS als grondslag")


def _rests_on_wgs(cited: list[Data]) -> bool:
    return any(g.get("id") == "wgs" or g.get("basis") == "wgs" for g in cited)


@rule
def transfers_have_a_ground_to_transfer(ctx: Context) -> Iterator[Problem]:
    """Require a ground of the kind 'verstrekking' for every transfer, and the WGS for a
    transfer to the RIEC in a protocol dated from 1-3-2025."""
    dated = ctx.get(("document", "datum"))
    riec = _riec(ctx)
    for path, share, cited in _cited(ctx, "verstrekkingen"):
        kinds = _kinds(cited)
        if "verstrekking" not in kinds and not {"verwerking", "verenigbaarheid"} <= kinds:
            yield problem("PG234", (*path, "grondslagen"), "geen grondslag staat deze "
                          "verstrekking toe: er is geen grondslag van de soort 'verstrekking', "
                          "en ook geen grond voor de verwerking met de toets van AVG art. 6 "
                          "lid 4", "noem de bepaling die de verstrekking toestaat"
                          f"{_examples('verstrekking')}, of een grond voor de verwerking met "
                          "'avg-6-4' als de verstrekking verenigbaar is met het doel van "
                          "verzamelen")
        if (dated is not None and dated >= WGS_IN_FORCE and ctx.readable((*path, "aan"))
                and share.get("aan") in riec and not _rests_on_wgs(cited)):
            yield problem("PG232", (*path, "grondslagen"), "sinds 1-3-2025 berust een "
                          "verstrekking aan het RIEC op de Wet gegevensverwerking door "
                          "samenwerkingsverbanden, maar die staat niet bij de grondslagen",
                          "noem 'wgs' onder 'grondslagen'")


@rule
def transfers_follow_a_privacy_check(ctx: Context) -> Iterator[Problem]:
    """Require every transfer to name the privacytoets of its phase or an earlier phase that
    precedes it."""
    order = {fid: i for i, fid in enumerate(ctx.by_id("fases"))}
    checks = {w["id"]: order[fase["id"]] for fase_path, fase in ctx.items("fases")
              for _, w in ctx.items((*fase_path, "wegingen"), "soort")
              if w["soort"] in CHECKS}
    for path, share in ctx.items("verstrekkingen", "fase", "privacytoets"):
        if share["fase"] not in order:
            continue
        check = share.get("privacytoets")
        if check is None:
            yield problem("PG235", (*path, "id"), "deze verstrekking noemt geen privacytoets "
                          "die eraan voorafgaat", "noem onder 'privacytoets' de privacytoets "
                          "(uit 'wegingen') die over deze verstrekking beslist")
        elif checks.get(check, len(order)) > order[share["fase"]]:
            yield problem("PG235", (*path, "privacytoets"), f"{check!r} is geen privacytoets "
                          f"in de fase {share['fase']!r} of een eerdere fase",
                          "kies een weging met 'soort: privacytoets' uit deze of een eerdere "
                          "fase", hint=closest(check, sorted(
                              c for c, at in checks.items() if at <= order[share["fase"]])))


@rule
def handovers_are_transfers(ctx: Context) -> Iterator[Problem]:
    """Require a transfer for every outcome that hands a case to an external partner or an
    instance, and one list of data per transfer (same phase, same recipient)."""
    external = {rid for rid, role in ctx.by_id("rollen", "soort").items()
                if role["soort"] == "extern"}
    described: dict[tuple[str, str], tuple[Path_, list[str]]] = {}
    for path, share in ctx.items("verstrekkingen", "fase", "aan", "aan_instantie", "gegevens"):
        to = share.get("aan") or share.get("aan_instantie")
        key = (share["fase"], str(to))
        if key in described and sorted(described[key][1]) != sorted(share["gegevens"]):
            yield problem("PG237", (*path, "gegevens"), f"de verstrekking aan {to!r} in de fase "
                          f"{share['fase']!r} staat ook op {ctx.line_of(described[key][0])}, "
                          "met andere gegevens", "beschrijf één verstrekking met één lijst "
                          "gegevens")
        described.setdefault(key, (path, share["gegevens"]))
    for fase_path, fase in ctx.items("fases"):
        for path, outcome in ctx.items((*fase_path, "uitkomsten"), "naar_rol", "naar_instantie"):
            dest, to = ("naar_rol", outcome.get("naar_rol")) if outcome.get("naar_rol") in \
                external else ("naar_instantie", outcome.get("naar_instantie"))
            if isinstance(to, str) and (fase["id"], to) not in described:
                field = "aan" if dest == "naar_rol" else "aan_instantie"
                yield problem("PG236", (*path, dest), f"deze uitkomst geeft de casus aan "
                              f"{to!r} buiten de gemeente, maar onder 'verstrekkingen' staat "
                              f"geen verstrekking aan {to!r} in deze fase", "beschrijf de "
                              f"verstrekking onder 'verstrekkingen' (met '{field}'): gegevens, "
                              "grondslagen, beslisser en privacytoets")


@rule
def partners_are_external(ctx: Context) -> Iterator[Problem]:
    """Require 'partner' on every external role and forbid it on the others."""
    for path, role in ctx.items("rollen", "soort", "partner"):
        if role["soort"] == "extern" and "partner" not in role:
            yield problem("PG215", (*path, "soort"), "een externe rol heeft 'partner' nodig",
                          "voeg 'partner:' toe (riec, politie, om, belastingdienst, lbb, mma "
                          "of anders)")
        elif role["soort"] != "extern" and "partner" in role:
            yield problem("PG216", (*path, "partner"), "alleen een externe rol is een partner",
                          "verwijder 'partner' of zet 'soort: extern'")


def _reachable(role: Data | None) -> bool:
    contact = (role or {}).get("contact") or {}
    return isinstance(contact, dict) and bool(contact.keys() & {"telefoon", "email"})


@rule
def cards_name_a_reachable_contact(ctx: Context) -> Iterator[Problem]:
    """Warn when a role card cannot say whom to call: a role that reports signals needs
    'melden_aan' with a role that has a phone number or e-mail address, and a role that
    answers hit/no-hit questions about a source needs such a contact itself."""
    roles = ctx.by_id("rollen", "contact")
    for path, role in ctx.items("rollen", "melden", "melden_aan", "contact"):
        receiver = role.get("melden_aan")
        if receiver is not None and receiver not in roles:
            continue  # an unknown receiver, or one whose contact cannot be read, is reported
        if "melden" in role and not _reachable(roles.get(receiver or "")):
            yield problem("PG308", (*path, "melden"), f"de rolkaart van {role['id']!r} zegt "
                          "niet wie signalen ontvangt en hoe die bereikbaar is", "zet "
                          "'melden_aan' op de rol die signalen ontvangt, met 'contact' met een "
                          "telefoonnummer of e-mailadres")
    for fase_path, _ in ctx.items("fases"):
        for path, use in ctx.items((*fase_path, "bronnen"), "niveau", "rol"):
            if use["niveau"] == "hit-no-hit" and use["rol"] in roles \
                    and not _reachable(roles[use["rol"]]):
                yield problem("PG308", (*path, "rol"), f"de rol {use['rol']!r} beantwoordt "
                              "hit/no-hit-vragen maar heeft geen telefoonnummer of e-mailadres",
                              f"voeg bij de rol {use['rol']!r} 'contact' toe met 'telefoon' of "
                              "'email'")


@rule
def open_measures_have_a_deadline(ctx: Context) -> Iterator[Problem]:
    """Warn when a measure that is planned or in progress has no date by which it is done."""
    for path, measure in ctx.items(("dpia", "maatregelen"), "status", "uiterlijk"):
        if measure["status"] != "gerealiseerd" and "uiterlijk" not in measure:
            yield problem("PG309", (*path, "status"), f"de maatregel is {measure['status']} "
                          "maar zonder datum waarop hij gerealiseerd is", "voeg 'uiterlijk: "
                          "JJJJ-MM-DD' toe, of zet 'status: gerealiseerd' als dat zo is")


@rule
def municipal_decisions_stay_municipal(ctx: Context) -> Iterator[Problem]:
    """Forbid an external partner deciding a phase, a weging or a sharing of the gemeente,
    and a sharing 'to a partner' whose receiver is not external."""
    kinds = {rid: role["soort"] for rid, role in ctx.by_id("rollen", "soort").items()}
    deciders = ctx.items("fases", "beslisser") + ctx.items("verstrekkingen", "beslisser")
    deciders += [found for path, _ in ctx.items("fases")
                 for found in ctx.items((*path, "wegingen"), "beslisser")]
    for path, item in deciders:
        if kinds.get(item["beslisser"]) == "extern":
            yield problem("PG222", (*path, "beslisser"), f"de externe partner "
                          f"{item['beslisser']!r} kan niet beslissen namens de gemeente",
                          "kies een rol van de gemeente als beslisser; de partner kan "
                          "'geraadpleegd' zijn")
    for path, share in ctx.items("verstrekkingen", "aan"):
        if kinds.get(share.get("aan", "")) in ("intern", "bestuur"):
            yield problem("PG223", (*path, "aan"), f"de rol {share['aan']!r} hoort bij de "
                          "gemeente; een verstrekking gaat naar een externe partner",
                          "kies een rol met 'soort: extern', of beschrijf de interne "
                          "uitwisseling in de fase zelf")


@rule
def every_gemeente_adopts(ctx: Context) -> Iterator[Problem]:
    """Require each besluit to name a gemeente of the protocol and one of its adopting organs,
    and, for a vastgesteld protocol of several gemeenten, a besluit of every gemeente and
    organ."""
    names = ctx.get(("document", "gemeenten")) or [ctx.get(("document", "gemeente"))]
    organs = ctx.get(("document", "vastgesteld_door")) or []
    taken = set()
    for path, taken_by in ctx.items(("document", "besluiten"), "gemeente", "orgaan"):
        if taken_by["gemeente"] not in names:
            yield problem("PG241", (*path, "gemeente"), f"{taken_by['gemeente']!r} is geen "
                          "gemeente van dit protocol", "kies een naam uit 'document.gemeenten'",
                          hint=closest(taken_by["gemeente"], [n for n in names if n]))
        elif taken_by["orgaan"] not in organs:
            yield problem("PG241", (*path, "orgaan"), f"{taken_by['orgaan']!r} staat niet bij "
                          "'vastgesteld_door'", "voeg het orgaan toe aan 'vastgesteld_door' of "
                          "kies een orgaan dat daar staat")
        taken.add((taken_by["gemeente"], taken_by["orgaan"]))
    several = ctx.get(("document", "gemeenten"))
    if ctx.get(("document", "status")) != "vastgesteld" or not several \
            or not ctx.readable(("document", "besluiten")):
        return
    for name in names:
        for organ in organs:
            if (name, organ) not in taken:
                who = ORGAN_NAMES[organ]
                yield problem("PG242", ("document", "gemeenten"), f"het besluit van {who} van "
                              f"{name} ontbreekt", "voeg het onder 'document.besluiten' toe, of "
                              "zet de status terug naar concept")


@rule
def version_is_in_the_change_list(ctx: Context) -> Iterator[Problem]:
    """Require the document's version to appear in its own change list."""
    version = ctx.get(("document", "versie"))
    if version is None or not ctx.readable(("document", "wijzigingen")):
        return
    changes = ctx.items(("document", "wijzigingen"), "versie")
    if version not in {change["versie"] for _, change in changes}:
        yield problem("PG224", ("document", "versie"), f"de versie {version!r} staat niet in "
                      "'wijzigingen'", f"voeg onder 'document.wijzigingen' een wijziging met "
                      f"versie '{version}' toe")


MAX_RETENTION_YEARS = 20
_UNIT_YEARS = {"dag": 1 / 365, "dagen": 1 / 365, "week": 7 / 365, "weken": 7 / 365,
               "maand": 1 / 12, "maanden": 1 / 12, "jaar": 1}


@rule
def retention_is_bounded(ctx: Context) -> Iterator[Problem]:
    """Forbid a retention period longer than 20 years."""
    for path, term in ctx.items("bewaartermijnen", "termijn"):
        count, unit = term["termijn"].split(" ")
        if int(count) * _UNIT_YEARS[unit] > MAX_RETENTION_YEARS:
            yield problem("PG225", (*path, "termijn"), f"een bewaartermijn van "
                          f"{term['termijn']} is langer dan {MAX_RETENTION_YEARS} jaar",
                          f"kies een termijn van hoogstens {MAX_RETENTION_YEARS} jaar; wat "
                          "blijvend bewaard moet worden, krijgt 'actie: overbrengen'")


@rule
def not_applicable_needs_reason(ctx: Context) -> Iterator[Problem]:
    """Forbid a bare 'n.v.t.': say why something does not apply."""
    for path, field, value in walk({"type": "dict", "schema": SCHEMA}, ctx.document.data):
        if field.get("type") == "string" and isinstance(value, str) and NVT.fullmatch(value):
            yield problem("PG217", path, f"{value.strip()!r} zonder reden", "schrijf 'Niet van "
                          "toepassing, omdat …' met de reden")


@rule
def outcomes_lead_forward(ctx: Context) -> Iterator[Problem]:
    """Forbid an outcome that leads back to its own phase or an earlier one (a cycle)."""
    order = {fid: i for i, fid in enumerate(ctx.by_id("fases"))}
    for fase_path, fase in ctx.items("fases"):
        for path, outcome in ctx.items((*fase_path, "uitkomsten"), "naar_fase"):
            target = outcome.get("naar_fase")
            if target == fase["id"]:
                yield problem("PG218", (*path, "naar_fase"), "deze uitkomst leidt naar "
                              "dezelfde fase", "kies een volgende fase, een rol of 'afsluiten'")
            elif target in order and order[target] < order[fase["id"]]:
                yield problem("PG218", (*path, "naar_fase"), f"deze uitkomst leidt terug naar "
                              f"de eerdere fase {target!r}", "kies een volgende fase, een rol "
                              "of 'afsluiten'; fases staan in de volgorde waarin een casus ze "
                              "doorloopt")


@rule
def logo_is_a_local_image(ctx: Context) -> Iterator[Problem]:
    """Require the logo to be a usable SVG, PNG or JPEG file inside the protocol's folder."""
    path = ("document", "huisstijl", "logo")
    logo = ctx.get(path)
    if logo is None:
        return
    folder = ctx.document.source.folder.resolve()
    try:
        target = (folder / logo).resolve()
        inside = target.is_relative_to(folder) and not urlsplit(logo).scheme \
            and not Path(logo).is_absolute()
        exists = target.is_file()
        why = unusable(target) if inside and exists and target.suffix.lower() in SUFFIXES \
            else None
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL
        inside, exists, why, target = True, False, None, Path(logo)
    if not inside:
        yield problem("PG219", path, f"het logo {logo!r} staat niet in de map van het protocol",
                      "zet het logo naast het YAML-bestand en geef een relatief pad")
    elif target.suffix.lower() not in SUFFIXES:
        yield problem("PG220", path, f"het logo {logo!r} is geen SVG-, PNG- of JPEG-bestand",
                      "gebruik een .svg-, .png- of .jpg-bestand")
    elif not exists:
        yield problem("PG221", path, f"het logo {logo!r} bestaat niet",
                      "controleer de bestandsnaam")
    elif why:
        yield problem("PG230", path, f"het logo {logo!r} is niet bruikbaar: {why}",
                      "sla het logo opnieuw op als SVG, PNG of JPEG (hoogstens 1 MiB)")
