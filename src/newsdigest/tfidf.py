"""TF-IDF rows of a story's own texts, for the checks that compare them (citations, outliers).

The weighting is scikit-learn's ``TfidfVectorizer(stop_words="english", sublinear_tf=True)``
(lower-cased words of two or more word characters, English stop words out, 1 + log tf, smooth
idf, unit rows), and a test holds the two equal. It is written out because a story's texts are
few and short: on a Multi-News story's ~100 sentences scikit-learn spent most of its 2.8 ms on
checking its parameters and sorting its vocabulary, this takes 1.0 ms, and a digest fits it
twice. Columns follow first appearance, not the alphabet; only products of rows are read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from newsdigest.stopwords import ENGLISH_STOP_WORDS

_WORD = re.compile(r"(?u)\b\w\w+\b")


def tfidf_rows(texts: Sequence[str], dtype: type = np.float32) -> sparse.csr_matrix:
    """One unit-length row per text; ``ValueError`` when no text has a content word (as
    scikit-learn's "empty vocabulary")."""
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for text in texts:
        row: dict[int, int] = {}
        for word in _WORD.findall(text.lower()):
            if word not in ENGLISH_STOP_WORDS:
                column = vocabulary.setdefault(word, len(vocabulary))
                row[column] = row.get(column, 0) + 1
        indices.extend(row)
        counts.extend(row.values())
        indptr.append(len(indices))
    if not vocabulary:
        raise ValueError("no content words: empty vocabulary")
    n = len(texts)
    cols = np.array(indices, dtype=np.int64)
    document_frequency = np.bincount(cols, minlength=len(vocabulary))
    idf = np.log((1 + n) / (1 + document_frequency)) + 1.0
    weights = (np.log(np.array(counts, dtype=np.float64)) + 1.0) * idf[cols]
    lengths = np.diff(indptr)
    owner = np.repeat(np.arange(n), lengths)
    norms = np.sqrt(np.bincount(owner, weights=weights**2, minlength=n))
    weights /= np.where(norms > 0, norms, 1.0)[owner]
    return sparse.csr_matrix(
        (weights.astype(dtype), cols, np.array(indptr, dtype=np.int64)),
        shape=(n, len(vocabulary)),
    )
