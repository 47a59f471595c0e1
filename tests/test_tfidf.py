"""The story TF-IDF rows weigh words exactly as scikit-learn's vectorizer does."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from newsdigest.model import Article
from newsdigest.split import split_sentences
from newsdigest.tfidf import tfidf_rows


def _sklearn_products(texts: list[str]) -> np.ndarray:
    rows = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    return (rows @ rows.T).toarray()


def _products(texts: list[str]) -> np.ndarray:
    rows = tfidf_rows(texts, dtype=np.float64)
    return (rows @ rows.T).toarray()


def test_multinews_sentences_weigh_as_in_scikit_learn(
    multinews_articles: Callable[[int, int], list[tuple[int, Article]]],
) -> None:
    clusters: dict[int, list[str]] = {}
    for cluster, article in multinews_articles(0, 12):
        clusters.setdefault(cluster, []).extend(
            s.text for s in split_sentences(article.text, article.id)
        )
    for texts in clusters.values():
        assert np.allclose(_products(texts), _sklearn_products(texts), atol=1e-9)
        assert tfidf_rows(texts).dtype == np.float32


_WORDS = st.sampled_from(["Putin", "putin", "the", "a", "Sochi's", "x", "Über", "über", "2019"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=8).map(" ".join), min_size=1, max_size=6))
def test_any_texts_weigh_as_in_scikit_learn(texts: list[str]) -> None:
    try:
        expected = _sklearn_products(texts)
    except ValueError:
        with pytest.raises(ValueError):
            tfidf_rows(texts)
        return
    assert np.allclose(_products(texts), expected, atol=1e-9)


def test_the_stop_words_are_scikit_learns() -> None:
    """Written out so a digest need not import scikit-learn; the list must not drift from it."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    from newsdigest.stopwords import ENGLISH_STOP_WORDS as ours

    assert ours == ENGLISH_STOP_WORDS
