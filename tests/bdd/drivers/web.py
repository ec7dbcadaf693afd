"""The web driver: the JSON API under ``/api/v1`` of ``botu_web``, through HTTP.

Every driver call is one HTTP request with a coordinator's bearer token (the role that
may give every command and read the log): commands are ``POST
/api/v1/cooperations/{coop}/commands/{name}`` with the command's fields as JSON and
answer ``201 {"id": …}``; queries are ``GET`` on the same cooperation. A refusal is a
400 (input) or 422 (a rule) with ``{"code", "message", "message_nl", "message_en"}``;
the Dutch message the driver reports is ``message`` — what the API shows a client that
asks for Dutch (``Accept-Language: nl``).

Two ways to reach the app (``transport``):

- ``"asgi"`` (driver ``web``): Litestar's ``TestClient`` on ``botu_web.create_app``, in
  this process (no sockets); the app's store has the driver's fixed clock, like the
  library driver;
- ``"server"`` (driver ``web-server``): the same app served by uvicorn on a free port
  of 127.0.0.1 in a thread, and ``httpx`` over a real socket (a smoke run).

What the API has no request for is done the way an operator does it, on the store the
app serves (the web app never founds cooperations): founding a cooperation and loading
the example history (``botu coop create`` / ``botu example load``), and making the
coordinator's account and token (``botu account create`` / ``botu token create``).
Rebuilding the read models has no request: scenarios that need it are deselected.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from botu_core import Cooperations, to_json_data
from botu_core.examples import load_botu_2021, terms_2021, terms_2022

from .base import Driver, Json, NotSupported, Refusal

TERMS = {"2021": terms_2021, "2022": terms_2022}
PASSWORD = "een lang wachtwoord voor de scenario's"

# Stores made once per test run and copied (SQLite backup) for every scenario: "empty"
# (only the coordinator's account) and "example" (the example history too), with the
# token. Hashing the password (argon2) and recording the example take a while.
_TEMPLATES: dict[str, tuple[Path, str]] = {}


def _template(kind: str) -> tuple[Path, str]:
    found = _TEMPLATES.get(kind)
    if found is not None and found[0].exists():
        return found
    from botu_web import AccountStore

    path = Path(tempfile.mkdtemp(prefix=f"botu-bdd-web-{kind}-")) / "botu.db"
    app = Cooperations(str(path))
    try:
        if kind == "example":
            load_botu_2021(app)
        accounts = AccountStore.for_app(app)
        try:
            # A coordinator of the example's cooperation; of an empty store's, once it is founded.
            coops = [c.id for c in app.cooperations()]
            account = (accounts.create("coordinator", PASSWORD, kind="coordinator", coop_id=coops[0]) if coops
                       else accounts.create("coordinator", PASSWORD))
            token = accounts.create_token(account.id, "BDD-scenario's")[1]
        finally:
            accounts.close()
    finally:
        app.close()
    _TEMPLATES[kind] = (path, token)
    return path, token


class WebBroken(AssertionError):
    """The API answered in a way no front end may (not JSON, a 500, a status that does not fit)."""


def _copy_store(source: Path, target: Path) -> None:
    import sqlite3

    with contextlib.closing(sqlite3.connect(source)) as src, contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    # A store moves with its key file (``botu.db.key``): without it the copy does not open.
    key = source.with_name(source.name + ".key")
    if key.exists():
        shutil.copy(key, target.with_name(target.name + ".key"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Witnesses cosign and receipts are checked with the library or the command line, on the
# party's own machine; the web app only publishes the checkpoint and takes cosignatures.
WITNESS_STEPS = frozenset({
    "become_witness", "witness_cosigns", "operator_rewrites_history", "verify_with_witness",
    "log_public_key", "inclusion_receipt", "check_inclusion_receipt",
})
WHY_NO_WITNESS = "getuigen en bewijzen van opname gaan via de bibliotheek of de opdrachtregel"


class WebDriver(Driver):
    name = "web"
    unsupported: frozenset[str] = frozenset({"rebuild_read_models", "check_receipt"}) | WITNESS_STEPS

    def __init__(self, today: dt.date, transport: str = "asgi") -> None:
        super().__init__(today)
        self.transport = transport
        self._tmp = Path(tempfile.mkdtemp(prefix="botu-bdd-web-"))
        self.db = self._tmp / "botu.db"
        self.coop: str | None = None
        self._app: Cooperations | None = None
        self._client: Any = None
        self._server: Any = None
        self._thread: threading.Thread | None = None
        self.token: str | None = None
        self._logins: dict[str, str] = {}  # party name -> the token of one who registered themselves

    # --- the app, the store and the client ------------------------------------------

    def _open(self, template: str) -> None:
        """A copy of the template store, opened with the fixed clock; the app and a client."""
        from botu_web import create_app

        path, self.token = _template(template)
        _copy_store(path, self.db)
        now = dt.datetime.combine(self.today, dt.time(12, 0), tzinfo=dt.UTC)
        self._app = Cooperations(str(self.db), clock=lambda: now)
        web_app = create_app(self._app)
        headers = {"Authorization": f"Bearer {self.token}", "Accept-Language": "nl"}
        if self.transport == "asgi":
            from litestar.testing import TestClient

            self._client = TestClient(web_app, base_url="http://testserver.local")
            self._client.__enter__()
            self._client.headers.update(headers)
        else:
            import uvicorn

            port = _free_port()
            config = uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
            self._server = uvicorn.Server(config)
            self._thread = threading.Thread(target=self._server.run, daemon=True)
            self._thread.start()
            deadline = time.monotonic() + 20
            while not self._server.started:
                if time.monotonic() > deadline or not self._thread.is_alive():
                    raise WebBroken("de webserver start niet")
                time.sleep(0.02)
            self._client = httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=headers, timeout=30)

    def close(self) -> None:
        if self._client is not None:
            if self.transport == "asgi":
                self._client.__exit__(None, None, None)
            else:
                self._client.close()
        if self._server is not None:
            self._server.should_exit = True
            if self._thread is not None:
                self._thread.join(timeout=10)
        if self._app is not None:
            self._app.close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def _request(self, method: str, path: str, **kwargs: Any) -> Json:
        if self._client is None:
            raise WebBroken("er is nog geen samenwerking: de app draait nog niet")
        response = self._client.request(method, path, **kwargs)
        shown = f"{method} {path}"
        try:
            data = response.json()
        except ValueError:
            raise WebBroken(f"{shown}: {response.status_code}, geen JSON: {response.text[:300]!r}") from None
        if response.status_code in (200, 201):
            self.last_error = None
            return data
        if response.status_code in (400, 422) and isinstance(data, dict) and "code" in data and "message" in data:
            self.last_error = Refusal(data["code"], data["message"], data.get("message_en", ""))
            raise self.last_error
        raise WebBroken(f"{shown}: {response.status_code} {data!r}")

    def _get(self, what: str, **params: Any) -> Json:
        query = {k: v for k, v in params.items() if v is not None}
        return self._request("GET", f"/api/v1/cooperations/{self.coop}/{what}", params=query)

    def _do(self, command: str, /, **fields: Any) -> Any:
        body = {k: _json(v) for k, v in fields.items() if v is not None}
        data = self._request("POST", f"/api/v1/cooperations/{self.coop}/commands/{command}", json=body)
        if not isinstance(data, dict) or "id" not in data:
            raise WebBroken(f"{command} gaf {data!r}, geen {{\"id\": …}}")
        return data["id"]

    def _on(self, on: dt.date | None) -> str:
        return (on or self.today).isoformat()

    # --- the cooperation and its agreement (founding: as an operator, on the store) ---

    def found_cooperation(self, name: str, founded_on: dt.date) -> str:
        self._open("empty")
        assert self._app is not None
        self.coop = self._app.create_cooperation(name, founded_on=founded_on)
        from botu_web import AccountStore

        accounts = AccountStore.for_app(self._app)
        try:
            coordinator = accounts.by_username("coordinator")
            assert coordinator is not None
            accounts.grant(coordinator.id, self.coop, "coordinator")
        finally:
            accounts.close()
        return self.coop

    def load_example_2021(self) -> str:
        self._open("example")
        coops = self._request("GET", "/api/v1/cooperations")
        assert len(coops) == 1, coops
        self.coop = coops[0]["id"]
        assert self.coop is not None
        return self.coop

    def adopt_agreement(self, on: dt.date, end_date: dt.date | None = None, *, commitments: Json | None = None) -> str:
        return self._do("adopt-agreement", terms=_terms("2021", end_date, commitments), on=on)

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
        return self._do(
            "revise-agreement", terms=_terms(text, end_date, commitments), reason=reason, evaluation=evaluation,
            decision=decision, on=on,
        )  # fmt: skip

    def choose_coordinators(self, parties: Sequence[str], decision: str | None = None) -> None:
        self._do("choose-coordinators", parties=list(parties), decision=decision, on=self._on(None))

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
        return self._do(
            "join-party", name=name, kind=kind, phone=phone, email=email, share_contact=share_contact,
            on=self._on(on),
        )  # fmt: skip

    def set_contact_sharing(self, party: str, share: bool) -> None:
        self._do("change-party-details", party=party, share_contact=share)

    def leave(self, party: str, on: dt.date | None = None) -> None:
        self._do("leave-party", party=party, on=self._on(on))

    def sign(
        self, party: str, note: str, capacity: str = "", version: int | None = None, on: dt.date | None = None
    ) -> None:
        self._do("sign-agreement", party=party, note=note, capacity=capacity, version=version, on=self._on(on))

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
        return self._do(
            "start-project", title=title, plan=plan, contact=contact, goals=list(goals),
            co_benefits=list(co_benefits), on=self._on(on),
        )  # fmt: skip

    def stop_project(self, project: str, reason: str) -> None:
        self._do("stop-project", project=project, reason=reason, on=self._on(None))

    def define_indicator(self, project: str, name: str, unit: str = "", target: str | None = None) -> str:
        return self._do("define-indicator", project=project, name=name, unit=unit, target=target, on=self._on(None))

    def measure_indicator(self, project: str, indicator: str, value: str, on: dt.date | None = None) -> None:
        self._do("measure-indicator", project=project, indicator=indicator, value=value, on=self._on(on))

    def record_benefit(
        self, project: str, euros: str, co2_kg: str, period_start: dt.date, period_end: dt.date
    ) -> None:
        self._do(
            "record-benefit", project=project, euros=euros, co2_kg=co2_kg, period_start=period_start,
            period_end=period_end,
        )  # fmt: skip

    # --- budget -----------------------------------------------------------------------

    def make_funds_available(self, source: str, year: int, amount: str) -> None:
        self._do("make-funds-available", source=source, year=year, amount=amount, on=self._on(None))

    def allocate(self, project: str, source: str, year: int, amount: str, decision: str) -> str:
        return self._do(
            "allocate-budget", project=project, source=source, year=year, amount=amount, decision=decision,
            on=self._on(None),
        )  # fmt: skip

    def withdraw_allocation(self, allocation: str, reason: str) -> None:
        self._do("withdraw-allocation", allocation=allocation, reason=reason, on=self._on(None))

    def record_spending(self, allocation: str, amount: str, description: str) -> None:
        self._do("record-spending", allocation=allocation, amount=amount, description=description, on=self._on(None))

    # --- meetings, decisions, disagreements, evaluations --------------------------------

    def hold_meeting(self, kind: str, held_on: dt.date, attendees: Sequence[str] = (), title: str = "") -> str:
        return self._do("record-meeting", kind=kind, held_on=held_on, attendees=list(attendees), title=title)

    def propose_decision(self, subject: str, text: str) -> str:
        return self._do("propose-decision", subject=subject, text=text, on=self._on(None))

    def give_opinion(self, decision: str, party: str, stance: str, comment: str = "") -> None:
        self._do("give-opinion", decision=decision, party=party, stance=stance, comment=comment, on=self._on(None))

    def take_decision(self, meeting: str, subject: str, text: str, proposal: str | None = None) -> str:
        return self._do("record-decision", meeting=meeting, subject=subject, text=text, decision=proposal)

    def raise_disagreement(self, by: str, about: str, on: dt.date | None = None) -> str:
        return self._do("raise-disagreement", by=by, about=about, on=self._on(on))

    def discuss_disagreement(self, disagreement: str, meeting: str) -> None:
        self._do("discuss-disagreement", disagreement=disagreement, meeting=meeting)

    def resolve_disagreement(self, disagreement: str, outcome: str, meeting: str | None = None) -> None:
        self._do("resolve-disagreement", disagreement=disagreement, outcome=outcome, meeting=meeting, on=self._on(None))

    def record_evaluation(
        self, year: int, process: str, goals: str, results: str, on: dt.date | None = None
    ) -> str:
        return self._do(
            "record-evaluation", year=year, process=process, goals=goals, results=results, on=self._on(on)
        )

    # --- queries ----------------------------------------------------------------------

    def parties(self) -> list[Json]:
        return self._get("parties")

    def agreement(self, version: int | None = None) -> Json:
        return self._get("agreement", version=version)

    def agreement_versions(self) -> list[int]:
        return self._get("agreement/versions")

    def projects(self) -> list[Json]:
        return self._get("projects")

    def budget(self, year: int | None = None) -> list[Json]:
        return self._get("budget", year=year)

    def allocations(self) -> list[Json]:
        return self._get("allocations")

    def meetings(self) -> list[Json]:
        return self._get("meetings")

    def decisions(self) -> list[Json]:
        return self._get("decisions")

    def disagreements(self) -> list[Json]:
        return self._get("disagreements")

    def evaluations(self) -> list[Json]:
        return self._get("evaluations")

    def benefits(self) -> Json:
        data = self._get("benefits")
        data.pop("records", None)  # the API adds the single records; the library view has none
        return data

    def compliance(self, year: int) -> Json:
        years = self._get("compliance", year=year)
        assert len(years) == 1, years
        return years[0]

    def log(self, until: dt.date | None = None) -> list[Json]:
        return self._get("log", until=until.isoformat() if until else None)

    def rebuild_read_models(self) -> None:
        raise NotSupported("de API heeft geen verzoek om de overzichten opnieuw op te bouwen")

    # --- registering oneself, confirming, a budget round --------------------------------

    def _as(self, token: str, command: str, body: Json) -> Any:
        """A command with another person's login; a refusal for the role (403) is a refusal too."""
        assert self._client is not None
        response = self._client.post(f"/api/v1/cooperations/{self.coop}/commands/{command}", json=body,
                                     headers={"Authorization": f"Bearer {token}"})
        data = response.json()
        if response.status_code == 201:
            self.last_error = None
            return data["id"]
        if response.status_code in (400, 403, 422) and isinstance(data, dict) and "code" in data:
            self.last_error = Refusal(data["code"], data["message"], data.get("message_en", ""))
            raise self.last_error
        raise WebBroken(f"{command}: {response.status_code} {data!r}")

    def register_self(self, name: str, kind: str) -> str:
        """A new login (no party yet) joins through the API with its own token."""
        from botu_web import AccountStore

        assert self._app is not None
        accounts = AccountStore.for_app(self._app)
        try:
            account = accounts.create(f"bdd-{len(self._logins) + 1}", PASSWORD)
            token = accounts.create_token(account.id, "BDD-scenario's")[1]
        finally:
            accounts.close()
        party = str(self._as(token, "join-party", {"name": name, "kind": kind}))
        self._logins[name] = token
        return party

    def confirm_party(self, party: str) -> None:
        self._do("confirm-party", party=party)

    def open_round(self, title: str, year: int, source: str, amount: str, decision: str, on: dt.date) -> str:
        return str(self._do("open-round", title=title, year=year, decision=decision, rule="greedy", on=on,
                            funds=[{"source": source, "amount": amount}]))

    def submit_proposal(self, round_: str, title: str, cost: str, by: str, on: dt.date | None = None) -> str:
        return str(self._do("submit-proposal", round=round_, title=title, cost=cost, by=by,
                            plan=f"Het plan van {title}.", on=on))

    def cast_ballot(self, round_: str, voter: str, approvals: Sequence[str]) -> str:
        token = self._logins.get(voter)
        if token is None:
            return str(self._do("cast-ballot", round=round_, voter=voter, approvals=list(approvals)))
        return str(self._as(token, "cast-ballot", {"round": round_, "voter": voter, "approvals": list(approvals)}))

    def rounds(self) -> list[Json]:
        return self._get("rounds")  # type: ignore[no-any-return]

    def check_receipt(self, round_: str, receipt: str) -> Json:
        raise NotSupported("de API heeft nog geen verzoek om een stembewijs te controleren")

    def become_witness(self, name: str) -> None:
        raise NotSupported(WHY_NO_WITNESS)

    def witness_cosigns(self, name: str) -> int:
        raise NotSupported(WHY_NO_WITNESS)

    def operator_rewrites_history(self, position: int, old: str, new: str) -> None:
        raise NotSupported(WHY_NO_WITNESS)

    def verify_with_witness(self, name: str) -> Json:
        raise NotSupported(WHY_NO_WITNESS)

    def log_public_key(self) -> str:
        raise NotSupported(WHY_NO_WITNESS)

    def inclusion_receipt(self, position: int) -> Json:
        raise NotSupported(WHY_NO_WITNESS)

    def check_inclusion_receipt(self, receipt: Json, log_key: str) -> Json:
        raise NotSupported(WHY_NO_WITNESS)


def _terms(text: str, end_date: dt.date | None, commitments: Json | None = None) -> Json:
    terms = to_json_data(TERMS[text]())
    if end_date is not None:
        terms["end_date"] = end_date.isoformat()
    # Only the commitments that change: botu keeps the others (BoTu's for a first version).
    del terms["commitments"]
    if commitments:
        terms["commitments"] = commitments
    return terms


def _json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
