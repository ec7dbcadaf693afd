"""One query surface: the live application, the store as of a date and the audience
views answer every question of ``Queries``, the same way, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from botu_core import (
    MEMBER,
    PUBLIC,
    Actor,
    Cooperations,
    FundShare,
    InvalidInput,
    Money,
    OpenRound,
    Queries,
    QueryMethods,
    SubmitProposal,
)
from botu_core.examples import load_botu_2021
import botu_testing

D = dt.date
AFTER_THE_LAST_EVENT = botu_testing.NOW.date()


def protocol_queries() -> list[str]:
    """Every question of the protocol, read from the protocol itself."""
    return sorted(
        name for name, member in vars(Queries).items() if inspect.isfunction(member) and not name.startswith("_")
    )


# The arguments each question is asked with (``c``: the cooperation). A question added to
# the protocol without a line here fails ``test_every_query_of_the_protocol_is_asked``.
CALLS: dict[str, Callable[[str], tuple[tuple[Any, ...], dict[str, Any]]]] = {
    "cooperations": lambda c: ((), {}),
    "cooperation": lambda c: ((c,), {}),
    "parties": lambda c: ((c,), {}),
    "pending_parties": lambda c: ((c,), {}),
    "party": lambda c: ((c, "party-1"), {}),
    "agreement": lambda c: ((c, 1), {}),
    "agreement_versions": lambda c: ((c,), {}),
    "signatures": lambda c: ((c,), {}),
    "projects": lambda c: ((c,), {}),
    "project": lambda c: ((c, "Sociaal incasseren"), {}),
    "budget": lambda c: ((c, 2021), {}),
    "allocations": lambda c: ((c,), {}),
    "spendings": lambda c: ((c,), {}),
    "spending_per_year": lambda c: ((c,), {}),
    "meetings": lambda c: ((c,), {"since": D(2021, 9, 1), "until": D(2021, 12, 31)}),
    "meetings_per_year": lambda c: ((c,), {}),
    "decisions": lambda c: ((c,), {"title": "begroting"}),
    "disagreements": lambda c: ((c,), {}),
    "evaluations": lambda c: ((c,), {}),
    "benefits": lambda c: ((c,), {}),
    "benefits_per_year": lambda c: ((c,), {}),
    "benefit_records": lambda c: ((c,), {}),
    "compliance": lambda c: ((c,), {}),
    "rounds": lambda c: ((c,), {}),
    "round": lambda c: ((c, "Buurtbegroting 2022"), {}),
    "proposals": lambda c: ((c, "Buurtbegroting 2022"), {}),
    "ballots": lambda c: ((c, "Buurtbegroting 2022"), {}),
    "log": lambda c: ((c,), {}),
}


def ask(surface: Queries, coop: str) -> dict[str, Any]:
    answers = {}
    for name in protocol_queries():
        args, kwargs = CALLS[name](coop)
        answers[name] = getattr(surface, name)(*args, **kwargs)
    return answers


@pytest.fixture
def history(store_url: str) -> Iterator[tuple[Cooperations, str]]:
    app = Cooperations(store_url, clock=botu_testing.fixed_clock)
    coop = load_botu_2021(app)
    rnd = str(
        app.execute(
            coop,
            OpenRound(title="Buurtbegroting 2022", year=2021, funds=(FundShare("BoTu2028", Money.parse("10000")),),
                      decision="decision-2", rule="greedy", on=D(2022, 1, 10)),
        )
    )
    app.execute(coop, SubmitProposal(round=rnd, title="Groene daken", cost=Money.parse("4000"),
                                     by="Gemeente Rotterdam", plan="Sedum op twee daken", on=D(2022, 1, 11)))
    yield app, coop
    app.close()


def test_every_query_of_the_protocol_is_asked() -> None:
    assert set(CALLS) == set(protocol_queries())
    # The one implementation has every question; each surface is that implementation.
    assert all(callable(getattr(QueryMethods, name)) for name in protocol_queries())
    assert issubclass(Cooperations, QueryMethods)


def test_as_of_after_the_last_event_answers_as_the_live_store(history: tuple[Cooperations, str]) -> None:
    app, coop = history
    live = ask(app, coop)
    with app.as_of(coop, date=AFTER_THE_LAST_EVENT) as then:
        assert isinstance(then, QueryMethods)
        past = ask(then, coop)
    for name in protocol_queries():
        assert past[name] == live[name], name
    # Not empty answers compared: the history has rounds, log, benefits and signatures.
    assert live["rounds"] and live["proposals"] and live["log"] and live["benefit_records"] and live["signatures"]


def test_every_audience_view_answers_every_question_live_and_as_of(history: tuple[Cooperations, str]) -> None:
    app, coop = history
    coordinator = Actor(account="fatima", parties={coop: "party-1"})
    assert app.role(coop, coordinator) == "coordinator"
    public = ask(app, coop)  # the application itself answers as the public
    assert ask(app.view_as(PUBLIC), coop) == public
    member = ask(app.view_as(MEMBER), coop)
    assert ask(app.view_for(coop, coordinator), coop) == ask(app.view_as(MEMBER, viewer="party-1"), coop)
    with app.view_as(PUBLIC, as_of=AFTER_THE_LAST_EVENT, cooperation=coop) as then:
        assert ask(then, coop) == public
    with app.view_as(MEMBER, as_of=AFTER_THE_LAST_EVENT, cooperation=coop) as then:
        assert ask(then, coop) == member
    # The audiences differ where personal data is: a resident's name.
    assert public["party"].name == "bewoner (party-1)" and member["party"].name == "Fatima El Amrani"


def test_as_of_an_earlier_date_has_rounds_log_and_benefit_records_of_that_day(history: tuple[Cooperations, str]) -> None:
    app, coop = history
    with app.as_of(coop, date=D(2021, 12, 31)) as then:
        assert then.rounds(coop) == []  # the round opened in January 2022
        assert [e.on for e in then.log(coop)] == [e.on for e in app.log(coop) if e.on <= D(2021, 12, 31)]
        assert then.benefit_records(coop) == [r for r in app.benefit_records(coop) if r.period_end <= D(2021, 12, 31)]


def test_an_unknown_audience_is_a_coded_error(memory_app: Cooperations) -> None:
    with pytest.raises(InvalidInput) as refused:
        memory_app.view_as("everyone")
    assert refused.value.code == "input.invalid_choice" and "public" in refused.value.message_en
