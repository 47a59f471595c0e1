"""Turning a ranked list of sentences into a summary of the requested length.

Two conventions: a digest keeps whole sentences up to N words (``fill=False``); the ROUGE
protocol fills past the budget and the evaluator truncates at exactly N words (``fill=True``).
"""

from __future__ import annotations

from collections.abc import Iterable

from newsdigest.config import DEFAULT_WORDS
from newsdigest.model import Sentence
from newsdigest.summarize.base import Budget
from newsdigest.summarize.text import word_count


def effective_words(budget: Budget) -> int | None:
    if budget.words is None and budget.sentences is None:
        return DEFAULT_WORDS
    return budget.words


def budget_reached(chosen: list[Sentence], words: int, budget: Budget, fill: bool) -> bool:
    """True when nothing more may be added."""
    if budget.sentences is not None and len(chosen) >= budget.sentences:
        return True
    limit = effective_words(budget)
    return fill and limit is not None and words >= limit


def fits(words: int, sentence: Sentence, budget: Budget, fill: bool) -> bool:
    """Whether ``sentence`` may join a summary of ``words`` words."""
    limit = effective_words(budget)
    if limit is None or fill:
        return True
    return words + word_count(sentence.text) <= limit


def take(ranked: Iterable[Sentence], budget: Budget, *, fill: bool = False) -> list[Sentence]:
    """Best-first sentences within ``budget`` (sentences too long to fit are skipped)."""
    chosen: list[Sentence] = []
    words = 0
    for sentence in ranked:
        if budget_reached(chosen, words, budget, fill):
            break
        if fits(words, sentence, budget, fill):
            chosen.append(sentence)
            words += word_count(sentence.text)
    return chosen


def reading_order(chosen: Iterable[Sentence], doc_order: dict[str, int]) -> list[Sentence]:
    """Earlier-in-article first (a story reads top-down), ties by article order."""
    return sorted(chosen, key=lambda s: (s.index, doc_order.get(s.article_id, 0)))
