"""Word-level helpers the summarizers share: word counts, stems and content terms.

Stemming follows ROUGE's own algorithm (Porter, as ``rouge-score`` uses), so the terms a
method tries to cover are the terms the benchmark counts; PyStemmer's C implementation, as
NLTK's pure-Python one cost a third of the default summarizer's time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain
from typing import cast

import Stemmer

from newsdigest.stopwords import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[a-z0-9]+")


def keeping(*ranges: tuple[int, int]) -> bytes:
    """A ``bytes.translate`` table turning every byte outside the (first, last) code ranges
    into a space (``ascii_runs``)."""
    return bytes(c if any(a <= c <= b for a, b in ranges) else 32 for c in range(256))


def ascii_runs(text: str, table: bytes) -> list[str]:
    """The runs of the ASCII characters ``table`` keeps: what a findall of their character
    class gives, in 60% of its time (UTF-8 writes a non-ASCII character, and with
    "surrogatepass" a lone surrogate, as bytes >= 0x80: separators, as to the pattern)."""
    return text.encode("utf-8", "surrogatepass").translate(table).decode("ascii").split()


_WORD_BYTES = keeping((48, 57), (97, 122))  # a-z and 0-9: ``_WORD``'s class
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


_LONGEST_UNSTEMMED = 3  # shorter words are their own stems


def stem(word: str) -> str:
    return _STEMMER.stemWord(word) if len(word) > _LONGEST_UNSTEMMED else word


# word -> its stem: a dict lookup costs a third less than a call into the stemmer, and a
# story repeats its words; bounded so a long-running server does not grow it forever
_STEMS: dict[str, str] = {}
_MAX_STEMS = 200_000


def _words(text: str) -> list[str]:
    """``_WORD.findall(text.lower())``, faster."""
    return ascii_runs(text.lower(), _WORD_BYTES)


def tokens(text: str) -> list[str]:
    """Lowercased alphanumeric tokens, stemmed (ROUGE's tokenization)."""
    words = _words(text)
    stems = list(map(_STEMS.get, words))  # no Python call per known word
    if None in stems:
        _learn(words)
        return list(map(_STEMS.__getitem__, words))
    return cast(list[str], stems)


def tokens_of(texts: Iterable[str]) -> list[list[str]]:
    """``tokens`` of each text, the words never stemmed before stemmed in one call into the
    stemmer: a story's units bring a few hundred such words, and a call each cost more than
    the rest of their tokenization."""
    found = [_words(text) for text in texts]
    _learn(chain.from_iterable(found))
    return [list(map(_STEMS.__getitem__, words)) for words in found]


def _learn(words: Iterable[str]) -> None:
    """Put the stems of ``words`` not stemmed before in ``_STEMS`` (``stem``'s, in one call
    into the stemmer), emptied first when they would overfill it."""
    seen = set(words)
    new = seen.difference(_STEMS)
    if not new:
        return
    if len(_STEMS) + len(new) > _MAX_STEMS:
        _STEMS.clear()
        new = seen
    long = [w for w in new if len(w) > _LONGEST_UNSTEMMED]
    _STEMS.update(zip(long, _STEMMER.stemWords(long), strict=True))
    _STEMS.update((w, w) for w in new if len(w) <= _LONGEST_UNSTEMMED)


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
