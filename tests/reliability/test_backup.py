"""Backup and restore: into an empty store, every read model answers the same."""

from __future__ import annotations

from pathlib import Path

import pytest

import botu_testing
from botu_core import BotuError, Cooperations, ForgetParty
from botu_core.backup import backup, restore
from botu_core.examples import load_botu_2021


def test_restore_into_an_empty_store_gives_every_read_model_back(tmp_path: Path, store_url: str) -> None:
    source = Cooperations(str(tmp_path / "source.db"), clock=botu_testing.fixed_clock)
    coop = load_botu_2021(source)
    source.execute(coop, ForgetParty(party="Henk de Vries"))  # a forgotten person stays forgotten
    head = backup(source, coop, tmp_path / "backup")
    live = source.read_models.dump()
    source.close()
    assert "Fatima" not in (tmp_path / "backup" / "events.jsonl").read_text()  # only ciphertext

    target = Cooperations(store_url, clock=botu_testing.fixed_clock)  # SQLite, and PostgreSQL
    result = restore(target, tmp_path / "backup")
    assert result.events == len(target.events_of(coop)) == 67
    assert target.read_models.dump() == live
    assert target.audit.head(coop).digest == head.digest
    assert "Fatima El Amrani" in {p.name for p in target.view_as("member").parties(coop)}
    assert "Henk de Vries" not in {p.name for p in target.view_as("member").parties(coop)}
    # Restoring twice is refused: the cooperation is there already; nothing changes.
    with pytest.raises(BotuError):
        restore(target, tmp_path / "backup")
    assert target.read_models.dump() == live
    target.close()


def test_a_damaged_backup_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    source = Cooperations(str(tmp_path / "source.db"), clock=botu_testing.fixed_clock)
    coop = load_botu_2021(source)
    backup(source, coop, tmp_path / "backup")
    source.close()
    events = tmp_path / "backup" / "events.jsonl"
    events.write_text(events.read_text().replace("50000.00", "90000.00", 1))
    target = Cooperations(str(tmp_path / "target.db"), clock=botu_testing.fixed_clock)
    with pytest.raises(BotuError):
        restore(target, tmp_path / "backup")
    assert target.cooperations() == []
    assert target.keys.count() == 0
    target.close()
