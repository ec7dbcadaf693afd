"""The driver interface the Dutch scenarios are written against.

A driver is one way to use botu: the library (direct calls), the ``botu`` CLI (a
subprocess reading ``--json``), the web app (HTTP). Step definitions only talk to a
``Driver``, never to ``botu_core`` directly, so the same scenario runs against every
front end.

Conventions every driver keeps, so steps stay front-end neutral:
- Things are named the way people name them: parties by name, projects by title.
  Meetings, decisions, disagreements, allocations and evaluations are named by the
  id the command that made them returned.
- Inputs are plain Python values: ``datetime.date`` for dates, amounts and numbers
  as the text a person typed ("12.500,00"), kinds and co-benefits as the model's
  values ("resident", "education").
- Query results are plain JSON data (dicts, lists, strings) in the shape of
  ``botu_core.to_json_data`` of the library's views: what ``--json`` prints.
- A refused command raises ``Refusal`` (code and the Dutch and English message the
  person sees) and also leaves it in ``last_error``; a successful one clears it.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Sequence
from typing import Any

Json = Any


class Refusal(Exception):
    """botu refused a command: the error as the person using the front end sees it."""

    def __init__(self, code: str, message_nl: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_nl}")
        self.code = code
        self.message_nl = message_nl
        self.message_en = message_en


class NotSupported(Exception):
    """This front end cannot do this (yet)."""


class Driver(abc.ABC):
    """One front end of botu, as the scenarios use it."""

    name: str = "abstract"
    # Methods of this interface the front end cannot do (they raise ``NotSupported``).
    # A scenario with a step that needs one is not collected for this driver — it is
    # deselected and counted in the terminal summary, never skipped (``capabilities.py``).
    unsupported: frozenset[str] = frozenset()

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.last_error: Refusal | None = None

    def close(self) -> None:  # noqa: B027 - optional hook
        """Free what the driver holds (stores, processes)."""

    # --- the cooperation and its agreement ------------------------------------------

    @abc.abstractmethod
    def found_cooperation(self, name: str, founded_on: dt.date) -> str: ...

    @abc.abstractmethod
    def load_example_2021(self) -> str:
        """Record the example history of Energiewijk BoTu (2021) as the cooperation."""

    @abc.abstractmethod
    def adopt_agreement(self, on: dt.date, end_date: dt.date | None = None, *, commitments: Json | None = None) -> str:
        """Adopt the text of 2021 as version 1 (with another end date if given, and the
        commitments given as JSON data, e.g. ``{"plenary_meetings_per_year": 4}``; the rest
        are BoTu's)."""

    @abc.abstractmethod
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
        """A new version with the text of ``text`` ("2021" or "2022"); the commitments given
        change, the others stay those of the version revised."""

    @abc.abstractmethod
    def choose_coordinators(self, parties: Sequence[str], decision: str | None = None) -> None: ...

    # --- parties ----------------------------------------------------------------------

    @abc.abstractmethod
    def join(
        self,
        name: str,
        kind: str,
        *,
        phone: str = "",
        email: str = "",
        share_contact: bool = False,
        on: dt.date | None = None,
    ) -> str: ...

    @abc.abstractmethod
    def set_contact_sharing(self, party: str, share: bool) -> None: ...

    @abc.abstractmethod
    def leave(self, party: str, on: dt.date | None = None) -> None: ...

    @abc.abstractmethod
    def sign(
        self, party: str, note: str, capacity: str = "", version: int | None = None, on: dt.date | None = None
    ) -> None: ...

    # --- projects ---------------------------------------------------------------------

    @abc.abstractmethod
    def start_project(
        self,
        title: str,
        plan: str,
        contact: str,
        *,
        goals: Sequence[str] = (),
        co_benefits: Sequence[str] = (),
        on: dt.date | None = None,
    ) -> str: ...

    @abc.abstractmethod
    def stop_project(self, project: str, reason: str) -> None: ...

    @abc.abstractmethod
    def define_indicator(self, project: str, name: str, unit: str = "", target: str | None = None) -> str: ...

    @abc.abstractmethod
    def measure_indicator(self, project: str, indicator: str, value: str, on: dt.date | None = None) -> None: ...

    @abc.abstractmethod
    def record_benefit(
        self, project: str, euros: str, co2_kg: str, period_start: dt.date, period_end: dt.date
    ) -> None: ...

    # --- budget -----------------------------------------------------------------------

    @abc.abstractmethod
    def make_funds_available(self, source: str, year: int, amount: str) -> None: ...

    @abc.abstractmethod
    def allocate(self, project: str, source: str, year: int, amount: str, decision: str) -> str: ...

    @abc.abstractmethod
    def withdraw_allocation(self, allocation: str, reason: str) -> None: ...

    @abc.abstractmethod
    def record_spending(self, allocation: str, amount: str, description: str) -> None: ...

    # --- meetings, decisions, disagreements, evaluations --------------------------------

    @abc.abstractmethod
    def hold_meeting(self, kind: str, held_on: dt.date, attendees: Sequence[str] = (), title: str = "") -> str: ...

    @abc.abstractmethod
    def propose_decision(self, subject: str, text: str) -> str: ...

    @abc.abstractmethod
    def give_opinion(self, decision: str, party: str, stance: str, comment: str = "") -> None: ...

    @abc.abstractmethod
    def take_decision(self, meeting: str, subject: str, text: str, proposal: str | None = None) -> str: ...

    @abc.abstractmethod
    def raise_disagreement(self, by: str, about: str, on: dt.date | None = None) -> str: ...

    @abc.abstractmethod
    def discuss_disagreement(self, disagreement: str, meeting: str) -> None: ...

    @abc.abstractmethod
    def resolve_disagreement(self, disagreement: str, outcome: str, meeting: str | None = None) -> None: ...

    @abc.abstractmethod
    def record_evaluation(
        self, year: int, process: str, goals: str, results: str, on: dt.date | None = None
    ) -> str: ...

    # --- registering oneself, confirming, and a budget round ----------------------------

    @abc.abstractmethod
    def register_self(self, name: str, kind: str) -> str:
        """A person with a login but no party yet joins on their own (not a coordinator for them)."""

    @abc.abstractmethod
    def confirm_party(self, party: str) -> None:
        """A coordinator confirms a party that registered itself."""

    @abc.abstractmethod
    def open_round(self, title: str, year: int, source: str, amount: str, decision: str, on: dt.date) -> str: ...

    @abc.abstractmethod
    def submit_proposal(self, round_: str, title: str, cost: str, by: str, on: dt.date | None = None) -> str: ...

    @abc.abstractmethod
    def cast_ballot(self, round_: str, voter: str, approvals: Sequence[str]) -> str:
        """``voter`` casts a ballot as itself (a party that registered itself: with its own
        login); returns the receipt."""

    @abc.abstractmethod
    def rounds(self) -> list[Json]: ...

    @abc.abstractmethod
    def check_receipt(self, round_: str, receipt: str) -> Json: ...

    # --- witnesses and inclusion receipts ------------------------------------------------

    @abc.abstractmethod
    def become_witness(self, name: str) -> None:
        """``name`` (the municipality, a resident, …) makes a key of its own, kept outside
        the store, and is registered as a witness of the cooperation."""

    @abc.abstractmethod
    def witness_cosigns(self, name: str) -> int:
        """The cooperation signs the checkpoint of its log; the witness checks it against
        the one it cosigned before and cosigns it (``Refusal`` when it will not). The size."""

    @abc.abstractmethod
    def operator_rewrites_history(self, position: int, old: str, new: str) -> None:
        """The operator, who runs the store and holds the cooperation's key, changes the
        stored bytes of an event, recomputes chain and tree and signs again (``operator``)."""

    @abc.abstractmethod
    def verify_with_witness(self, name: str) -> Json:
        """``audit verify`` given the checkpoint the witness kept and its public key: the verdict."""

    @abc.abstractmethod
    def log_public_key(self) -> str:
        """The cooperation's public key as it publishes it (hex)."""

    @abc.abstractmethod
    def inclusion_receipt(self, position: int) -> Json:
        """The inclusion receipt of the event at ``position`` (JSON data)."""

    @abc.abstractmethod
    def check_inclusion_receipt(self, receipt: Json, log_key: str) -> Json:
        """Check a receipt offline with the key kept: the verdict (JSON data)."""

    # --- queries (plain JSON data) ------------------------------------------------------

    @abc.abstractmethod
    def parties(self) -> list[Json]: ...

    @abc.abstractmethod
    def agreement(self, version: int | None = None) -> Json: ...

    @abc.abstractmethod
    def agreement_versions(self) -> list[int]: ...

    @abc.abstractmethod
    def projects(self) -> list[Json]: ...

    @abc.abstractmethod
    def budget(self, year: int | None = None) -> list[Json]: ...

    @abc.abstractmethod
    def allocations(self) -> list[Json]: ...

    @abc.abstractmethod
    def meetings(self) -> list[Json]: ...

    @abc.abstractmethod
    def decisions(self) -> list[Json]: ...

    @abc.abstractmethod
    def disagreements(self) -> list[Json]: ...

    @abc.abstractmethod
    def evaluations(self) -> list[Json]: ...

    @abc.abstractmethod
    def benefits(self) -> Json: ...

    @abc.abstractmethod
    def compliance(self, year: int) -> Json: ...

    @abc.abstractmethod
    def log(self, until: dt.date | None = None) -> list[Json]: ...

    @abc.abstractmethod
    def rebuild_read_models(self) -> None:
        """Throw the read models away and rebuild them from the log."""

    # --- helpers every driver gets ------------------------------------------------------

    def event_count(self) -> int:
        return len(self.log())

    def party(self, name: str) -> Json:
        for party in self.parties():
            if party["name"] == name:
                return party
        raise AssertionError(f"er is geen partij {name!r} (partijen: {[p['name'] for p in self.parties()]})")

    def project(self, title: str) -> Json:
        for project in self.projects():
            if project["title"] == title:
                return project
        raise AssertionError(f"er is geen project {title!r}")

    def decision(self, subject: str) -> Json:
        found = [d for d in self.decisions() if d["subject"] == subject]
        if not found:
            raise AssertionError(f"er is geen besluit of voorstel {subject!r}")
        return found[-1]
