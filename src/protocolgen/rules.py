"""Rules about meaning: small named checks that run on schema-valid data and yield problems.

Every rule is a generator registered with @rule and documented by its one-line docstring;
docs/regels.md lists them from those docstrings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import Path_, Problem, closest, error, warning
from .loader import Document
from .schema import COLLECTIONS, SCHEMA, Schema

Data = dict[str, Any]
Rule = Callable[["Context"], Iterator[Problem]]
RULES: list[Rule] = []

WGS_IN_FORCE = dt.date(2025, 3, 1)
AVG = "32016R0679"
UAVG = "BWBR0040940"

REPEALED = {
    # law as authors name it (lowercase) or its BWB id -> successor
    "wabo": "de Omgevingswet (sinds 1-1-2024)",
    "wet algemene bepalingen omgevingsrecht": "de Omgevingswet (sinds 1-1-2024)",
    "BWBR0024779": "de Omgevingswet (sinds 1-1-2024)",
    "drank- en horecawet": "de Alcoholwet (sinds 1-7-2021)",
    "dhw": "de Alcoholwet (sinds 1-7-2021)",
    "wbp": "de AVG en de UAVG (sinds 25-5-2018)",
    "wet bescherming persoonsgegevens": "de AVG en de UAVG (sinds 25-5-2018)",
    "wet gba": "de Wet basisregistratie personen (sinds 6-1-2014)",
    "wet gemeentelijke basisadministratie persoonsgegevens":
        "de Wet basisregistratie personen (sinds 6-1-2014)",
    "wob": "de Wet open overheid (sinds 1-5-2022)",
    "wet openbaarheid van bestuur": "de Wet open overheid (sinds 1-5-2022)",
}

NVT = re.compile(r"\s*(n\.?v\.?t\.?|niet van toepassing\.?)\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the data, where it stands, and today's date."""

    data: Data
    document: Document
    today: dt.date

    def items(self, collection: str) -> list[tuple[Path_, Data]]:
        """Return the items of an id-keyed collection with their paths."""
        node: Any = self.data
        for key in COLLECTIONS[collection]:
            node = node.get(key, [])
        return [((*COLLECTIONS[collection], i), item) for i, item in enumerate(node)]

    def by_id(self, collection: str) -> dict[str, Data]:
        """Return the items of a collection keyed by id (the first one wins)."""
        found: dict[str, Data] = {}
        for _, item in self.items(collection):
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


def references(schema: Schema, node: Any, path: Path_) -> Iterator[tuple[Path_, str, str]]:
    """Yield (path, collection, id) for every reference in `node`, guided by the schema."""
    target = schema.get("meta", {}).get("verwijst_naar")
    if target and isinstance(node, str):
        yield path, target, node
    elif schema.get("type") == "dict" and isinstance(node, dict):
        for key, sub in schema["schema"].items():
            if key in node:
                yield from references(sub, node[key], (*path, key))
    elif schema.get("type") == "list" and isinstance(node, list):
        for i, item in enumerate(node):
            yield from references(schema["schema"], item, (*path, i))


@rule
def unique_ids(ctx: Context) -> Iterator[Problem]:
    """Forbid two items with the same id in one collection, and two wegingen with one id."""
    groups = {name: ctx.items(name) for name in COLLECTIONS}
    groups["wegingen"] = [((*path, "wegingen", j), weging)
                          for path, fase in ctx.items("fases")
                          for j, weging in enumerate(fase["wegingen"])]
    for name, members in groups.items():
        seen: dict[str, Path_] = {}
        for path, item in members:
            if item["id"] in seen:
                first = seen[item["id"]]
                yield error((*path, "id"), f"het id {item['id']!r} komt al voor in '{name}' "
                            f"({ctx.line_of((*first, 'id'))})", "geef elk onderdeel een eigen id")
            seen.setdefault(item["id"], path)


@rule
def references_resolve(ctx: Context) -> Iterator[Problem]:
    """Forbid a reference to an id that is not defined in the collection it points to."""
    known = {name: list(ctx.by_id(name)) for name in COLLECTIONS}
    for path, collection, value in references({"type": "dict", "schema": SCHEMA}, ctx.data, ()):
        if value not in known[collection]:
            where = ".".join(COLLECTIONS[collection])
            yield error(path, f"{value!r} is niet gedefinieerd onder '{where}'",
                        f"gebruik een id uit '{where}' of voeg het daar toe",
                        hint=closest(value, known[collection]))


