"""A writer that records commands in a loop until it is killed (used by test_crash.py).

Each command has an idempotency key ``w-<n>``; after ``execute`` returns, the key is
printed and flushed: a key on stdout means "this command returned success". On restart
the writer starts a few commands before the last one reported, as a client retrying
would: commands that already landed are recognised by their key and recorded nothing twice.
"""

from __future__ import annotations

import datetime as dt
import sys

from botu_core import (
    AllocateBudget,
    BotuError,
    Cooperations,
    JoinParty,
    MeetingKind,
    Money,
    PartyKind,
    RecordMeeting,
)


def command(n: int) -> object:
    if n % 3 == 0:
        return RecordMeeting(kind=MeetingKind.MONTHLY, held_on=dt.date(2021, 7 + n % 6, 1 + n % 28), title=f"Overleg {n}")
    if n % 3 == 1:
        return JoinParty(name=f"Bewoner {n}", kind=PartyKind.RESIDENT, phone="0612345678", share_contact=True)
    return AllocateBudget(project="Buurthuiskamers", source="BoTu2028", year=2021, amount=Money(n), decision="decision-1")


def main(url: str, coop: str, start: str = "1") -> None:
    app = Cooperations(url, clock=lambda: dt.datetime(2023, 3, 1, 12, tzinfo=dt.UTC))
    n = int(start) - 1
    while True:
        n += 1
        try:
            app.execute(coop, command(n), idempotency_key=f"w-{n}")
        except BotuError as error:
            print(f"refused w-{n} {error.code}", flush=True)
            continue
        print(f"ok w-{n}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
