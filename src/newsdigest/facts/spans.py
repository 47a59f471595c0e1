"""Character spans of one text as a set: "does this span overlap any taken" by bisection."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable


class SpanSet:
    """Spans of a text as sorted disjoint intervals, so that "does this span overlap one" is a
    bisection, not a scan of every span (a 480 KB article's thousands of name hits, a
    paragraph's thousands of quotes, made that scan quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [m[0] for m in merged]
        self.ends = [m[1] for m in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # the intervals before i start before ``end``
        return i > 0 and self.ends[i - 1] > start

    def holds(self, at: int) -> bool:
        """Whether the character at ``at`` is in a span."""
        return self.overlaps(at, at + 1)

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)
