"""Parties that register themselves wait for a coordinator's confirmation before they have a voice.

Registration is open to anyone (an account joins as itself, role ``account``). Such a party
is pending until a coordinator confirms it (``ConfirmParty``): it cannot vote or propose —
not through the permission table and not through the rules, so a coordinator cannot cast a
ballot for it either — and it sees no members' data. Whether this holds is a commitment of
the agreement (``Commitments.parties_need_confirmation``, by default it does). Parties a
coordinator or the owner adds are confirmed at once.
"""

from __future__ import annotations

import attrs
import pytest

from botu_core import (
    Actor,
    CastBallot,
    Commitments,
    ConfirmParty,
    Cooperations,
    JoinParty,
    LeaveParty,
    PartyKind,
    PermissionDenied,
    ReviseAgreement,
    RuleViolation,
    SubmitProposal,
)
from botu_core import permissions as p
from botu_core.values import Money
from factories import cooperation, log_length, terms, voting_round

NEW = Actor(account="web:7")  # an account that is not a party yet


def register(app: Cooperations, coop: str, name: str = "Zeynep", actor: Actor = NEW) -> tuple[str, Actor]:
    """The account joins on its own; returns its party and the actor it now is."""
    party = str(app.execute(coop, JoinParty(name=name, kind=PartyKind.RESIDENT), actor=actor))
    return party, attrs.evolve(actor, parties={coop: party})


def test_a_party_that_registers_itself_is_pending(app: Cooperations) -> None:
    ids = cooperation(app)
    coop = ids["coop"]
    zeynep, actor = register(app, coop)
    assert app.party(coop, zeynep).confirmed is False
    assert app.role(coop, actor) == p.PENDING
    assert [v.id for v in app.pending_parties(coop)] == [zeynep]
    assert [v.id for v in app.parties(coop, status="pending")] == [zeynep]
    # Parties the owner (or a coordinator) adds are confirmed at once.
    assert app.party(coop, ids["ann"]).confirmed is True
    # A pending party sees what the public sees: no names of residents.
    assert app.view_for(coop, actor).audience == "public"
    assert app.view_for(coop, actor).party(coop, ids["ann"]).name == f"bewoner ({ids['ann']})"


def test_a_pending_party_cannot_vote_or_propose_until_a_coordinator_confirms_it(app: Cooperations) -> None:
    ids = cooperation(app)
    coop = ids["coop"]
    rnd = voting_round(app, ids)
    zeynep, actor = register(app, coop)
    before = log_length(app, coop)
    with pytest.raises(PermissionDenied):
        app.execute(coop, CastBallot(round=rnd, voter=zeynep, approvals=(ids["p1"],)), actor=actor)
    # Not through a coordinator either: the round's rules refuse, with a coded error.
    with pytest.raises(RuleViolation) as refused:
        app.execute(coop, CastBallot(round=rnd, voter=zeynep, approvals=(ids["p1"],)))
    assert refused.value.code == "party.not_confirmed"
    assert refused.value.message_nl.startswith("Zeynep is nog niet bevestigd door een coördinator.")
    assert "has not been confirmed by a coordinator yet" in refused.value.message_en
    with pytest.raises(RuleViolation) as refused:
        app.execute(coop, SubmitProposal(round=rnd, title="Groen dak", cost=Money.parse("100"), by=zeynep, plan="Dak."))
    assert refused.value.code == "party.not_confirmed"
    assert log_length(app, coop) == before
    assert app.round(coop, rnd).voters == 0

    # A member cannot confirm; a coordinator (here the owner) can.
    ann = Actor(account="web:1", parties={coop: ids["ann"]})
    with pytest.raises(PermissionDenied):
        app.execute(coop, ConfirmParty(party=zeynep), actor=ann)
    app.execute(coop, ConfirmParty(party=zeynep))
    assert app.party(coop, zeynep).confirmed is True and app.pending_parties(coop) == []
    assert app.role(coop, actor) == p.MEMBER
    with pytest.raises(RuleViolation) as again:
        app.execute(coop, ConfirmParty(party=zeynep))
    assert again.value.code == "party.already_confirmed"

    # Now she votes, as herself, once.
    app.execute(coop, CastBallot(round=rnd, voter=zeynep, approvals=(ids["p1"],)), actor=actor)
    assert app.round(coop, rnd).voters == 1
    # The read models rebuild from the log to the same tables (confirmation included).
    live = app.read_models.dump()
    app.rebuild_read_models()
    assert app.read_models.dump() == live


def test_many_accounts_give_no_votes_until_confirmed(memory_app: Cooperations) -> None:
    ids = cooperation(memory_app)
    coop = ids["coop"]
    rnd = voting_round(memory_app, ids)
    for n in range(15):
        party, actor = register(memory_app, coop, f"Bewoner {n}", Actor(account=f"web:{100 + n}"))
        with pytest.raises(PermissionDenied):
            memory_app.execute(coop, CastBallot(round=rnd, voter=party, approvals=(ids["p2"],)), actor=actor)
    assert memory_app.round(coop, rnd).voters == 0
    assert len(memory_app.pending_parties(coop)) == 15


def test_an_agreement_may_let_parties_take_part_without_confirmation(memory_app: Cooperations) -> None:
    ids = cooperation(memory_app)
    coop = ids["coop"]
    assert memory_app.agreement(coop).commitments == Commitments(parties_need_confirmation=True)
    memory_app.execute(coop, ReviseAgreement(
        attrs.evolve(terms(), commitments=Commitments(parties_need_confirmation=False)),
        reason="Iedereen doet meteen mee.", decision=ids["decision"],
    ))
    assert memory_app.agreement(coop).commitments.parties_need_confirmation is False
    zeynep, actor = register(memory_app, coop)
    assert memory_app.party(coop, zeynep).confirmed is True and memory_app.role(coop, actor) == p.MEMBER


def test_an_account_cannot_take_over_a_former_party_by_its_name(memory_app: Cooperations) -> None:
    ids = cooperation(memory_app)
    coop = ids["coop"]
    memory_app.execute(coop, LeaveParty(party="Ann"))
    before = log_length(memory_app, coop)
    with pytest.raises(RuleViolation) as refused:
        memory_app.execute(coop, JoinParty(name="Ann", kind=PartyKind.RESIDENT), actor=NEW)
    assert refused.value.code == "party.name_of_former_party"
    assert log_length(memory_app, coop) == before
    # A coordinator lets her rejoin as herself.
    assert memory_app.execute(coop, JoinParty(name="Ann", kind=PartyKind.RESIDENT)) == ids["ann"]
