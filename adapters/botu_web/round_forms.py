"""The forms of the participatory budget rounds ("Buurtbudget"): open, propose, vote, close.

Like every form (see ``forms``), these only translate: the fields become the command's
data and the library decides (``botu_core.participatory.rounds``). ``forms.FORMS``
includes them; who may use them is ``auth.COMMAND_ROLES``, and the party that proposes
or votes is the member's own (``auth.SELF_FIELDS``).
"""

from __future__ import annotations

from typing import Any

from botu_core import CastBallot, CloseRound, OpenRound, SubmitProposal, choices

from .forms import Ctx, Field, FormSpec, _funds, _running_projects, _taken_decisions


def _rounds(ctx: Ctx, *, live_only: bool) -> list[Any]:
    rounds = ctx.app.rounds(ctx.coop)
    return [r for r in rounds if r.status == "open" and not (live_only and r.imported)]


def _live_rounds(ctx: Ctx) -> list[tuple[str, str]]:
    """Open rounds that take proposals and ballots (an imported round takes neither)."""
    return [(r.id, f"{r.title} ({r.id})") for r in _rounds(ctx, live_only=True)]


def _open_rounds(ctx: Ctx) -> list[tuple[str, str]]:
    return [(r.id, f"{r.title} ({r.id})") for r in _rounds(ctx, live_only=False)]


def _open_proposals(ctx: Ctx) -> list[tuple[str, str]]:
    """Every proposal of the open rounds, labelled with its cost and its round."""
    options = []
    for rnd in _rounds(ctx, live_only=True):
        for p in ctx.app.proposals(ctx.coop, rnd.id):
            options.append((p.id, f"{p.title} — {ctx.say.money(p.cost)} ({ctx.say('ronde', 'round')}: {rnd.title})"))
    return options


def _my_approvals(ctx: Ctx) -> list[str]:
    """The viewer's last ballot in each open round: the form starts from it, so changing is easy."""
    party = getattr(ctx.viewer, "party_id", None)
    if party is None:
        return []
    approvals: list[str] = []
    for rnd in _rounds(ctx, live_only=True):
        ballot = ctx.app.own_ballot(ctx.coop, rnd.id)
        if ballot is not None:
            approvals.extend(ballot.approvals)
    return approvals


def _rules(ctx: Ctx) -> list[tuple[str, str]]:
    return [(key, words[:1].upper() + words[1:]) for key, words in choices("rule", ctx.say.lang)]


def _optional_running_projects(ctx: Ctx) -> list[tuple[str, str]]:
    return [("", ctx.say("— geen, een nieuw project als het wint —", "— none, a new project if it wins —")),
            *_running_projects(ctx)]


def _greedy(_ctx: Ctx) -> str:
    return "greedy"


def _open_round_data(form: dict[str, Any], _ctx: Ctx) -> dict[str, Any]:
    """One fund (source and year from the select) and one amount: the round's money."""
    data = dict(form)
    source, _, year = str(data.pop("fund", "") or "").rpartition("|")
    amount = data.pop("amount", "")
    data["year"] = year
    data["funds"] = [{"source": source, "amount": amount}] if source else []
    return data


