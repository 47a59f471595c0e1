"""TF-IDF rows of a story's own texts, for the checks that compare them (citations, outliers).

The weighting is scikit-learn's ``TfidfVectorizer(stop_words="english", sublinear_tf=True)``
(lower-cased words of two or more word characters, English stop words out, 1 + log tf, smooth
idf, unit rows), and a test holds the two equal. It is written out because a story's texts are
few and short: on a Multi-News story's ~100 sentences scikit-learn spent most of its 2.8 ms on
checking its parameters and sorting its vocabulary, this takes 0.75 ms (1.0 ms word by word),
and a digest fits it twice. Columns follow first appearance, not the alphabet; only products of rows are read.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from itertools import chain

import numpy as np
from scipy import sparse

from newsdigest.stopwords import ENGLISH_STOP_WORDS

# Maximal runs of two or more word characters: the words scikit-learn's "\b\w\w+\b" finds
# (a run of one never matches either way), found a third faster without the boundaries.
_WORD = re.compile(r"\w{2,}")
_STOP = -1
# an ASCII text's bytes with what is not a word character once lowered ([a-z0-9_]) as spaces
_ASCII_WORD_BYTES = bytes(
    c if chr(c) in "0123456789_" + string.ascii_lowercase else 32 for c in range(256)
)


def _words(text: str) -> list[str]:
    """The runs of word characters of ``text`` lower-cased: ``_WORD``'s, and in ASCII text the
    runs of one character too (no column: ``tfidf_entries`` counts them as stop words), found
    by ``bytes.translate`` and ``split`` in two thirds of the pattern's time."""
    low = text.lower()
    if not low.isascii():
        return _WORD.findall(low)
    return low.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii").split()


def content_words(text: str) -> list[str]:
    """The words scikit-learn's vectorizers count with ``stop_words="english"``: lower-cased
    runs of two or more word characters, stop words out (the clusterer hashes these)."""
    return [w for w in _WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]


def tfidf_entries(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """``tfidf_rows``' entries before they become a matrix: the row, column and (float64)
    weight of each, rows in order and each row's words in the order they first occur, and the
    number of columns. ``ValueError`` when no text has a content word.

    Python touches each distinct word once: the words become column numbers by one dict
    lookup each (``map``), and the per-row counts are array operations. A row's entries are
    in the order its words first occur, as a per-word loop would build them, so its sums
    (the norm, and any product with it) add the same numbers in the same order.
    """
    # a text met before is read once (a digest's selected sentences are among its pool's)
    read: dict[str, list[str]] = {}
    found = [read[text] if text in read else read.setdefault(text, _words(text)) for text in texts]
    words = list(chain.from_iterable(found))
    number = dict.fromkeys(words, _STOP)  # every distinct word, in order of first occurrence
    columns = [w for w in number if len(w) > 1 and w not in ENGLISH_STOP_WORDS]
    if not columns:
        raise ValueError("no content words: empty vocabulary")
    number.update(zip(columns, range(len(columns)), strict=True))
    column = np.fromiter(map(number.__getitem__, words), dtype=np.int64, count=len(words))
    n = len(texts)
    owner = np.repeat(np.arange(n), [len(f) for f in found])
    content = column != _STOP
    keys = owner[content] * len(columns) + column[content]
    # one entry per (row, word), ordered by where the word first occurs in the row
    unique, first, counts = np.unique(keys, return_index=True, return_counts=True)
    order = np.argsort(first, kind="stable")
    rows, cols = np.divmod(unique[order], len(columns))
    document_frequency = np.bincount(cols, minlength=len(columns))
    idf = np.log((1 + n) / (1 + document_frequency)) + 1.0
    weights = (np.log(counts[order].astype(np.float64)) + 1.0) * idf[cols]
    norms = np.sqrt(np.bincount(rows, weights=weights**2, minlength=n))
    weights /= np.where(norms > 0, norms, 1.0)[rows]
    return rows, cols, weights, len(columns)


def tfidf_rows(texts: Sequence[str], dtype: type = np.float32) -> sparse.csr_matrix:
    """One unit-length row per text (``tfidf_entries``); ``ValueError`` when no text has a
    content word (as scikit-learn's "empty vocabulary")."""
    rows, cols, weights, n_columns = tfidf_entries(texts)
    n = len(texts)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return sparse.csr_matrix((weights.astype(dtype), cols, indptr), shape=(n, n_columns))
