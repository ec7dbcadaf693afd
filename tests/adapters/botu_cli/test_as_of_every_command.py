"""--as-of on every command of `botu`, enumerated from the Typer app itself.

Each command is one of three kinds:
- it records (``Writes``): under --as-of it is refused with exit 2 and
  ``cli.as_of_read_only``, and the store and the working folder stay byte for byte
  the same;
- it reads (``Reads``): it answers as of that date (a check per command proves the
  answer is the past's, not today's);
- it reads, but the library has no as-of form of its question (``NoPast``): it is
  refused with exit 2 and ``cli.as_of_unsupported`` instead of answering from today.
A command added to the app without a line in ``CASES`` fails
``test_every_command_has_a_case``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import shutil
import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import click
import pytest

from botu_cli.main import _command, main
from botu_core import Cooperations
from botu_core.examples import load_botu_2021
from botu_web import AccountStore

PAST = "2021-10-10"  # after the agreement and the first proposal; before the budget, the round, version 2
PAST_DATE = dt.date.fromisoformat(PAST)
NOW = dt.datetime(2023, 3, 1, 12, tzinfo=dt.UTC)
ROUND_OPENED = "2021-11-15"


def clock() -> dt.datetime:
    return NOW


@attrs.frozen
class Writes:
    args: tuple[str, ...]


@attrs.frozen
class Reads:
    args: tuple[str, ...]
    # (exit code, JSON output) under --as-of PAST, and the same without --as-of -> proof
    check: Callable[[int, Any, int, Any], None]


@attrs.frozen
class NoPast:
    args: tuple[str, ...]


def dates_until(key: str) -> Callable[[int, Any, int, Any], None]:
    """A list whose every item's ``key`` lies on or before PAST, and today's list is longer."""

    def check(code: int, past: Any, live_code: int, live: Any) -> None:
        assert code == 0 and live_code == 0
        assert past and all(dt.date.fromisoformat(item[key]) <= PAST_DATE for item in past)
        assert len(past) < len(live)

    return check


def empty_then_not(code: int, past: Any, live_code: int, live: Any) -> None:
    assert (code, past) == (0, []) and live_code == 0 and live


def not_there_yet(code: int, past: Any, live_code: int, live: Any) -> None:
    """What was made after PAST does not exist as of PAST (exit 1, not found), or -- while
    the library has no as-of form of this question -- the command is refused."""
    assert live_code == 0
    assert (code, past["code"]) in {(1, "round.unknown"), (1, "agreement.unknown_version"),
                                    (2, "cli.as_of_unsupported")}, past


def same_as_today(code: int, past: Any, live_code: int, live: Any) -> None:
    """A command that does not read the store answers the same on any date."""
    assert code == live_code == 0 and past == live


def fewer_events(code: int, past: Any, live_code: int, live: Any) -> None:
    assert code == live_code == 0
    past_items, live_items = (past, live) if isinstance(past, list) else ([past], [live])
    assert [c["id"] for c in past_items] == [c["id"] for c in live_items]
    assert all(p["events"] < n["events"] for p, n in zip(past_items, live_items, strict=True))


def signed_version_one_only(code: int, past: Any, live_code: int, live: Any) -> None:
    assert code == live_code == 0
    past_items, live_items = (past, live) if isinstance(past, list) else ([past], [live])
    assert all(set(p["signed_versions"]) <= {1} for p in past_items)
    assert any(2 in p["signed_versions"] for p in live_items)


def version(number: int) -> Callable[[int, Any, int, Any], None]:
    def check(code: int, past: Any, live_code: int, live: Any) -> None:
        assert code == live_code == 0
        assert past["version"] == number < live["version"]

    return check


def versions(code: int, past: Any, live_code: int, live: Any) -> None:
    assert code == live_code == 0
    assert [v["version"] for v in past] == [1] and len(live) == 2


def nothing_allocated(code: int, past: Any, live_code: int, live: Any) -> None:
    assert code == live_code == 0
    past_items, live_items = (past, live) if isinstance(past, list) else ([past], [live])
    assert all(p["allocated"] == "0.00" for p in past_items)
    assert any(p["allocated"] != "0.00" for p in live_items)


def less_benefit(code: int, past: Any, live_code: int, live: Any) -> None:
    """The benefit of a period from November on is not counted as of October."""
    assert code == live_code == 0
    assert Decimal(past["total_euros"]) < Decimal(live["total_euros"])


def budget_untouched(code: int, past: Any, live_code: int, live: Any) -> None:
    assert code == live_code == 0
    assert {b["source"]: b["left"] for b in past}["BoTu2028"] == "50000.00"
    assert {b["source"]: b["left"] for b in live}["BoTu2028"] != "50000.00"


def proposal_still_open(code: int, past: Any, live_code: int, live: Any) -> None:
    assert code == live_code == 0
    assert all(dt.date.fromisoformat(d["taken_on"] or d["proposed_on"]) <= PAST_DATE for d in past)
    assert {d["status"] for d in past} != {d["status"] for d in live} or len(past) < len(live)


def years_until_past(code: int, past: Any, live_code: int, live: Any) -> None:
    assert code == live_code == 0
    assert past and max(y["year"] for y in past) == PAST_DATE.year < max(y["year"] for y in live)


def no_round_yet(code: int, past: Any, live_code: int, live: Any) -> None:
    """The round opened in November is not listed as of October."""
    assert live_code == 0 and [r["id"] for r in live] == ["round-1"]
    assert (code == 0 and past == []) or (code, past["code"]) == (2, "cli.as_of_unsupported"), past


R = "round-1"
P = "Sociaal incasseren"  # a project of the example
CASES: dict[str, Writes | Reads | NoPast] = {
    "coop create": Writes(("coop", "create", "Nieuw")),
    "coop list": Reads(("coop", "list"), fewer_events),
    "coop show": Reads(("coop", "show"), fewer_events),
    "party join": Writes(("party", "join", "Nieuw", "--kind", "resident")),
    "party list": Reads(("party", "list"), signed_version_one_only),
    "party show": Reads(("party", "show", "Fatima El Amrani"), signed_version_one_only),
    "party leave": Writes(("party", "leave", "Henk de Vries")),
    "party rejoin": Writes(("party", "rejoin", "Henk de Vries")),
    "party update": Writes(("party", "update", "Henk de Vries", "--phone", "06 1111 2222")),
    "party consent": Writes(("party", "consent", "Henk de Vries", "--withdraw")),
    "party forget": Writes(("party", "forget", "Henk de Vries")),
    "party data": NoPast(("party", "data", "Henk de Vries")),
    "party coordinators": Writes(("party", "coordinators", "Henk de Vries", "--decision", "decision-1")),
    "agreement template": Reads(("agreement", "template"), same_as_today),
    "agreement show": Reads(("agreement", "show"), version(1)),
    "agreement versions": Reads(("agreement", "versions"), versions),
    "agreement diff": Reads(("agreement", "diff", "1", "2"), not_there_yet),
    "agreement adopt": Writes(("agreement", "adopt", "overeenkomst.json")),
    "agreement sign": Writes(("agreement", "sign", "Henk de Vries", "--note", "ja")),
    "agreement revise": Writes(("agreement", "revise", "overeenkomst.json", "--reason", "r", "--decision", "decision-1")),
    "project start": Writes(("project", "start", "Nieuw", "--plan", "p", "--contact", "Henk de Vries")),
    "project list": Reads(("project", "list"), nothing_allocated),
    "project show": Reads(("project", "show", P), nothing_allocated),
    "project update-plan": Writes(("project", "update-plan", P, "--plan", "p")),
    "project set-contact": Writes(("project", "set-contact", P, "--contact", "Henk de Vries")),
    "project complete": Writes(("project", "complete", P)),
    "project stop": Writes(("project", "stop", P, "--reason", "r")),
    "indicator define": Writes(("indicator", "define", P, "Nieuw")),
    "indicator measure": Writes(("indicator", "measure", P, "indicator-1", "3")),
    "benefit record": Writes(("benefit", "record", P, "--euros", "10", "--co2-kg", "1", "--from", "2022-01-01",
                              "--until", "2022-02-01")),
    "benefit show": Reads(("benefit", "show"), less_benefit),
    "budget fund": Writes(("budget", "fund", "Nieuw", "100", "--year", "2022")),
    "budget allocate": Writes(("budget", "allocate", P, "100", "--source", "BoTu2028", "--year", "2021",
                               "--decision", "decision-2")),
    "budget withdraw": Writes(("budget", "withdraw", "allocation-1", "--reason", "r")),
    "budget spend": Writes(("budget", "spend", "allocation-1", "1", "--description", "d")),
    "budget show": Reads(("budget", "show"), budget_untouched),
    "budget allocations": Reads(("budget", "allocations"), empty_then_not),
    "meeting record": Writes(("meeting", "record", "--kind", "plenary", "--date", "2022-06-01")),
    "meeting list": Reads(("meeting", "list"), dates_until("held_on")),
    "decision record": Writes(("decision", "record", "--meeting", "meeting-1", "--subject", "s", "--text", "t")),
    "decision propose": Writes(("decision", "propose", "--subject", "s", "--text", "t")),
    "decision list": Reads(("decision", "list"), proposal_still_open),
    "opinion give": Writes(("opinion", "give", "decision-1", "--party", "Henk de Vries", "--stance", "for")),
    "disagreement raise": Writes(("disagreement", "raise", "--by", "Henk de Vries", "--about", "a")),
    "disagreement discuss": Writes(("disagreement", "discuss", "disagreement-1", "--meeting", "meeting-1")),
    "disagreement resolve": Writes(("disagreement", "resolve", "disagreement-1", "--outcome", "o")),
    "disagreement list": Reads(("disagreement", "list"), empty_then_not),
    "evaluation record": Writes(("evaluation", "record", "--year", "2022", "--process", "p", "--goals", "g",
                                 "--results", "r")),
    "evaluation list": Reads(("evaluation", "list"), empty_then_not),
    "compliance": Reads(("compliance",), years_until_past),
    "log": Reads(("log",), dates_until("on")),
    "rebuild": Writes(("rebuild",)),
    "example load": Writes(("example", "load", "botu-2021")),
    "serve": Writes(("serve", "--port", "1")),
    "account create": Writes(("account", "create", "nieuw", "--password-stdin")),
    "account grant": Writes(("account", "grant", "lid", "auditor")),
    "account revoke": Writes(("account", "revoke", "beheerder", "coordinator")),
    "token create": Writes(("token", "create", "beheerder")),
    "token revoke": Writes(("token", "revoke", "1")),
    "token list": NoPast(("token", "list")),
    "pb open": Writes(("pb", "open", "Nieuw", "--year", "2021", "--fund", "BoTu2028=10", "--decision", "decision-1")),
    "pb propose": Writes(("pb", "propose", R, "Nieuw", "10", "--by", "Henk de Vries", "--plan", "p")),
    "pb vote": Writes(("pb", "vote", R, "--voter", "Henk de Vries", "proposal-1")),
    "pb receipt": Reads(("pb", "receipt", R, "RECEIPT"), not_there_yet),
    "pb close": Writes(("pb", "close", R)),
    "pb show": Reads(("pb", "show", R), not_there_yet),
    "pb list": Reads(("pb", "list"), no_round_yet),
    "pb verify": Reads(("pb", "verify", R), not_there_yet),
    "pb certificate": NoPast(("pb", "certificate", R, "--out", "uitslag.json")),
    "pb import": Writes(("pb", "import", "ronde.pb")),
    "pb export": Reads(("pb", "export", R), not_there_yet),
    "audit verify": NoPast(("audit", "verify")),
    "audit head": NoPast(("audit", "head")),
    "audit prove": NoPast(("audit", "prove", "1")),
    "audit consistency": NoPast(("audit", "consistency", "1", "2")),
    "audit checkpoint": Writes(("audit", "checkpoint")),
    "audit receipt": NoPast(("audit", "receipt", "1", "--out", "bewijs.json")),
    "audit check-receipt": NoPast(("audit", "check-receipt", "bewijs.json")),
    "audit witness init": Writes(("audit", "witness", "init", "getuige", "--key", "getuige.pem")),
    "audit witness add": Writes(("audit", "witness", "add", "getuige", "00" * 32)),
    "audit witness cosign": Writes(("audit", "witness", "cosign", "getuige", "--key", "getuige.pem")),
    "audit export": NoPast(("audit", "export", "log.jsonl")),
    "audit import": Writes(("audit", "import", "log.jsonl")),
    "audit report": NoPast(("audit", "report", "--year", "2021")),
    "why": NoPast(("why", "allocation-1")),
}


def commands() -> list[str]:
    """Every command of the app, as a path ('pb list'), found by walking the click tree."""
    found: list[str] = []

    def walk(group: click.Group, prefix: tuple[str, ...]) -> None:
        for name, sub in group.commands.items():
            if isinstance(sub, click.Group):
                walk(sub, (*prefix, name))
            else:
                found.append(" ".join((*prefix, name)))

    root = _command()
    assert isinstance(root, click.Group)
    walk(root, ())
    return found


def test_every_command_has_a_case() -> None:
    assert sorted(commands()) == sorted(CASES)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example history, a round opened in November with a ballot, and two web accounts."""
    folder = tmp_path_factory.mktemp("asof-every")
    path = folder / "botu.db"
    app = Cooperations(str(path), clock=clock)
    load_botu_2021(app)
    store = AccountStore.for_app(app)
    coop = app.cooperations()[0].id
    store.create("beheerder", "een lang wachtwoord", kind="coordinator", coop_id=coop)
    store.create("lid", "een lang wachtwoord", kind="member")
    store.create_token(store.by_username("beheerder").id, "script")  # type: ignore[union-attr]
    store.close()
    app.close()
    receipt = ""
    for argv in (
        ["pb", "open", "Energiebegroting 2022", "--year", "2021", "--fund", "BoTu2028=1000", "--decision",
         "decision-1", "--on", ROUND_OPENED],
        ["pb", "propose", R, "Zonnepanelen", "600", "--by", "Henk de Vries", "--plan", "12 panelen", "--on", "2021-11-16"],
        ["pb", "vote", R, "--voter", "Henk de Vries", "proposal-1", "--on", "2021-11-20"],
        ["pb", "close", R, "--on", "2021-12-01"],
    ):
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            assert main(["--db", str(path), "--json", *argv], clock=clock) == 0, argv
        if argv[1] == "vote":
            receipt = json.loads(printed.getvalue())["id"]
    (folder / "receipt.txt").write_text(receipt, encoding="utf-8")
    return path


