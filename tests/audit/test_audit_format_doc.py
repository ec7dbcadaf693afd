"""An independent verifier, written from ``docs/audit-format.md`` alone.

It imports nothing of botu: only Python's standard library and ``cryptography``. botu
itself runs as a separate program (``python -m botu_cli``) to make the export of the
example history, a checkpoint and a witness's cosignature; then this verifier checks
the file, and finds each kind of change an outsider could make to it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

# --- the verifier (§ numbers are those of docs/audit-format.md) ---------------------------


class Bad(Exception):
    pass


def canonical(value: object) -> bytes:  # §1
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def u32(n: int) -> bytes:
    return struct.pack(">I", n)


def u64(n: int) -> bytes:
    return struct.pack(">Q", n)


def chain_link(previous: bytes, id16: bytes, n: int, kind: str, state: bytes) -> bytes:  # §2
    t = kind.encode("utf-8")
    return hashlib.sha256(b"botu/audit-chain/v1\x00" + previous + id16 + u64(n) + u32(len(t)) + t + u64(len(state)) + state).digest()


def leaf(id16: bytes, n: int, timestamp: str, actor: str, kind: str, state: bytes, agreement: int | None = None) -> bytes:  # §3
    def framed(text: str) -> bytes:
        raw = text.encode("utf-8")
        return u32(len(raw)) + raw

    if agreement is None:
        entry = b"botu-audit-entry/v1\x00" + id16 + u64(n) + framed(timestamp) + framed(actor) + framed(kind) + u64(len(state)) + state
    else:
        entry = (b"botu-audit-entry/v2\x00" + id16 + u64(n) + framed(timestamp) + framed(actor) + u32(agreement)
                 + framed(kind) + u64(len(state)) + state)
    return hashlib.sha256(b"\x00" + entry).digest()


def line_leaf(id16: bytes, n: int, event: dict[str, object], state: bytes) -> bytes:  # §3, from an export line
    agreement = event.get("agreement_version")
    return leaf(id16, n, str(event["timestamp"]), str(event["actor"]), str(event["type"]), state,
                agreement if isinstance(agreement, int) else None)


def mth(leaves: list[bytes]) -> bytes:  # §4, RFC 9162 2.1.1 over leaf hashes
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def split_note(text: str) -> tuple[str, list[tuple[str, bytes]]]:  # §5
    body, sep, signatures = text.rpartition("\n\n")
    if not sep or not signatures.endswith("\n"):
        raise Bad("not a signed note")
    lines = []
    for line in signatures[:-1].split("\n"):
        if not line.startswith("\u2014 "):
            raise Bad("signature line")
        name, blob = line[2:].split(" ")
        lines.append((name, base64.b64decode(blob, validate=True)))
    return body + "\n", lines


def log_signed(text: str, name: str, public: bytes) -> bool:  # §5
    body, signatures = split_note(text)
    key_id = hashlib.sha256(name.encode() + b"\n\x01" + public).digest()[:4]
    for signer, raw in signatures:
        if signer == name and raw[:4] == key_id:
            try:
                Ed25519PublicKey.from_public_bytes(public).verify(raw[4:], body.encode("utf-8"))
                return True
            except InvalidSignature:
                pass
    return False


def cosigned(text: str, name: str, public: bytes) -> bool:  # §7
    body, signatures = split_note(text)
    key_id = hashlib.sha256(name.encode() + b"\n\x04" + public).digest()[:4]
    for signer, raw in signatures:
        if signer == name and raw[:4] == key_id and len(raw) == 4 + 8 + 64:
            (stamp,) = struct.unpack(">Q", raw[4:12])
            message = b"cosignature/v1\n" + f"time {stamp}\n".encode() + body.encode("utf-8")
            try:
                Ed25519PublicKey.from_public_bytes(public).verify(raw[12:], message)
                return True
            except InvalidSignature:
                pass
    return False


def checkpoint_of(text: str) -> tuple[str, int, bytes]:  # §6
    body, _ = split_note(text)
    origin, size, root, rest = body.split("\n")
    if rest != "" or not size.isdigit() or (size != "0" and size.startswith("0")):
        raise Bad("checkpoint body")
    return origin, int(size), base64.b64decode(root, validate=True)


def verify_export(
    raw: bytes, log_key: bytes, witnesses: dict[str, bytes], kept: list[str] = ()  # type: ignore[assignment]
) -> dict[str, object]:
    """§8: the verdict on an export file, or ``Bad`` naming what is wrong."""
    if not raw.endswith(b"\n"):
        raise Bad("incomplete")
    lines = raw[:-1].split(b"\n")
    parsed = [json.loads(line) for line in lines]
    for line, value in zip(lines, parsed, strict=True):
        if canonical(value) != line:
            raise Bad("not canonical")
    header = parsed[0]
    if header not in ({"cooperation": header.get("cooperation"), "format": "botu-audit-log", "version": v} for v in (2, 3)):
        raise Bad("header")
    keys = {"actor", "digest", "position", "timestamp", "type"} | ({"agreement_version"} if header["version"] == 3 else set())
    coop = str(uuid.UUID(header["cooperation"]))
    id16 = uuid.UUID(coop).bytes
    previous = bytes(32)
    leaves = []
    for n, event in enumerate(parsed[1:-1], start=1):
        if event["position"] != n or set(event) - {"payload", "state_base64"} != keys:
            raise Bad(f"position {n}")
        state = canonical(event["payload"]) if "payload" in event else base64.b64decode(event["state_base64"], validate=True)
        previous = chain_link(previous, id16, n, event["type"], state)
        if previous.hex() != event["digest"]:
            raise Bad(f"digest {n}")
        leaves.append(line_leaf(id16, n, event, state))
    footer = parsed[-1]
    n = len(leaves)
    if footer["events"] != n or footer["head"] != {"digest": previous.hex(), "position": n}:
        raise Bad("head")
    if footer["tree"] != {"root_hash": mth(leaves).hex(), "size": n}:
        raise Bad("tree")
    notes = ([footer["checkpoint"]] if footer["checkpoint"] is not None else []) + list(kept)
    witnessed: dict[str, int] = {}
    for note in notes:
        origin, size, root = checkpoint_of(note)
        if origin != f"botu/audit/{coop}":
            raise Bad("origin")
        signers = [name for name, key in witnesses.items() if cosigned(note, name, key)]
        if not log_signed(note, origin, log_key) and not signers:
            raise Bad("checkpoint signature")
        if size > n:
            raise Bad(f"cut short behind a checkpoint of {size}")
        if mth(leaves[:size]) != root:
            raise Bad(f"rewritten behind a checkpoint of {size}")
        for name in signers:
            witnessed[name] = max(witnessed.get(name, 0), size)
    return {"cooperation": coop, "events": n, "root": mth(leaves).hex(), "witnessed": witnessed}


def check_receipt(raw: bytes, log_key: bytes, witnesses: dict[str, bytes]) -> dict[str, object]:  # §9
    receipt = json.loads(raw)
    if canonical(receipt) + b"\n" != raw or receipt["format"] != "botu-audit-receipt" or receipt["version"] != 1:
        raise Bad("not a receipt")
    coop, entry, proof, note = str(uuid.UUID(receipt["cooperation"])), receipt["entry"], receipt["inclusion"], receipt["checkpoint"]
    state = canonical(entry["payload"]) if "payload" in entry else base64.b64decode(entry["state_base64"], validate=True)
    leaf_hash = line_leaf(uuid.UUID(coop).bytes, entry["position"], entry, state)
    if leaf_hash.hex() != proof["leaf_hash"] or proof["leaf_index"] != entry["position"] - 1:
        raise Bad("entry")
    root = bytes.fromhex(proof["root_hash"])
    if not inclusion_ok(proof["leaf_index"], proof["tree_size"], leaf_hash, [bytes.fromhex(p) for p in proof["path"]], root):
        raise Bad("inclusion")
    if checkpoint_of(note) != (f"botu/audit/{coop}", proof["tree_size"], root):
        raise Bad("checkpoint")
    if not log_signed(note, f"botu/audit/{coop}", log_key):
        raise Bad("signature")
    return {"position": entry["position"], "type": entry["type"], "actor": entry["actor"],
            "witnessed": sorted(name for name, key in witnesses.items() if cosigned(note, name, key))}


# --- botu, run as another program ----------------------------------------------------------


def botu(db: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("BOTU_DB", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"
    # botu's command line in a program of its own, its clock fixed at the moment the
    # history of the page's worked example was recorded.
    program = (
        "import datetime as dt, sys; from botu_cli.main import main; "
        "sys.exit(main(sys.argv[1:], clock=lambda: dt.datetime(2023, 3, 1, 12, 0, tzinfo=dt.UTC)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "--db", str(db), *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


WITNESS = "getuige.example/buurthuis"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("format")


@pytest.fixture(scope="module")
def exported(folder: Path) -> tuple[bytes, bytes, bytes, str]:
    """The example history, checkpointed and cosigned; the export, the log's and the witness's public keys,
    the witness's note; in ``folder`` also the receipt of the last signature (event 66)."""
    db = folder / "botu.db"
    botu(db, "example", "load", "botu-2021")
    log_key = json.loads(botu(db, "--json", "audit", "head", "--sign"))["signed"]["public_key"]
    witness_key = json.loads(botu(db, "--json", "audit", "witness", "init", WITNESS, "--key", str(folder / "w.pem")))["public_key"]
    botu(db, "audit", "witness", "add", WITNESS, witness_key)
    botu(db, "audit", "checkpoint")
    note = botu(db, "audit", "witness", "cosign", WITNESS, "--key", str(folder / "w.pem"), "--log-key", log_key)
    botu(db, "audit", "export", str(folder / "log.jsonl"))
    botu(db, "audit", "receipt", "66", "--out", str(folder / "receipt.json"))
    return (folder / "log.jsonl").read_bytes(), bytes.fromhex(log_key), bytes.fromhex(witness_key), note


