"""The cooperation and its agreement: founding, adopting, revising, coordinators.

Rules from the text:
- "Ook deze samenwerking duurt daarom in elk geval tot 2028": no end date before 2028.
- "Ieder jaar ... stellen we deze overeenkomst waar nodig bij": a revision is a new
  version that names the decision or evaluation behind it; old versions stay.
- "Vanuit het Energienetwerk in BoTu kiezen we een aantal mensen die dit proces
  regelen": coordinators are chosen from the parties.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs

from . import fields as f
from .errors import InvalidInput, RuleViolation
from .state import Context, CooperationState, Outcome, applies, handles
from .values import AgreementTerms, Clause, Commitments, clean_text

EARLIEST_END = dt.date(2028, 1, 1)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_slug(value: object) -> None:
    if not isinstance(value, str) or len(value) > 60 or not _SLUG.match(value):
        raise InvalidInput("cooperation.invalid_slug", value=value)


def _slug(_instance: object, _attribute: object, value: object) -> None:
    check_slug(value)


def check_terms(terms: object) -> AgreementTerms:
    """An agreement text people can read, with a key once per clause, running until 2028 at least."""
    if not isinstance(terms, AgreementTerms):
        raise InvalidInput("input.invalid_type", field="overeenkomst")
    clean_text("titel", terms.title, max_len=f.SHORT)
    clean_text("organisatie", terms.organisation, max_len=f.LONG, required=False)
    seen: set[str] = set()
    for _section, clause in terms.clauses():
        if not isinstance(clause, Clause):
            raise InvalidInput("input.invalid_type", field="overeenkomst")
        clean_text("sleutel", clause.key, max_len=80)
        clean_text("tekst", clause.text, max_len=f.LONG)
        if clause.key in seen:
            raise InvalidInput("agreement.duplicate_clause_key", key=clause.key)
        seen.add(clause.key)
    check_commitments(terms.commitments)
    if not isinstance(terms.end_date, dt.date):
        raise InvalidInput("input.invalid_date", value=terms.end_date)
    if terms.end_date < EARLIEST_END:
        raise RuleViolation("agreement.end_before_2028", end_date=terms.end_date.isoformat())
    return terms


def check_commitments(commitments: object) -> Commitments:
    """Commitments of the right kinds: yes/no choices are booleans, figures whole numbers."""
    if not isinstance(commitments, Commitments):
        raise InvalidInput("input.invalid_type", field="afspraken")
    for field in attrs.fields(Commitments):
        value = getattr(commitments, field.name)
        if field.type in (bool, "bool") and not isinstance(value, bool):
            raise InvalidInput("input.invalid_type", field=field.name)
    return commitments


def _terms_v1_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Terms recorded before agreements held commitments get today's defaults."""
    terms = data.get("terms")
    if isinstance(terms, dict) and "commitments" not in terms:
        data = {**data, "terms": {**terms, "commitments": _DEFAULT_COMMITMENTS}}
    return data


_DEFAULT_COMMITMENTS: dict[str, Any] = {f.name: f.default for f in attrs.fields(Commitments)}


# --- commands --------------------------------------------------------------------


@attrs.frozen
class FoundCooperation:
    name: str = f.text()
    slug: str = f.validated(_slug)
    neighbourhood: str = f.optional_text()
    founded_on: dt.date | None = f.optional_date()


@attrs.frozen
class AdoptAgreement:
    """Version 1 of the agreement."""

    terms: AgreementTerms
    on: dt.date | None = f.optional_date()


@attrs.frozen
class ReviseAgreement:
    """A new version, with the decision or the evaluation it comes from."""

    terms: AgreementTerms
    reason: str = f.text(f.LONG)
    decision: str | None = f.optional_ref()
    evaluation: str | None = f.optional_ref()
    on: dt.date | None = f.optional_date()


@attrs.frozen
class ChooseCoordinators:
    parties: tuple[str, ...] = f.refs()
    decision: str | None = f.optional_ref()
    on: dt.date | None = f.optional_date()


# --- events ----------------------------------------------------------------------


@attrs.frozen
class CooperationFounded:
    name: str
    slug: str
    neighbourhood: str
    founded_on: dt.date


