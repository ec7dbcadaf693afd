"""Projecting in batches of a thousand (as a rebuild does) gives the same tables as
projecting event by event, each in a batch of its own (as a command's own events and
time travel are), for a synthetic log with every core event kind."""

from __future__ import annotations

from pathlib import Path

from botu_core import Cooperations
from botu_core.readmodels import projector

from benchmarks import run, synth


def test_batched_equals_per_event(tmp_path: Path) -> None:
    app = Cooperations(str(tmp_path / "botu.db"), clock=run.clock)
    try:
        info = run.build_log(app, seed=7, events=4_000)
        kinds = set(info["event_kinds"])
        assert {"PartyForgotten", "CoordinatorsChosen", "AgreementRevised", "AllocationWithdrawn"} <= kinds
        app.rebuild_read_models()  # batched
        batched = app.read_models.dump()
        app.read_models.clear()
        with app.read_models._writing() as conn:  # one by one, each flushed alone
            for notification in app.recorder.select_notifications(start=1, limit=10**6):
                projector.apply(conn, app.mapper.to_domain_event(notification))
        assert app.read_models.dump() == batched
        assert len(batched["rm_measurements"]) == info["event_kinds"]["IndicatorMeasured"]
    finally:
        app.close()


def test_synthetic_history_is_deterministic() -> None:
    first = list(synth.cooperation_history(3, 5, 600))
    assert first == list(synth.cooperation_history(3, 5, 600))
    assert len(first) == 600