def test_the_export_of_the_example_history_verifies(exported: tuple[bytes, bytes, bytes, str]) -> None:
    raw, log_key, witness_key, note = exported
    verdict = verify_export(raw, log_key, {WITNESS: witness_key}, [note])
    assert verdict["events"] == 66
    assert verdict["witnessed"] == {WITNESS: 66}
    events = [json.loads(line) for line in raw.split(b"\n")[1:-2]]
    assert {e["actor"] for e in events} == {"owner"}  # botu's command line acts as the store's owner
    assert {e["agreement_version"] for e in events if e["type"] in ("DecisionTaken", "BudgetAllocated")} == {1}
    assert json.loads(raw.split(b"\n")[-2])["checkpoint"] == note  # the cosigned checkpoint travels in the file


def inclusion_ok(index: int, size: int, leaf_hash: bytes, path: list[bytes], root: bytes) -> bool:  # RFC 9162 2.1.3.2
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf_hash
    for p in path:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = hashlib.sha256(b"\x01" + p + r).digest()
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = hashlib.sha256(b"\x01" + r + p).digest()
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def consistency_ok(m: int, n: int, old: bytes, new: bytes, path: list[bytes]) -> bool:  # RFC 9162 2.1.4.2
    if m == n:
        return not path and old == new
    if m & (m - 1) == 0:
        path = [old, *path]
    fn, sn = m - 1, n - 1
    while fn % 2 == 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            fr = hashlib.sha256(b"\x01" + c + fr).digest()
            sr = hashlib.sha256(b"\x01" + c + sr).digest()
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = hashlib.sha256(b"\x01" + sr + c).digest()
        fn, sn = fn >> 1, sn >> 1
    return fr == old and sr == new and sn == 0


