"""The library driver: direct calls on ``botu_core.Cooperations``.

Runs on an in-memory store by default (fast); ``url="sqlite-temp"`` uses a SQLite
file in a temporary folder instead, to run the same scenarios on the embedded store.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from botu_core import (
    Actor,
    AdoptAgreement,
    CastBallot,
    ConfirmParty,
    FundShare,
    OpenRound,
    SubmitProposal,
    AllocateBudget,
    BotuError,
    ChangePartyDetails,
    ChooseCoordinators,
    Cooperations,
    DefineIndicator,
    DiscussDisagreement,
    GiveOpinion,
    InvalidInput,
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
    ReviseAgreement,
    SignAgreement,
    Stance,
    StartProject,
    StopProject,
    WithdrawAllocation,
    CoBenefit,
    parse_enum,
    slugify,
    to_json_data,
)
from botu_core.examples import load_botu_2021, terms_2021, terms_2022

from .base import Driver, Json, Refusal

T = TypeVar("T")

TERMS = {"2021": terms_2021, "2022": terms_2022}


def _number(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidInput("input.invalid_number", value=text) from None
    return value


class LibraryDriver(Driver):
    name = "library"

    def __init__(self, today: dt.date, url: str = "memory:") -> None:
        super().__init__(today)
        self._tmp: str | None = None
        if url == "sqlite-temp":
            self._tmp = tempfile.mkdtemp(prefix="botu-bdd-")
            url = str(Path(self._tmp) / "botu.db")
        now = dt.datetime.combine(today, dt.time(12, 0), tzinfo=dt.UTC)
        self.app = Cooperations(url, clock=lambda: now)
        self.coop: str | None = None
        self.logins: dict[str, Actor] = {}  # party name -> the login of one who registered themselves
        self._witness_dir: str | None = None  # witnesses' own keys and states, outside the store

    def close(self) -> None:
        self.app.close()
        for folder in (self._tmp, self._witness_dir):
            if folder:
                shutil.rmtree(folder, ignore_errors=True)

    # --- running commands -----------------------------------------------------------

    def _run(self, make: Callable[[], T]) -> T:
        """Run ``make`` (build a command and execute it); turn a refusal into ``Refusal``."""
        try:
            result = make()
        except BotuError as error:
            self.last_error = Refusal(error.code, error.message_nl, error.message_en)
            raise self.last_error from None
        self.last_error = None
        return result

    def _do(self, build: Callable[[], object]) -> Any:
        return self._run(lambda: self.app.execute(self.coop, build()))

    # --- the cooperation and its agreement ------------------------------------------

    def found_cooperation(self, name: str, founded_on: dt.date) -> str:
        self.coop = self._run(lambda: self.app.create_cooperation(name, founded_on=founded_on))
        return self.coop

    def load_example_2021(self) -> str:
        self.coop = self._run(lambda: load_botu_2021(self.app))
        return self.coop

    def adopt_agreement(self, on: dt.date, end_date: dt.date | None = None, *, commitments: Json | None = None) -> str:
        def build() -> AdoptAgreement:
            terms = terms_2021()
            if end_date is not None:
                terms = _with_end(terms, end_date)
            if commitments:
                terms = _with_commitments(terms, terms.commitments, commitments)
            return AdoptAgreement(terms, on=on)

        return self._do(build)

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
        def build() -> ReviseAgreement:
            terms = TERMS[text]()
            if end_date is not None:
                terms = _with_end(terms, end_date)
            # A revision keeps the commitments it does not change (as the front ends do).
            terms = _with_commitments(terms, self.app.agreement(self.coop).commitments, commitments or {})
            return ReviseAgreement(terms, reason=reason, evaluation=evaluation, decision=decision, on=on)

        return self._do(build)

    def choose_coordinators(self, parties: Sequence[str], decision: str | None = None) -> None:
        self._do(lambda: ChooseCoordinators(parties=tuple(parties), decision=decision))

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
            lambda: JoinParty(
                name=name,
                kind=parse_enum(PartyKind, kind, "soort"),
                phone=phone,
                email=email,
                share_contact=share_contact,
                on=on,
            )
        )

    def register_self(self, name: str, kind: str) -> str:
        login = Actor(account=f"bdd:{name}")
        party = str(self._run(lambda: self.app.execute(
            self.coop, JoinParty(name=name, kind=parse_enum(PartyKind, kind, "soort")), actor=login)))
        self.logins[name] = Actor(account=login.account, parties={str(self.app.resolve(self.coop)): party})
        return party

    def confirm_party(self, party: str) -> None:
        self._do(lambda: ConfirmParty(party=party))

    def open_round(self, title: str, year: int, source: str, amount: str, decision: str, on: dt.date) -> str:
        return self._do(lambda: OpenRound(title=title, year=year, funds=(FundShare(source, Money.parse(amount)),),
                                          decision=decision, rule="greedy", on=on))

    def submit_proposal(self, round_: str, title: str, cost: str, by: str, on: dt.date | None = None) -> str:
        return self._do(lambda: SubmitProposal(round=round_, title=title, cost=Money.parse(cost), by=by,
                                               plan=f"Het plan van {title}.", on=on))

    def cast_ballot(self, round_: str, voter: str, approvals: Sequence[str]) -> str:
        login = self.logins.get(voter)
        if login is not None:
            voter = dict(login.parties)[str(self.app.resolve(self.coop))]
        return str(self._run(lambda: self.app.execute(
            self.coop, CastBallot(round=round_, voter=voter, approvals=tuple(approvals)), actor=login)))

    def rounds(self) -> list[Json]:
        return self._run(lambda: to_json_data(self.app.rounds(self.coop)))  # type: ignore[no-any-return]

    def check_receipt(self, round_: str, receipt: str) -> Json:
        return self._run(lambda: to_json_data(self.app.check_receipt(self.coop, round_, receipt)))

    def set_contact_sharing(self, party: str, share: bool) -> None:
        self._do(lambda: ChangePartyDetails(party=party, share_contact=share))

    def leave(self, party: str, on: dt.date | None = None) -> None:
        self._do(lambda: LeaveParty(party=party, on=on))

    def sign(
        self, party: str, note: str, capacity: str = "", version: int | None = None, on: dt.date | None = None
    ) -> None:
        self._do(lambda: SignAgreement(party=party, note=note, capacity=capacity, version=version, on=on))

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
            lambda: StartProject(
                title=title,
                plan=plan,
                contact=contact,
                goals=tuple(goals),
                co_benefits=tuple(parse_enum(CoBenefit, c, "meekoppelkansen") for c in co_benefits),
                on=on,
            )
        )

    def stop_project(self, project: str, reason: str) -> None:
        self._do(lambda: StopProject(project=project, reason=reason))

    def define_indicator(self, project: str, name: str, unit: str = "", target: str | None = None) -> str:
        return self._do(lambda: DefineIndicator(project=project, name=name, unit=unit, target=_number(target)))

    def measure_indicator(self, project: str, indicator: str, value: str, on: dt.date | None = None) -> None:
        self._do(lambda: MeasureIndicator(project=project, indicator=indicator, value=_number(value), on=on))

    def record_benefit(
        self, project: str, euros: str, co2_kg: str, period_start: dt.date, period_end: dt.date
    ) -> None:
        self._do(
            lambda: RecordBenefit(
                project=project,
                euros=Money.parse(euros),
                co2_kg=_number(co2_kg),
                period_start=period_start,
                period_end=period_end,
            )
        )

    # --- budget -----------------------------------------------------------------------

    def make_funds_available(self, source: str, year: int, amount: str) -> None:
        self._do(lambda: MakeFundsAvailable(source=source, year=year, amount=Money.parse(amount)))

    def allocate(self, project: str, source: str, year: int, amount: str, decision: str) -> str:
        return self._do(
            lambda: AllocateBudget(
                project=project, source=source, year=year, amount=Money.parse(amount), decision=decision
            )
        )

    def withdraw_allocation(self, allocation: str, reason: str) -> None:
        self._do(lambda: WithdrawAllocation(allocation=allocation, reason=reason))

    def record_spending(self, allocation: str, amount: str, description: str) -> None:
        self._do(lambda: RecordSpending(allocation=allocation, amount=Money.parse(amount), description=description))

    # --- meetings, decisions, disagreements, evaluations --------------------------------

    def hold_meeting(self, kind: str, held_on: dt.date, attendees: Sequence[str] = (), title: str = "") -> str:
        return self._do(
            lambda: RecordMeeting(
                kind=parse_enum(MeetingKind, kind, "soort bijeenkomst"),
                held_on=held_on,
                title=title,
                attendees=tuple(attendees),
            )
        )

    def propose_decision(self, subject: str, text: str) -> str:
        return self._do(lambda: ProposeDecision(subject=subject, text=text))

    def give_opinion(self, decision: str, party: str, stance: str, comment: str = "") -> None:
        self._do(
            lambda: GiveOpinion(
                decision=decision, party=party, stance=parse_enum(Stance, stance, "mening"), comment=comment
            )
        )

    def take_decision(self, meeting: str, subject: str, text: str, proposal: str | None = None) -> str:
        return self._do(lambda: RecordDecision(meeting=meeting, subject=subject, text=text, decision=proposal))

    def raise_disagreement(self, by: str, about: str, on: dt.date | None = None) -> str:
        return self._do(lambda: RaiseDisagreement(by=by, about=about, on=on))

    def discuss_disagreement(self, disagreement: str, meeting: str) -> None:
        self._do(lambda: DiscussDisagreement(disagreement=disagreement, meeting=meeting))

    def resolve_disagreement(self, disagreement: str, outcome: str, meeting: str | None = None) -> None:
        self._do(lambda: ResolveDisagreement(disagreement=disagreement, outcome=outcome, meeting=meeting))

    def record_evaluation(
        self, year: int, process: str, goals: str, results: str, on: dt.date | None = None
    ) -> str:
        return self._do(lambda: RecordEvaluation(year=year, process=process, goals=goals, results=results, on=on))

    # --- queries ----------------------------------------------------------------------

    def _query(self, make: Callable[[], Any]) -> Any:
        return to_json_data(make())

    @property
    def _owner(self) -> Any:
        """The queries as the store's owner reads them (as members do): the application
        alone answers as the public."""
        return self.app.view_as("member")

    def parties(self) -> list[Json]:
        return self._query(lambda: self._owner.parties(self.coop))

    def agreement(self, version: int | None = None) -> Json:
        return self._query(lambda: self._owner.agreement(self.coop, version))

    def agreement_versions(self) -> list[int]:
        return list(self.app.agreement_versions(self.coop))

    def projects(self) -> list[Json]:
        return self._query(lambda: self._owner.projects(self.coop))

    def budget(self, year: int | None = None) -> list[Json]:
        return self._query(lambda: self.app.budget(self.coop, year))

    def allocations(self) -> list[Json]:
        return self._query(lambda: self.app.allocations(self.coop))

    def meetings(self) -> list[Json]:
        return self._query(lambda: self.app.meetings(self.coop))

    def decisions(self) -> list[Json]:
        return self._query(lambda: self._owner.decisions(self.coop))

    def disagreements(self) -> list[Json]:
        return self._query(lambda: self._owner.disagreements(self.coop))

    def evaluations(self) -> list[Json]:
        return self._query(lambda: self.app.evaluations(self.coop))

    def benefits(self) -> Json:
        return self._query(lambda: self.app.benefits(self.coop))

    def compliance(self, year: int) -> Json:
        return self._query(lambda: self.app.compliance(self.coop, year)[0])

    def log(self, until: dt.date | None = None) -> list[Json]:
        return self._query(lambda: self._owner.log(self.coop, until=until))

    def rebuild_read_models(self) -> None:
        self.app.rebuild_read_models()

    # --- witnesses and inclusion receipts ------------------------------------------------

    def _witness(self, name: str) -> Any:
        from botu_core.audit.witness import Witness, create_key, load_key

        if self._witness_dir is None:
            self._witness_dir = tempfile.mkdtemp(prefix="botu-bdd-witness-")
        key = Path(self._witness_dir) / f"{slugify(name)}.pem"
        return Witness(slugify(name), load_key(key) if key.exists() else create_key(key), key.with_suffix(".json"))

    def become_witness(self, name: str) -> None:
        witness = self._witness(name)
        self._run(lambda: self.app.audit.add_witness(self.coop, witness.name, witness.public_key))

    def witness_cosigns(self, name: str) -> int:
        witness = self._witness(name)

        def cosign() -> int:
            note = self.app.audit.checkpoint(self.coop)
            seen = witness.state()
            size = note.checkpoint.size
            proof = self.app.audit.consistency(self.coop, seen.size, size) if seen is not None and seen.size < size else None
            stamp = int(dt.datetime.combine(self.today, dt.time(12, 0), tzinfo=dt.UTC).timestamp())
            cosigned = witness.cosign(note.text(), proof, log_key=self.app.audit.public_key(self.coop), timestamp=stamp)
            self.app.audit.add_cosignatures(self.coop, cosigned.text())
            return size

        return self._run(cosign)

    def operator_rewrites_history(self, position: int, old: str, new: str) -> None:
        from .operator import rewrite_history

        rewrite_history(self.app, str(self.coop), position, old, new)

    def verify_with_witness(self, name: str) -> Json:
        witness = self._witness(name)
        kept = witness.state()
        assert kept is not None, f"{name} heeft nog niets meegetekend"
        verdict = self.app.audit.verify(self.coop, checkpoints=[kept.note], witnesses={witness.name: witness.public_key})
        return to_json_data(verdict.to_dict())

    def log_public_key(self) -> str:
        return self._query(lambda: self.app.audit.public_key(self.coop))

    def inclusion_receipt(self, position: int) -> Json:
        import json

        return json.loads(self._run(lambda: self.app.audit.receipt(self.coop, position)).to_json())

    def check_inclusion_receipt(self, receipt: Json, log_key: str) -> Json:
        from botu_core import check_inclusion_receipt

        return to_json_data(self._run(lambda: check_inclusion_receipt(receipt, log_key=log_key)).to_dict())


def _with_commitments(terms: Any, base: Any, changes: Json) -> Any:
    import attrs

    from botu_core.agreement import commitments_from_data

    return attrs.evolve(terms, commitments=commitments_from_data(changes, base))


def _with_end(terms: Any, end_date: dt.date) -> Any:
    import attrs

    return attrs.evolve(terms, end_date=end_date)
