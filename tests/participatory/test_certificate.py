"""The result certificate of a closed round: one document anyone rechecks, here also with pabutools."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from pabutools.election import Instance
from pabutools.rules import method_of_equal_shares
from pabutools.election import Cost_Sat

from botu_core import Cooperations, InvalidInput, Money, check_round_certificate
from botu_core.participatory import CastBallot, CloseRound, FundShare, OpenRound
from botu_core.participatory.rules import Candidate, Election

from .reference import botu_tie_break, pabutools_winners, to_pabutools
from .test_rounds import D, open_round, propose, setup


def closed_round(app: Cooperations, rule: str, *, limits: bool = True) -> tuple[str, str]:
    ids = setup(app)
    coop = ids["coop"]
    if limits:
        rnd = open_round(app, ids, rule)
    else:  # pabutools knows no category limits
        funds = (FundShare("BoTu2028", Money.parse("6000")), FundShare("Aardgasvrij", Money.parse("4000")))
        rnd = str(app.execute(coop, OpenRound(title="Ronde", year=2021, funds=funds, decision=ids["decision"], rule=rule, on=D(2021, 4, 1))))
    p1 = propose(app, ids, rnd, "Zonnepanelen op het buurthuis", "6000", "Buurtcentrum")
    p2 = propose(app, ids, rnd, "Isolatie-advies", "3000", "Ann", category="isolatie")
    p3 = propose(app, ids, rnd, "Tochtstrips", "2500", "Bram", category="isolatie")
    p4 = propose(app, ids, rnd, "Meer huiskamers", "1000", "Ann", project="Buurthuiskamers")
    app.execute(coop, CastBallot(round=rnd, voter="Ann", approvals=(p2, p4), on=D(2021, 4, 10)))
    app.execute(coop, CastBallot(round=rnd, voter="Bram", approvals=(p1, p3), on=D(2021, 4, 11)))
    app.execute(coop, CastBallot(round=rnd, voter="Buurtcentrum", approvals=(p1, p3, p4), on=D(2021, 4, 11)))
    app.execute(coop, CloseRound(round=rnd, on=D(2021, 5, 1)))
    return coop, rnd


def election_of_document(doc: dict[str, Any]) -> Election:
    """The election as the certificate states it, read with nothing of botu's rounds."""
    return Election(
        doc["parameters"]["budget_cents"],
        tuple(Candidate(p["id"], p["cost_cents"], tuple(p["categories"])) for p in doc["projects"]),
        tuple(frozenset(approvals) for _, approvals in doc["ballots"]),
        tuple((c, cents) for c, cents in doc["parameters"]["category_limits"]),
    )


@pytest.mark.parametrize("rule", ["equalshares/add1", "greedy"])
def test_the_certificate_states_everything_and_checks(memory_app: Cooperations, rule: str) -> None:
    coop, rnd = closed_round(memory_app, rule)
    doc = memory_app.round_certificate(coop, rnd)
    assert json.loads(json.dumps(doc)) == doc  # plain JSON
    assert doc["format"] == "botu-pb-certificate" and doc["rule"] == rule and doc["round"] == rnd
    view = memory_app.round(coop, rnd)
    assert tuple(doc["winners"]) == view.winners and doc["input_digest"] == view.input_digest
    assert doc["parameters"]["budget_cents"] == 1_000_000 and doc["parameters"]["category_limits"] == [["isolatie", 500_000]]
    support = {p.id: p.approvals for p in memory_app.proposals(coop, rnd)}
    assert {p["id"]: p["support"] for p in doc["projects"]} == support
    assert {p["id"]: p["cost_cents"] for p in doc["projects"]} == {p.id: p.cost.cents for p in memory_app.proposals(coop, rnd)}
    assert sorted(b.pseudonym for b in memory_app.ballots(coop, rnd)) == [v["pseudonym"] for v in doc["voters"]]
    share = Fraction(doc["parameters"]["voter_share_cents"])
    for voter in doc["voters"]:
        start, spent, left = (Fraction(voter[k]) for k in ("start_cents", "spent_cents", "left_cents"))
        assert start == share and start - spent == left
    assert sum(Fraction(v["spent_cents"]) for v in doc["voters"]) == doc["total_cost_cents"] or rule == "greedy"
    verdict = check_round_certificate(doc)
    assert verdict.ok, verdict.problem
    assert memory_app.verify_round(coop, rnd).ok


