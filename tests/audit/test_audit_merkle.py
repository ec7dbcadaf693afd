"""The RFC 9162 tree: published test vectors, an independent plain implementation, and
proofs from the store that read O(log n) subtrees."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from uuid import UUID

import pytest

from botu_core import Cooperations, JoinParty, PartyKind
from botu_core import merkle
from botu_core.audit.tree import event_leaf

# transparency-dev/merkle proof/verify_test.go: the leaves, the roots of the trees of
# 1..8 leaves, and inclusion (leaf number from 1) and consistency proofs.
LEAVES = [bytes.fromhex(h) for h in ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"]]
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
INCLUSION = [
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (3, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (2, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]
CONSISTENCY = [
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    (6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
]


def test_the_published_roots() -> None:
    tree = merkle.MemoryTree([merkle.leaf_hash(leaf) for leaf in LEAVES])
    assert [tree.root(size).hex() for size in range(1, 9)] == ROOTS
    assert merkle.root(tree.get, 0).hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.mark.parametrize(("leaf", "size", "path"), INCLUSION)
def test_the_published_inclusion_proofs(leaf: int, size: int, path: list[str]) -> None:
    tree = merkle.MemoryTree([merkle.leaf_hash(x) for x in LEAVES])
    made = merkle.inclusion_path(tree.get, leaf - 1, size)
    assert [p.hex() for p in made] == path
    root = bytes.fromhex(ROOTS[size - 1])
    leaf_hash = merkle.leaf_hash(LEAVES[leaf - 1])
    assert merkle.verify_inclusion(leaf - 1, size, leaf_hash, made, root)
    # The probes of the same test file: each must be refused.
    wrong = [
        (leaf - 2, size, leaf_hash, made, root),
        (leaf, size, leaf_hash, made, root),
        (leaf - 1, size * 2, leaf_hash, made, root),
        (leaf - 1, size, b"WrongLeaf", made, root),
        (leaf - 1, size, leaf_hash, made, merkle.EMPTY_ROOT),
        (leaf - 1, size, leaf_hash, [*made, root], root),
        (leaf - 1, size, leaf_hash, [root, *made], root),
        (leaf - 1, size, leaf_hash, made[:-1], root),
    ]
    for index, n, h, p, r in wrong:
        if index >= 0:
            assert not merkle.verify_inclusion(index, n, h, p, r)


@pytest.mark.parametrize(("old", "new", "path"), CONSISTENCY)
def test_the_published_consistency_proofs(old: int, new: int, path: list[str]) -> None:
    tree = merkle.MemoryTree([merkle.leaf_hash(x) for x in LEAVES])
    made = merkle.consistency_path(tree.get, old, new)
    assert [p.hex() for p in made] == path
    r1, r2 = bytes.fromhex(ROOTS[old - 1]), bytes.fromhex(ROOTS[new - 1])
    assert merkle.verify_consistency(old, new, r1, r2, made)
    assert not merkle.verify_consistency(old, new, r2, r1, made)
    assert not merkle.verify_consistency(old, new, r1, r2, made[:-1])
    assert not merkle.verify_consistency(old, new, r1, r2, [])
    flipped = [bytes([made[0][0] ^ 16]) + made[0][1:], *made[1:]]
    assert not merkle.verify_consistency(old, new, r1, r2, flipped)


# --- an independent, straightforward implementation: RFC 9162's definitions, recursively ---


def plain_mth(leaves: list[bytes]) -> bytes:
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return hashlib.sha256(b"\x00" + leaves[0]).digest()
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + plain_mth(leaves[:k]) + plain_mth(leaves[k:])).digest()


def plain_path(m: int, leaves: list[bytes]) -> list[bytes]:
    if len(leaves) <= 1:
        return []
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    if m < k:
        return plain_path(m, leaves[:k]) + [plain_mth(leaves[k:])]
    return plain_path(m - k, leaves[k:]) + [plain_mth(leaves[:k])]


def plain_subproof(m: int, leaves: list[bytes], whole: bool) -> list[bytes]:
    if m == len(leaves):
        return [] if whole else [plain_mth(leaves)]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    if m <= k:
        return plain_subproof(m, leaves[:k], whole) + [plain_mth(leaves[k:])]
    return plain_subproof(m - k, leaves[k:], False) + [plain_mth(leaves[:k])]


def test_the_same_as_a_plain_implementation_for_every_small_tree() -> None:
    entries = [f"entry {i}".encode() for i in range(40)]
    tree = merkle.MemoryTree([merkle.leaf_hash(e) for e in entries])
    for size in range(1, 41):
        root = plain_mth(entries[:size])
        assert tree.root(size) == root
        for index in range(size):
            path = merkle.inclusion_path(tree.get, index, size)
            assert path == plain_path(index, entries[:size])
            assert merkle.verify_inclusion(index, size, merkle.leaf_hash(entries[index]), path, root)
        for old in range(1, size + 1):
            proof = merkle.consistency_path(tree.get, old, size)
            assert proof == plain_subproof(old, entries[:size], True)
            assert merkle.verify_consistency(old, size, plain_mth(entries[:old]), root, proof)


def test_a_proof_in_a_tree_of_a_million_reads_only_logarithmically_many_subtrees() -> None:
    reads: list[tuple[int, int]] = []

    def counting(level: int, index: int) -> bytes:
        reads.append((level, index))
        return hashlib.sha256(f"{level}/{index}".encode()).digest()

    size = 1_000_000
    for index in (0, 123_456, 999_999):
        reads.clear()
        merkle.inclusion_path(counting, index, size)
        merkle.root(counting, size)
        assert len(reads) <= 2 * 20 + 8  # log2(10**6) < 20
    reads.clear()
    merkle.consistency_path(counting, 777_777, size)
    assert len(reads) <= 2 * 20 + 8


# --- the tree in the store -----------------------------------------------------------------


def test_the_stored_tree_gives_proofs_that_check(app: Cooperations) -> None:
    coop = UUID(app.create_cooperation("Energiewijk Test", slug="test"))
    for i in range(12):
        app.execute(coop, JoinParty(name=f"Partij {i}", kind=PartyKind.RESIDENT))
    stored = list(app.recorder.select_events(coop))
    assert app.audit.tree_size(coop) == 13
    leaves = [event_leaf(coop, e, app.audit._plain) for e in stored]
    memory = merkle.MemoryTree(leaves)
    for position in (1, 7, 13):
        proof = app.audit.prove(coop, position)
        assert proof.check() and proof.root_hash == memory.root()
        assert proof.path == merkle.inclusion_path(memory.get, position - 1, 13)
    for old, new in ((1, 13), (5, 13), (8, 8), (6, 11)):
        consistency = app.audit.consistency(coop, old, new)
        assert consistency.check()
        assert consistency.old_root == memory.root(old) and consistency.new_root == memory.root(new)


def botu(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from botu_cli.main import main

    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_prove_and_consistency_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "botu.db")
    with Cooperations(db) as app:
        coop = app.create_cooperation("Energiewijk Test", slug="test")
        for i in range(6):
            app.execute(coop, JoinParty(name=f"Partij {i}", kind=PartyKind.RESIDENT))
        app.close()
    code, out, _ = botu(capsys, "--db", db, "--json", "audit", "prove", "3")
    proof = json.loads(out)
    assert code == 0 and set(proof) == {"leaf_index", "tree_size", "leaf_hash", "path", "root_hash"}
    assert (proof["leaf_index"], proof["tree_size"]) == (2, 7)
    assert merkle.verify_inclusion(
        2, 7, bytes.fromhex(proof["leaf_hash"]), [bytes.fromhex(p) for p in proof["path"]], bytes.fromhex(proof["root_hash"])
    )
    code, out, _ = botu(capsys, "--db", db, "--json", "audit", "consistency", "3", "7")
    consistency = json.loads(out)
    assert code == 0 and set(consistency) == {"old_size", "new_size", "old_root", "new_root", "path"}
    assert consistency["new_root"] == proof["root_hash"]
    assert merkle.verify_consistency(
        3, 7, bytes.fromhex(consistency["old_root"]), bytes.fromhex(consistency["new_root"]),
        [bytes.fromhex(p) for p in consistency["path"]],
    )
    code, _, err = botu(capsys, "--db", db, "audit", "prove", "9")
    assert code == 2 and "9" in err


def test_a_store_older_than_the_tree_gets_its_tree_on_opening(open_app: object) -> None:
    from sqlalchemy import delete

    from botu_core.audit.tree import tree_table

    first = open_app()  # type: ignore[operator]
    coop = UUID(first.create_cooperation("Energiewijk Test", slug="test"))
    for i in range(4):
        first.execute(coop, JoinParty(name=f"Partij {i}", kind=PartyKind.RESIDENT))
    root = first.audit.prove(coop, 5).root_hash
    with first.read_models.engine.begin() as conn:
        conn.execute(delete(tree_table))  # as a store written before the transparency log
    assert first.audit.tree_size(coop) == 0
    first.close()
    again = open_app()  # type: ignore[operator]
    assert again.audit.tree_size(coop) == 5
    assert again.audit.prove(coop, 2).root_hash == root
    again.execute(coop, JoinParty(name="Nieuw", kind=PartyKind.OTHER))
    assert again.audit.tree_size(coop) == 6 and again.audit.consistency(coop, 5, 6).check()
    again.close()


def test_a_tree_built_at_once_has_the_subtrees_of_one_built_leaf_by_leaf() -> None:
    leaves = [merkle.leaf_hash(f"entry {i}".encode()) for i in range(70)]
    for size in range(71):
        grown = merkle.MemoryTree()
        for leaf in leaves[:size]:
            grown.append(leaf)
        assert merkle.MemoryTree(leaves[:size]).levels == grown.levels


def test_a_tree_table_longer_or_other_than_the_log_is_found(small: tuple[Cooperations, UUID, object]) -> None:
    from audit_helpers import RawEvents

    app, coop, raw = small
    assert isinstance(raw, RawEvents)
    kept = app.audit._kept_leaves(coop)
    raw.delete(10)
    raw.rechain()  # chain and tree made to fit the shorter log ...
    table = "audit_tree" if raw.kind == "sqlite" else f'"{app.settings.schema}".audit_tree'
    raw._run([(f"INSERT INTO {table} (coop_id, level, idx, hash) VALUES (%s, %s, %s, %s)", (str(coop), 0, 9, kept[9]))])
    verdict = app.audit.verify(coop)  # ... but for one leaf left behind in the tree
    assert (verdict.ok, verdict.problem_code, verdict.first_bad_position) == (False, "audit.events_missing_at_end", 10)
    raw._run([(f"UPDATE {table} SET hash = %s WHERE coop_id = %s AND level = 0 AND idx = 4", (kept[0], str(coop)))])
    verdict = app.audit.verify(coop)
    assert (verdict.ok, verdict.problem_code, verdict.first_bad_position) == (False, "audit.tree_mismatch", 5)
