"""Rules about the DPIA: risks with measures, scores on the scale, residual risk and the
art. 36 decision, deadlines of open measures and the three-yearly review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from protocolgen.checks.context import Context, rule
from protocolgen.errors import Problem, problem
from protocolgen.schema.dpia import risk_level
from protocolgen.schema.fields import COLLECTIONS


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


def years_later(day: dt.date, years: int) -> dt.date:
    """Return the same day `years` later; 29 February becomes 28 February, and a day past
    the calendar's end (year 9999) the last day there is."""
    if day.year + years > dt.MAXYEAR:
        return dt.date.max
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
def open_measures_have_a_deadline(ctx: Context) -> Iterator[Problem]:
    """Warn when a measure that is planned or in progress has no date by which it is done."""
    for path, measure in ctx.items(("dpia", "maatregelen"), "status", "uiterlijk"):
        if measure["status"] != "gerealiseerd" and "uiterlijk" not in measure:
            yield problem("PG309", (*path, "status"), f"de maatregel is {measure['status']} "
                          "maar zonder datum waarop hij gerealiseerd is", "voeg 'uiterlijk: "
                          "JJJJ-MM-DD' toe, of zet 'status: gerealiseerd' als dat zo is")