@pytest.fixture
def store(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the template in a folder of its own, which is also the working folder."""
    for source in template.parent.iterdir():
        if source.name.startswith("botu.db") or source.name == "receipt.txt":
            shutil.copy(source, tmp_path / source.name)
    monkeypatch.chdir(tmp_path)
    for name in ("BOTU_DB", "LC_ALL", "LC_MESSAGES", "BOTU_KEY", "BOTU_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return tmp_path / "botu.db"


def snapshot(db: Path) -> tuple[list[str], list[str]]:
    """Every row of every table of the store, and the names of the files in its folder."""
    with sqlite3.connect(db) as conn:
        rows = list(conn.iterdump())
    conn.close()
    return rows, sorted(p.name for p in db.parent.iterdir())


def answer(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, Any]:
    capsys.readouterr()
    code = main(["--db", str(db), "--json", *args], clock=clock)
    out = capsys.readouterr().out
    try:
        return code, json.loads(out)
    except json.JSONDecodeError:
        return code, out  # pb export writes the file's text


@pytest.mark.parametrize("path", sorted(CASES))
def test_as_of_is_read_only_and_honoured(path: str, store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES[path]
    receipt = (store.parent / "receipt.txt").read_text(encoding="utf-8")
    args = tuple(receipt if arg == "RECEIPT" else arg for arg in case.args)
    if isinstance(case, Writes):
        before = snapshot(store)
        code, error = answer(capsys, store, "--as-of", PAST, *args)
        assert (code, error["code"]) == (2, "cli.as_of_read_only"), error
        assert error["message_nl"] and error["message_en"]
        assert snapshot(store) == before
    elif isinstance(case, NoPast):
        before = snapshot(store)
        code, error = answer(capsys, store, "--as-of", PAST, *args)
        assert (code, error["code"]) == (2, "cli.as_of_unsupported"), error
        assert path in error["message_nl"] and path in error["message_en"]
        assert snapshot(store) == before
    else:
        code, past = answer(capsys, store, "--as-of", PAST, *args)
        live_code, live = answer(capsys, store, *args)
        case.check(code, past, live_code, live)
