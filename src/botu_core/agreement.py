"""The cooperation and its agreement: founding, adopting, revising, coordinators.

Rules from the text:
- "Ook deze samenwerking duurt daarom in elk geval tot 2028": an agreement may promise a
  minimum end date (``Commitments.minimum_end_date``, BoTu's: 2028-01-01); no version ends
  before it, and no revision ends before, or lowers, the promise of the version it revises.
- "Ieder jaar ... stellen we deze overeenkomst waar nodig bij": a revision is a new
  version that names the decision or evaluation behind it; old versions stay.
- "Vanuit het Energienetwerk in BoTu kiezen we een aantal mensen die dit proces
  regelen": coordinators are chosen from the parties.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import attrs

from . import fields as f
from .errors import InvalidInput, RuleViolation, Wording
from .state import Context, CooperationState, Outcome, applies, handles
from .values import COMMITMENT_NAMES, AgreementTerms, Clause, Commitments, clean_text, parse_date

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_slug(value: object) -> None:
    if not isinstance(value, str) or len(value) > 60 or not _SLUG.match(value):
        raise InvalidInput("cooperation.invalid_slug", value=value)


def _slug(_instance: object, _attribute: object, value: object) -> None:
    check_slug(value)


def check_terms(terms: object) -> AgreementTerms:
    """An agreement text people can read, with a key once per clause, with commitments of
    the right kinds, that does not end before the minimum end date it promises itself."""
    if not isinstance(terms, AgreementTerms):
        raise InvalidInput("input.invalid_type", field=Wording("overeenkomst", "agreement"))
    clean_text(Wording("titel", "title"), terms.title, max_len=f.SHORT)
    clean_text(Wording("organisatie", "organisation"), terms.organisation, max_len=f.LONG, required=False)
    seen: set[str] = set()
    for _section, clause in terms.clauses():
        if not isinstance(clause, Clause):
            raise InvalidInput("input.invalid_type", field=Wording("overeenkomst", "agreement"))
        clean_text(Wording("sleutel", "key"), clause.key, max_len=80)
        clean_text(Wording("tekst", "text"), clause.text, max_len=f.LONG)
        if clause.key in seen:
            raise InvalidInput("agreement.duplicate_clause_key", key=clause.key)
        seen.add(clause.key)
    commitments = check_commitments(terms.commitments)
    for name, key in commitments.clauses.items():
        if key not in seen:
            raise InvalidInput("agreement.unknown_clause", commitment=name, key=key)
    if not isinstance(terms.end_date, dt.date):
        raise InvalidInput("input.invalid_date", value=terms.end_date)
    return terms


def check_commitments(commitments: object) -> Commitments:
    """Commitments of the right kinds (the fields' validators name the key that is wrong)."""
    if not isinstance(commitments, Commitments):
        raise InvalidInput("input.invalid_type", field=Wording("afspraken", "commitments"))
    attrs.validate(commitments)  # an instance changed behind attrs' back is checked again
    return commitments


def check_duration(terms: AgreementTerms, version: int, before: AgreementTerms | None = None) -> None:
    """The minimum duration an agreement promises binds that version and every revision:
    no end date before the promise of the version revised (nor of the new one), and the
    promise itself is never made shorter."""
    own = terms.commitments.minimum_end_date
    if before is not None and (minimum := before.commitments.minimum_end_date) is not None:
        if terms.end_date < minimum:
            raise RuleViolation("agreement.end_before_minimum", version=version - 1,
                                minimum=minimum, end_date=terms.end_date)
        if own is None or own < minimum:
            raise RuleViolation("agreement.minimum_end_lowered", version=version - 1, minimum=minimum,
                                new_minimum_nl=own if own is not None else "geen",
                                new_minimum_en=own if own is not None else "none")
    if own is not None and terms.end_date < own:
        raise RuleViolation("agreement.end_before_minimum", version=version, minimum=own,
                            end_date=terms.end_date)


# --- terms as a JSON document (what `agreement template` prints and `adopt`/`revise` read) ---

TERMS_KEYS = ("title", "organisation", "values", "goals", "working_agreements", "end_date", "commitments")
_CLAUSES_EXPECTED = ("een lijst van artikelen met 'key' en 'text'", "a list of clauses with 'key' and 'text'")


def terms_from_data(data: object, base: Commitments | None = None) -> AgreementTerms:
    """Agreement terms from plain JSON data, the shape ``terms_to_data`` gives.

    A missing ``commitments`` (or a missing key in it) keeps ``base``: the commitments of
    the version being revised, or BoTu's defaults for a first version. Every error names
    the key that is wrong; nothing else is read from the document."""
    if not isinstance(data, Mapping):
        raise InvalidInput("agreement.terms_invalid", key="overeenkomst", expected_nl="een JSON-object {…}",
                           expected_en="a JSON object {…}")
    for key in data:
        if key not in TERMS_KEYS and key not in _SHOWN_ONLY:
            raise InvalidInput("agreement.terms_invalid", key=key, expected_nl="dit onderdeel bestaat niet",
                               expected_en="there is no such part")
    for key in ("title", "values", "goals", "working_agreements", "end_date"):
        if key not in data:
            raise InvalidInput("agreement.terms_missing", key=key)
    for key in ("title", "organisation"):
        if not isinstance(data.get(key, ""), str):
            raise InvalidInput("agreement.terms_invalid", key=key, expected_nl="tekst", expected_en="text")
    sections = {key: _clauses_from(key, data[key]) for key in ("values", "goals", "working_agreements")}
    end_date = _date_from("end_date", data["end_date"])
    if end_date is None:
        raise InvalidInput("agreement.terms_missing", key="end_date")
    commitments = commitments_from_data(data.get("commitments", {}), base or Commitments())
    return check_terms(
        AgreementTerms(data["title"], sections["values"], sections["goals"], sections["working_agreements"],
                       end_date, data.get("organisation", ""), commitments)
    )


# What `agreement show --json` prints besides the terms: a shown document reads back as terms.
_SHOWN_ONLY = ("version", "adopted_on", "reason", "decision_id", "evaluation_id", "signatures", "is_current")


def _clauses_from(key: str, items: object) -> tuple[Clause, ...]:
    if not isinstance(items, list):
        raise InvalidInput("agreement.terms_invalid", key=key, expected_nl=_CLAUSES_EXPECTED[0],
                           expected_en=_CLAUSES_EXPECTED[1])
    clauses = []
    for i, item in enumerate(items, start=1):
        if not isinstance(item, Mapping) or not isinstance(item.get("key"), str) or not isinstance(item.get("text"), str):
            raise InvalidInput("agreement.terms_invalid", key=f"{key}[{i}]", expected_nl=_CLAUSES_EXPECTED[0],
                               expected_en=_CLAUSES_EXPECTED[1])
        clauses.append(Clause(item["key"], item["text"]))
    return tuple(clauses)


def _date_from(key: str, value: object) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except InvalidInput:
        raise InvalidInput("agreement.terms_invalid", key=key, expected_nl="een datum JJJJ-MM-DD",
                           expected_en="a date YYYY-MM-DD") from None


def commitments_from_data(data: object, base: Commitments) -> Commitments:
    """Commitments from plain JSON data; keys not given keep ``base``'s value."""
    if not isinstance(data, Mapping):
        raise InvalidInput("agreement.terms_invalid", key="commitments", expected_nl="een JSON-object {…}",
                           expected_en="a JSON object {…}")
    changes: dict[str, Any] = {}
    for name, value in data.items():
        if name not in COMMITMENT_NAMES:
            raise InvalidInput("agreement.unknown_commitment", key=name)
        if name == "minimum_end_date":
            try:
                value = None if value is None else parse_date(value)
            except InvalidInput:
                value = str(value)  # the field's validator names the key
        changes[name] = value
    return attrs.evolve(base, **changes)


def _terms_v1_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Terms recorded before agreements held commitments get today's defaults."""
    terms = data.get("terms")
    if isinstance(terms, dict) and "commitments" not in terms:
        data = {**data, "terms": {**terms, "commitments": _DEFAULT_COMMITMENTS}}
    return data


# The fields left out read as their defaults (BoTu's), when the event is structured.
_DEFAULT_COMMITMENTS: dict[str, Any] = {}


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
        raise InvalidInput("date.in_future", on=on)
    fact = CooperationFounded(cmd.name.strip(), cmd.slug, cmd.neighbourhood.strip(), on)
    return Outcome((fact,))


@handles(AdoptAgreement)
def adopt(state: CooperationState, cmd: AdoptAgreement, ctx: Context) -> Outcome:
    if state.versions:
        raise RuleViolation("agreement.already_adopted")
    terms = check_terms(cmd.terms)
    check_duration(terms, 1)
    on = cmd.on or ctx.today
    state.check_date(on, ctx.today)
    return Outcome((AgreementAdopted(1, terms, on),), "1")


@handles(ReviseAgreement)
def revise(state: CooperationState, cmd: ReviseAgreement, ctx: Context) -> Outcome:
    current = state.current_terms()
    terms = check_terms(cmd.terms)
    check_duration(terms, state.current_version + 1, current)
    if cmd.decision is None and cmd.evaluation is None:
        raise RuleViolation("agreement.revision_needs_reason")
    decision_id = None
    if cmd.decision is not None:
        decision = state.decision(cmd.decision)
        if not decision.taken:
            raise RuleViolation("decision.not_taken", **decision.named())
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
        raise InvalidInput("input.duplicate_items", field=Wording("partijen", "parties"))
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
