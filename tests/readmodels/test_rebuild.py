"""Rebuilding every read model from the log gives the same tables as keeping them live.

Hypothesis draws random sequences of commands (many refused by the rules, which is
part of the point: refusals must leave no trace), on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import botu_testing
from botu_core import (
    AllocateBudget,
    BotuError,
    ChangePartyDetails,
    CompleteProject,
    Cooperations,
    DefineIndicator,
    DiscussDisagreement,
    GiveOpinion,
    JoinParty,
    LeaveParty,
    MakeFundsAvailable,
    MeasureIndicator,
    MeetingKind,
    Money,
    PartyKind,
    ProposeDecision,
    RaiseDisagreement,
    RecordBenefit,
    RecordDecision,
    RecordEvaluation,
    RecordMeeting,
    RecordSpending,
    ResolveDisagreement,
    SignAgreement,
    Stance,
    StartProject,
    UpdatePlan,
    WithdrawAllocation,
)

from factories import cooperation

D = dt.date
NAMES = ["Ann", "Bea", "Cas", "Gemeente Rotterdam", "Dirk"]


def command(op: str, n: int, amount: int, i: dict[str, str]) -> Any:
    """One command of the vocabulary, its arguments picked from small pools so they often hit."""
    name = NAMES[n % len(NAMES)]
    day = D(2021, 7 + n % 6, 1 + n % 28)
    ref = lambda prefix: f"{prefix}-{1 + n % 4}"  # noqa: E731
    money = Money(amount)
    return {
        "join": lambda: JoinParty(name=name, kind=list(PartyKind)[n % 7], phone="0612345678", share_contact=n % 2 == 0, on=day),
        "leave": lambda: LeaveParty(party=name, on=day),
        "change": lambda: ChangePartyDetails(party=name, email=f"x{n}@example.nl"),
        "sign": lambda: SignAgreement(party=name, note=f"PS {n}", on=day),
        "meeting": lambda: RecordMeeting(kind=list(MeetingKind)[n % 3], held_on=day, attendees=(i["ann"],)),
        "propose": lambda: ProposeDecision(subject=f"Voorstel {n}", text="tekst", on=day),
        "opinion": lambda: GiveOpinion(decision=ref("decision"), party=name, stance=list(Stance)[n % 3]),
        "decide": lambda: RecordDecision(meeting=ref("meeting"), subject=f"Besluit {n}", text="tekst"),
        "project": lambda: StartProject(title=f"Project {n % 5}", plan="plan", contact=name, on=day),
        "plan": lambda: UpdatePlan(project=ref("project"), plan=f"nieuw plan {n}"),
        "indicator": lambda: DefineIndicator(project=ref("project"), name=f"Indicator {n % 3}", target=Decimal(n)),
        "measure": lambda: MeasureIndicator(project=ref("project"), indicator=ref("indicator"), value=Decimal(amount) / 7),
        "benefit": lambda: RecordBenefit(project=ref("project"), euros=money, co2_kg=Decimal(n), period_start=D(2021, 8, 1), period_end=day),
        "complete": lambda: CompleteProject(project=f"project-{3 + n % 2}"),
        "fund": lambda: MakeFundsAvailable(source=["BoTu2028", "Aardgasvrij"][n % 2], year=2021, amount=money),
        "allocate": lambda: AllocateBudget(project=f"project-{1 + n % 2}", source=["BoTu2028", "Aardgasvrij"][n % 2], year=2021, amount=money, decision=i["decision"] if n % 3 else ref("decision")),
        "withdraw": lambda: WithdrawAllocation(allocation=ref("allocation"), reason="terug"),
        "spend": lambda: RecordSpending(allocation=ref("allocation"), amount=money, description="uitgave"),
        "raise": lambda: RaiseDisagreement(by=name, about=f"Onenigheid {n}", on=day),
        "discuss": lambda: DiscussDisagreement(disagreement=ref("disagreement"), meeting=ref("meeting")),
        "resolve": lambda: ResolveDisagreement(disagreement=ref("disagreement"), outcome="opgelost"),
        "evaluate": lambda: RecordEvaluation(year=2021 + n % 2, process="p", goals="g", results="r", on=D(2022, 1, 10)),
    }[op]()


OPS = st.sampled_from(
    ["join", "leave", "change", "sign", "meeting", "propose", "opinion", "decide", "project", "plan",
     "indicator", "measure", "benefit", "complete", "fund", "allocate", "withdraw", "spend", "raise",
     "discuss", "resolve", "evaluate"]
)
STEPS = st.lists(st.tuples(OPS, st.integers(0, 40), st.integers(1, 3_000_000)), min_size=1, max_size=40)


def check_rebuild_matches(url: str, steps: list[tuple[str, int, int]]) -> None:
    app = Cooperations(url, clock=botu_testing.fixed_clock)
    try:
        ids = cooperation(app)
        for op, n, amount in steps:
            try:
                app.execute(ids["coop"], command(op, n, amount, ids))
            except BotuError:
                pass
        live = app.read_models.dump()
        app.rebuild_read_models()
        assert app.read_models.dump() == live
        # A second process projecting the same log from scratch agrees too.
        app.read_models.clear()
        app.catch_up()
        assert app.read_models.dump() == live
    finally:
        app.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_rebuild_equals_live_on_sqlite(steps: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check_rebuild_matches(str(Path(folder) / "botu.db"), steps)


@pytest.mark.postgres
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_rebuild_equals_live_on_postgres(steps: list[tuple[str, int, int]]) -> None:
    botu_testing.require_postgres()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        check_rebuild_matches(f"{botu_testing.POSTGRES_URL}?schema={schema}", steps)
    finally:
        botu_testing.drop_schema(schema)
