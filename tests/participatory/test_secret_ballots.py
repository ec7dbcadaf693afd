"""Secret ballots anyone can recount.

- Anyone recomputes a round's outcome from what is public (the round, its proposals, its
  ballots by pseudonym), and gets what ``verify_round`` gets.
- No one but the voter links a ballot to a party: no voter id, nor anything that maps to
  one, in the log (owner, coordinator, auditor), the stored events, or the export.
- A party cannot vote twice: the same party has the same pseudonym in a round, so its
  later ballot replaces the earlier; in another round it has another pseudonym.
- A voter checks with the receipt ``CastBallot`` returned that their ballot is counted; a
  forged receipt does not check.
- No ballot or proposal lies outside its round's open period, whoever enters it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import secrets

import pytest

from botu_core import (
    Actor,
    CastBallot,
    CloseRound,
    Cooperations,
    ForgetParty,
    InvalidInput,
    JoinParty,
    PartyKind,
    RuleViolation,
    SubmitProposal,
)
from botu_core.participatory.rounds import recount
from botu_core.values import Money
from factories import cooperation, log_length, voting_round

D = dt.date


def voters(app: Cooperations, ids: dict[str, str]) -> dict[str, str]:
    """Three more parties who vote, besides Ann and the municipality."""
    for name, kind in (("Bram", PartyKind.RESIDENT), ("Cor", PartyKind.RESIDENT), ("Buurtcentrum", PartyKind.INITIATIVE)):
        ids[name] = str(app.execute(ids["coop"], JoinParty(name=name, kind=kind, on=D(2021, 9, 1))))
    return ids


def a_closed_round(app: Cooperations) -> tuple[dict[str, str], str, dict[str, str]]:
    ids = voters(app, cooperation(app))
    coop = ids["coop"]
    rnd = voting_round(app, ids)
    receipts = {}
    for name, approvals in (("Ann", ("p2",)), ("Bram", ("p1", "p2")), ("Cor", ("p1",)), ("Buurtcentrum", ("p2",)),
                            ("gemeente", ("p1",))):
        voter = ids[name] if name == "gemeente" else name
        receipts[name] = str(app.execute(coop, CastBallot(round=rnd, voter=voter, approvals=tuple(ids[a] for a in approvals),
                                                          on=D(2021, 10, 5))))
    app.execute(coop, CloseRound(round=rnd, on=D(2021, 10, 31)))
    return ids, rnd, receipts


def test_anyone_recounts_a_round_from_the_public_views(app: Cooperations) -> None:
    ids, rnd, _ = a_closed_round(app)
    coop = ids["coop"]
    public = app.view_as("public")
    ballots = public.ballots(coop, rnd)
    assert len(ballots) == 5
    result = recount(public.round(coop, rnd), public.proposals(coop, rnd), ballots)
    check = app.verify_round(coop, rnd)
    assert check.ok
    assert result.winners == check.recorded_winners == check.computed_winners
    # For a round of secret ballots, the digest of every input is public too.
    assert result.input_digest == check.recorded_digest
    # Leaving out one public ballot changes the digest: the recount really covers them all.
    assert recount(public.round(coop, rnd), public.proposals(coop, rnd), ballots[1:]).input_digest != check.recorded_digest


def _party_ids(app: Cooperations, coop: str) -> set[str]:
    return {p.id for p in app.parties(coop)}


def test_no_one_reads_who_cast_a_ballot(app: Cooperations) -> None:
    ids, rnd, _ = a_closed_round(app)
    coop = ids["coop"]
    parties = _party_ids(app, coop)
    coordinator = Actor(account="web:1", grants={coop: "coordinator"})
    auditor = Actor(account="web:2", grants={coop: "auditor"})
    logs = {
        "owner": app.log(coop),
        "coordinator": app.view_for(coop, coordinator).log(coop),
        "auditor": app.view_for(coop, auditor).log(coop),
    }
    for who, log in logs.items():
        ballots = [e for e in log if e.type == "BallotCast"]
        assert len(ballots) == 5, who
        for entry in ballots:
            values = {str(v) for v in entry.data.values() if not isinstance(v, list)}
            assert not values & parties, (who, entry.data)
            assert entry.data.get("voter_id") is None
    # Nor in what the store keeps, nor in the audit export.
    stored = [e for e in app.recorder.select_events(app.resolve(coop)) if e.topic == "BallotCast"]
    assert len(stored) == 5
    for event in stored:
        data = json.loads(event.state)["event"]
        assert "voter_id" not in data and not {str(v) for v in data.values() if isinstance(v, str)} & parties
    exported = io.BytesIO()
    app.audit.export(coop, exported)
    lines = [json.loads(line) for line in exported.getvalue().splitlines()]
    cast_lines = [line for line in lines if line.get("type") == "BallotCast"]
    assert len(cast_lines) == 5
    assert all("voter_id" not in line["payload"]["event"] for line in cast_lines)


def test_pseudonyms_differ_per_round_and_are_gone_with_the_voters_key(app: Cooperations) -> None:
    ids, rnd, receipts = a_closed_round(app)
    coop = ids["coop"]
    other = voting_round(app, ids, opened=D(2021, 11, 1), suffix=" 2")
    app.execute(coop, CastBallot(round=other, voter="Ann", approvals=(ids["p2"],)))
    first = app.own_ballot(coop, rnd, ids["ann"])
    second = app.own_ballot(coop, other, ids["ann"])
    assert first is not None and second is not None
    # One voter, two rounds: two pseudonyms nobody can link.
    assert first.pseudonym != second.pseudonym
    assert receipts["Ann"].split(":")[1] == first.pseudonym
    # The link lives in the voter's key: once she is forgotten, not even the application
    # can tell which ballot was hers, and her ballot still counts in the recount.
    app.execute(coop, ForgetParty(party=ids["ann"]))
    assert app.own_ballot(coop, rnd, ids["ann"]) is None
    assert first in app.ballots(coop, rnd)
    assert app.verify_round(coop, rnd).ok


def test_a_party_cannot_vote_twice(app: Cooperations) -> None:
    ids = voters(app, cooperation(app))
    coop = ids["coop"]
    rnd = voting_round(app, ids)
    first = str(app.execute(coop, CastBallot(round=rnd, voter="Bram", approvals=(ids["p1"],))))
    # As the member himself, and a coordinator entering his paper ballot: still one voter.
    bram = Actor(account="web:3", parties={coop: ids["Bram"]})
    second = str(app.execute(coop, CastBallot(round=rnd, voter=ids["Bram"], approvals=(ids["p2"],)), actor=bram))
    third = str(app.execute(coop, CastBallot(round=rnd, voter="Bram", approvals=(ids["p1"], ids["p2"]))))
    assert len({r.split(":")[1] for r in (first, second, third)}) == 1  # one pseudonym
    ballots = app.ballots(coop, rnd)
    assert [b.approvals for b in ballots] == [(ids["p1"], ids["p2"])]  # the last one counts, once
    assert app.round(coop, rnd).voters == 1
    assert {p.id: p.approvals for p in app.proposals(coop, rnd)} == {ids["p1"]: 1, ids["p2"]: 1}


def test_a_receipt_shows_the_ballot_is_counted_and_a_forged_one_does_not(app: Cooperations) -> None:
    ids = voters(app, cooperation(app))
    coop = ids["coop"]
    rnd = voting_round(app, ids)
    receipt = str(app.execute(coop, CastBallot(round=rnd, voter="Cor", approvals=(ids["p1"],), on=D(2021, 10, 2))))
    check = app.check_receipt(coop, rnd, receipt)
    assert (check.status, check.counted, check.cast_on) == ("counted", True, D(2021, 10, 2))
    # Anyone may check a receipt: it says nothing of whose it is.
    assert app.view_as("public").check_receipt(coop, rnd, receipt) == check
    # A later ballot of the same voter replaces it: the old receipt says so, the new one counts.
    newer = str(app.execute(coop, CastBallot(round=rnd, voter="Cor", approvals=(ids["p2"],), on=D(2021, 10, 3))))
    assert app.check_receipt(coop, rnd, receipt).status == "replaced"
    assert app.check_receipt(coop, rnd, newer).counted
    # Forged: a made-up pseudonym, or a real one with another ballot's digest.
    round_id, pseudonym, digest = newer.split(":")
    forged = f"{round_id}:{secrets.token_hex(16)}:{digest}"
    assert app.check_receipt(coop, rnd, forged).status == "unknown"
    assert app.check_receipt(coop, rnd, f"{round_id}:{pseudonym}:{secrets.token_hex(16)}").status == "unknown"
    with pytest.raises(InvalidInput) as malformed:
        app.check_receipt(coop, rnd, "mijn stem")
    assert malformed.value.code == "round.receipt_malformed"


def test_no_ballot_or_proposal_outside_the_rounds_open_period(app: Cooperations) -> None:
    ids = voters(app, cooperation(app))
    coop = ids["coop"]
    rnd = voting_round(app, ids, opened=D(2021, 11, 1))
    before = log_length(app, coop)
    # Dated before the round opened: refused, also for the owner.
    with pytest.raises(RuleViolation) as early:
        app.execute(coop, CastBallot(round=rnd, voter="Ann", approvals=(ids["p1"],), on=D(2021, 7, 5)))
    assert early.value.code == "round.before_opening"
    assert early.value.message_nl.startswith(
        f"De datum 5 juli 2021 ligt voor de opening van stemronde 'Energiebegroting' ({rnd})")
    assert "is before voting round" in early.value.message_en
    with pytest.raises(RuleViolation) as early_proposal:
        app.execute(coop, SubmitProposal(round=rnd, title="Oud", cost=Money.parse("10"), by="Ann", plan="Oud.",
                                         on=D(2021, 10, 31)))
    assert early_proposal.value.code == "round.before_opening"
    assert log_length(app, coop) == before
    # A round cannot close before its last ballot: no ballot lies after the close.
    app.execute(coop, CastBallot(round=rnd, voter="Ann", approvals=(ids["p1"],), on=D(2021, 11, 20)))
    after_ballot = log_length(app, coop)
    with pytest.raises(RuleViolation) as closing:
        app.execute(coop, CloseRound(round=rnd, on=D(2021, 11, 10)))
    assert closing.value.code == "round.closing_before_last"
    assert log_length(app, coop) == after_ballot
    app.execute(coop, CloseRound(round=rnd, on=D(2021, 11, 20)))
    # After it closed, no ballot at all.
    with pytest.raises(RuleViolation) as closed:
        app.execute(coop, CastBallot(round=rnd, voter="Bram", approvals=(ids["p1"],)))
    assert closed.value.code == "round.closed"


def test_an_access_request_lists_the_persons_own_ballots(app: Cooperations) -> None:
    ids, rnd, receipts = a_closed_round(app)
    coop = ids["coop"]
    (ballot,) = app.personal_data(coop, ids["ann"])["ballots"]
    assert ballot["round_id"] == rnd and ballot["pseudonym"] == receipts["Ann"].split(":")[1]
    assert ballot["approvals"] == [ids["p2"]]
