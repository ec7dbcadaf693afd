"""A refusal that names something by its id also gives its name: people read words, not codes.

"Stemronde round-1 is al gesloten" tells a secretary nothing she can find on a page; the
message says "Stemronde 'Energiebegroting' (round-1) is al gesloten", in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from botu_core import (
    AllocateBudget,
    BotuError,
    CastBallot,
    CloseRound,
    Cooperations,
    GiveOpinion,
    Money,
    RaiseDisagreement,
    RecordSpending,
    ResolveDisagreement,
    Stance,
    SubmitProposal,
    WithdrawAllocation,
)
from botu_core.errors import MESSAGES
from factories import D, cooperation, log_length, voting_round


def _allocation(app: Cooperations, ids: dict[str, str], *, withdrawn: bool) -> str:
    allocation = str(app.execute(ids["coop"], AllocateBudget(
        project="Buurthuiskamers", source="BoTu2028", year=2021, amount=Money.parse("1000"), decision=ids["decision"])))
    if withdrawn:
        app.execute(ids["coop"], WithdrawAllocation(allocation=allocation, reason="project kleiner"))
    return allocation


def _resolved(app: Cooperations, ids: dict[str, str]) -> str:
    d = str(app.execute(ids["coop"], RaiseDisagreement(by="Ann", about="De verdeling", on=D(2021, 8, 20))))
    app.execute(ids["coop"], ResolveDisagreement(disagreement=d, outcome="Samen opgelost", meeting=ids["meeting"]))
    return d


def _closed_round(app: Cooperations, ids: dict[str, str]) -> str:
    rnd = voting_round(app, ids)
    app.execute(ids["coop"], CloseRound(round=rnd, on=D(2021, 10, 2)))
    return rnd


# Each case: (code, build what the refusal is about -> its id, the refused command, its title).
Case = tuple[str, Callable[[Cooperations, dict[str, str]], str], Callable[[str, dict[str, str]], Any], str]
CASES: list[Case] = [
    ("decision.already_taken", lambda app, ids: ids["decision"],
     lambda ref, ids: GiveOpinion(decision=ref, party="Ann", stance=Stance.FOR), "Begroting"),
    ("decision.not_taken", lambda app, ids: ids["pending"],
     lambda ref, ids: AllocateBudget(project="Buurthuiskamers", source="BoTu2028", year=2021,
                                     amount=Money.parse("10"), decision=ref), "Later"),
    ("budget.allocation_withdrawn", lambda app, ids: _allocation(app, ids, withdrawn=True),
     lambda ref, ids: RecordSpending(allocation=ref, amount=Money(100), description="lampen"), "Buurthuiskamers"),
    ("budget.overspending", lambda app, ids: _allocation(app, ids, withdrawn=False),
     lambda ref, ids: RecordSpending(allocation=ref, amount=Money.parse("1000,01"), description="lampen"),
     "Buurthuiskamers"),
    ("disagreement.already_resolved", _resolved,
     lambda ref, ids: ResolveDisagreement(disagreement=ref, outcome="nog eens"), "De verdeling"),
    ("round.closed", _closed_round,
     lambda ref, ids: SubmitProposal(round=ref, title="Laat", cost=Money.parse("10"), by="Ann", plan="Te laat"),
     "Energiebegroting"),
]


@pytest.mark.parametrize(("code", "build", "command", "title"), CASES, ids=[c[0] for c in CASES])
def test_a_refusal_names_the_thing_and_its_id(
    memory_app: Cooperations, code: str,
    build: Callable[[Cooperations, dict[str, str]], str], command: Callable[[str, dict[str, str]], Any], title: str,
) -> None:
    coop = cooperation(memory_app)
    ref = build(memory_app, coop)
    before = log_length(memory_app, coop["coop"])
    with pytest.raises(BotuError) as error:
        memory_app.execute(coop["coop"], command(ref, coop))
    assert error.value.code == code
    for lang in ("nl", "en"):
        assert f"'{title}' ({ref})" in error.value.message(lang), (lang, error.value.message(lang))
    assert log_length(memory_app, coop["coop"]) == before


def test_an_unknown_proposal_names_its_round(memory_app: Cooperations) -> None:
    coop = cooperation(memory_app)
    rnd = voting_round(memory_app, coop)

    with pytest.raises(BotuError) as error:
        memory_app.execute(coop["coop"], CastBallot(round=rnd, voter="Ann", approvals=("bestaat-niet",)))
    assert error.value.code == "round.unknown_proposal"
    assert "'bestaat-niet'" in error.value.message_nl
    assert f"'Energiebegroting' ({rnd})" in error.value.message_nl
    assert f"'Energiebegroting' ({rnd})" in error.value.message_en


# Placeholders that carry the id of something botu keeps: each needs a '<id>_title'
# placeholder beside it. ({party} and {project} carry the name itself: the rules pass
# party.name and project.title; a forgotten party has only its id left, its name erased.)
ID_PLACEHOLDERS = {"round", "decision", "allocation", "disagreement", "meeting", "evaluation", "proposal",
                   "indicator", "ref"}

# Messages about a reference that points at nothing: {ref} is what the person typed, and
# there is no name to show. A new message with {ref} about something that exists must not
# be added here, but show that thing's name.
UNKNOWN_REF = {
    "cooperation.unknown", "party.unknown", "project.unknown", "indicator.unknown", "budget.allocation_unknown",
    "meeting.unknown", "decision.unknown", "disagreement.unknown", "evaluation.unknown", "round.unknown",
    "round.unknown_proposal",
}


def test_every_message_with_an_id_has_its_name() -> None:
    missing = []
    for code, templates in MESSAGES.items():
        for template in templates:
            names = set(re.findall(r"\{(\w+)\}", template))
            for placeholder in sorted(names & ID_PLACEHOLDERS):
                if placeholder == "ref" and code in UNKNOWN_REF:
                    continue
                if f"{placeholder}_title" not in names:
                    missing.append((code, placeholder, template))
    assert missing == []


def test_the_unknown_ref_messages_are_about_what_was_typed() -> None:
    # The allow-list holds only messages that exist and quote the typed reference.
    for code in UNKNOWN_REF:
        assert all("'{ref}'" in template for template in MESSAGES[code]), code
