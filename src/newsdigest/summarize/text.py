"""Word-level helpers the summarizers share: word counts, stems and content terms.

Stemming follows ROUGE's own algorithm (Porter, as ``rouge-score`` uses), so the terms a
method tries to cover are the terms the benchmark counts; PyStemmer's C implementation, as
NLTK's pure-Python one cost a third of the default summarizer's time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

import Stemmer

from newsdigest.stopwords import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[a-z0-9]+")
# bytes.translate turning every byte but a-z and 0-9 into a space: split, the lower-cased text
# gives the runs ``_WORD`` finds in 60% of findall's time (UTF-8 writes a non-ASCII character,
# and with "surrogatepass" a lone surrogate, as bytes >= 0x80: a separator, as to the pattern)
_WORD_BYTES = bytes(c if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256))
# without PyStemmer's own cache (its default keeps 10,000 words and purges by sorting them):
# ``_STEMS`` below holds what is stemmed, and a word missing there cost 3.3 µs through that
# cache against 1.3 µs without it (the same stems: the cache only remembers them)
_STEMMER = Stemmer.Stemmer("porter", 0)
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | frozenset(
    "said says say told tell according just like also would could new year years".split()
)


def word_count(text: str) -> int:
    """Words as the budget counts them: whitespace-separated tokens."""
    return len(text.split())


def stem(word: str) -> str:
    return _STEMMER.stemWord(word) if len(word) > 3 else word


# word -> its stem: a dict lookup costs a third less than a call into the stemmer, and a
# story repeats its words; bounded so a long-running server does not grow it forever
_STEMS: dict[str, str] = {}
_MAX_STEMS = 200_000


def _stem_new(word: str) -> str:
    if len(_STEMS) >= _MAX_STEMS:
        _STEMS.clear()
    stemmed = _STEMS[word] = stem(word)
    return stemmed


def _words(text: str) -> list[str]:
    """``_WORD.findall(text.lower())``, faster."""
    lowered = text.lower().encode("utf-8", "surrogatepass")
    return lowered.translate(_WORD_BYTES).decode("ascii").split()


def tokens(text: str) -> list[str]:
    """Lowercased alphanumeric tokens, stemmed (ROUGE's tokenization)."""
    words = _words(text)
    stems = list(map(_STEMS.get, words))  # no Python call per known word
    if None in stems:
        return [s or _stem_new(w) for s, w in zip(stems, words, strict=True)]
    return cast(list[str], stems)


def tokens_of(texts: Iterable[str]) -> list[list[str]]:
    """``tokens`` of each text, the words never stemmed before stemmed in one call into the
    stemmer: a story's units bring a few hundred such words, and a call each cost more than
    the rest of their tokenization."""
    found = [_words(text) for text in texts]
    new = {w for words in found for w in words if w not in _STEMS}
    if new:
        if len(_STEMS) + len(new) > _MAX_STEMS:
            _STEMS.clear()
            new = {w for words in found for w in words}
        long = [w for w in new if len(w) > 3]
        _STEMS.update(zip(long, _STEMMER.stemWords(long), strict=True))
        _STEMS.update((w, w) for w in new if len(w) <= 3)
    return [list(map(_STEMS.__getitem__, words)) for words in found]


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
