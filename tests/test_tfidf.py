"""The story TF-IDF rows weigh words exactly as scikit-learn's vectorizer does."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

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


def _per_word_rows(texts: list[str], dtype: type) -> tuple[np.ndarray, ...]:
    """The rows as the first version built them, one word at a time (the reference the array
    version must equal bit for bit: a citation threshold or a tie may turn on the last bit)."""
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for text in texts:
        row: dict[int, int] = {}
        for word in re.findall(r"(?u)\b\w\w+\b", text.lower()):
            if word not in ENGLISH_STOP_WORDS:
                column = vocabulary.setdefault(word, len(vocabulary))
                row[column] = row.get(column, 0) + 1
        indices.extend(row)
        counts.extend(row.values())
        indptr.append(len(indices))
    cols = np.array(indices, dtype=np.int64)
    idf = np.log((1 + len(texts)) / (1 + np.bincount(cols, minlength=len(vocabulary)))) + 1.0
    weights = (np.log(np.array(counts, dtype=np.float64)) + 1.0) * idf[cols]
    owner = np.repeat(np.arange(len(texts)), np.diff(indptr))
    norms = np.sqrt(np.bincount(owner, weights=weights**2, minlength=len(texts)))
    weights /= np.where(norms > 0, norms, 1.0)[owner]
    return weights.astype(dtype), cols, np.array(indptr)


def test_rows_equal_the_per_word_build_bit_for_bit(
    multinews_articles: Callable[[int, int], list[tuple[int, Article]]],
) -> None:
    clusters: dict[int, list[Article]] = {}
    for cluster, article in multinews_articles(0, 20):
        clusters.setdefault(cluster, []).append(article)
    for articles in clusters.values():
        sentences = [s.text for a in articles for s in split_sentences(a.text, a.id)]
        for texts, dtype in ((sentences, np.float32), ([a.text for a in articles], np.float64)):
            data, indices, indptr = _per_word_rows(texts, dtype)
            rows = tfidf_rows(texts, dtype=dtype)
            assert np.array_equal(rows.indptr, indptr)
            assert np.array_equal(rows.indices, indices)
            assert rows.data.tobytes() == data.tobytes()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="aB é_1.Σσ’-\n", max_size=30), min_size=1, max_size=5))
def test_any_rows_equal_the_per_word_build(texts: list[str]) -> None:
    data, indices, indptr = _per_word_rows(texts, np.float32)
    if not len(indices):
        with pytest.raises(ValueError):
            tfidf_rows(texts)
        return
    rows = tfidf_rows(texts)
    assert np.array_equal(rows.indptr, indptr) and np.array_equal(rows.indices, indices)
    assert rows.data.tobytes() == data.tobytes()


def test_repeated_texts_equal_the_per_word_build_bit_for_bit(
    multinews_articles: Callable[[int, int], list[tuple[int, Article]]],
) -> None:
    """A citation's TF-IDF is fitted on a story's sentences and then its digest's, which are
    among them: each distinct text is read once, and the rows are still those of reading
    every text (a repeat's row and its counts in the document frequencies)."""
    clusters: dict[int, list[Article]] = {}
    for cluster, article in multinews_articles(0, 8):
        clusters.setdefault(cluster, []).append(article)
    for articles in clusters.values():
        pool = [s.text for a in articles for s in split_sentences(a.text, a.id)]
        texts = [*pool, *pool[::7], pool[0], pool[0].upper()]
        data, indices, indptr = _per_word_rows(texts, np.float32)
        rows = tfidf_rows(texts)
        assert np.array_equal(rows.indptr, indptr) and np.array_equal(rows.indices, indices)
        assert rows.data.tobytes() == data.tobytes()