def test_pabutools_rechecks_the_certificate(memory_app: Cooperations) -> None:
    coop, rnd = closed_round(memory_app, "equalshares/add1", limits=False)
    doc = memory_app.round_certificate(coop, rnd)
    election = election_of_document(doc)
    instance, profile = to_pabutools(election)
    assert pabutools_winners("equalshares/add1", instance, profile) == frozenset(doc["winners"])
    assert {p.name: profile.approval_score(p) for p in instance} == {p["id"]: p["support"] for p in doc["projects"]}
    # One run of equal shares with the certificate's voter budget gives the same outcome.
    share = Fraction(doc["parameters"]["voter_share_cents"])
    single = Instance(instance, budget_limit=share * len(doc["ballots"]) / 100)
    outcome = method_of_equal_shares(single, profile, sat_class=Cost_Sat, tie_breaking=botu_tie_break(instance, profile))
    assert frozenset(p.name for p in outcome) == frozenset(doc["winners"])
    # No voter spends more than the share, and the winners are paid in full.
    assert all(Fraction(v["left_cents"]) >= 0 for v in doc["voters"])
    assert sum(Fraction(v["spent_cents"]) for v in doc["voters"]) == sum(
        p["cost_cents"] for p in doc["projects"] if p["selected"]
    )


def changed(doc: dict[str, Any], change: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(doc))
    change(copy)
    return copy


def test_a_changed_certificate_does_not_check(memory_app: Cooperations) -> None:
    coop, rnd = closed_round(memory_app, "equalshares/add1")
    doc = memory_app.round_certificate(coop, rnd)
    changes = {
        "ballot": (lambda d: d["ballots"][0][1].pop(), "pb.certificate_ballots_root"),
        "root": (lambda d: d.update(ballots_root="00" * 32), "pb.certificate_ballots_root"),
        "support": (lambda d: d["projects"][0].update(support=d["projects"][0]["support"] + 1), "pb.certificate_support"),
        "winners": (lambda d: d["winners"].reverse(), "pb.certificate_winners"),
        "cost": (lambda d: d["projects"][0].update(cost_cents=1), "pb.certificate_digest"),
        "spent": (lambda d: d["voters"][0].update(spent_cents="1/3"), "pb.certificate_voters"),
    }
    for name, (change, code) in changes.items():
        verdict = check_round_certificate(changed(doc, change))
        assert not verdict.ok and verdict.problem_code == code, (name, verdict.problem_code)
        assert verdict.problem and verdict.problem_en


@pytest.mark.parametrize("doc", [{}, {"format": "other"}, [], "geen"])
def test_no_certificate_is_refused_clearly(doc: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        check_round_certificate(doc)
    assert refused.value.code == "pb.certificate_invalid"


def test_an_open_round_has_no_certificate(memory_app: Cooperations) -> None:
    ids = setup(memory_app)
    rnd = open_round(memory_app, ids)
    from botu_core import RuleViolation

    with pytest.raises(RuleViolation) as refused:
        memory_app.round_certificate(ids["coop"], rnd)
    assert refused.value.code == "round.not_closed"


def test_certificate_and_verify_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from botu_cli.main import main

    monkeypatch.delenv("BOTU_DB", raising=False)
    db = tmp_path / "botu.db"
    with Cooperations(str(db), clock=lambda: dt.datetime(2021, 6, 1, tzinfo=dt.UTC)) as app:
        closed_round(app, "equalshares/add1")
        app.close()

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--lang", "nl", *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, err = run("--db", str(db), "pb", "certificate", "round-1", "--out", str(tmp_path / "uitslag.json"))
    assert code == 0, err
    doc = json.loads((tmp_path / "uitslag.json").read_text(encoding="utf-8"))
    assert check_round_certificate(doc).ok
    code, out, _ = run("--db", str(db), "--json", "pb", "verify", "round-1")
    assert code == 0 and json.loads(out)["certificate_ok"] is True
    # The file alone, without the store.
    monkeypatch.chdir(tmp_path)
    db.rename(tmp_path / "elders.db")
    code, out, err = run("pb", "verify", "round-1", "--certificate", str(tmp_path / "uitslag.json"))
    assert code == 0 and "klopt" in out, err
    doc["voters"][0]["spent_cents"] = "0"
    (tmp_path / "vals.json").write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run("pb", "verify", "round-1", "--certificate", str(tmp_path / "vals.json"))
    assert code == 1 and "klopt niet" in err
    (tmp_path / "geen.json").write_text("geen", encoding="utf-8")
    code, _, err = run("pb", "verify", "round-1", "--certificate", str(tmp_path / "geen.json"))
    assert code == 2
    assert not (tmp_path / "botu.db").exists()
