"""A damaged store, as an outside auditor damages a copy of one: verify judges it as it
is stored (never "store unreachable"), and no other command shows its figures silently.

Each test records the example history of 2021, damages it with raw SQL (SQLite file and
PostgreSQL schema, through ``store_url``) and runs the command line in-process.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

import pytest

from botu_core import Cooperations
from botu_core.examples import load_botu_2021

from audit_helpers import RawEvents, append_copy, drop_read_models

ALLOCATION = 42  # BudgetAllocated, €25,000.00


def botu(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from botu_cli.main import main

    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def recorded(store_url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, UUID, int]:
    """The example history in the store; its URL, the cooperation and how many events."""
    for name in ("BOTU_DB", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    with Cooperations(store_url) as app:
        coop = UUID(load_botu_2021(app))
        count = len(list(app.recorder.select_events(coop)))
        app.close()
    return store_url, coop, count


def damage(url: str, coop: UUID, act: Callable[[RawEvents], object]) -> None:
    with Cooperations(url) as app:
        act(RawEvents(app, coop))
        app.close()


def verdict(capsys: pytest.CaptureFixture[str], url: str) -> tuple[int, dict[str, object]]:
    code, out, _ = botu(capsys, "--db", url, "--json", "audit", "verify")
    return code, json.loads(out)


def refuses(capsys: pytest.CaptureFixture[str], url: str, *args: str) -> str:
    """The command exits 3 with a message that sends the user to ``botu audit verify``."""
    code, _, err = botu(capsys, "--db", url, *args)
    assert code == 3, err
    assert "botu audit verify" in err and "niet bereikbaar" not in err
    return err


def test_a_changed_payload_is_judged_and_not_shown(
    recorded: tuple[str, UUID, int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url, coop, _count = recorded
    code, before, _ = botu(capsys, "--db", url, "--json", "budget", "show")
    assert code == 0
    damage(url, coop, lambda raw: raw.flip_byte(ALLOCATION, b'"25000.00"', b'"95000.00"'))

    code, found = verdict(capsys, url)
    assert (code, found["ok"], found["first_bad_position"], found["problem_code"]) == (
        3, False, ALLOCATION, "audit.event_changed",
    )
    refuses(capsys, url, "log")
    refuses(capsys, url, "why", "allocation-2")
    # The read models hold what was recorded, not the changed bytes.
    code, after, _ = botu(capsys, "--db", url, "--json", "budget", "show")
    assert (code, after) == (0, before)
    refuses(capsys, url, "audit", "export", str(tmp_path / "laundered.jsonl"))
    assert not (tmp_path / "laundered.jsonl").exists()


def test_a_changed_payload_is_not_projected_again(
    recorded: tuple[str, UUID, int], capsys: pytest.CaptureFixture[str]
) -> None:
    url, coop, _count = recorded

    def act(raw: RawEvents) -> None:
        raw.flip_byte(ALLOCATION, b'"25000.00"', b'"95000.00"')
        drop_read_models(raw.app)

    damage(url, coop, act)
    refuses(capsys, url, "budget", "show")
    code, found = verdict(capsys, url)
    assert (code, found["first_bad_position"]) == (3, ALLOCATION)


def test_a_changed_last_event_stops_every_command(
    recorded: tuple[str, UUID, int], capsys: pytest.CaptureFixture[str]
) -> None:
    url, coop, count = recorded

    def act(raw: RawEvents) -> None:
        _topic, state = raw.row(count)
        raw.set_state(count, state.replace(b"}", b' }', 1))

    damage(url, coop, act)
    refuses(capsys, url, "budget", "show")
    refuses(capsys, url, "party", "list")
    code, found = verdict(capsys, url)
    assert (code, found["first_bad_position"], found["problem_code"]) == (3, count, "audit.event_changed")


def test_a_deleted_row_is_judged_and_stops_every_command(
    recorded: tuple[str, UUID, int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url, coop, _count = recorded
    damage(url, coop, lambda raw: raw.delete(ALLOCATION))
    code, found = verdict(capsys, url)
    assert (code, found["ok"], found["first_bad_position"], found["problem_code"]) == (
        3, False, ALLOCATION, "audit.event_missing",
    )
    refuses(capsys, url, "budget", "show")
    refuses(capsys, url, "log")
    refuses(capsys, url, "audit", "export", str(tmp_path / "laundered.jsonl"))


def test_a_duplicated_event_is_judged_not_unreachable(
    recorded: tuple[str, UUID, int], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url, coop, count = recorded
    damage(url, coop, lambda raw: append_copy(raw, ALLOCATION))
    code, found = verdict(capsys, url)
    assert (code, found["ok"], found["first_bad_position"], found["problem_code"]) == (
        3, False, count + 1, "audit.event_duplicated",
    )
    assert str(ALLOCATION) in str(found["problem"])
    err = refuses(capsys, url, "budget", "show")
    assert "dubbel" in err
    refuses(capsys, url, "audit", "export", str(tmp_path / "laundered.jsonl"))
    # Verify stays read-only: after every refusal the verdict is still the same.
    assert verdict(capsys, url)[1]["first_bad_position"] == count + 1


def test_a_truncated_log_is_judged_and_stops_every_command(
    recorded: tuple[str, UUID, int], capsys: pytest.CaptureFixture[str]
) -> None:
    url, coop, count = recorded

    def act(raw: RawEvents) -> None:
        for version in (count, count - 1, count - 2):
            raw.delete(version)

    damage(url, coop, act)
    code, found = verdict(capsys, url)
    assert (code, found["first_bad_position"], found["problem_code"]) == (3, count - 2, "audit.events_missing_at_end")
    refuses(capsys, url, "budget", "show")


def test_the_library_refuses_a_damaged_store_with_a_code(recorded: tuple[str, UUID, int]) -> None:
    from botu_core import StoreError

    url, coop, _count = recorded
    damage(url, coop, lambda raw: raw.delete(ALLOCATION))
    with pytest.raises(StoreError) as refused:
        Cooperations(url)
    assert refused.value.code == "audit.store_damaged"
    assert "botu audit verify" in refused.value.message_en
    with Cooperations(url, audit_only=True) as app:
        found = app.audit.verify(coop)
        assert (found.ok, found.first_bad_position) == (False, ALLOCATION)
        with pytest.raises(StoreError):
            app.audit.export(coop, Path("/dev/null"))
        app.close()
