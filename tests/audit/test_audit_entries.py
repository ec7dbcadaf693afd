"""The transparency log's entries say who recorded each event and, for decisions and
allocations, under which version of the agreement; older stores and files keep verifying."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from botu_core import Actor, Cooperations, InvalidInput, JoinParty, PartyKind
from botu_core.audit.recording import AGREEMENT_BOUND

from audit_helpers import RawEvents

FIXTURES = Path(__file__).parent.parent / "fixtures"


def export_lines(app: Cooperations, coop: str | UUID) -> list[dict[str, Any]]:
    buffer = io.BytesIO()
    app.audit.export(coop, buffer)
    return [json.loads(line) for line in buffer.getvalue().splitlines()]


def test_decisions_and_allocations_carry_the_agreement_version_in_force(example: tuple[Cooperations, str]) -> None:
    app, coop = example
    lines = export_lines(app, coop)
    assert lines[0]["version"] == 3
    in_force = 0
    seen = set()
    for line in lines[1:-1]:
        assert line["actor"] == "owner"  # the example is recorded by the store's owner
        if line["type"] in AGREEMENT_BOUND:
            seen.add(line["type"])
            assert line["agreement_version"] == (in_force or None), line
            assert line["payload"]["agreement_version"] == line["agreement_version"]
        else:
            assert line["agreement_version"] is None, line
        if line["type"] in ("AgreementAdopted", "AgreementRevised"):
            in_force += 1
    assert {"DecisionTaken", "BudgetAllocated"} <= seen


def test_an_account_is_recorded_by_its_name(app: Cooperations) -> None:
    coop = app.create_cooperation("Energiewijk Test", slug="test")
    coordinator = Actor(account="web:7", grants={coop: "coordinator"})
    app.execute(coop, JoinParty(name="Ann", kind=PartyKind.RESIDENT), actor=coordinator)
    app.execute(coop, JoinParty(name="Bob", kind=PartyKind.RESIDENT))
    lines = export_lines(app, coop)
    assert [line["actor"] for line in lines[1:-1]] == ["owner", "web:7", "owner"]
    proof = app.audit.prove(coop, 2)
    from botu_core.audit.tree import event_leaf

    stored = list(app.recorder.select_events(UUID(coop)))[1]
    assert proof.leaf_hash == event_leaf(UUID(coop), stored, app.audit._plain) and proof.check()
    assert app.audit.verify(coop).ok


def test_the_leaf_binds_the_actor_and_the_agreement_version(
    example: tuple[Cooperations, str], memory_app: Cooperations
) -> None:
    source, coop = example
    buffer = io.BytesIO()
    source.audit.export(coop, buffer)
    raw = buffer.getvalue().split(b"\n")
    bound = next(i for i, line in enumerate(raw[1:-2], start=1) if json.loads(line)["type"] == "BudgetAllocated")
    for key, value in (("agreement_version", 2), ("actor", "someone else")):
        line = json.loads(raw[bound])
        line[key] = value
        changed = b"\n".join([*raw[:bound], json.dumps(line, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(), *raw[bound + 1 :]])
        with pytest.raises(InvalidInput) as refused:
            memory_app.audit.import_log(changed)
        assert refused.value.code in ("audit.import_tree_mismatch", "audit.import_invalid_line")
        assert memory_app.cooperations() == []


def test_a_rewritten_actor_is_found_behind_a_checkpoint(app: Cooperations) -> None:
    coop = UUID(app.create_cooperation("Energiewijk Test", slug="test"))
    app.execute(coop, JoinParty(name="Ann", kind=PartyKind.RESIDENT), actor=Actor(account="web:7", grants={str(coop): "coordinator"}))
    app.audit.checkpoint(coop)
    raw = RawEvents(app, coop)
    raw.flip_byte(2, b'"actor":"web:7"', b'"actor":"web:8"')
    raw.rechain()  # chain and tree recomputed: only the checkpoint kept before shows it
    assert not app.audit.verify(coop).ok


@pytest.mark.parametrize("name", ["audit_export_v1.jsonl", "audit_export_v2_example.jsonl"])
def test_files_of_earlier_versions_still_import_and_verify(name: str, tmp_path: Path) -> None:
    with Cooperations(str(tmp_path / "target.db")) as target:
        result = target.audit.import_log(FIXTURES / name)
        assert result.events == 66
        assert target.audit.verify(result.cooperation_id).ok
        lines = export_lines(target, result.cooperation_id)
        # Recorded before the store kept them: no actor, no agreement version, said as such.
        assert {(line["actor"], line["agreement_version"]) for line in lines[1:-1]} == {("", None)}


ODD_DOCUMENTS = [
    '{"actor":"a","recorded_at":"2021-01-01T00:00:00+00:00"}', ' {"actor":"a"}', '{"actor":"a"}\n', '{"a":1}x', "", "[1,2",
    "\ufeff{}", "NaN", "1", '"x"', '{"a":"\\ud800"}', '{"actor":1,"agreement_version":true}', "[]", "{} {}",
]


@pytest.mark.parametrize("text", ODD_DOCUMENTS)
def test_the_fast_reading_of_an_envelope_is_json_loads(text: str) -> None:
    from botu_core.audit.tree import _decode_json

    def outcome(decode: Any) -> Any:
        try:
            return "ok", json.dumps(decode(text), sort_keys=True)
        except ValueError as error:
            return "refused", type(error).__name__

    assert outcome(_decode_json) == outcome(json.loads)


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)),
       st.sampled_from(["", " ", "\n", "x"]))
def test_the_fast_reading_of_any_document_is_json_loads(value: Any, around: str) -> None:
    from botu_core.audit.tree import _decode_json

    for text in (json.dumps(value, separators=(",", ":")), around + json.dumps(value), json.dumps(value) + around):
        try:
            expected: Any = ("ok", json.loads(text))
        except ValueError:
            expected = ("refused",)
        try:
            found: Any = ("ok", _decode_json(text))
        except ValueError:
            found = ("refused",)
        assert found == expected


def test_the_leaves_of_a_whole_log_are_those_of_each_event(example: tuple[Cooperations, str]) -> None:
    from botu_core.audit.tree import event_leaf, event_leaves

    app, coop = example
    coop_id, stored = app.audit.stored_events(coop)
    assert event_leaves(coop_id, stored, None) == event_leaves(coop_id, stored, app.audit._plain)
    assert event_leaves(coop_id, stored, None) == [event_leaf(coop_id, event, app.audit._plain) for event in stored]
