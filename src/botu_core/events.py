"""The event vocabulary: every fact a cooperation can record, in one tagged union.

Each fact is a frozen attrs class defined next to its rules (``parties``, ``budget``,
…). This module only gathers them, so the serialiser and the read models know them all.
"""

from __future__ import annotations

from typing import Union

from .agreement import AgreementAdopted, AgreementRevised, CooperationFounded, CoordinatorsChosen
from .budget import AllocationWithdrawn, BudgetAllocated, FundsMadeAvailable, SpendingRecorded
from .disagreements import DisagreementDiscussed, DisagreementRaised, DisagreementResolved
from .evaluations import EvaluationRecorded
from .meetings import DecisionProposed, DecisionTaken, MeetingHeld, OpinionGiven
from .parties import (
    AgreementSigned,
    ContactConsentGiven,
    ContactConsentWithdrawn,
    PartyDetailsChanged,
    PartyConfirmed,
    PartyForgotten,
    PartyJoined,
    PartyLeft,
    PartyRejoined,
)
from .participatory.rounds import BallotCast, BallotsImported, ProposalSubmitted, RoundClosed, RoundOpened
from .projects import (
    BenefitRecorded,
    ContactChanged,
    IndicatorDefined,
    IndicatorMeasured,
    PlanUpdated,
    ProjectCompleted,
    ProjectStarted,
    ProjectStopped,
)

EVENT_TYPES: tuple[type, ...] = (
    CooperationFounded,
    AgreementAdopted,
    AgreementRevised,
    CoordinatorsChosen,
    PartyJoined,
    PartyConfirmed,
    PartyDetailsChanged,
    PartyLeft,
    PartyRejoined,
    AgreementSigned,
    ContactConsentGiven,
    ContactConsentWithdrawn,
    PartyForgotten,
    ProjectStarted,
    PlanUpdated,
    ContactChanged,
    IndicatorDefined,
    IndicatorMeasured,
    BenefitRecorded,
    ProjectCompleted,
    ProjectStopped,
    FundsMadeAvailable,
    BudgetAllocated,
    AllocationWithdrawn,
    SpendingRecorded,
    MeetingHeld,
    DecisionProposed,
    OpinionGiven,
    DecisionTaken,
    DisagreementRaised,
    DisagreementDiscussed,
    DisagreementResolved,
    EvaluationRecorded,
    RoundOpened,
    ProposalSubmitted,
    BallotCast,
    BallotsImported,
    RoundClosed,
)

Fact = Union[  # noqa: UP007 - cattrs needs a real Union object for tagged unions
    CooperationFounded,
    AgreementAdopted,
    AgreementRevised,
    CoordinatorsChosen,
    PartyJoined,
    PartyConfirmed,
    PartyDetailsChanged,
    PartyLeft,
    PartyRejoined,
    AgreementSigned,
    ContactConsentGiven,
    ContactConsentWithdrawn,
    PartyForgotten,
    ProjectStarted,
    PlanUpdated,
    ContactChanged,
    IndicatorDefined,
    IndicatorMeasured,
    BenefitRecorded,
    ProjectCompleted,
    ProjectStopped,
    FundsMadeAvailable,
    BudgetAllocated,
    AllocationWithdrawn,
    SpendingRecorded,
    MeetingHeld,
    DecisionProposed,
    OpinionGiven,
    DecisionTaken,
    DisagreementRaised,
    DisagreementDiscussed,
    DisagreementResolved,
    EvaluationRecorded,
    RoundOpened,
    ProposalSubmitted,
    BallotCast,
    BallotsImported,
    RoundClosed,
]

EVENT_TYPES_BY_NAME: dict[str, type] = {t.__name__: t for t in EVENT_TYPES}
