"""Signed checkpoints and the witnesses a cooperation knows, kept beside the chain.

``audit_checkpoints`` holds each checkpoint the store signed (the note text, with any
cosignatures added later); ``audit_witnesses`` the witnesses registered for a
cooperation (name and Ed25519 public key). Both are conveniences for publishing: the
operator can change them like any table. What protects against the operator is a
cosigned checkpoint kept by the witness, outside the store (see ``witness``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import BigInteger, Column, Engine, MetaData, String, Table, Text, delete, insert, select, update

from ..errors import InvalidInput
from .notes import Checkpoint, NoteSignature, SignedNote, parse_note

metadata = MetaData()

checkpoint_table = Table(
    "audit_checkpoints",
    metadata,
    Column("coop_id", String(36), primary_key=True),
    Column("size", BigInteger, primary_key=True),
    Column("root_hash", String(64), nullable=False),
    Column("note", Text, nullable=False),
)

witness_table = Table(
    "audit_witnesses",
    metadata,
    Column("coop_id", String(36), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("public_key", String(64), nullable=False),
)


class CheckpointStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        metadata.create_all(engine)

    def save(self, coop: UUID, note: SignedNote) -> None:
        """Keep ``note``; a checkpoint of the same size is replaced (its cosignatures merged by the caller)."""
        checkpoint = note.checkpoint
        with self.engine.connect() as conn:
            conn = conn.execution_options(botu_write=True)
            with conn.begin():
                where = (checkpoint_table.c.coop_id == str(coop)) & (checkpoint_table.c.size == checkpoint.size)
                if conn.execute(select(checkpoint_table.c.size).where(where)).first() is None:
                    conn.execute(
                        insert(checkpoint_table).values(
                            coop_id=str(coop), size=checkpoint.size, root_hash=checkpoint.root_hash.hex(), note=note.text()
                        )
                    )
                else:
                    conn.execute(update(checkpoint_table).where(where).values(root_hash=checkpoint.root_hash.hex(), note=note.text()))

    def note(self, coop: UUID, size: int) -> SignedNote | None:
        with self.engine.connect() as conn, conn.begin():
            found = conn.execute(select(checkpoint_table.c.note).where(_at(coop, size))).scalar()
        return None if found is None else parse_note(str(found))

    def add_signatures(self, coop: UUID, body: str, signatures: Sequence[NoteSignature]) -> SignedNote:
        """Add ``signatures`` (checked by the caller) to the kept checkpoint with ``body``, read
        and written in one transaction, so two witnesses handing theirs in at once both stay."""
        size = Checkpoint.from_body(body).size
        with self.engine.connect() as conn:
            conn = conn.execution_options(botu_write=True)
            with conn.begin():
                found = conn.execute(select(checkpoint_table.c.note).where(_at(coop, size)).with_for_update()).scalar()
                if found is None or parse_note(str(found)).body != body:
                    raise InvalidInput("audit.checkpoint_unknown", size=size)
                note = parse_note(str(found))
                for signature in signatures:
                    note = note.with_signature(signature)
                if signatures:
                    conn.execute(update(checkpoint_table).where(_at(coop, size)).values(note=note.text()))
        return note

    def all(self, coop: UUID) -> list[SignedNote]:
        with self.engine.connect() as conn, conn.begin():
            rows = conn.execute(
                select(checkpoint_table.c.note).where(checkpoint_table.c.coop_id == str(coop)).order_by(checkpoint_table.c.size)
            ).all()
        return [parse_note(str(row[0])) for row in rows]

    def latest(self, coop: UUID) -> SignedNote | None:
        with self.engine.connect() as conn, conn.begin():
            row = conn.execute(
                select(checkpoint_table.c.note)
                .where(checkpoint_table.c.coop_id == str(coop))
                .order_by(checkpoint_table.c.size.desc())
                .limit(1)
            ).first()
        return None if row is None else parse_note(str(row[0]))

    def latest_size(self, coop: UUID) -> int | None:
        with self.engine.connect() as conn, conn.begin():
            found = conn.execute(
                select(checkpoint_table.c.size)
                .where(checkpoint_table.c.coop_id == str(coop))
                .order_by(checkpoint_table.c.size.desc())
                .limit(1)
            ).scalar()
        return None if found is None else int(found)

    # --- witnesses ------------------------------------------------------------------------

    def add_witness(self, coop: UUID, name: str, public_key: str) -> None:
        with self.engine.connect() as conn:
            conn = conn.execution_options(botu_write=True)
            with conn.begin():
                conn.execute(delete(witness_table).where((witness_table.c.coop_id == str(coop)) & (witness_table.c.name == name)))
                conn.execute(insert(witness_table).values(coop_id=str(coop), name=name, public_key=public_key))

    def witnesses(self, coop: UUID) -> dict[str, str]:
        with self.engine.connect() as conn, conn.begin():
            rows = conn.execute(
                select(witness_table.c.name, witness_table.c.public_key).where(witness_table.c.coop_id == str(coop))
            ).all()
        return {str(r.name): str(r.public_key) for r in rows}


def _at(coop: UUID, size: int) -> Any:
    return (checkpoint_table.c.coop_id == str(coop)) & (checkpoint_table.c.size == size)
