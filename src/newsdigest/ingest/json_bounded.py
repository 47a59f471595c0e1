"""JSON parsing with a nesting limit, checked before the parser runs.

Python's ``json`` recurses once per nested array or object, so a 2 KB line of ``[[[[...`` ends
in ``RecursionError`` (and, near the limit, can exhaust the C stack). The depth is measured
first, in C-speed passes over the text (string literals removed by one regular expression, then
a running sum over the brackets), and a document deeper than the limit is refused as data.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np

from newsdigest.limits import DEFAULT_LIMITS

# a JSON string literal (escapes included), written so that matching never backtracks
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_LONG_DIGITS = re.compile(r"-?\d{4000,}")


class JsonTooDeep(ValueError):
    """The document nests arrays/objects deeper than the limit."""

    def __init__(self, depth: int, limit: int) -> None:
        super().__init__(f"JSON nested {depth} levels deep (the limit is {limit})")
        self.depth = depth
        self.limit = limit


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in ``text`` (brackets inside strings do not count)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if not brackets:
        return 0
    codes = np.frombuffer(brackets.encode("ascii"), dtype=np.uint8)
    steps = np.where((codes == ord("[")) | (codes == ord("{")), 1, -1)
    return int(np.cumsum(steps).max())


def loads_bounded(text: str, max_depth: int = DEFAULT_LIMITS.max_json_depth) -> Any:
    """``json.loads(text)``, or ``JsonTooDeep`` when it nests deeper than ``max_depth``;
    ``json.JSONDecodeError`` for malformed text and for a number too long to convert."""
    # a text with no more brackets than the limit cannot nest deeper: the scan is skipped
    few = text.count("[") + text.count("{") <= max_depth
    depth = 0 if few else json_depth(text)
    if depth > max_depth:
        raise JsonTooDeep(depth, max_depth)
    try:
        return json.loads(text)
    except RecursionError:  # only if the interpreter's stack is smaller than the limit needs
        raise JsonTooDeep(depth, max_depth) from None
    except json.JSONDecodeError:
        raise
    except ValueError:
        # an integer past Python's digit limit (sys.get_int_max_str_digits, CVE-2020-10735):
        # malformed as far as a caller is concerned, which reports JSONDecodeError in one line
        found = _LONG_DIGITS.search(text)
        raise json.JSONDecodeError("number too long", text, found.start() if found else 0) from None
