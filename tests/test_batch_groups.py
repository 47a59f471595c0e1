"""Grouping a batch among itself: average linkage on real Multi-News articles, independent of
the order the batch came in, and never across the time window."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsdigest.batch_groups import group_batch
from newsdigest.cluster import ClusterParams, DocFreq, article_vectors

DAY = 86400.0


@pytest.fixture(scope="module")
def slice_gram(multinews_articles) -> tuple[np.ndarray, list[int]]:
    """Dot products of the articles of 20 Multi-News clusters, and each article's cluster."""
    docs = multinews_articles(20, 40)
    vectors = article_vectors([a for _, a in docs], DocFreq(), ClusterParams())
    return (vectors @ vectors.T).toarray().astype(np.float64), [i for i, _ in docs]


def _as_sets(groups: list[list[int]], names: list[int]) -> set[frozenset[int]]:
    return {frozenset(names[k] for k in g) for g in groups}


def test_groups_do_not_depend_on_the_order_of_the_batch(
    slice_gram: tuple[np.ndarray, list[int]],
) -> None:
    gram, _ = slice_gram
    n = gram.shape[0]
    groups = group_batch(gram, [None] * n, 0.125, 3 * DAY)
    assert 1 < len(groups) < n  # it does group, and not everything into one
    assert sorted(k for g in groups for k in g) == list(range(n))
    for seed in range(3):
        perm = random.Random(seed).sample(range(n), n)  # row k of the shuffled batch: perm[k]
        shuffled = group_batch(gram[np.ix_(perm, perm)], [None] * n, 0.125, 3 * DAY)
        assert _as_sets(shuffled, perm) == _as_sets(groups, list(range(n)))


def test_groups_follow_the_true_events(slice_gram: tuple[np.ndarray, list[int]]) -> None:
    gram, truth = slice_gram
    groups = group_batch(gram, [None] * len(truth), 0.125, 3 * DAY)
    pure = sum(len(g) for g in groups if len({truth[k] for k in g}) == 1)
    assert pure >= 0.85 * len(truth)  # most articles sit in a group of their event only


def test_a_group_never_spans_more_than_the_time_window() -> None:
    gram = np.ones((4, 4))  # four copies of one text
    published = [0.0, 1 * DAY, 10 * DAY, None]
    groups = group_batch(gram, published, 0.125, 3 * DAY)
    assert groups == [[0, 1, 3], [2]]  # the undated copy may go with either; ties: the earlier
    assert group_batch(gram, [None] * 4, 0.125, 3 * DAY) == [[0, 1, 2, 3]]