def _cites(ctx: Context, ground_ids: list[str], matches: Callable[[Data], bool]) -> bool:
    grounds = ctx.by_id("grondslagen")
    return any(g in grounds and matches(grounds[g]) for g in ground_ids)


def _article_number(ground: Data) -> int:
    digits = re.match(r"[0-9]+", ground["artikel"])
    return int(digits.group()) if digits else 0


def _is_art10_basis(ground: Data) -> bool:
    return (ground.get("celex") == AVG and _article_number(ground) == 10) or (
        ground.get("bwb") == UAVG and _article_number(ground) in (31, 32, 33))


def _is_art9_exception(ground: Data) -> bool:
    return (ground.get("celex") == AVG and _article_number(ground) == 9) or (
        ground.get("bwb") == UAVG and 22 <= _article_number(ground) <= 30)


def _is_bsn_basis(ground: Data) -> bool:
    return ground.get("bwb") == UAVG and _article_number(ground) == 46


_KIND_NEEDS = {
    "strafrechtelijk": (_is_art10_basis, "strafrechtelijke gegevens",
                        "AVG art. 10 of UAVG art. 31-33"),
    "bijzonder": (_is_art9_exception, "bijzondere persoonsgegevens",
                  "een uitzondering uit AVG art. 9 of UAVG art. 22-30"),
    "bsn": (_is_bsn_basis, "het burgerservicenummer", "UAVG art. 46"),
}


@rule
def special_data_need_their_basis(ctx: Context) -> Iterator[Problem]:
    """Require an art. 10 basis for strafrechtelijke, an art. 9 exception for bijzondere and
    UAVG art. 46 for BSN data, in every phase and sharing that processes them."""
    kinds = {cid: cat["soort"] for cid, cat in ctx.by_id("gegevens").items()}
    places = ctx.items("fases") + ctx.items("verstrekkingen")
    for path, place in places:
        used = {kinds.get(cid) for cid in place["gegevens"]}
        for kind, (matches, what, basis) in _KIND_NEEDS.items():
            if kind in used and not _cites(ctx, place["grondslagen"], matches):
                yield error((*path, "grondslagen"), f"hier worden {what} verwerkt, maar geen "
                            f"grondslag is {basis}", f"voeg een grondslag voor {basis} toe")


@rule
def risks_have_measures(ctx: Context) -> Iterator[Problem]:
    """Require at least one measure for every risk."""
    covered = {r for _, m in ctx.items("maatregelen") for r in m["risicos"]}
    for path, risk in ctx.items("risicos"):
        if risk["id"] not in covered:
            yield error((*path, "id"), f"voor het risico {risk['id']!r} is geen maatregel",
                        "noem het onder 'risicos' bij een maatregel in 'dpia.maatregelen'")


@rule
def risk_scores_fit_the_scale(ctx: Context) -> Iterator[Problem]:
    """Forbid likelihoods and impacts beyond the scale, and thresholds that cannot be reached."""
    scale = ctx.data["dpia"]["risicoschaal"]
    top = {"kans": len(scale["kans"]), "impact": len(scale["impact"])}
    for path, risk in ctx.items("risicos"):
        for key, axis in (("kans", "kans"), ("impact", "impact"),
                          ("restkans", "kans"), ("restimpact", "impact")):
            if risk[key] > top[axis]:
                yield error((*path, key), f"{risk[key]} ligt buiten de schaal van 1 tot "
                            f"{top[axis]}", f"kies een positie op 'dpia.risicoschaal.{axis}'")
    if not scale["midden_vanaf"] < scale["hoog_vanaf"] <= top["kans"] * top["impact"]:
        yield error(("dpia", "risicoschaal", "hoog_vanaf"), "de grenzen passen niet bij de "
                    "schaal", "kies midden_vanaf < hoog_vanaf ≤ grootste score "
                    f"({top['kans'] * top['impact']})")


