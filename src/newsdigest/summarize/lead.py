"""Round-robin lead: first sentence of each article, then the second of each, and so on.

The classic news baseline (the lead of a story is its summary), extended to many articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest

from newsdigest.model import Sentence
from newsdigest.summarize.base import Budget
from newsdigest.summarize.budget import take


class LeadSummarizer:
    name = "lead"

    def __init__(self, *, fill: bool = False) -> None:
        self.fill = fill

    def summarize(self, docs: Sequence[Sequence[Sentence]], budget: Budget) -> list[Sentence]:
        ranked = [s for row in zip_longest(*docs) for s in row if s is not None]
        return take(ranked, budget, fill=self.fill)
