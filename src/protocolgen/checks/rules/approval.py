"""Rules about approval: the FG advice and the adoption, their dates and order, whether they
were given on this content, every gemeente's own besluit, the version in the change list."""

from __future__ import annotations

from collections.abc import Iterator

from protocolgen.checks.context import Context, rule
from protocolgen.errors import Path_, Problem, closest, problem
from protocolgen.load.canonical import short
from protocolgen.schema.vocabulary import word


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
    current = ctx.fingerprint
    adopted = ("document", "vaststelling")
    if ctx.get(adopted) is not None and "vingerafdruk" not in ctx.get(adopted):
        yield problem("PG306", adopted, "de vaststelling legt niet vast welke inhoud is "
                      "vastgesteld", "is precies deze inhoud vastgesteld, ook als dat buiten "
                      "protocolgen gebeurde, neem dan de datum en het kenmerk van dat besluit "
                      "over met 'protocolgen vaststellen PAD --datum JJJJ-MM-DD --besluit "
                      "KENMERK': dat legt de vingerafdruk van deze inhoud vast en stelt niets "
                      "opnieuw vast; is een andere tekst vastgesteld, breng de inhoud daarmee "
                      "in overeenstemming")
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
                who = word(organ, "orgaan", "kort")
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