@rule
def high_residual_risk_needs_art36_decision(ctx: Context) -> Iterator[Problem]:
    """Require a decision to consult the AP (art. 36) when a residual risk stays hoog."""
    dpia = ctx.data["dpia"]
    high = [r["id"] for _, r in ctx.items("risicos")
            if risk_level(r["restkans"], r["restimpact"], dpia["risicoschaal"]) == "hoog"]
    decision = dpia.get("voorafgaande_raadpleging")
    if high and decision is None:
        yield error(("dpia",), f"het restrisico van {', '.join(high)} is hoog, maar er is "
                    "geen besluit over voorafgaande raadpleging", "voeg "
                    "'voorafgaande_raadpleging' toe (AVG art. 36)")
    elif high and decision is not None and not decision["nodig"]:
        yield error(("dpia", "voorafgaande_raadpleging", "nodig"), f"het restrisico van "
                    f"{', '.join(high)} is hoog; dan moet de AP vooraf geraadpleegd worden",
                    "zet 'nodig: true' of verlaag het restrisico met maatregelen")


@rule
def adopted_protocol_has_advice_and_date(ctx: Context) -> Iterator[Problem]:
    """Require FG advice and an adoption date for a vastgesteld protocol."""
    document = ctx.data["document"]
    if document["status"] != "vastgesteld":
        return
    for key, what in (("fg_advies", "het advies van de FG"), ("vaststelling", "de vaststelling")):
        if key not in document:
            yield error(("document", key), f"een vastgesteld protocol vermeldt {what}, maar "
                        f"'{key}' ontbreekt", f"voeg 'document.{key}' toe of zet de status "
                        "terug naar concept")


@rule
def evaluation_not_overdue(ctx: Context) -> Iterator[Problem]:
    """Warn when the evaluation date or the DPIA review date has passed."""
    dates = {("document", "evaluatie", "datum"): ctx.data["document"]["evaluatie"]["datum"],
             ("dpia", "herbeoordeling"): ctx.data["dpia"]["herbeoordeling"]}
    for path, when in dates.items():
        if when < ctx.today:
            yield warning(path, f"de datum {when.isoformat()} ligt in het verleden",
                          "evalueer het protocol en plan een nieuwe datum")


@rule
def dpia_reviewed_within_three_years(ctx: Context) -> Iterator[Problem]:
    """Warn when the next DPIA review is more than three years after the DPIA."""
    dpia = ctx.data["dpia"]
    if dpia["herbeoordeling"] > dpia["datum"].replace(year=dpia["datum"].year + 3):
        yield warning(("dpia", "herbeoordeling"), "de herbeoordeling ligt meer dan drie jaar "
                      "na de DPIA", "plan de herbeoordeling binnen drie jaar (Model DPIA)")


@rule
def roles_may_use_their_sources(ctx: Context) -> Iterator[Problem]:
    """Forbid a role consulting a source in a phase beyond what its role allows."""
    rank = {"hit-no-hit": 1, "inhoud": 2}
    roles = ctx.by_id("rollen")
    for path, fase in ctx.items("fases"):
        for i, use in enumerate(fase.get("bronnen", [])):
            allowed = {b["bron"]: rank[b["niveau"]]
                       for b in roles.get(use["rol"], {}).get("bronnen", [])}
            if allowed.get(use["bron"], 0) < rank[use["niveau"]]:
                yield error((*path, "bronnen", i), f"de rol {use['rol']!r} mag de bron "
                            f"{use['bron']!r} niet op niveau {use['niveau']!r} raadplegen",
                            f"voeg de bron met dat niveau toe bij de rol {use['rol']!r} of "
                            "laat een andere rol de bron raadplegen")


@rule
def source_use_needs_privacy_check(ctx: Context) -> Iterator[Problem]:
    """Require a privacytoets in every phase that consults a source."""
    for path, fase in ctx.items("fases"):
        if fase.get("bronnen") and not any(w["soort"] == "privacytoets"
                                           for w in fase["wegingen"]):
            yield error((*path, "bronnen"), "in deze fase worden bronnen geraadpleegd zonder "
                        "privacytoets", "voeg onder 'wegingen' een weging met soort "
                        "'privacytoets' toe")


