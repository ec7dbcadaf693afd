"""Following the log by position: order, restarting, privacy, waiting for other writers."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable

import pytest
from factories import cooperation

from botu_core import BotuError, Cooperations, JoinParty, LogRecord, PartyKind

QUIET_PHONE = "06 1111 2222"


def test_follow_yields_every_event_in_order_with_increasing_positions(app: Cooperations) -> None:
    ids = cooperation(app)
    other = cooperation(app, slug="tweede")
    records = list(app.follow())
    assert all(isinstance(r, LogRecord) for r in records)
    positions = [r.position for r in records]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert len(records) == len(app.events_of(ids["coop"])) + len(app.events_of(other["coop"]))
    mine = [r for r in records if r.cooperation == ids["coop"]]
    assert [r.version for r in mine] == list(range(1, len(mine) + 1))
    assert [r.type for r in mine] == [e.type for e in app.events_of(ids["coop"])]
    assert records[0].type == "CooperationFounded" and records[0].actor == "owner"  # who recorded it
    assert records[0].recorded_at == app.events_of(ids["coop"])[0].timestamp


def test_restart_after_a_position_gives_exactly_the_rest(app: Cooperations) -> None:
    cooperation(app)
    everything = list(app.follow())
    for n in (0, 1, 4, len(everything)):
        after = everything[n - 1].position if n else 0
        assert list(app.follow(after)) == everything[n:]
    assert list(app.follow(after=everything[2].position, limit=2)) == everything[3:5]


def test_one_cooperation_only(app: Cooperations) -> None:
    ids = cooperation(app)
    cooperation(app, slug="tweede")
    mine = list(app.follow(cooperation="botu"))
    assert {r.cooperation for r in mine} == {ids["coop"]}
    assert len(mine) == len(app.events_of(ids["coop"]))


def test_a_phone_number_without_consent_is_never_in_a_public_record(app: Cooperations) -> None:
    ids = cooperation(app)
    quiet = str(app.execute(ids["coop"], JoinParty(name="Kees Stil", kind=PartyKind.RESIDENT, phone=QUIET_PHONE)))
    public = [r for r in app.follow() if r.data.get("party_id") == quiet]
    assert public and QUIET_PHONE not in str(public)
    assert "Kees Stil" not in str(public)  # a person's name is not public either
    member = [r for r in app.follow(audience="member") if r.data.get("party_id") == quiet]
    assert QUIET_PHONE not in str(member) and "Kees Stil" in str(member)
    own = [r for r in app.follow(audience="public", viewer=quiet) if r.data.get("party_id") == quiet]
    assert QUIET_PHONE in str(own)


def test_a_person_joining_while_following_is_not_shown_publicly(app: Cooperations) -> None:
    ids = cooperation(app)
    records = app.follow(audience="public")
    first = next(records)  # the look at who is a person is taken now
    quiet = str(app.execute(ids["coop"], JoinParty(name="Kees Stil", kind=PartyKind.RESIDENT, phone=QUIET_PHONE)))
    rest = [first, *records]
    assert any(r.data.get("party_id") == quiet for r in rest)
    assert "Kees Stil" not in str(rest) and QUIET_PHONE not in str(rest)


@pytest.mark.parametrize(
    "kwargs",
    [{"after": -1}, {"after": "3"}, {"after": True}, {"limit": 0}, {"timeout": -1}, {"audience": "everyone"}],
)
def test_bad_arguments_are_coded_errors_at_once(app: Cooperations, kwargs: dict[str, object]) -> None:
    cooperation(app)
    with pytest.raises(BotuError):
        app.follow(**kwargs)  # type: ignore[arg-type]


def test_without_waiting_it_ends_at_the_end_of_the_log(app: Cooperations) -> None:
    cooperation(app)
    last = list(app.follow())[-1].position
    assert list(app.follow(last)) == []
    assert list(app.follow(last, wait=True, timeout=0.3)) == []  # waited, nothing came


def test_waiting_sees_an_event_written_by_another_application(open_app: Callable[..., Cooperations]) -> None:
    reader, writer = open_app(), open_app()
    ids = cooperation(writer)
    last = list(reader.follow())[-1].position
    seen: list[LogRecord] = []
    stop = threading.Event()

    def follow() -> None:
        for record in reader.follow(last, wait=True, stop=stop, timeout=30):
            seen.append(record)
            stop.set()

    thread = threading.Thread(target=follow)
    thread.start()
    writer.execute(ids["coop"], JoinParty(name="Buurtcentrum", kind=PartyKind.INITIATIVE))
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert [r.type for r in seen] == ["PartyJoined"] and seen[0].position > last


def test_waiting_sees_an_event_written_by_another_process(app: Cooperations, store_url: str) -> None:
    ids = cooperation(app)
    last = list(app.follow())[-1].position
    script = (
        "import sys, time\n"
        "from botu_core import Cooperations, JoinParty, PartyKind\n"
        "time.sleep(0.5)\n"
        "with Cooperations(sys.argv[1]) as app:\n"
        "    app.execute(sys.argv[2], JoinParty(name='Buurtcentrum', kind=PartyKind.INITIATIVE))\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", script, store_url, ids["coop"]])
    try:
        seen = list(app.follow(last, wait=True, limit=1, timeout=60))
    finally:
        assert writer.wait(timeout=60) == 0
    assert [r.type for r in seen] == ["PartyJoined"]


def test_a_stop_ends_the_wait(app: Cooperations) -> None:
    cooperation(app)
    last = list(app.follow())[-1].position
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    assert list(app.follow(last, wait=True, stop=stop)) == []
