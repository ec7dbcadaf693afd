"""Export and import as JSON Lines: byte-identical round trips, damaged files refused."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from botu_core import Cooperations, InvalidInput
from botu_core.examples import load_botu_2021

from audit_helpers import all_queries, copy_subject_keys

NOW = dt.datetime(2023, 3, 1, 12, 0, tzinfo=dt.UTC)


def exported(app: Cooperations, coop: str) -> bytes:
    buffer = io.BytesIO()
    app.audit.export(coop, buffer)
    return buffer.getvalue()


@pytest.mark.postgres
def test_sqlite_to_postgres_round_trip(tmp_path: Path, postgres_url: str) -> None:
    source = Cooperations(str(tmp_path / "botu.db"), clock=lambda: NOW)
    target = Cooperations(postgres_url, clock=lambda: NOW)
    try:
        coop = load_botu_2021(source)
        head = source.audit.export(coop, tmp_path / "botu.jsonl")
        first = (tmp_path / "botu.jsonl").read_bytes()
        copy_subject_keys(source, target)  # personal-data keys travel apart from the log
        result = target.audit.import_log(tmp_path / "botu.jsonl", expected_head=head.short)
        assert (result.cooperation_id, result.events, result.head) == (coop, 66, head)
        assert exported(target, coop) == first
        assert target.audit.head(coop) == source.audit.head(coop) == head
        assert target.audit.verify(coop).ok
        assert all_queries(target, coop) == all_queries(source, coop)
    finally:
        source.close()
        target.close()


def test_the_file_is_json_lines_with_position_type_timestamp_payload_and_digest(
    example: tuple[Cooperations, str],
) -> None:
    app, coop = example
    lines = exported(app, coop).splitlines()
    assert len(lines) == 1 + 66 + 1
    first = json.loads(lines[1])
    assert set(first) == {"actor", "agreement_version", "position", "type", "timestamp", "payload", "digest"}
    assert (first["position"], first["type"]) == (1, "CooperationFounded")
    footer = json.loads(lines[-1])
    assert footer["head"] == {"position": 66, "digest": app.audit.head(coop).digest}
    assert json.loads(lines[-2])["digest"] == footer["head"]["digest"]
    assert footer["tree"] == {"size": 66, "root_hash": app.audit.prove(coop, 1).root_hash.hex()}


class TestImportContract:
    """Import into an empty store of either backend (``store_url``)."""

    def test_round_trip_is_byte_identical(self, example: tuple[Cooperations, str], app: Cooperations) -> None:
        source, coop = example
        data = exported(source, coop)
        copy_subject_keys(source, app)
        app.audit.import_log(data)
        assert exported(app, coop) == data
        assert all_queries(app, coop) == all_queries(source, coop)

    def test_a_damaged_file_is_refused_and_nothing_is_written(
        self, example: tuple[Cooperations, str], app: Cooperations
    ) -> None:
        source, coop = example
        good = exported(source, coop).splitlines()
        for name, (damage, code) in DAMAGES.items():
            lines = list(good)
            damage(lines)
            assert lines != good, name
            with pytest.raises(InvalidInput) as refused:
                app.audit.import_log(b"\n".join(lines) + b"\n")
            assert refused.value.code == code, name
            assert "Er is niets vastgelegd" in refused.value.message_nl
            assert list(app.recorder.select_events(app.audit.resolve(coop))) == [], name
        assert app.cooperations() == []
        with pytest.raises(InvalidInput) as refused:
            app.audit.import_log(b"\n".join(good))  # cut off: no newline at the end
        assert refused.value.code == "audit.import_unreadable"

    def test_a_file_that_does_not_match_the_published_head_is_refused(
        self, example: tuple[Cooperations, str], app: Cooperations
    ) -> None:
        source, coop = example
        data = exported(source, coop)
        with pytest.raises(InvalidInput) as refused:
            app.audit.import_log(data, expected_head="12:" + "0" * 16)
        assert refused.value.code == "audit.import_expected_head"
        assert app.cooperations() == []

    def test_import_into_a_store_that_has_the_cooperation_is_refused(
        self, example: tuple[Cooperations, str], app: Cooperations
    ) -> None:
        source, coop = example
        data = exported(source, coop)
        app.audit.import_log(data)
        with pytest.raises(InvalidInput) as refused:
            app.audit.import_log(data)
        assert refused.value.code == "audit.import_not_empty"
        assert len(list(app.recorder.select_events(app.audit.resolve(coop)))) == 66


def _swap(lines: list[bytes], a: int, b: int) -> None:
    lines[a], lines[b] = lines[b], lines[a]


DAMAGES: dict[str, tuple[Callable[[list[bytes]], object], str]] = {
    "payload-edited": (
        lambda ls: ls.__setitem__(5, ls[5].replace(b'"joined_on":"2021-07-01"', b'"joined_on":"2021-07-02"')),
        "audit.import_altered",
    ),
    "line-removed": (lambda ls: ls.pop(7), "audit.import_invalid_line"),  # positions jump
    "line-doubled": (lambda ls: ls.insert(7, ls[7]), "audit.import_invalid_line"),
    "lines-swapped": (lambda ls: _swap(ls, 3, 4), "audit.import_invalid_line"),
    "count-changed": (
        lambda ls: ls.__setitem__(-1, ls[-1].replace(b'"events":66', b'"events":65')),
        "audit.import_head_mismatch",
    ),
    "head-missing": (lambda ls: ls.pop(), "audit.import_head_mismatch"),
    "not-an-export": (lambda ls: ls.__setitem__(0, b'{"format":"other"}'), "audit.import_invalid_line"),
    "not-json": (lambda ls: ls.__setitem__(9, b"not json"), "audit.import_invalid_line"),
    "timestamp-changed": (
        lambda ls: ls.__setitem__(9, ls[9].replace(b'"timestamp":"2023', b'"timestamp":"2024')),
        "audit.import_tree_mismatch",  # the timestamp is hashed into the tree's leaf
    ),
    "actor-changed": (
        lambda ls: ls.__setitem__(9, ls[9].replace(b'"actor":"owner"', b'"actor":"iemand"', 1)),
        "audit.import_tree_mismatch",
    ),
}


def test_an_export_of_version_1_is_still_imported(tmp_path: Path) -> None:
    """``tests/fixtures/audit_export_v1.jsonl``: the example history as exported by botu
    before the transparency log (no actor, tree or checkpoint)."""
    recorded = Path(__file__).parent.parent / "fixtures" / "audit_export_v1.jsonl"
    with Cooperations(str(tmp_path / "target.db")) as target:
        result = target.audit.import_log(recorded, expected_head="66:08e3478b34a3fec2")
        assert result.events == 66
        verdict = target.audit.verify(result.cooperation_id)
        assert verdict.ok and verdict.tree_size == 66
        again = io.BytesIO()
        target.audit.export(result.cooperation_id, again)
        lines = again.getvalue().split(b"\n")
        assert json.loads(lines[0])["version"] == 3
        assert json.loads(lines[-2])["tree"] == {"root_hash": verdict.root_hash, "size": 66}
        target.close()
