"""The participatory budget rounds ("Buurtbudget") on the web: pages for everyone and JSON queries.

- ``/rounds``: every round (title, year, money, open or closed, proposals, voters, winners).
- ``/rounds/{round}``: one round: its money and sources, its rule and tie-break in plain
  words, the proposals; when closed the winners, a chart of approvals per proposal (with a
  table as text alternative) and the recomputation ("same outcome?", ``verify_round``).
- ``GET /api/v1/cooperations/{coop}/rounds[/{round}[/proposals|/verify]]``.

The writing forms are in ``round_forms`` (part of ``forms.FORMS``); the writing API
commands come from ``commands.WEB_COMMANDS`` like every other command. Everything here
only shows what the library computes.

Everything is read through the library's privacy ``Reader`` for the viewer, like the
other pages: rounds, proposals and the recomputation hold no personal data (parties
appear by id; names come from ``Reader.parties``), and ``Reader.own_ballot`` gives a person
only their own ballot — who voted for what is never shown to anyone else.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template

from botu_core import NotFound, ranked, to_json_data

from . import charts
from .api import JSON, READ_ERRORS, TAGS_QUERIES, JSONList, _coop, _reader
from .pages import Page, _done_message, page_get
from .web import Say

# --- plain words for the rules -------------------------------------------------------------

RULES: dict[str, tuple[str, str, str, str]] = {
    # rule: (name nl, name en, how nl, how en)
    "greedy": (
        "Meeste stemmen eerst",
        "Most approvals first",
        "Het voorstel met de meeste stemmen krijgt als eerste geld, dan het volgende, enzovoort. Past een voorstel "
        "niet meer in het geld dat over is, dan slaan we het over en kijken we naar het volgende.",
        "The proposal with the most approvals gets money first, then the next one, and so on. If a proposal no "
        "longer fits in the money that is left, we skip it and look at the next one.",
    ),
    "equalshares/add1": (
        "Gelijke delen",
        "Equal shares",
        "Iedere kiezer krijgt een even groot deel van het geld. Een voorstel wint als de mensen die het steunen "
        "het samen kunnen betalen uit hun delen. Zo krijgen ook kleinere groepen in de buurt iets.",
        "Every voter gets an equal part of the money. A proposal wins when the people who support it can pay for "
        "it together from their parts. This way smaller groups in the neighbourhood get something too.",
    ),
}

TIE_BREAKS: dict[str, tuple[str, str]] = {
    "more approvals first, then lower cost, then id in natural order": (
        "Bij gelijke stand wint het voorstel met de meeste stemmen, dan het goedkoopste, dan het voorstel met "
        "het laagste nummer.",
        "When it is a tie, the proposal with the most approvals wins, then the cheapest, then the one with the "
        "lowest number.",
    ),
}
DEFAULT_TIE_BREAK = "more approvals first, then lower cost, then id in natural order"


def rule_words(rule: str, say: Say) -> tuple[str, str]:
    """The rule's name and how it works, in plain words."""
    name_nl, name_en, how_nl, how_en = RULES.get(rule, (rule, rule, "", ""))
    return say(name_nl, name_en), say(how_nl, how_en)


def tie_break_words(tie_break: str, say: Say) -> str:
    nl, en = TIE_BREAKS.get(tie_break or DEFAULT_TIE_BREAK, (tie_break, tie_break))
    return say(nl, en)


# --- pages ------------------------------------------------------------------------------------


def _names(page: Page, coop: str) -> dict[str, str]:
    """Party names as the other pages show them: through the library's privacy ``Reader``
    (a resident's name only for members, and for the resident)."""
    return {p.id: p.name for p in page.read.parties(coop)}


def _order(proposals: list[Any]) -> list[Any]:
    """In the order the rules break ties in (the library's ``ranked``)."""
    return ranked(proposals)


@page_get("/rounds", name="rounds")
async def rounds_page(request: Request[Any, Any, Any]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    rounds = sorted(page.read.rounds(coop), key=lambda r: (r.status != "open", -r.year, r.id))
    return page.render("rounds.html", rounds=rounds, message=_done_message(page))


@page_get("/rounds/{round_id:str}", name="round")
async def round_page(request: Request[Any, Any, Any], round_id: FromPath[str]) -> Template:
    page = Page(request)
    coop = page.require_coop()
    try:
        view = page.read.round(coop, round_id)
    except NotFound:
        raise NotFoundException() from None
    proposals = _order(page.read.proposals(coop, view.id))
    mine: Any = None
    if page.viewer.party_id is not None and view.status == "open":
        mine = page.read.own_ballot(coop, view.id)
    chart = verification = None
    titles = {p.id: p.title for p in proposals}
    if view.status == "closed":
        rows = [(p.title, p.approvals, p.cost.cents, p.selected) for p in proposals]
        chart = charts.approvals_chart(rows, page.say.money, page.say)
        verification = page.read.verify_round(coop, view.id)
    rule_name, rule_how = rule_words(view.rule, page.say)
    return page.render(
        "round.html",
        round=view,
        proposals=proposals,
        names=_names(page, coop),
        titles=titles,
        mine=mine,
        chart=chart,
        verification=verification,
        rule_name=rule_name,
        rule_how=rule_how,
        tie_break=tie_break_words(view.tie_break, page.say),
        message=_done_message(page),
    )


# --- JSON queries -----------------------------------------------------------------------------


@get("/api/v1/cooperations/{coop:str}/rounds", tags=TAGS_QUERIES, responses=READ_ERRORS, sync_to_thread=False)
def api_rounds(request: Request[Any, Any, Any], coop: FromPath[str]) -> JSONList:
    """Every participatory budget round."""
    coop_id = _coop(request, coop)
    result: JSONList = to_json_data(_reader(request, coop_id).rounds(coop_id))
    return result


@get("/api/v1/cooperations/{coop:str}/rounds/{round_ref:str}", tags=TAGS_QUERIES, responses=READ_ERRORS,
     sync_to_thread=False)
def api_round(request: Request[Any, Any, Any], coop: FromPath[str], round_ref: FromPath[str]) -> JSON:
    """One round, by id or title."""
    coop_id = _coop(request, coop)
    result: JSON = to_json_data(_reader(request, coop_id).round(coop_id, round_ref))
    return result


@get("/api/v1/cooperations/{coop:str}/rounds/{round_ref:str}/proposals", tags=TAGS_QUERIES,
     responses=READ_ERRORS, sync_to_thread=False)
def api_round_proposals(request: Request[Any, Any, Any], coop: FromPath[str], round_ref: FromPath[str]) -> JSONList:
    """The proposals of a round, with their approvals (and, once closed, which were chosen)."""
    coop_id = _coop(request, coop)
    result: JSONList = to_json_data(_reader(request, coop_id).proposals(coop_id, round_ref))
    return result


@get("/api/v1/cooperations/{coop:str}/rounds/{round_ref:str}/verify", tags=TAGS_QUERIES,
     responses=READ_ERRORS, sync_to_thread=False)
def api_round_verify(request: Request[Any, Any, Any], coop: FromPath[str], round_ref: FromPath[str]) -> JSON:
    """Recompute a closed round from the log: same digest of the inputs, same winners?"""
    coop_id = _coop(request, coop)
    result: JSON = to_json_data(_reader(request, coop_id).verify_round(coop_id, round_ref))
    return result


def round_handlers() -> list[Any]:
    return [rounds_page, round_page, api_rounds, api_round, api_round_proposals, api_round_verify]