@attrs.frozen
class AgreementAdopted:
    """Version 2: the terms hold the agreement's commitments (older terms get the defaults)."""

    class_version = 2

    version: int
    terms: AgreementTerms
    adopted_on: dt.date

    upcast_v1_v2 = staticmethod(_terms_v1_v2)


@attrs.frozen
class AgreementRevised:
    """Version 2: the terms hold the agreement's commitments (older terms get the defaults)."""

    class_version = 2

    version: int
    terms: AgreementTerms
    reason: str
    decision_id: str | None
    evaluation_id: str | None
    revised_on: dt.date

    upcast_v1_v2 = staticmethod(_terms_v1_v2)


@attrs.frozen
class CoordinatorsChosen:
    party_ids: tuple[str, ...]
    decision_id: str | None
    chosen_on: dt.date


# --- rules -----------------------------------------------------------------------


@handles(FoundCooperation)
def found(state: CooperationState, cmd: FoundCooperation, ctx: Context) -> Outcome:
    if state.founded_on is not None:
        raise RuleViolation("cooperation.slug_taken", slug=cmd.slug)
    on = cmd.founded_on or ctx.today
    if on > ctx.today:
        raise InvalidInput("date.in_future", on=on.isoformat())
    fact = CooperationFounded(cmd.name.strip(), cmd.slug, cmd.neighbourhood.strip(), on)
    return Outcome((fact,))


@handles(AdoptAgreement)
def adopt(state: CooperationState, cmd: AdoptAgreement, ctx: Context) -> Outcome:
    if state.versions:
        raise RuleViolation("agreement.already_adopted")
    terms = check_terms(cmd.terms)
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    return Outcome((AgreementAdopted(1, terms, on),), "1")


@handles(ReviseAgreement)
def revise(state: CooperationState, cmd: ReviseAgreement, ctx: Context) -> Outcome:
    current = state.current_terms()
    terms = check_terms(cmd.terms)
    if cmd.decision is None and cmd.evaluation is None:
        raise RuleViolation("agreement.revision_needs_reason")
    decision_id = None
    if cmd.decision is not None:
        decision = state.decision(cmd.decision)
        if not decision.taken:
            raise RuleViolation("decision.not_taken", decision=decision.decision_id)
        decision_id = decision.decision_id
    evaluation_id = None
    if cmd.evaluation is not None:
        if cmd.evaluation not in state.evaluations:
            raise RuleViolation("evaluation.unknown", ref=cmd.evaluation)
        evaluation_id = cmd.evaluation
    if terms == current:
        raise RuleViolation("agreement.revision_unchanged")
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    version = state.current_version + 1
    fact = AgreementRevised(version, terms, cmd.reason.strip(), decision_id, evaluation_id, on)
    return Outcome((fact,), str(version))


@handles(ChooseCoordinators)
def choose_coordinators(state: CooperationState, cmd: ChooseCoordinators, ctx: Context) -> Outcome:
    if not cmd.parties:
        raise InvalidInput("coordinators.empty")
    party_ids = tuple(state.active_party(ref).party_id for ref in cmd.parties)
    if len(set(party_ids)) != len(party_ids):
        raise InvalidInput("input.duplicate_items", field="partijen")
    decision_id = state.decision(cmd.decision).decision_id if cmd.decision else None
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    return Outcome((CoordinatorsChosen(party_ids, decision_id, on),))


# --- how the facts change the state ------------------------------------------------


@applies(CooperationFounded)
def _founded(state: CooperationState, fact: CooperationFounded) -> None:
    state.name = fact.name
    state.slug = fact.slug
    state.founded_on = fact.founded_on


@applies(AgreementAdopted)
def _adopted(state: CooperationState, fact: AgreementAdopted) -> None:
    state.versions[fact.version] = fact.terms


@applies(AgreementRevised)
def _revised(state: CooperationState, fact: AgreementRevised) -> None:
    state.versions[fact.version] = fact.terms


@applies(CoordinatorsChosen)
def _coordinators(state: CooperationState, fact: CoordinatorsChosen) -> None:
    for party in state.parties.values():
        party.coordinator = party.party_id in fact.party_ids
