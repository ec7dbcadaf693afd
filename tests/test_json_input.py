"""JSON from outside is read with a depth limit: a clear coded refusal, never a RecursionError."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from botu_core import MAX_JSON_DEPTH, InvalidInput, parse_json
from botu_core.json_input import json_depth


def nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


def test_a_document_nested_a_thousand_levels_is_refused_with_a_code() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_json("[" * 1000 + "]" * 1000)
    assert refused.value.code == "input.too_deep"
    assert str(MAX_JSON_DEPTH) in refused.value.message("nl") and "te diep" in refused.value.message("nl")
    assert "too deeply" in refused.value.message("en")


def test_the_limit_is_exact_and_strings_do_not_count() -> None:
    assert parse_json(nested(MAX_JSON_DEPTH))["a"]
    with pytest.raises(InvalidInput):
        parse_json(nested(MAX_JSON_DEPTH + 1))
    # Brackets inside strings (also after escaped quotes) are text, not nesting.
    text = json.dumps({"note": "[[[[{{{{" * 100 + '\\"[[[' + "]]]"})
    assert parse_json(text, max_depth=1) == json.loads(text)
    assert parse_json(b'{"x": [1, 2]}', max_depth=2) == {"x": [1, 2]}
    with pytest.raises(InvalidInput):
        parse_json(b'{"x": [1, 2]}', max_depth=1)


def test_not_json_and_not_utf8_get_their_own_codes() -> None:
    with pytest.raises(InvalidInput) as not_json:
        parse_json("{ geen json")
    assert not_json.value.code == "input.invalid_json"
    with pytest.raises(InvalidInput) as not_utf8:
        parse_json(b'{"name": "\xff\xfe"}')
    assert not_utf8.value.code == "input.invalid_encoding"


def test_unclosed_strings_are_read_in_one_pass() -> None:
    # Every quote here is escaped, so each one could start a string that never closes: a
    # pattern that backtracked would go over the text once per quote.
    hostile = '["' + '\\"' * 200_000 + "\\"
    assert json_depth(hostile) == 1
    with pytest.raises(InvalidInput) as refused:
        parse_json(hostile)
    assert refused.value.code == "input.invalid_json"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab,:'),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(alphabet='[]{}"\\a'), children, max_size=3),
    max_leaves=20,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(v) for v in value.values()), default=0)
    return 0


@given(json_values)
def test_the_depth_is_the_nesting_of_the_value(value: object) -> None:
    text = json.dumps(value)
    assert json_depth(text) == _depth(value)
    assert parse_json(text) == value
