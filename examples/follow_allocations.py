"""Keep a CSV file of every budget allocation in step with a store, by following its log.

    python examples/follow_allocations.py STORE allocations.csv [--cooperation SLUG] [--follow]

Each allocation becomes one row. The last log position handled is kept beside the CSV
(``allocations.csv.position``), with the CSV's length at that moment: after a crash —
even a ``kill -9`` between writing a row and saving the position — a restart cuts the
CSV back to that length and goes on from that position, so every allocation is in the
file exactly once. ``--follow`` waits for new events instead of stopping at the end.

Een CSV-bestand met elke toekenning van geld, bijgehouden door het logboek te volgen;
na een crash gaat het verder waar het was, zonder dubbele of ontbrekende regels.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
from pathlib import Path

from botu_core import BotuError, Cooperations, LogRecord

COLUMNS = ["position", "cooperation", "allocation_id", "project_id", "source", "year", "amount", "decision_id",
           "allocated_on"]


def position_file(csv_path: Path) -> Path:
    return csv_path.with_name(csv_path.name + ".position")


def resume(csv_path: Path) -> int:
    """The last position handled; the CSV cut back to what was written up to it."""
    saved = position_file(csv_path)
    if not saved.exists():
        with csv_path.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerow(COLUMNS)
            out.flush()
            os.fsync(out.fileno())
        save_position(csv_path, 0)
        return 0
    state = json.loads(saved.read_text(encoding="utf-8"))
    with csv_path.open("r+b") as out:
        out.truncate(state["size"])  # a row written after the position was saved goes
    return int(state["position"])


def save_position(csv_path: Path, position: int) -> None:
    """Write the position and the CSV's length to a new file, then put it in place:
    a crash leaves the old position or the new one, never half of one."""
    saved = position_file(csv_path)
    temporary = saved.with_name(saved.name + ".new")
    text = json.dumps({"position": position, "size": csv_path.stat().st_size})
    with temporary.open("w", encoding="utf-8") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, saved)


def row(record: LogRecord) -> list[str]:
    data = record.data
    return [str(record.position), record.cooperation, data["allocation_id"], data["project_id"], data["source"],
            str(data["year"]), str(data["amount"]), data["decision_id"], str(data["allocated_on"])]


def append(csv_path: Path, record: LogRecord) -> None:
    line = io.StringIO()
    csv.writer(line).writerow(row(record))
    with csv_path.open("a", newline="", encoding="utf-8") as out:
        out.write(line.getvalue())
        out.flush()
        os.fsync(out.fileno())


def keep_in_step(app: Cooperations, csv_path: Path, *, cooperation: str | None, follow: bool) -> int:
    """Handle every event after the saved position; returns how many rows were added."""
    added = 0
    after = resume(csv_path)
    for record in app.follow(after, cooperation=cooperation, wait=follow):
        if record.type == "BudgetAllocated":
            append(csv_path, record)
            added += 1
        save_position(csv_path, record.position)
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("store", help="the store: a SQLite file or a postgresql:// address")
    parser.add_argument("csv", type=Path, help="the CSV file to keep in step")
    parser.add_argument("--cooperation", help="only this cooperation (id or short name)")
    parser.add_argument("--follow", action="store_true", help="wait for new events instead of stopping")
    args = parser.parse_args(argv)
    try:
        with Cooperations(args.store) as app:
            added = keep_in_step(app, args.csv, cooperation=args.cooperation, follow=args.follow)
    except BotuError as error:
        print(error.message("nl"), "/", error.message("en"))
        return 1
    print(f"{added} toekenningen toegevoegd / allocations added")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
