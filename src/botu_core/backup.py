"""Backup and restore of a cooperation: the log and, apart from it, the personal-data keys.

A backup is a folder with two files:

- ``events.jsonl``: the audit export of the whole log (JSON Lines, with the chain digest
  on every line, see ``audit.portable``). It holds personal data only as ciphertext.
- ``keys.json``: the keys of the people in it (``privacy``). Keep it apart from the
  events (another disk, another place): together they reveal personal data. A key of a
  person who was forgotten is not in it, so restoring never brings them back.

Restoring into an empty store checks the whole export first (a damaged or altered file
is refused and nothing is written), loads the log, puts the keys back and rebuilds the
read models from the log.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

from .privacy import export_keys, import_keys

if TYPE_CHECKING:
    from .application import Cooperations
    from .audit import Head, ImportResult

EVENTS_FILE = "events.jsonl"
KEYS_FILE = "keys.json"


def backup(app: Cooperations, cooperation: str | UUID | None, folder: str | os.PathLike[str]) -> Head:
    """Write the backup of one cooperation into ``folder`` (made if missing); returns the head."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    coop = app.resolve(cooperation)
    head = app.audit.export(coop, target / EVENTS_FILE)
    keys = {"cooperation": str(coop), "keys": export_keys(app.keys, str(coop))}
    (target / KEYS_FILE).write_text(json.dumps(keys, indent=1, sort_keys=True), encoding="utf-8")
    return head


def restore(app: Cooperations, folder: str | os.PathLike[str]) -> ImportResult:
    """Load a backup into this store (which must not hold that cooperation yet)."""
    source = Path(folder)
    events = (source / EVENTS_FILE).read_bytes()
    keys_path = source / KEYS_FILE
    keys = json.loads(keys_path.read_text(encoding="utf-8")) if keys_path.exists() else None
    # The import checks the whole log first and writes it in one transaction, or nothing.
    result = app.audit.import_log(events)
    if keys is not None:
        import_keys(app.keys, str(keys["cooperation"]), dict(keys["keys"]))
    # Projected before the keys were back, personal fields read as forgotten: project again.
    app.rebuild_read_models()
    return result
