"""JSON from outside (API bodies, agreement files, exported logs): read with a depth limit.

Python's and msgspec's decoders recurse once per nesting level, so a small document of
a thousand brackets ends in a RecursionError instead of a clear refusal. Nothing botu
reads nests deeper than a handful of levels (an agreement's terms: body, terms, list,
clause), so the depth is checked before decoding, in one place for every front end.

The check is one linear pass: strings are cut out by a pattern that cannot fail once it
starts (an unclosed string runs to the end of the text), so no input makes it backtrack;
what is left of the brackets is summed in C (``itertools.accumulate``).
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from .errors import InvalidInput

# Deep enough for every document botu reads (an agreement's terms need four levels),
# far below where the decoders' recursion gives out.
MAX_JSON_DEPTH = 32

# A JSON string, or an unclosed one up to the end of the text (possessive: no backtracking).
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_STEP = str.maketrans({"[": "+", "{": "+", "]": "-", "}": "-"})
_STEPS = {"+": 1, "-": -1}


def json_depth(text: str) -> int:
    """How deep the arrays and objects of ``text`` nest (0 for a bare value)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text)).translate(_STEP)
    return max(0, max(accumulate(map(_STEPS.__getitem__, brackets)), default=0))


def parse_json(data: str | bytes, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """The value of a JSON document; refused with ``InvalidInput`` when it is not UTF-8
    (``input.invalid_encoding``), nests deeper than ``max_depth`` (``input.too_deep``)
    or is not JSON (``input.invalid_json``)."""
    if isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput("input.invalid_encoding") from None
    else:
        text = data
    if json_depth(text) > max_depth:
        raise InvalidInput("input.too_deep", max=max_depth)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput("input.invalid_json", detail=f"{error.msg} ({error.lineno}:{error.colno})") from None
    except RecursionError:  # not reached after the check above; kept so no raw error escapes
        raise InvalidInput("input.too_deep", max=max_depth) from None


__all__ = ["MAX_JSON_DEPTH", "json_depth", "parse_json"]
