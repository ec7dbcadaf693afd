"""The participatory energy budget's rounds: proposals, ballots, rules, pabulib files.

See ``rounds`` for how a round goes, ``rules`` for the allocation rules and their
tie-break, and ``pabulib`` for reading and writing ``.pb`` files.
"""

from .certificate import RoundCertificateCheck, check_round_certificate
from .pabulib import PabulibElection, PabulibProject, export_pabulib, parse_pabulib
from .rounds import (
    CastBallot,
    CategoryLimit,
    CloseRound,
    FundShare,
    ImportRound,
    OpenRound,
    RoundVerification,
    SubmitProposal,
    verify_round,
)
from .rules import RULE_NAMES, Candidate, Election, RuleResult, compute, ranked

__all__ = [
    "RULE_NAMES",
    "Candidate",
    "CastBallot",
    "CategoryLimit",
    "CloseRound",
    "Election",
    "FundShare",
    "ImportRound",
    "OpenRound",
    "PabulibElection",
    "PabulibProject",
    "RoundCertificateCheck",
    "RoundVerification",
    "RuleResult",
    "SubmitProposal",
    "check_round_certificate",
    "compute",
    "export_pabulib",
    "parse_pabulib",
    "ranked",
    "verify_round",
]
