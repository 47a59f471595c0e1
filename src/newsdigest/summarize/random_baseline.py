"""Random sentences (seeded): the floor every method must clear."""

from __future__ import annotations

import random
from collections.abc import Sequence

from newsdigest.model import Sentence
from newsdigest.summarize.base import Budget
from newsdigest.summarize.budget import reading_order, take


class RandomSummarizer:
    name = "random"

    def __init__(self, *, seed: int = 0, fill: bool = False) -> None:
        self.seed = seed
        self.fill = fill

    def summarize(self, docs: Sequence[Sequence[Sentence]], budget: Budget) -> list[Sentence]:
        pool = [s for doc in docs for s in doc]
        # seeded by the input too, so the same cluster gets the same summary in any batch order
        key = f"{self.seed}:{len(pool)}:{pool[0].text if pool else ''}"
        random.Random(key).shuffle(pool)
        chosen = take(pool, budget, fill=self.fill)
        order = {doc[0].article_id: i for i, doc in enumerate(docs) if doc}
        return reading_order(chosen, order)
