"""The participatory energy budget's rounds: proposals, ballots, rules, pabulib files.

See ``rounds`` for how a round goes, ``rules`` for the allocation rules and their
tie-break, and ``pabulib`` for reading and writing ``.pb`` files.
"""

from .certificate import RoundCertificateCheck, RoundVerification, check_round_certificate, verify_round
from .pabulib import export_pabulib, parse_pabulib
from .round_values import CategoryLimit, FundShare, PabulibElection, PabulibProject
from .rounds import CastBallot, CloseRound, ImportRound, OpenRound, SubmitProposal
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
