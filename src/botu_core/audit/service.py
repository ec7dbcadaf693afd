"""The audit service: one object per application (``app.audit``) for auditors' work.

    verdict = app.audit.verify("botu")              # recompute the chain, compare
    head = app.audit.head("botu")                    # publish head.short in the minutes
    signed = app.audit.sign_head("botu")             # signed with the cooperation's key
    app.audit.verify("botu", head=signed)            # later: is the history unchanged?
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

import attrs
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from uuid import UUID

from ..errors import InvalidInput, NotFound, StoreError
from ..readmodels import driver
from .agreement_changes import AgreementChanges, agreement_changes
from .chain import GENESIS, ChainStore, compute_links
from .checkpoints import CheckpointStore
from .integrity import quick_check
from ..merkle import MemoryTree
from .notes import Checkpoint, SignedNote, cosigned_by, origin_of, parse_note, sign_checkpoint, signed_by
from .tree import ConsistencyProof, InclusionProof, TreeStore, event_leaves, tree_table
from .heads import Head, PublishedHead, SignedHead, check_signed_head, load_public_key, parse_head, public_key_hex, sign_head
from .messages import texts
from .portable import ImportResult, event_line, export_log, import_log
from .receipts import InclusionReceipt
from .report import render_report
from .signing_keys import SigningKeyStore, default_key_store
from .time_travel import AsOf
from .verification import Verification, recomputed_links, verify_log
from .why import WhyTrail, why
from .witness import AcceptedCosignatures, submit_cosignatures

if TYPE_CHECKING:
    from ..application import Cooperations


class Audit:
    def __init__(self, app: Cooperations, *, key_dir: str | os.PathLike[str] | None = None) -> None:
        self.app = app
        self.tree = TreeStore(app.read_models.engine, self._plain)
        self.chain = ChainStore(app.read_models.engine, self.tree)
        self.checkpoints = CheckpointStore(app.read_models.engine)
        self.signing_keys: SigningKeyStore = default_key_store(app.settings, key_dir)

    def use_key_dir(self, key_dir: str | os.PathLike[str]) -> None:
        self.signing_keys = default_key_store(self.app.settings, key_dir)

    # --- the chain ----------------------------------------------------------------------

    def catch_up(self) -> int:
        """Chain new events; called by ``Cooperations.catch_up`` after the read models."""
        chained = self.chain.catch_up(self.app.recorder)
        self.catch_up_tree()
        return chained

    def _plain(self, state: bytes) -> bytes:
        """The stored bytes with eventsourcing's cipher and compressor undone."""
        mapper: Any = self.app.mapper
        try:
            if mapper.cipher:
                state = mapper.cipher.decrypt(state)
            if mapper.compressor:
                state = mapper.compressor.decompress(state)
        except Exception:  # noqa: BLE001 - unreadable bytes: the entry carries no timestamp, verify says why
            return b""
        return state

    def _transformed(self) -> bool:
        """Whether the stored bytes are enciphered or compressed (else they are the plain JSON)."""
        mapper: Any = self.app.mapper
        return bool(mapper.cipher or mapper.compressor)

    def catch_up_tree(self) -> int:
        """Grow each cooperation's tree up to its chain, over events that still match the
        chain (a store older than the tree, or a tree that missed a step). Returns how many."""
        added = 0
        for coop in self.chain.cooperations():
            size = self.tree.size(coop)
            chained = self.chain.count(coop)
            if size >= chained:
                continue
            events = list(self.app.recorder.select_events(coop, gt=size, lte=chained))
            previous_hex = self.chain.link_at(coop, size) if size else GENESIS.hex()
            if previous_hex is None:
                continue
            links = compute_links(coop, events, bytes.fromhex(previous_hex))
            kept = {link.position: link.digest for link in self.chain.links(coop) if link.position > size}
            good = []
            for event, link in zip(events, links, strict=True):
                if kept.get(link.position) != link.digest:
                    break  # damage: verify reports it; the tree stops before it
                good.append(event)
            if not good:
                continue
            try:
                with self.app.read_models.engine.connect() as conn:
                    conn = conn.execution_options(botu_write=True)
                    with conn.begin():
                        if self.tree.size_in(conn, coop) == size:
                            self.tree.append(conn, coop, size, good)
                            added += len(good)
            except IntegrityError:
                continue  # another process filled the same leaves first: the same hashes
        return added

    # --- the transparency log ------------------------------------------------------------

    def tree_size(self, cooperation: str | UUID | None = None) -> int:
        return self.tree.size(self.resolve(cooperation))

    def prove(self, cooperation: str | UUID | None, position: int, size: int | None = None) -> InclusionProof:
        """The inclusion proof of event ``position`` (1-based) in the tree of ``size`` leaves
        (default: the whole tree)."""
        coop = self.resolve(cooperation)
        total = self.tree.size(coop)
        size = total if size is None else size
        if not 1 <= size <= total:
            raise InvalidInput("audit.tree_size_out_of_range", size=size, events=total)
        if not 1 <= position <= size:
            raise InvalidInput("audit.position_out_of_range", position=position, events=size)
        leaf, path, root_hash = self.tree.inclusion(coop, position - 1, size)
        return InclusionProof(position - 1, size, leaf, path, root_hash)

    def consistency(self, cooperation: str | UUID | None, old: int, new: int | None = None) -> ConsistencyProof:
        """The consistency proof from the tree of ``old`` leaves to that of ``new`` (default: all)."""
        coop = self.resolve(cooperation)
        total = self.tree.size(coop)
        new = total if new is None else new
        if not 1 <= new <= total:
            raise InvalidInput("audit.tree_size_out_of_range", size=new, events=total)
        if not 1 <= old <= new:
            raise InvalidInput("audit.tree_size_out_of_range", size=old, events=new)
        old_root, new_root, path = self.tree.consistency(coop, old, new)
        return ConsistencyProof(old, new, old_root, new_root, path)

    def resolve(self, cooperation: str | UUID | None) -> UUID:
        """A cooperation id; an id is taken as it is, so a damaged store can still be verified."""
        if isinstance(cooperation, UUID):
            return cooperation
        if isinstance(cooperation, str):
            try:
                return UUID(cooperation)
            except ValueError:
                pass
            from ..agreement import check_slug
            from ..cooperation import cooperation_id

            # A short name gives the id it was made from: nothing needs to be read (or caught up).
            try:
                check_slug(cooperation.strip())
            except InvalidInput:
                return self.app.resolve(cooperation)
            coop = cooperation_id(cooperation.strip())
            if list(self.app.recorder.select_events(coop, limit=1)):
                return coop
            return self.app.resolve(cooperation)
        chained = self.chain.cooperations()
        if len(chained) == 1:
            return chained[0]
        return self.app.resolve(cooperation)

    def stored_events(self, cooperation: str | UUID | None) -> tuple[UUID, list[Any]]:
        coop = self.resolve(cooperation)
        return coop, list(self.app.recorder.select_events(coop))

    def verify(
        self,
        cooperation: str | UUID | None = None,
        *,
        head: Head | SignedHead | PublishedHead | str | None = None,
        public_key: str | bytes | None = None,
        checkpoints: Sequence[str] = (),
        witnesses: Mapping[str, str] | None = None,
        log_key: str | None = None,
    ) -> Verification:
        """Recompute the chain from the stored events and compare it with the chain table
        and, when given, with a published head. A signed head is checked with
        ``public_key`` (or else the cooperation's own key) before anything else.

        Then the transparency log: the tree recomputed from the stored bytes against the
        tree table and every checkpoint (those kept in the store and ``checkpoints``, note
        texts kept elsewhere), and the witnesses (``witnesses``: name -> public key hex,
        the auditor's own copies, besides those registered) that cosigned them: a log
        shorter than, or different from, a checkpoint is damage, reported at its position."""
        # Read-only: the stored bytes as they are, nothing caught up or projected first
        # (a damaged log must never be made "consistent" before it is judged).
        # What witnesses the log (chain links, tree leaves, kept checkpoints) is read before
        # the events: a writer that commits meanwhile adds events not witnessed yet (a
        # pending tail), never witnesses of events this reading cannot see.
        coop = self.resolve(cooperation)
        links = self.chain.link_rows(coop)
        kept_leaves = self._kept_leaves(coop)
        kept_notes = self.checkpoints.all(coop)
        stored = list(self.app.recorder.select_events(coop))
        published: PublishedHead | None = None
        if head is not None:
            if isinstance(head, str) and head.lstrip().startswith("{"):
                head = SignedHead.from_text(head)
            if isinstance(head, SignedHead):
                problem = self._check_signature(coop, head, public_key)
                if problem is not None:
                    nl, en = texts(problem)
                    return Verification(str(coop), False, len(stored), head.position, problem, nl, en)
            published = parse_head(head)
        verdict = verify_log(coop, stored, links, published)
        if not verdict.ok:
            return verdict
        return self._check_trees(coop, stored, verdict, kept_leaves, kept_notes, checkpoints, witnesses or {}, log_key)

    def _kept_leaves(self, coop: UUID) -> list[bytes]:
        with self.app.read_models.engine.connect() as conn, conn.begin():
            return [bytes(row[0]) for row in driver.run(conn, _KEPT_LEAVES, {"coop_id": str(coop)})]

    # --- on every opening, and before the log is used as the truth ----------------------

    def check_on_open(self) -> None:
        """The cheap tail check of every cooperation (``integrity``); raises
        ``audit.store_damaged`` naming ``botu audit verify``. Then the trees are
        brought up to their chains (a store older than the transparency log)."""
        quick_check(self.app)
        self.catch_up_tree()

    def require_intact(
        self, cooperation: str | UUID | None = None, *, pending_tail: bool = False
    ) -> Verification | None:
        """Raise ``audit.store_damaged`` unless the cooperation's log (default: every
        chained one) verifies in full. ``pending_tail``: events after the chain's end that
        copy none before them are new ones not chained yet (another writer's), not damage."""
        coops = [self.resolve(cooperation)] if cooperation is not None else self.chain.cooperations()
        verdict = None
        for coop in coops:
            verdict = self.verify(coop)
            if pending_tail and verdict.problem_code == "audit.event_not_chained":
                continue
            if not verdict.ok:
                raise _store_damaged(coop, verdict)
        return verdict

    def checked_events(self, coop: UUID) -> list[Any]:
        """The cooperation's stored events, read once and checked against its chain."""
        stored = list(self.app.recorder.select_events(coop))
        verdict = verify_log(coop, stored, self.chain.link_rows(coop))
        if not verdict.ok:
            raise _store_damaged(coop, verdict)
        return stored

    def checkpointed_size(self, coop: UUID) -> int | None:
        """The tree size of the latest checkpoint this store signed for ``coop`` (None if none)."""
        return self.checkpoints.latest_size(coop)

    # --- checkpoints and witnesses -------------------------------------------------------

    def origin(self, cooperation: str | UUID | None = None) -> str:
        return origin_of(self.resolve(cooperation))

    def checkpoint(self, cooperation: str | UUID | None = None) -> SignedNote:
        """Sign (and keep) the checkpoint of the whole tree, only of an intact log; the
        latest one is given again, with its cosignatures, while the log has not grown."""
        coop = self.resolve(cooperation)
        self.require_intact(coop)
        self.catch_up_tree()
        size = self.tree.size(coop)
        if size == 0:
            raise NotFound("audit.position_out_of_range", position=1, events=0)
        root_hash = self.tree.root(coop, size)
        latest = self.checkpoints.latest(coop)
        if latest is not None and latest.checkpoint == Checkpoint(origin_of(coop), size, root_hash):
            return latest
        note = sign_checkpoint(Checkpoint(origin_of(coop), size, root_hash), origin_of(coop), self.signing_keys.create(coop))
        self.checkpoints.save(coop, note)
        return note

    def receipt(self, cooperation: str | UUID | None, position: int) -> InclusionReceipt:
        """The inclusion receipt of event ``position``: its entry, its inclusion proof in
        the latest checkpoint that holds it (signed now if none does yet), that checkpoint."""
        coop = self.resolve(cooperation)
        self.require_intact(coop)
        found = list(self.app.recorder.select_events(coop, gt=position - 1, limit=1)) if position >= 1 else []
        if not found or int(found[0].originator_version) != position:
            raise InvalidInput("audit.position_out_of_range", position=position, events=self.chain.count(coop))
        note = self.checkpoints.latest(coop)
        if note is None or note.checkpoint.size < position:
            note = self.checkpoint(coop)
        line, _ = event_line(self.app, coop, found[0])
        proof = self.prove(coop, position, note.checkpoint.size)
        return InclusionReceipt(coop, line, proof, note, self.public_key(coop))

    def latest_checkpoint(self, cooperation: str | UUID | None = None) -> SignedNote | None:
        """The latest checkpoint kept (None if none was signed yet); signs nothing."""
        return self.checkpoints.latest(self.resolve(cooperation))

    def add_witness(self, cooperation: str | UUID | None, name: str, public_key: str) -> None:
        """Register a witness of this cooperation (its name and Ed25519 public key)."""
        coop = self.resolve(cooperation)
        raw = load_public_key(public_key)
        if not name or any(c.isspace() for c in name):
            raise InvalidInput("audit.witness_bad_name", name=name)
        self.checkpoints.add_witness(coop, name, public_key_hex(raw))

    def witnesses(self, cooperation: str | UUID | None = None) -> dict[str, str]:
        return self.checkpoints.witnesses(self.resolve(cooperation))

    def add_cosignatures(self, cooperation: str | UUID | None, submitted: bytes | str) -> AcceptedCosignatures:
        """Keep witnesses' cosignatures handed in (a cosigned checkpoint note, or only its
        signature lines for the latest one), after every check ``submit_cosignatures`` makes;
        a refusal keeps nothing. The command line and the web both come here."""
        return submit_cosignatures(self, cooperation, submitted)

    def _check_trees(
        self,
        coop: UUID,
        stored: list[Any],
        verdict: Verification,
        stored_leaves: list[bytes],
        kept_notes: Sequence[Any],
        outside: Sequence[str],
        witness_keys: Mapping[str, str],
        log_key: str | None,
    ) -> Verification:
        """The transparency log's part of the verdict: the tree recomputed from the stored
        bytes against the tree table, the checkpoints (kept and given) and the witnesses."""
        leaves = event_leaves(coop, stored, self._plain if self._transformed() else None)
        memory = MemoryTree(leaves)
        size = memory.size
        fields: dict[str, Any] = {"tree_size": size, "root_hash": memory.root().hex() if size else None}

        def bad(position: int, code: str, **params: object) -> Verification:
            nl, en = texts(code, position=position, **params)
            return attrs.evolve(verdict, ok=False, first_bad_position=position, problem_code=code, problem=nl, problem_en=en, **fields)

        if stored_leaves[:size] != leaves[: len(stored_leaves)]:  # compared at once; where, only when they differ
            index = next(i for i, (kept_leaf, leaf) in enumerate(zip(stored_leaves, leaves, strict=False)) if kept_leaf != leaf)
            return bad(index + 1, "audit.tree_mismatch")
        if len(stored_leaves) > size:
            return bad(size + 1, "audit.events_missing_at_end", chained=len(stored_leaves), stored=size)

        notes = [(note, True) for note in kept_notes]
        for text in outside:
            notes.append((parse_note(text), False))
        keys = dict(self.checkpoints.witnesses(coop)) if notes else {}  # no checkpoint: no signature to check
        keys.update(witness_keys)  # the auditor's own copy of a witness key wins
        own = self.signing_keys.load(coop) if log_key is None and notes else None  # verify never makes a key
        operator_hex = log_key if log_key is not None else (public_key_hex(own) if own is not None else None)
        witnessed: dict[str, int] = {}
        latest = 0
        for note, kept_here in notes:
            checkpoint = note.checkpoint
            if checkpoint.origin != origin_of(coop):
                return bad(1, "audit.checkpoint_other_log", origin=checkpoint.origin)
            signers = [n for n, k in keys.items() if cosigned_by(note, n, bytes.fromhex(k)) is not None]
            operator_signed = operator_hex is not None and signed_by(note, checkpoint.origin, bytes.fromhex(operator_hex))
            if kept_here and not operator_signed and not signers:
                return bad(min(checkpoint.size, size + 1), "audit.checkpoint_signature_invalid", size=checkpoint.size)
            if checkpoint.size > size:
                code = "audit.truncated_behind_witness" if signers else "audit.truncated_behind_checkpoint"
                return bad(size + 1, code, size=checkpoint.size, witnesses=", ".join(signers) or "-")
            if memory.root(checkpoint.size) != checkpoint.root_hash:
                code = "audit.rewritten_behind_witness" if signers else "audit.checkpoint_mismatch"
                return bad(checkpoint.size, code, size=checkpoint.size, witnesses=", ".join(signers) or "-")
            latest = max(latest, checkpoint.size)
            for name in signers:
                witnessed[name] = max(witnessed.get(name, 0), checkpoint.size)
        return attrs.evolve(
            verdict,
            checkpoint_size=latest or None,
            witnessed=tuple(sorted(witnessed.items())),
            **fields,
        )

    def _check_signature(self, coop: UUID, head: SignedHead, public_key: str | bytes | None) -> str | None:
        if head.cooperation_id != str(coop):
            return "audit.head_other_cooperation"
        key = public_key if public_key is not None else self.public_key(coop)
        return None if check_signed_head(head, key) else "audit.head_signature_invalid"

    def head(self, cooperation: str | UUID | None = None, position: int | None = None) -> Head:
        """The head of the log (or of its first ``position`` events), only from an intact log."""
        verdict = self.verify(cooperation)
        if not verdict.ok:
            raise StoreError("audit.damaged", problem=verdict.problem)
        if verdict.head is None:
            raise NotFound("audit.position_out_of_range", position=position or 1, events=0)
        if position is None:
            return verdict.head
        if position < 1 or position > verdict.head.position:
            raise InvalidInput("audit.position_out_of_range", position=position, events=verdict.head.position)
        coop, stored = self.stored_events(cooperation)
        links, _gap = recomputed_links(coop, stored[:position])
        return Head(str(coop), position, links[-1].digest)

    # --- time travel ------------------------------------------------------------------

    def as_of(
        self, cooperation: str | UUID | None = None, *, date: dt.date | None = None, position: int | None = None
    ) -> AsOf:
        """The read models as of ``date`` (the facts' own dates) and/or log ``position``."""
        return AsOf(self.app, self.resolve(cooperation), date=date, position=position)

    # --- meaning: what changed, and why --------------------------------------------------

    def agreement_changes(
        self, cooperation: str | UUID | None = None, from_version: int = 1, to_version: int | None = None
    ) -> AgreementChanges:
        """What changed from one agreement version to another, with the decisions or
        evaluations that caused each revision in between (default: to the current one)."""
        coop = self.resolve(cooperation)
        target = to_version if to_version is not None else self.app.agreement(coop).version
        return agreement_changes(self.app, coop, from_version, target)

    def why(self, cooperation: str | UUID | None, item: str) -> WhyTrail:
        """The events behind ``item`` (see ``botu_core.audit.why`` for how items are named)."""
        return why(self.app, self.resolve(cooperation), item)

    # --- export and import ------------------------------------------------------------

    def export(self, cooperation: str | UUID | None, target: str | os.PathLike[str] | IO[bytes]) -> Head:
        """Write the cooperation's whole log as JSON Lines (see ``portable``); returns the head.
        Only an intact log is exported: a re-hashed copy of a damaged one would launder it."""
        coop = self.resolve(cooperation)
        self.require_intact(coop)
        return export_log(self.app, coop, target)

    def import_log(
        self,
        source: str | os.PathLike[str] | IO[bytes] | bytes,
        *,
        expected_head: Head | PublishedHead | str | None = None,
    ) -> ImportResult:
        """Load an export into this store (without that cooperation); refuses a damaged file."""
        return import_log(self.app, source, expected_head=expected_head)

    # --- the yearly report -------------------------------------------------------------

    def report(
        self, cooperation: str | UUID | None, year: int, *, personal: bool = False, sign: bool = False
    ) -> str:
        """The audit report of ``year`` as one self-contained HTML text (see ``report``)."""
        return render_report(self.app, self.resolve(cooperation), year, personal=personal, sign=sign)

    # --- signing ------------------------------------------------------------------------

    def public_key(self, cooperation: str | UUID | None = None) -> str:
        """The cooperation's public key (64 hex characters), made on first use."""
        coop = self.resolve(cooperation)
        return public_key_hex(self.signing_keys.create(coop))

    def sign_head(self, cooperation: str | UUID | None = None, position: int | None = None) -> SignedHead:
        head = self.head(cooperation, position)
        return sign_head(head, self.signing_keys.create(UUID(head.cooperation_id)))


__all__ = ["Audit"]


# Every leaf the table keeps, in order, read as plain tuples (verify reads them all).
_KEPT_LEAVES = (
    select(tree_table.c.hash)
    .where((tree_table.c.coop_id == bindparam("coop_id")) & (tree_table.c.level == 0))
    .order_by(tree_table.c.idx)
)


def _store_damaged(coop: UUID, verdict: Verification) -> StoreError:
    """The refusal of a log that does not verify: where it first goes wrong, and how."""
    return StoreError(
        "audit.store_damaged",
        cooperation=str(coop),
        position=verdict.first_bad_position or 1,
        what=verdict.problem_code or "",
    )
