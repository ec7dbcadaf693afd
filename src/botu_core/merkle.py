"""The Merkle tree of RFC 9162 (Certificate Transparency 2.0, section 2.1), as pure functions.

    leaf hash   = SHA-256(0x00 || entry)
    node hash   = SHA-256(0x01 || left || right)
    MTH({})     = SHA-256("")
    MTH(D[n])   = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two below n

Proofs are made from the hashes of *complete* subtrees only: ``get(level, index)`` gives
the hash of the subtree of 2**level leaves that starts at leaf ``index * 2**level``.
Every subtree a proof needs starts at a multiple of its own width, so a proof reads
O(log n) stored hashes, whatever the size of the tree (``tree.TreeStore`` keeps them).
The verifiers are RFC 9162's algorithms, checkable offline with nothing but hashes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

NodeSource = Callable[[int, int], bytes]  # (level, index) -> hash of a complete subtree

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def subtree_hash(get: NodeSource, start: int, end: int) -> bytes:
    """MTH(D[start:end]) for a range that starts at a multiple of its split width."""
    n = end - start
    if n <= 0:
        return EMPTY_ROOT
    if n & (n - 1) == 0:
        level = n.bit_length() - 1
        return get(level, start >> level)
    k = _split(n)
    return node_hash(subtree_hash(get, start, start + k), subtree_hash(get, start + k, end))


def root(get: NodeSource, size: int) -> bytes:
    return subtree_hash(get, 0, size)


def inclusion_path(get: NodeSource, index: int, size: int) -> list[bytes]:
    """PATH(index, D[size]) of RFC 9162 2.1.3.1: the sibling hashes, nearest the leaf first."""
    if not 0 <= index < size:
        raise ValueError("index outside the tree")
    return _path(get, index, 0, size)


def _path(get: NodeSource, m: int, start: int, end: int) -> list[bytes]:
    n = end - start
    if n == 1:
        return []
    k = _split(n)
    if m < k:
        return _path(get, m, start, start + k) + [subtree_hash(get, start + k, end)]
    return _path(get, m - k, start + k, end) + [subtree_hash(get, start, start + k)]


def consistency_path(get: NodeSource, old: int, new: int) -> list[bytes]:
    """PROOF(old, D[new]) of RFC 9162 2.1.4.1."""
    if not 0 < old <= new:
        raise ValueError("sizes out of order")
    return _subproof(get, old, 0, new, True)


def _subproof(get: NodeSource, m: int, start: int, end: int, whole: bool) -> list[bytes]:
    n = end - start
    if m == n:
        return [] if whole else [subtree_hash(get, start, end)]
    k = _split(n)
    if m <= k:
        return _subproof(get, m, start, start + k, whole) + [subtree_hash(get, start + k, end)]
    return _subproof(get, m - k, start + k, end, False) + [subtree_hash(get, start, start + k)]


def verify_inclusion(index: int, size: int, leaf: bytes, path: Sequence[bytes], root_hash: bytes) -> bool:
    """RFC 9162 2.1.3.2."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root_hash


def verify_consistency(old: int, new: int, old_root: bytes, new_root: bytes, path: Sequence[bytes]) -> bool:
    """RFC 9162 2.1.4.2 (``old`` at least 1)."""
    if not 0 < old <= new:
        return False
    if old == new:
        return not path and old_root == new_root
    if not path:
        return False
    proof = list(path)
    if old & (old - 1) == 0:
        proof = [old_root, *proof]
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0


class MemoryTree:
    """Every complete subtree of a list of leaf hashes, in memory (an export, a test)."""

    def __init__(self, leaves: Sequence[bytes] = ()) -> None:
        # Level by level: the same subtrees ``append`` makes one leaf at a time, built in bulk.
        level = list(leaves)
        self.levels: list[list[bytes]] = [level]
        while len(level) > 1:
            level = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
            self.levels.append(level)

    @property
    def size(self) -> int:
        return len(self.levels[0])

    def append(self, leaf: bytes) -> None:
        self.levels[0].append(leaf)
        level, index, current = 0, len(self.levels[0]) - 1, leaf
        while index & 1:
            current = node_hash(self.levels[level][index - 1], current)
            level += 1
            index >>= 1
            if len(self.levels) == level:
                self.levels.append([])
            self.levels[level].append(current)

    def get(self, level: int, index: int) -> bytes:
        return self.levels[level][index]

    def root(self, size: int | None = None) -> bytes:
        return root(self.get, self.size if size is None else size)