def test_the_worked_examples_of_the_page() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    page = (Path(__file__).parents[2] / "docs" / "audit-format.md").read_text(encoding="utf-8")
    raw = (Path(__file__).parents[1] / "fixtures" / "audit_export_v2_example.jsonl").read_bytes()
    verdict = verify_export(raw, b"", {})
    lines = raw.split(b"\n")
    first = lines[1].decode("utf-8")
    assert first in page and len(lines[1]) == 425
    event = json.loads(first)
    state = canonical(event["payload"])
    id16 = uuid.UUID(verdict["cooperation"]).bytes  # type: ignore[arg-type]
    assert leaf(id16, 1, event["timestamp"], event["actor"], event["type"], state).hex() in page
    assert verdict["root"] in page and json.loads(lines[-2])["head"]["digest"] in page

    leaves = []
    for n, line in enumerate(lines[1:-2], start=1):
        e = json.loads(line)
        leaves.append(leaf(id16, n, e["timestamp"], e["actor"], e["type"], canonical(e["payload"])))
    assert mth(leaves[:2]).hex() in page
    shown = [json.loads(line.strip()) for line in page.split("\n") if line.strip().startswith('{"leaf_index": 2') or line.strip().startswith('{"old_size": 3')]
    proof, consistency = shown
    assert proof["root_hash"] == mth(leaves[:8]).hex() and proof["leaf_hash"] == leaves[2].hex()
    assert inclusion_ok(2, 8, leaves[2], [bytes.fromhex(p) for p in proof["path"]], mth(leaves[:8]))
    assert consistency["old_root"] == mth(leaves[:3]).hex()
    assert consistency_ok(3, 8, mth(leaves[:3]), mth(leaves[:8]), [bytes.fromhex(p) for p in consistency["path"]])

    def public(seed: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    log_key, witness_key = public(bytes(range(32))), public(bytes(range(32, 64)))
    assert log_key.hex() in page and witness_key.hex() in page
    start = page.index("    botu/audit/7425787c")
    note_lines = page[start:].split("\n")[:6]
    note = "\n".join(line[4:] for line in note_lines) + "\n"
    assert checkpoint_of(note) == (f"botu/audit/{verdict['cooperation']}", 66, bytes.fromhex(str(verdict["root"])))
    assert log_signed(note, f"botu/audit/{verdict['cooperation']}", log_key)
    assert cosigned(note, WITNESS, witness_key)
    assert verify_export(raw, log_key, {WITNESS: witness_key}, [note])["witnessed"] == {WITNESS: 66}


def rewrite(raw: bytes, change: object) -> bytes:
    lines = raw[:-1].split(b"\n")
    parsed = [json.loads(line) for line in lines]
    change(parsed)  # type: ignore[operator]
    return b"".join(canonical(p) + b"\n" for p in parsed)


def rehash(parsed: list[dict[str, object]]) -> None:
    """What a forger does after a change: recompute every digest, the head and the tree."""
    header, events, footer = parsed[0], parsed[1:-1], parsed[-1]
    id16 = uuid.UUID(str(header["cooperation"])).bytes
    previous, leaves = bytes(32), []
    for n, event in enumerate(events, start=1):
        event["position"] = n
        state = canonical(event["payload"])
        previous = chain_link(previous, id16, n, str(event["type"]), state)
        event["digest"] = previous.hex()
        leaves.append(line_leaf(id16, n, event, state))
    footer["events"] = len(events)
    footer["head"] = {"digest": previous.hex(), "position": len(events)}
    footer["tree"] = {"root_hash": mth(leaves).hex(), "size": len(events)}


def test_every_change_to_the_file_is_found(exported: tuple[bytes, bytes, bytes, str]) -> None:
    raw, log_key, witness_key, note = exported
    keys = {WITNESS: witness_key}

    def payload(parsed: list[dict[str, object]]) -> None:
        parsed[42]["payload"] = json.loads(json.dumps(parsed[42]["payload"]).replace("25000.00", "95000.00"))

    def timestamp(parsed: list[dict[str, object]]) -> None:
        parsed[5]["timestamp"] = "2020-01-01T00:00:00+00:00"

    def agreement(parsed: list[dict[str, object]]) -> None:
        next(e for e in parsed[1:-1] if e["type"] == "BudgetAllocated")["agreement_version"] = 2

    def actor(parsed: list[dict[str, object]]) -> None:
        parsed[7]["actor"] = "iemand anders"

    def forged(parsed: list[dict[str, object]]) -> None:
        payload(parsed)
        rehash(parsed)

    def cut(parsed: list[dict[str, object]]) -> None:
        del parsed[-4:-1]
        rehash(parsed)
        parsed[-1]["checkpoint"] = None

    for change, found in ((payload, "digest 42"), (timestamp, "tree"), (agreement, "tree"), (actor, "tree"), (forged, "rewritten behind a checkpoint of 66"),
                          (cut, "cut short behind a checkpoint of 66")):
        changed = rewrite(raw, change)
        with pytest.raises(Bad) as refused:
            verify_export(changed, log_key, keys, [note])
        assert str(refused.value) == found


def test_the_receipt_of_a_signature_checks(exported: tuple[bytes, bytes, bytes, str], folder: Path) -> None:
    raw, log_key, witness_key, note = exported
    receipt = (folder / "receipt.json").read_bytes()
    verdict = check_receipt(receipt, log_key, {WITNESS: witness_key})
    assert verdict == {"position": 66, "type": "AgreementSigned", "actor": "owner", "witnessed": [WITNESS]}
    assert json.loads(receipt)["checkpoint"] == note  # the latest checkpoint, with its cosignature
    last = json.loads(raw.split(b"\n")[-3])
    assert {k: v for k, v in last.items() if k != "digest"} == json.loads(receipt)["entry"]  # the export's line

    def forged(change: object) -> bytes:
        data = json.loads(receipt)
        change(data)  # type: ignore[operator]
        return canonical(data) + b"\n"

    for change, found in (
        (lambda d: d["entry"].update(actor="iemand"), "entry"),
        (lambda d: d["inclusion"]["path"].reverse(), "inclusion"),
        (lambda d: d.update(checkpoint=d["checkpoint"].replace("\n66\n", "\n65\n")), "checkpoint"),
    ):
        with pytest.raises(Bad) as refused:
            check_receipt(forged(change), log_key, {})
        assert str(refused.value) == found
    with pytest.raises(Bad, match="signature"):
        check_receipt(receipt, bytes(range(32)), {})  # a key that did not sign it
