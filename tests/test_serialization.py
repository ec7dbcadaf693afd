"""Every event type survives the trip to stored JSON and back, exactly."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from botu_core import COMMITMENT_LABELS, EVENT_TYPES, Commitments, Consultation, Money, Recorded, canonical_json
from botu_core.cooperation import FactMapper
from botu_core.serialization import fact_from_dict, fact_to_dict

st.register_type_strategy(Money, st.builds(Money, st.integers(-(10**11), 10**11)))
st.register_type_strategy(
    Decimal, st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9, places=4)
)
st.register_type_strategy(str, st.text(max_size=30))
# Commitments are checked when made: only the values an agreement can hold.
st.register_type_strategy(
    Commitments,
    st.builds(
        Commitments,
        parties_need_confirmation=st.booleans(),
        plenary_meetings_per_year=st.integers(0, 366),
        consultation=st.sampled_from(Consultation),
        evaluation_every_year=st.booleans(),
        indicators_required=st.booleans(),
        disagreement_open_days=st.none() | st.integers(1, 3660),
        minimum_end_date=st.none() | st.dates(),
        clauses=st.dictionaries(st.sampled_from([n for n in COMMITMENT_LABELS if n != "clauses"]),
                                st.text(min_size=1, max_size=20).filter(str.strip), max_size=3),
    ),
)


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=[t.__name__ for t in EVENT_TYPES])
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_event_round_trips_through_canonical_json(event_type: type, data: st.DataObject) -> None:
    fact = data.draw(st.from_type(event_type))
    stored = canonical_json(fact_to_dict(fact))
    assert json.loads(stored)["type"] == event_type.__name__
    assert fact_from_dict(json.loads(stored)) == fact
    # The same fact always gives the same bytes.
    assert canonical_json(fact_to_dict(fact_from_dict(json.loads(stored)))) == stored


@given(fact=st.from_type(EVENT_TYPES[4]), version=st.integers(1, 10**6))
def test_the_mapper_stores_readable_json_and_reads_it_back(fact: object, version: int) -> None:
    mapper = FactMapper(transcoder=None)  # type: ignore[arg-type]
    recorded = Recorded(uuid.uuid4(), version, dt.datetime(2021, 7, 1, 12, tzinfo=dt.UTC), fact, "key", "party-1")
    stored = mapper.to_stored_event(recorded)
    assert stored.topic == type(fact).__name__
    assert json.loads(stored.state)["command_key"] == "key"
    assert mapper.to_domain_event(stored) == recorded


def test_an_unreadable_stored_event_is_reported_as_damage() -> None:
    from eventsourcing.persistence import StoredEvent

    from botu_core import StoreError

    mapper = FactMapper(transcoder=None)  # type: ignore[arg-type]
    with pytest.raises(StoreError) as error:
        mapper.to_domain_event(StoredEvent(uuid.uuid4(), 3, "PartyJoined", b"{not json"))
    assert error.value.code == "store.damaged"
