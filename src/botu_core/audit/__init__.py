"""Audit: a tamper-evident, verifiable, replayable decision history, so that anyone can check it without trusting the operator.

- ``chain``: the hash chain over the stored events and its table, kept like a read model
- ``heads``, ``signing_keys``: heads to publish, signed with the cooperation's Ed25519 key
- ``verification``: recompute and compare; the first bad position, in Dutch and English
- ``time_travel``: ``AsOf``, the read models as of a date or position (``app.as_of``)
- ``agreement_changes``: two agreement versions compared in meaning, with the causes
- ``why``: the events behind an item a read model shows
- ``portable``: export and import as JSON Lines, checked before anything is written
- ``receipts``: inclusion receipts of one event, checked offline
- ``witness``: a party's witness key, and cosignatures handed in to the store
- ``report``: the yearly audit report, one self-contained HTML file (Jinja2, autoescaped)
- ``service``: ``Audit``, reached as ``app.audit``
"""

from . import messages as _messages  # noqa: F401 - registers the audit texts
from .agreement_changes import AgreementChanges, RevisionCause
from .chain import ChainLink, ChainStore, compute_links, event_digest, link_digest
from .heads import Head, PublishedHead, SignedHead, check_signed_head, load_public_key, parse_head
from .portable import ImportResult, export_lines
from .receipts import InclusionReceipt, InclusionReceiptCheck, check_inclusion_receipt
from .report import render_report, write_report
from .service import Audit
from .signing_keys import FileSigningKeys, MemorySigningKeys, SigningKeyStore
from .time_travel import AsOf
from .verification import Verification
from .why import TrailStep, WhyTrail
from .witness import MAX_SUBMISSION_BYTES, AcceptedCosignatures, submit_cosignatures

__all__ = [
    "MAX_SUBMISSION_BYTES",
    "AcceptedCosignatures",
    "AgreementChanges",
    "AsOf",
    "Audit",
    "ChainLink",
    "ChainStore",
    "FileSigningKeys",
    "Head",
    "ImportResult",
    "InclusionReceipt",
    "InclusionReceiptCheck",
    "MemorySigningKeys",
    "PublishedHead",
    "RevisionCause",
    "SignedHead",
    "SigningKeyStore",
    "TrailStep",
    "Verification",
    "WhyTrail",
    "check_inclusion_receipt",
    "check_signed_head",
    "compute_links",
    "event_digest",
    "export_lines",
    "link_digest",
    "load_public_key",
    "parse_head",
    "render_report",
    "submit_cosignatures",
    "write_report",
]
