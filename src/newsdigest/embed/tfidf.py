"""Lexical embeddings: TF-IDF fitted on the batch itself, so it needs no model and no data.

The fallback every install has. Fitting on the batch (one story's sentences) makes the IDF
reflect the story: words every sentence shares weigh little, distinctive ones weigh much.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer


class TfidfEmbedder:
    """Sublinear TF-IDF over lowercased words (English stop words removed), L2-normalized."""

    name = "tfidf"

    def __init__(self, max_features: int | None = 20000) -> None:
        self.max_features = max_features

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vectorizer = TfidfVectorizer(
            lowercase=True,
            stop_words="english",
            sublinear_tf=True,
            max_features=self.max_features,
            token_pattern=r"(?u)\b\w\w+\b",
        )
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:  # only stop words / empty strings: no vocabulary at all
            return np.zeros((len(texts), 1), dtype=np.float32)
        return np.asarray(matrix.toarray(), dtype=np.float32)
