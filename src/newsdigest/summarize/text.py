"""Word-level helpers the summarizers share: word counts, stems and content terms.

Stemming follows ROUGE's own (Porter, via NLTK's implementation that ``rouge-score`` uses), so
the terms a method tries to cover are the terms the benchmark counts. Stems are memoized per
word (a cache keyed by the word, not hidden state: the result never depends on call order).
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.stem import porter
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[a-z0-9]+")
_STEMMER = porter.PorterStemmer()
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    "said says say told tell according just like also would could new year years".split()
)


def word_count(text: str) -> int:
    """Words as the budget counts them: whitespace-separated tokens."""
    return len(text.split())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stem(word) if len(word) > 3 else word


def tokens(text: str) -> list[str]:
    """Lowercased alphanumeric tokens, stemmed (ROUGE's tokenization)."""
    return [_STEMS.get(w) or _stem_new(w) for w in _WORD.findall(text.lower())]


_STEMS: dict[str, str] = {}


def _stem_new(word: str) -> str:
    # a plain dict in front of the Porter stemmer: the lookup is most of the tokenizing time
    if len(_STEMS) > 500_000:
        _STEMS.clear()
    _STEMS[word] = stem(word)
    return _STEMS[word]


def content_terms(toks: list[str]) -> list[str]:
    """Tokens that carry content: not stop words, not single characters."""
    return [t for t in toks if t not in STOP_WORDS and len(t) > 1]


def bigrams(toks: list[str]) -> list[tuple[str, str]]:
    """Adjacent token pairs with at least one content word (``of the`` says nothing)."""
    return [
        (a, b)
        for a, b in zip(toks, toks[1:], strict=False)
        if not (a in STOP_WORDS and b in STOP_WORDS)
    ]
