"""Small builders for tests: a cooperation with an agreement, parties, a meeting and money."""

from __future__ import annotations

import datetime as dt

from botu_core import (
    AdoptAgreement,
    AgreementTerms,
    Clause,
    Cooperations,
    JoinParty,
    MakeFundsAvailable,
    MeetingKind,
    Money,
    PartyKind,
    ProposeDecision,
    RecordDecision,
    RecordMeeting,
    StartProject,
)

D = dt.date


def terms(end: dt.date = D(2028, 12, 31), extra: str = "") -> AgreementTerms:
    return AgreementTerms(
        title="Samenwerkingsovereenkomst" + extra,
        values=(Clause("gelijkwaardigheid", "We werken op basis van gelijkwaardigheid."),),
        goals=(Clause("co2-besparen", "We doen dingen die zoveel mogelijk CO2 besparen."),),
        working_agreements=(Clause("inclusief", "Nieuwe partijen kunnen altijd meedoen."),),
        end_date=end,
    )


def cooperation(app: Cooperations, slug: str = "botu") -> dict[str, str]:
    """A small cooperation; returns the ids the tests need by name."""
    coop = app.create_cooperation("Energiewijk BoTu", slug=slug, founded_on=D(2021, 7, 1))
    ids = {"coop": coop}
    ids["ann"] = str(app.execute(coop, JoinParty(name="Ann", kind=PartyKind.RESIDENT, on=D(2021, 7, 1))))
    ids["gemeente"] = str(
        app.execute(coop, JoinParty(name="Gemeente Rotterdam", kind=PartyKind.MUNICIPALITY, on=D(2021, 7, 1)))
    )
    app.execute(coop, AdoptAgreement(terms(), on=D(2021, 9, 1)))
    ids["meeting"] = str(app.execute(coop, RecordMeeting(kind=MeetingKind.PLENARY, held_on=D(2021, 9, 1))))
    ids["decision"] = str(
        app.execute(coop, RecordDecision(meeting=ids["meeting"], subject="Begroting", text="We verdelen het geld."))
    )
    ids["pending"] = str(app.execute(coop, ProposeDecision(subject="Later", text="Nog niet besloten.", on=D(2021, 9, 2))))
    ids["project"] = str(
        app.execute(coop, StartProject(title="Buurthuiskamers", plan="Duurzame huiskamers.", contact="Ann", on=D(2021, 9, 1)))
    )
    app.execute(coop, MakeFundsAvailable(source="BoTu2028", year=2021, amount=Money.parse("50000"), on=D(2021, 9, 1)))
    return ids


def log_length(app: Cooperations, coop: str) -> int:
    return len(app.events_of(coop))


def voting_round(app: Cooperations, ids: dict[str, str], opened: dt.date = D(2021, 10, 1), suffix: str = "") -> str:
    """An open round of € 10.000 in the cooperation of ``cooperation``, with two proposals
    (``ids['p1']``, ``ids['p2']``) by its parties; returns the round's id."""
    from botu_core import FundShare, OpenRound, SubmitProposal

    rnd = str(
        app.execute(
            ids["coop"],
            OpenRound(title="Energiebegroting" + suffix, year=2021, funds=(FundShare("BoTu2028", Money.parse("10000")),),
                      decision=ids["decision"], rule="greedy", on=opened),
        )
    )
    for key, title, cost, by in (("p1", "Zonnepanelen", "6000", "Gemeente Rotterdam"), ("p2", "Isolatie", "5000", "Ann")):
        title += suffix
        ids[key] = str(
            app.execute(ids["coop"], SubmitProposal(round=rnd, title=title, cost=Money.parse(cost), by=by,
                                                     plan=f"Plan: {title}", on=opened))
        )
    return rnd
