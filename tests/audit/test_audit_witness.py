"""Cosignatures handed in from outside (the web, the API): kept only when each is a valid
signature of a registered witness over a checkpoint the log still holds; a refusal is a
coded error and keeps nothing."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from uuid import UUID

import pytest

from botu_core import Cooperations, InvalidInput, JoinParty, PartyKind
from botu_core.audit import MAX_SUBMISSION_BYTES
from botu_core.audit.notes import Checkpoint, sign_checkpoint
from botu_core.audit.witness import Witness, create_key

from audit_helpers import RawEvents

Small = tuple[Cooperations, UUID, RawEvents]
NOW = int(dt.datetime(2026, 12, 1, tzinfo=dt.UTC).timestamp())
NAME = "gemeente.example/getuige"


def party(folder: Path, name: str = NAME) -> Witness:
    return Witness(name, create_key(folder / f"{name.replace('/', '_')}.pem"), folder / f"{name.replace('/', '_')}.json")


def the_log(app: Cooperations, coop: UUID) -> tuple[list[str], int, dict[str, str]]:
    """What a refusal must leave alone: the kept checkpoints, the events, the witnesses."""
    return [n.text() for n in app.audit.checkpoints.all(coop)], app.audit.tree_size(coop), app.audit.witnesses(coop)


@pytest.fixture
def registered(small: Small, tmp_path: Path) -> tuple[Cooperations, UUID, Witness, str]:
    app, coop, _raw = small
    witness = party(tmp_path)
    app.audit.add_witness(coop, NAME, witness.public_key)
    note = app.audit.checkpoint(coop)
    cosigned = witness.cosign(note.text(), None, log_key=app.audit.public_key(coop), timestamp=NOW).text()
    return app, coop, witness, cosigned


def refused(app: Cooperations, coop: UUID, submitted: bytes | str, code: str) -> InvalidInput:
    before = the_log(app, coop)
    with pytest.raises(InvalidInput) as caught:
        app.audit.add_cosignatures(coop, submitted)
    assert caught.value.code == code
    assert caught.value.message_nl != caught.value.message_en
    assert the_log(app, coop) == before
    assert app.audit.verify(coop).witnessed == ()
    return caught.value


def test_an_accepted_cosignature_is_kept_and_verify_names_the_witness(registered: tuple[Cooperations, UUID, Witness, str]) -> None:
    app, coop, _witness, cosigned = registered
    assert app.audit.verify(coop).witnessed == ()
    accepted = app.audit.add_cosignatures(coop, cosigned.encode("utf-8"))
    assert (accepted.size, accepted.witnesses) == (10, (NAME,))
    assert app.audit.latest_checkpoint(coop) == accepted.note
    assert accepted.note.text() == cosigned  # the log's signature, then the witness's
    verdict = app.audit.verify(coop)
    assert verdict.ok and verdict.witnessed == ((NAME, 10),)
    # Handing the same one in again keeps nothing twice.
    assert app.audit.add_cosignatures(coop, cosigned).note == accepted.note


def test_only_the_signature_line_is_enough_for_the_latest_checkpoint(registered: tuple[Cooperations, UUID, Witness, str]) -> None:
    app, coop, _witness, cosigned = registered
    line = cosigned.rstrip("\n").split("\n")[-1]
    assert line.startswith(f"\u2014 {NAME} ")
    app.execute(coop, JoinParty(name="Later", kind=PartyKind.OTHER))  # the log grows; the checkpoint of 10 stays the latest
    assert app.audit.add_cosignatures(coop, line + "\r\n").witnesses == (NAME,)
    assert app.audit.verify(coop).witnessed == ((NAME, 10),)


def test_a_key_that_is_not_a_registered_witness_is_refused(
    registered: tuple[Cooperations, UUID, Witness, str], tmp_path: Path
) -> None:
    app, coop, _witness, _cosigned = registered
    note = app.audit.latest_checkpoint(coop)
    assert note is not None
    (tmp_path / "elsewhere").mkdir()
    stranger = party(tmp_path / "elsewhere", "onbekend.example/getuige")
    text = stranger.cosign(note.text(), None, log_key=app.audit.public_key(coop), timestamp=NOW).text()
    assert "onbekend.example/getuige" in refused(app, coop, text, "audit.cosignature_unknown_witness").message("en")
    # The registered name with another key is not that witness either.
    impostor = party(tmp_path / "elsewhere", NAME)
    text = impostor.cosign(note.text(), None, log_key=app.audit.public_key(coop), timestamp=NOW).text()
    refused(app, coop, text, "audit.cosignature_unknown_witness")


def test_a_signature_that_does_not_verify_is_refused(registered: tuple[Cooperations, UUID, Witness, str]) -> None:
    app, coop, _witness, cosigned = registered
    body, _, lines = cosigned.partition("\n\n")
    own, theirs = lines.rstrip("\n").split("\n")
    dash, name, blob = theirs.split(" ")
    raw = bytearray(base64.b64decode(blob))
    raw[-1] ^= 0x01
    forged = f"{body}\n\n{own}\n{dash} {name} {base64.b64encode(bytes(raw)).decode()}\n"
    refused(app, coop, forged, "audit.cosignature_invalid")


def test_a_checkpoint_of_a_rewritten_log_is_refused(registered: tuple[Cooperations, UUID, Witness, str], tmp_path: Path) -> None:
    app, coop, _witness, _cosigned = registered
    origin = app.audit.origin(coop)
    # Another history of the same length, signed with the cooperation's own key, cosigned by
    # the registered witness (as if shown a fork): the log here holds another root.
    other = sign_checkpoint(Checkpoint(origin, 10, bytes(32)), origin, app.audit.signing_keys.create(coop))
    witness = Witness(NAME, _witness.key, tmp_path / "fork.json")
    text = witness.cosign(other.text(), None, log_key=app.audit.public_key(coop), timestamp=NOW).text()
    refused(app, coop, text, "audit.cosignature_forked")
    # And one longer than the log (the log cut short behind it).
    longer = sign_checkpoint(Checkpoint(origin, 11, bytes(32)), origin, app.audit.signing_keys.create(coop))
    text = Witness(NAME, _witness.key, tmp_path / "longer.json").cosign(
        longer.text(), None, log_key=app.audit.public_key(coop), timestamp=NOW).text()
    refused(app, coop, text, "audit.cosignature_beyond_log")
    other_log = sign_checkpoint(Checkpoint("botu/audit/" + str(UUID(int=1)), 10, bytes(32)), origin,
                                app.audit.signing_keys.create(coop))
    refused(app, coop, other_log.text(), "audit.checkpoint_other_log")


def test_too_much_text_or_no_cosignature_is_refused(registered: tuple[Cooperations, UUID, Witness, str]) -> None:
    app, coop, _witness, cosigned = registered
    refused(app, coop, cosigned + "\u2014 x " + "A" * MAX_SUBMISSION_BYTES + "\n", "audit.cosignature_too_large")
    refused(app, coop, b"\xff\xfe", "input.invalid_encoding")
    refused(app, coop, "geen controlepunt\n\nmaar tekst\n", "audit.invalid_checkpoint")
    note = app.audit.latest_checkpoint(coop)
    assert note is not None
    refused(app, coop, note.text(), "audit.no_cosignature")  # the log's own signature only
