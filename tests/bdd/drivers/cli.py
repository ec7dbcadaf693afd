"""The CLI driver: the ``botu`` command line with ``--json``, on a SQLite file of its own.

Every driver call is one ``botu … --json`` command, as a person or a script would type
it. Commands print ``{"id": …}``; queries print the library's views as JSON; a refusal
prints ``{"code", "message", "message_nl", "message_en", "exit_code"}`` with exit code 1
(a rule) or 2 (input that could not be read). The Dutch message the driver reports is
``message`` — what the person sees with ``--lang nl`` — not the library's own text, so a
scenario that checks a Dutch message checks what the CLI shows.

Two ways to run the command line (``runner``):

- ``"inprocess"`` (driver ``cli``): ``botu_cli.main.main(argv)`` in this process, with
  stdout and stderr captured — the same code path as the console script minus the
  interpreter start (~20 ms instead of ~1.5 s per command);
- ``"script"`` (driver ``cli-script``): the real console script in a subprocess. The
  executable is ``.venv/bin/botu`` next to this Python, or ``BOTU_BDD_CLI`` (a path) —
  the broken-adapter test points that at a wrapper that hides refusals.

Dates a command would take from the clock (``--on``) are passed explicitly as the
driver's ``today``, so the recorded dates do not depend on the day the tests run.
The example history is recorded once per test run with ``botu example load botu-2021``
and copied (SQLite backup) for every further scenario that starts from it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from botu_core import to_json_data
from botu_core.examples import terms_2021, terms_2022

from .base import Driver, Json, NotSupported, Refusal

TERMS = {"2021": terms_2021, "2022": terms_2022}

SCRIPT = Path(sys.executable).with_name("botu")


# Steps this driver lacks (the scenarios needing them are deselected for it).
ROUND_STEPS = frozenset({"register_self", "confirm_party", "open_round", "submit_proposal", "cast_ballot", "rounds", "check_receipt"})
WHY_NO_ROUNDS = "de CLI is de eigenaar van de opslag: niemand meldt zich daar zelf aan"

class CliBroken(AssertionError):
    """The command line did something no front end may do (no JSON, a crash, exit 3)."""


def _inprocess(argv: list[str], today: dt.date) -> tuple[int, str, str]:
    from botu_cli.main import main

    now = dt.datetime.combine(today, dt.time(12, 0), tzinfo=dt.UTC)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv, clock=lambda: now)  # the driver's today, as the library driver has
    return code, out.getvalue(), err.getvalue()


def _script(argv: list[str], today: dt.date) -> tuple[int, str, str]:
    # A separate process runs on the real time: the driver passes its dates (--on) itself.
    executable = os.environ.get("BOTU_BDD_CLI") or str(SCRIPT)
    env = {k: v for k, v in os.environ.items() if k not in ("BOTU_DB", "LC_ALL", "LC_MESSAGES", "BOTU_DEBUG")}
    env["LANG"] = "nl_NL.UTF-8"
    done = subprocess.run(
        [executable, *argv],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


RUNNERS = {"inprocess": _inprocess, "script": _script}

# One recorded example history per runner and test run: (folder, path of the store).
_EXAMPLE: dict[str, Path] = {}


def _copy_store(source: Path, target: Path) -> None:
    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    # A store moves with its key file (``botu.db.key``): without it the copy does not open.
    key = source.with_name(source.name + ".key")
    if key.exists():
        shutil.copy(key, target.with_name(target.name + ".key"))


class CliDriver(Driver):
    name = "cli"
    # The command line has a command for every driver method: nothing is deselected.
    unsupported: frozenset[str] = ROUND_STEPS

    def __init__(self, today: dt.date, runner: str = "inprocess") -> None:
        super().__init__(today)
        self.runner = runner
        self._run_argv = RUNNERS[runner]
        self._tmp = Path(tempfile.mkdtemp(prefix="botu-bdd-cli-"))
        self.db = self._tmp / "botu.db"
        self.coop: str | None = None
        self.commands: list[list[str]] = []  # every command run, for failure messages

    def close(self) -> None:
        shutil.rmtree(self._tmp, ignore_errors=True)

    # --- running the command line -----------------------------------------------------

    def botu(self, *args: str) -> Json:
        """Run ``botu --db … [--coop …] --lang nl --json ARGS``; the parsed JSON, or ``Refusal``."""
        argv = ["--db", str(self.db), "--lang", "nl", "--json"]
        if self.coop is not None:
            argv += ["--coop", self.coop]
        argv += list(args)
        self.commands.append(list(args))
        code, out, err = self._run_argv(argv, self.today)
        shown = "botu " + " ".join(args)
        try:
            data = json.loads(out)
        except json.JSONDecodeError:
            raise CliBroken(
                f"'{shown}' gaf geen JSON (exit {code}).\nstdout: {out[:500]!r}\nstderr: {err[:500]!r}"
            ) from None
        if code == 0:
            self.last_error = None
            return data
        if code in (1, 2) and isinstance(data, dict) and "code" in data and "message" in data:
            if data.get("exit_code") != code:
                raise CliBroken(f"'{shown}': exit {code}, maar de JSON zegt exit_code {data.get('exit_code')!r}")
            self.last_error = Refusal(data["code"], data["message"], data.get("message_en", ""))
            raise self.last_error
        raise CliBroken(f"'{shown}' faalde (exit {code}).\nstdout: {out[:500]!r}\nstderr: {err[:500]!r}")

    def _command(self, *args: str) -> Any:
        data = self.botu(*args)
        if not isinstance(data, dict) or "id" not in data:
            raise CliBroken(f"'botu {' '.join(args)}' gaf {data!r}, geen {{\"id\": …}}")
        return data["id"]

    def _on(self, on: dt.date | None) -> list[str]:
        return ["--on", (on or self.today).isoformat()]

    def _terms_file(self, text: str, end_date: dt.date | None, commitments: Json | None = None) -> str:
        terms = to_json_data(TERMS[text]())
        if end_date is not None:
            terms["end_date"] = end_date.isoformat()
        # Only the commitments that change: botu keeps the others (BoTu's for a first version).
        del terms["commitments"]
        if commitments:
            terms["commitments"] = commitments
        path = self._tmp / f"overeenkomst-{text}-{len(self.commands)}.json"
        path.write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        return str(path)

    # --- the cooperation and its agreement ------------------------------------------

    def found_cooperation(self, name: str, founded_on: dt.date) -> str:
        self.coop = self._command("coop", "create", name, "--founded-on", founded_on.isoformat())
        return self.coop

    def load_example_2021(self) -> str:
        recorded = _EXAMPLE.get(self.runner)
        if recorded is None or not recorded.exists():
            self.coop = self._command("example", "load", "botu-2021")
            keep = Path(tempfile.mkdtemp(prefix="botu-bdd-cli-example-")) / "botu.db"
            _copy_store(self.db, keep)
            _EXAMPLE[self.runner] = keep
        else:
            _copy_store(recorded, self.db)
            coops = self.botu("coop", "list")
            assert len(coops) == 1, coops
            self.coop = coops[0]["id"]
        assert self.coop is not None
        return self.coop

    def adopt_agreement(self, on: dt.date, end_date: dt.date | None = None, *, commitments: Json | None = None) -> str:
        return self._command("agreement", "adopt", self._terms_file("2021", end_date, commitments), *self._on(on))

    def revise_agreement(
        self,
        text: str,
        reason: str,
        on: dt.date,
        *,
        evaluation: str | None = None,
        decision: str | None = None,
        end_date: dt.date | None = None,
        commitments: Json | None = None,
    ) -> str:
        args = ["agreement", "revise", self._terms_file(text, end_date, commitments), "--reason", reason,
                *self._on(on)]
        if evaluation is not None:
            args += ["--evaluation", evaluation]
        if decision is not None:
            args += ["--decision", decision]
        return self._command(*args)

    def choose_coordinators(self, parties: Sequence[str], decision: str | None = None) -> None:
        args = ["party", "coordinators", *parties, *self._on(None)]
        if decision is not None:
            args += ["--decision", decision]
        self._command(*args)

    # --- parties ----------------------------------------------------------------------

    def join(
        self,
        name: str,
        kind: str,
        *,
        phone: str = "",
        email: str = "",
        share_contact: bool = False,
        on: dt.date | None = None,
    ) -> str:
        args = ["party", "join", name, "--kind", kind, *self._on(on)]
        if phone:
            args += ["--phone", phone]
        if email:
            args += ["--email", email]
        if share_contact:
            args.append("--share-contact")
        return self._command(*args)

    def set_contact_sharing(self, party: str, share: bool) -> None:
        self._command("party", "update", party, "--share-contact" if share else "--no-share-contact")

    def leave(self, party: str, on: dt.date | None = None) -> None:
        self._command("party", "leave", party, *self._on(on))

    def sign(
        self, party: str, note: str, capacity: str = "", version: int | None = None, on: dt.date | None = None
    ) -> None:
        args = ["agreement", "sign", party, "--note", note, *self._on(on)]
        if capacity:
            args += ["--capacity", capacity]
        if version is not None:
            args += ["--version", str(version)]
        self._command(*args)

    # --- projects ---------------------------------------------------------------------

    def start_project(
        self,
        title: str,
        plan: str,
        contact: str,
        *,
        goals: Sequence[str] = (),
        co_benefits: Sequence[str] = (),
        on: dt.date | None = None,
    ) -> str:
        args = ["project", "start", title, "--plan", plan, "--contact", contact, *self._on(on)]
        for goal in goals:
            args += ["--goal", goal]
        for benefit in co_benefits:
            args += ["--co-benefit", benefit]
        return self._command(*args)

    def stop_project(self, project: str, reason: str) -> None:
        self._command("project", "stop", project, "--reason", reason, *self._on(None))

    def define_indicator(self, project: str, name: str, unit: str = "", target: str | None = None) -> str:
        args = ["indicator", "define", project, name, *self._on(None)]
        if unit:
            args += ["--unit", unit]
        if target is not None:
            args += ["--target", target]
        return self._command(*args)

    def measure_indicator(self, project: str, indicator: str, value: str, on: dt.date | None = None) -> None:
        self._command("indicator", "measure", project, indicator, value, *self._on(on))

    def record_benefit(
        self, project: str, euros: str, co2_kg: str, period_start: dt.date, period_end: dt.date
    ) -> None:
        self._command(
            "benefit", "record", project, "--euros", euros, "--co2-kg", co2_kg,
            "--from", period_start.isoformat(), "--until", period_end.isoformat(),
        )  # fmt: skip

    # --- budget -----------------------------------------------------------------------

    def make_funds_available(self, source: str, year: int, amount: str) -> None:
        self._command("budget", "fund", source, amount, "--year", str(year), *self._on(None))

    def allocate(self, project: str, source: str, year: int, amount: str, decision: str) -> str:
        return self._command(
            "budget", "allocate", project, amount, "--source", source, "--year", str(year),
            "--decision", decision, *self._on(None),
        )  # fmt: skip

    def withdraw_allocation(self, allocation: str, reason: str) -> None:
        self._command("budget", "withdraw", allocation, "--reason", reason, *self._on(None))

    def record_spending(self, allocation: str, amount: str, description: str) -> None:
        self._command("budget", "spend", allocation, amount, "--description", description, *self._on(None))

    # --- meetings, decisions, disagreements, evaluations --------------------------------

    def hold_meeting(self, kind: str, held_on: dt.date, attendees: Sequence[str] = (), title: str = "") -> str:
        args = ["meeting", "record", "--kind", kind, "--date", held_on.isoformat()]
        for attendee in attendees:
            args += ["--attendee", attendee]
        if title:
            args += ["--title", title]
        return self._command(*args)

    def propose_decision(self, subject: str, text: str) -> str:
        return self._command("decision", "propose", "--subject", subject, "--text", text, *self._on(None))

    def give_opinion(self, decision: str, party: str, stance: str, comment: str = "") -> None:
        args = ["opinion", "give", decision, "--party", party, "--stance", stance, *self._on(None)]
        if comment:
            args += ["--comment", comment]
        self._command(*args)

    def take_decision(self, meeting: str, subject: str, text: str, proposal: str | None = None) -> str:
        args = ["decision", "record", "--meeting", meeting, "--subject", subject, "--text", text]
        if proposal is not None:
            args += ["--proposal", proposal]
        return self._command(*args)

    def raise_disagreement(self, by: str, about: str, on: dt.date | None = None) -> str:
        return self._command("disagreement", "raise", "--by", by, "--about", about, *self._on(on))

    def discuss_disagreement(self, disagreement: str, meeting: str) -> None:
        self._command("disagreement", "discuss", disagreement, "--meeting", meeting)

    def resolve_disagreement(self, disagreement: str, outcome: str, meeting: str | None = None) -> None:
        args = ["disagreement", "resolve", disagreement, "--outcome", outcome, *self._on(None)]
        if meeting is not None:
            args += ["--meeting", meeting]
        self._command(*args)

    def record_evaluation(
        self, year: int, process: str, goals: str, results: str, on: dt.date | None = None
    ) -> str:
        return self._command(
            "evaluation", "record", "--year", str(year), "--process", process, "--goals", goals,
            "--results", results, *self._on(on),
        )  # fmt: skip

    # --- queries ----------------------------------------------------------------------

    def parties(self) -> list[Json]:
        return self.botu("party", "list")

    def agreement(self, version: int | None = None) -> Json:
        return self.botu("agreement", "show", *(["--version", str(version)] if version is not None else []))

    def agreement_versions(self) -> list[int]:
        return [row["version"] for row in self.botu("agreement", "versions")]

    def projects(self) -> list[Json]:
        return self.botu("project", "list")

    def budget(self, year: int | None = None) -> list[Json]:
        return self.botu("budget", "show", *(["--year", str(year)] if year is not None else []))

    def allocations(self) -> list[Json]:
        return self.botu("budget", "allocations")

    def meetings(self) -> list[Json]:
        return self.botu("meeting", "list")

    def decisions(self) -> list[Json]:
        return self.botu("decision", "list")

    def disagreements(self) -> list[Json]:
        return self.botu("disagreement", "list")

    def evaluations(self) -> list[Json]:
        return self.botu("evaluation", "list")

    def benefits(self) -> Json:
        return self.botu("benefit", "show")

    def compliance(self, year: int) -> Json:
        # Open disagreements count their days until "today": the driver's, not the machine's.
        years = self.botu("compliance", "--year", str(year), "--on", self.today.isoformat())
        assert len(years) == 1, years
        return years[0]

    def log(self, until: dt.date | None = None) -> list[Json]:
        return self.botu("log", *(["--until", until.isoformat()] if until is not None else []))

    def rebuild_read_models(self) -> None:
        data = self.botu("rebuild")
        if not isinstance(data, dict) or not isinstance(data.get("events"), int):
            raise CliBroken(f"'botu rebuild' gaf {data!r}")

    # --- witnesses and inclusion receipts ------------------------------------------------

    def _witness_key(self, name: str) -> tuple[str, Path]:
        from botu_core import slugify

        return slugify(name), self._tmp / "getuigen" / f"{slugify(name)}.pem"

    def become_witness(self, name: str) -> None:
        witness, key = self._witness_key(name)
        key.parent.mkdir(exist_ok=True)
        public = self.botu("audit", "witness", "init", witness, "--key", str(key))["public_key"]
        self.botu("audit", "witness", "add", witness, public)

    def witness_cosigns(self, name: str) -> int:
        witness, key = self._witness_key(name)
        self.botu("audit", "checkpoint")
        data = self.botu("audit", "witness", "cosign", witness, "--key", str(key), "--log-key", self.log_public_key())
        return int(data["size"])

    def operator_rewrites_history(self, position: int, old: str, new: str) -> None:
        from botu_core import Cooperations

        from .operator import rewrite_history

        # The operator works on the store itself, not through the command line.
        with Cooperations(str(self.db)) as app:
            rewrite_history(app, str(self.coop), position, old, new)
            app.close()

    def _verdict(self, *args: str) -> Json:
        """A command that answers a verdict in JSON, also when it is "no" (exit 3)."""
        argv = ["--db", str(self.db), "--lang", "nl", "--json", *(["--coop", self.coop] if self.coop else []), *args]
        self.commands.append(list(args))
        code, out, err = self._run_argv(argv, self.today)
        if code not in (0, 3):
            raise CliBroken(f"'botu {' '.join(args)}' faalde (exit {code}).\nstderr: {err[:500]!r}")
        return json.loads(out)

    def verify_with_witness(self, name: str) -> Json:
        witness, key = self._witness_key(name)
        kept = json.loads(key.with_suffix(".state.json").read_text(encoding="utf-8"))
        note = key.with_suffix(".note.txt")
        note.write_text(kept["note"], encoding="utf-8")
        return self._verdict("audit", "verify", "--checkpoint", str(note), "--witness", f"{witness}={self._witness_public(key)}")

    def _witness_public(self, key: Path) -> str:
        """The witness's public key, from its own key file (the witness publishes it)."""
        from botu_core.audit.notes import raw_public
        from botu_core.audit.witness import load_key

        return raw_public(load_key(key)).hex()

    def log_public_key(self) -> str:
        return str(self.botu("audit", "head", "--sign")["signed"]["public_key"])

    def inclusion_receipt(self, position: int) -> Json:
        target = self._tmp / f"bewijs-{position}.json"
        self.botu("audit", "receipt", str(position), "--out", str(target))
        return json.loads(target.read_text(encoding="utf-8"))

    def check_inclusion_receipt(self, receipt: Json, log_key: str) -> Json:
        target = self._tmp / "te-controleren.json"
        target.write_text(json.dumps(receipt), encoding="utf-8")
        return self._verdict("audit", "check-receipt", str(target), "--log-key", log_key)

    # --- registering oneself, confirming, a budget round: not in this driver yet ---------

    def register_self(self, name: str, kind: str) -> str:
        raise NotSupported(WHY_NO_ROUNDS)

    def confirm_party(self, party: str) -> None:
        raise NotSupported(WHY_NO_ROUNDS)

    def open_round(self, title: str, year: int, source: str, amount: str, decision: str, on: dt.date) -> str:
        raise NotSupported(WHY_NO_ROUNDS)

    def submit_proposal(self, round_: str, title: str, cost: str, by: str, on: dt.date | None = None) -> str:
        raise NotSupported(WHY_NO_ROUNDS)

    def cast_ballot(self, round_: str, voter: str, approvals: Sequence[str]) -> str:
        raise NotSupported(WHY_NO_ROUNDS)

    def rounds(self) -> list[Json]:
        raise NotSupported(WHY_NO_ROUNDS)

    def check_receipt(self, round_: str, receipt: str) -> Json:
        raise NotSupported(WHY_NO_ROUNDS)
