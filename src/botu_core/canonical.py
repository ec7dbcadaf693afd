"""The one byte form of a JSON document: what the store keeps, what digests and
signatures are taken over. Plain ``json`` only, so every layer can use it."""

from __future__ import annotations

import json
from typing import Any


def canonical_json(data: Any) -> bytes:
    """The one byte form of a JSON document: sorted keys, no spaces, UTF-8."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


__all__ = ["canonical_json"]