ROUND_FORMS: tuple[FormSpec, ...] = (
    FormSpec(
        "round-open", "/rounds/new", OpenRound,
        "Een ronde van het buurtbudget openen", "Open a neighbourhood budget round",
        "Een ronde komt uit een besluit van een bijeenkomst. Kies de bron en het bedrag: nooit meer dan er over is. "
        "Meer bronnen of grenzen per soort voorstel? Gebruik dan de opdrachtregel (botu pb open) of de API.",
        "A round comes from a decision taken at a meeting. Choose the source and the amount: never more than is "
        "left. More sources or limits per kind of proposal? Use the command line (botu pb open) or the API.",
        (
            Field("title", "Naam van de ronde", "Name of the round", required=True,
                  hint_nl="Bijvoorbeeld: Buurtbudget 2021.", hint_en="For example: Neighbourhood budget 2021."),
            Field("fund", "Uit welke bron en welk jaar?", "From which source and year?", "select", True, _funds),
            Field("amount", "Bedrag in euro", "Amount in euros", "amount", True,
                  hint_nl="Bijvoorbeeld 10000 of 10.000,00.", hint_en="For example 10000 or 10,000.00."),
            Field("decision", "Uit welk besluit?", "From which decision?", "select", True, _taken_decisions),
            Field("rule", "Hoe kiezen we de winnaars?", "How do we choose the winners?", "radio", True, _rules,
                  hint_nl="Meeste stemmen eerst: wat de meeste stemmen heeft, krijgt eerst geld. Gelijke delen: "
                          "iedere kiezer heeft een even groot deel van het geld.",
                  hint_en="Most approvals first: what has the most approvals gets money first. Equal shares: "
                          "every voter has an equal part of the money.",
                  initial=_greedy),
        ),
        "De ronde is open. Nu kan iedereen die meedoet voorstellen indienen en stemmen.",
        "The round is open. Now everyone taking part can submit proposals and vote.", "/rounds",
        to_data=_open_round_data,
    ),
    FormSpec(
        "round-propose", "/rounds/propose", SubmitProposal,
        "Een voorstel indienen", "Submit a proposal",
        "Wat wilt u doen met geld uit het buurtbudget? Als uw voorstel wint, wordt het een project en bent u "
        "de contactpersoon.",
        "What would you do with money from the neighbourhood budget? If your proposal wins, it becomes a project "
        "and you are its contact person.",
        (
            Field("round", "In welke ronde?", "In which round?", "select", True, _live_rounds),
            Field("title", "Titel", "Title", required=True),
            Field("cost", "Wat kost het, in euro?", "What does it cost, in euros?", "amount", True,
                  hint_nl="Bijvoorbeeld 6000 of 6.000,00. Niet meer dan het geld van de ronde.",
                  hint_en="For example 6000 or 6,000.00. Not more than the round's money."),
            Field("plan", "Plan: wat gaan we doen?", "Plan: what will we do?", "textarea", True),
            Field("category", "Soort voorstel", "Kind of proposal",
                  hint_nl="Bijvoorbeeld: zon, isolatie, groen. Mag leeg blijven.",
                  hint_en="For example: solar, insulation, green. May stay empty."),
            Field("project", "Voor een project dat al loopt?", "For a project that already runs?", "select", False,
                  _optional_running_projects),
        ),
        "Uw voorstel is ingediend.", "Your proposal was submitted.", "/rounds",
    ),
    FormSpec(
        "round-vote", "/rounds/vote", CastBallot,
        "Stemmen", "Vote",
        "Kies alle voorstellen die u steunt. Elke stem telt even zwaar. U kunt uw stem veranderen tot de ronde "
        "sluit: dan telt uw laatste stem.",
        "Choose every proposal you support. Every vote counts the same. You can change your vote until the round "
        "closes: then your last vote counts.",
        (
            Field("round", "In welke ronde?", "In which round?", "select", True, _live_rounds),
            Field("approvals", "Welke voorstellen steunt u?", "Which proposals do you support?", "checkboxes", True,
                  _open_proposals, hint_nl="Kies alleen voorstellen van de ronde hierboven.",
                  hint_en="Choose only proposals of the round above.", initial=_my_approvals),
        ),
        "Uw stem is vastgelegd. U kunt hem veranderen tot de ronde sluit.",
        "Your vote was recorded. You can change it until the round closes.", "/rounds",
    ),
    FormSpec(
        "round-close", "/rounds/close", CloseRound,
        "Een ronde sluiten", "Close a round",
        "Bij het sluiten rekent botu de winnaars uit. Elk winnend voorstel krijgt zijn geld uit de bronnen van de "
        "ronde. Daarna kan niemand meer stemmen.",
        "On closing, botu computes the winners. Every winning proposal gets its money from the round's sources. "
        "After that nobody can vote any more.",
        (
            Field("round", "Welke ronde?", "Which round?", "select", True, _open_rounds),
        ),
        "De ronde is gesloten. De winnaars hebben hun geld.", "The round is closed. The winners have their money.",
        "/rounds",
    ),
)
