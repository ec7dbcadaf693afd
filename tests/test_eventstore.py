"""botu's SQLite recorder: eventsourcing's log format, events and read models in one transaction."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

import botu_testing
from botu_core import Cooperations
from botu_core.eventstore import SQLiteRecorder
from factories import cooperation


def open_app(path: Path) -> Cooperations:
    return Cooperations(str(path), clock=botu_testing.fixed_clock)


def es_recorder(path: Path) -> SQLiteApplicationRecorder:
    recorder = SQLiteApplicationRecorder(SQLiteDatastore(str(path)))
    recorder.create_table()
    return recorder


def test_a_log_written_by_eventsourcings_own_recorder_reads_the_same(tmp_path: Path) -> None:
    # botu used eventsourcing's SQLite recorder before: its files must read on unchanged.
    path = tmp_path / "botu.db"
    app = open_app(path)
    ids = cooperation(app)
    ours = app.recorder
    assert isinstance(ours, SQLiteRecorder)
    app.close()
    theirs = es_recorder(path)
    coop = UUID(ids["coop"])
    a = [(e.originator_id, e.originator_version, e.topic, e.state) for e in theirs.select_events(coop)]
    app = open_app(path)
    b = [(e.originator_id, e.originator_version, e.topic, e.state) for e in app.recorder.select_events(coop)]
    assert a == b and len(a) > 5
    # The notification log too: the same ids, in the same order.
    assert [n.id for n in theirs.select_notifications(1, 100)] == [n.id for n in app.recorder.select_notifications(1, 100)]
    assert theirs.max_notification_id() == app.recorder.max_notification_id()
    # …and what eventsourcing's recorder adds, botu reads and projects.
    more = StoredEvent(originator_id=uuid4(), originator_version=1, topic="X", state=b"{}")
    theirs.insert_events([more])
    assert app.recorder.select_events(more.originator_id)[0].state == b"{}"
    app.close()


def test_selecting_notifications_by_start_stop_and_topic(tmp_path: Path) -> None:
    recorder = SQLiteRecorder(open_app(tmp_path / "botu.db").read_models.engine)
    assert recorder.max_notification_id() is None
    coop = uuid4()
    ids = recorder.insert_events(
        [StoredEvent(coop, v, "A" if v % 2 else "B", f'{{"v":{v}}}'.encode()) for v in range(1, 7)]
    )
    assert list(ids or []) == [1, 2, 3, 4, 5, 6]
    assert [n.id for n in recorder.select_notifications(2, 10)] == [2, 3, 4, 5, 6]
    assert [n.id for n in recorder.select_notifications(2, 10, inclusive_of_start=False)] == [3, 4, 5, 6]
    assert [n.id for n in recorder.select_notifications(1, 10, stop=3)] == [1, 2, 3]
    assert [n.id for n in recorder.select_notifications(1, 10, topics=["B"])] == [2, 4, 6]
    assert [n.id for n in recorder.select_notifications(None, 2)] == [1, 2]
    assert recorder.max_notification_id() == 6
    assert [e.originator_version for e in recorder.select_events(coop, gt=2, lte=4)] == [3, 4]
    assert [e.originator_version for e in recorder.select_events(coop, desc=True, limit=2)] == [6, 5]
    # The same version twice: refused, and nothing of the batch is written.
    with pytest.raises(IntegrityError):
        recorder.insert_events([StoredEvent(coop, 7, "A", b"{}"), StoredEvent(coop, 6, "A", b"{}")])
    assert recorder.max_notification_id() == 6
