"""Every command of the area modules, in the order the docs list them: the permission
table, the API and the front ends walk this one list. Round commands live with the rounds."""

from __future__ import annotations

from .agreement import AdoptAgreement, ChooseCoordinators, ReviseAgreement
from .budget import AllocateBudget, MakeFundsAvailable, RecordSpending, WithdrawAllocation
from .disagreements import DiscussDisagreement, RaiseDisagreement, ResolveDisagreement
from .evaluations import RecordEvaluation
from .meetings import GiveOpinion, ProposeDecision, RecordDecision, RecordMeeting
from .parties import ChangePartyDetails, ConfirmParty, ForgetParty, GiveContactConsent, JoinParty, LeaveParty, RejoinParty, SignAgreement, WithdrawContactConsent
from .projects import ChangeContact, CompleteProject, DefineIndicator, MeasureIndicator, RecordBenefit, StartProject, StopProject, UpdatePlan

COMMANDS: tuple[type, ...] = (
    AdoptAgreement,
    ReviseAgreement,
    ChooseCoordinators,
    JoinParty,
    ConfirmParty,
    ChangePartyDetails,
    LeaveParty,
    RejoinParty,
    SignAgreement,
    GiveContactConsent,
    WithdrawContactConsent,
    ForgetParty,
    StartProject,
    UpdatePlan,
    ChangeContact,
    DefineIndicator,
    MeasureIndicator,
    RecordBenefit,
    CompleteProject,
    StopProject,
    MakeFundsAvailable,
    AllocateBudget,
    WithdrawAllocation,
    RecordSpending,
    RecordMeeting,
    ProposeDecision,
    GiveOpinion,
    RecordDecision,
    RaiseDisagreement,
    DiscussDisagreement,
    ResolveDisagreement,
    RecordEvaluation,
)

__all__ = ["COMMANDS"]