@rule
def no_repealed_laws(ctx: Context) -> Iterator[Problem]:
    """Forbid repealed laws (Wabo, Drank- en Horecawet, Wbp, Wet GBA, Wob) unless historisch."""
    for path, ground in ctx.items("grondslagen"):
        if ground.get("historisch"):
            continue
        for key in ("wet", "bwb"):
            successor = REPEALED.get(ground.get(key, "").lower()) or REPEALED.get(
                ground.get(key, ""))
            if successor:
                yield error((*path, key), f"{ground[key]!r} is vervallen; opvolger is "
                            f"{successor}", "verwijs naar de opvolger, of zet 'historisch: "
                            "true' als de oude wet bewust wordt genoemd")
                break


@rule
def riec_sharing_uses_wgs(ctx: Context) -> Iterator[Problem]:
    """Warn when a protocol dated from 1-3-2025 shares with the RIEC without the WGS."""
    if ctx.data["document"]["datum"] < WGS_IN_FORCE:
        return
    roles = ctx.by_id("rollen")
    for path, share in ctx.items("verstrekkingen"):
        if roles.get(share["aan"], {}).get("partner") == "riec" and share["regeling"] != "wgs":
            yield warning((*path, "regeling"), "sinds 1-3-2025 geldt voor het RIEC de Wet "
                          "gegevensverwerking door samenwerkingsverbanden (WGS)",
                          "zet 'regeling: wgs' en noem de WGS als grondslag")


@rule
def partners_are_external(ctx: Context) -> Iterator[Problem]:
    """Require 'partner' on every external role and forbid it on the others."""
    for path, role in ctx.items("rollen"):
        if role["soort"] == "extern" and "partner" not in role:
            yield error((*path, "soort"), "een externe rol heeft 'partner' nodig",
                        "voeg 'partner:' toe (riec, politie, om, belastingdienst, lbb, mma of "
                        "anders)")
        elif role["soort"] != "extern" and "partner" in role:
            yield error((*path, "partner"), "alleen een externe rol is een partner",
                        "verwijder 'partner' of zet 'soort: extern'")


@rule
def not_applicable_needs_reason(ctx: Context) -> Iterator[Problem]:
    """Forbid a bare 'n.v.t.': say why something does not apply."""
    def walk(node: Any, path: Path_) -> Iterator[Problem]:
        if isinstance(node, str) and NVT.fullmatch(node):
            yield error(path, f"{node.strip()!r} zonder reden", "schrijf 'Niet van toepassing, "
                        "omdat …' met de reden")
        elif isinstance(node, dict):
            for key, sub in node.items():
                yield from walk(sub, (*path, key))
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                yield from walk(sub, (*path, i))
    yield from walk(ctx.data, ())


@rule
def outcomes_lead_elsewhere(ctx: Context) -> Iterator[Problem]:
    """Forbid an outcome that leads back to its own phase."""
    for path, fase in ctx.items("fases"):
        for i, uitkomst in enumerate(fase["uitkomsten"]):
            if uitkomst.get("naar_fase") == fase["id"]:
                yield error((*path, "uitkomsten", i, "naar_fase"), "deze uitkomst leidt naar "
                            "dezelfde fase", "kies een volgende fase, een rol of 'afsluiten'")


@rule
def logo_is_a_local_image(ctx: Context) -> Iterator[Problem]:
    """Require the logo to be an existing SVG or PNG file inside the protocol's folder."""
    logo = ctx.data["document"].get("huisstijl", {}).get("logo")
    if logo is None:
        return
    folder = ctx.document.path.parent.resolve()
    target = (folder / logo).resolve()
    path = ("document", "huisstijl", "logo")
    if urlsplit(logo).scheme or Path(logo).is_absolute() or not target.is_relative_to(folder):
        yield error(path, f"het logo {logo!r} staat niet in de map van het protocol",
                    "zet het logo naast het YAML-bestand en geef een relatief pad")
    elif target.suffix.lower() not in (".svg", ".png"):
        yield error(path, f"het logo {logo!r} is geen SVG- of PNG-bestand",
                    "gebruik een .svg- of .png-bestand")
    elif not target.is_file():
        yield error(path, f"het logo {logo!r} bestaat niet", "controleer de bestandsnaam")
