"""Greedy ROUGE oracle: the best a sentence-extractive summary could do, given the answer.

It reads the reference, so it is an upper bound for the evaluation table, never a method.
Adds, one at a time, the sentence that most raises ROUGE-1 + ROUGE-2 F1 of the summary
(truncated at the word budget, as the protocol scores it) and stops when nothing helps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rouge_score.tokenizers import DefaultTokenizer

from newsdigest.model import Sentence
from newsdigest.summarize.base import Budget
from newsdigest.summarize.budget import effective_words

_TOKENIZER = DefaultTokenizer(use_stemmer=True)


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(hyp: Counter[tuple[str, ...]], ref: Counter[tuple[str, ...]]) -> float:
    overlap = sum((hyp & ref).values())
    if not overlap:
        return 0.0
    p = overlap / sum(hyp.values())
    r = overlap / sum(ref.values())
    return 2 * p * r / (p + r)


class OracleSummarizer:
    name = "oracle"

    def __init__(self, reference: str = "", *, fill: bool = False) -> None:
        self.reference = reference
        self.fill = fill

    def summarize(self, docs: Sequence[Sequence[Sentence]], budget: Budget) -> list[Sentence]:
        ref_tokens = _TOKENIZER.tokenize(self.reference)
        ref1, ref2 = _ngrams(ref_tokens, 1), _ngrams(ref_tokens, 2)
        pool = [s for doc in docs for s in doc]
        # per whitespace word, so truncation at N words is exact
        words = [[_TOKENIZER.tokenize(w) for w in s.text.split()] for s in pool]
        limit = effective_words(budget) or 10**9
        chosen: list[int] = []
        best = 0.0
        while budget.sentences is None or len(chosen) < budget.sentences:
            used = sum(len(words[i]) for i in chosen)
            if used >= limit:
                break
            base = [t for i in chosen for w in words[i] for t in w]
            gain_best, pick = best, -1
            for i in range(len(pool)):
                if i in chosen or (not self.fill and used + len(words[i]) > limit):
                    continue
                toks = base + [t for w in words[i][: limit - used] for t in w]
                score = _f1(_ngrams(toks, 1), ref1) + _f1(_ngrams(toks, 2), ref2)
                if score > gain_best:
                    gain_best, pick = score, i
            if pick < 0:
                break
            chosen.append(pick)
            best = gain_best
        return [pool[i] for i in chosen]
