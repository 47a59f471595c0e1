"""Group the articles of one clustering batch among themselves before they meet the stories.

Assigning a batch one article at a time lets the order decide: the first of two reports on an
event opens a story, the second joins it only if it resembles that one report, and the later
reports that would have tied them together come too late. Agglomerating the batch first uses
the whole batch as evidence: average linkage (repeatedly merge the two groups whose articles are
the most similar on average, while that average cosine reaches the threshold) merges the best
pair first, so the result does not depend on the order the batch arrived in, and a group is
joined on the evidence of all its members, not of its first one.

The batch is bounded (``stories.CLUSTER_BATCH``), so this costs the same for every batch however
long the history is; the stories of earlier batches are not touched here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_NEVER = -np.inf


def _meets(first: np.ndarray, last: np.ndarray, i: int, window: float) -> np.ndarray:
    """Which groups may merge with group ``i``: undated, or dated spans within ``window``."""
    if np.isnan(first[i]):
        return np.ones(first.size, dtype=bool)
    return ((first - window <= last[i]) & (first[i] - window <= last)) | np.isnan(first)


def group_batch(
    gram: np.ndarray,
    published: Sequence[float | None],
    threshold: float,
    window_seconds: float,
) -> list[list[int]]:
    """Average-linkage groups of row indices (each sorted; groups ordered by their first row).

    ``gram`` holds the dot products of the batch's L2-normalized article vectors, ``published``
    each article's POSIX time or None. Two groups merge only if their dated spans lie within
    ``window_seconds`` of each other, as an article may join a story only within its window.
    Ties go to the earlier rows, so the grouping is deterministic.
    """
    b = gram.shape[0]
    dots = np.array(gram, dtype=np.float64)  # sum over the pairs of two groups' members
    first = np.array([np.nan if t is None else t for t in published], dtype=np.float64)
    last = first.copy()
    size = np.ones(b, dtype=np.float64)
    alive = np.ones(b, dtype=bool)
    members: list[list[int]] = [[k] for k in range(b)]
    link = dots.copy()  # average cosine between the members of two groups
    for i in range(b):
        link[i, ~_meets(first, last, i, window_seconds)] = _NEVER
    np.fill_diagonal(link, _NEVER)
    while True:
        i, j = divmod(int(np.argmax(link)), b)
        if link[i, j] < threshold:
            break
        i, j = min(i, j), max(i, j)
        dots[i] += dots[j]
        dots[:, i] += dots[:, j]
        size[i] += size[j]
        members[i].extend(members[j])
        first[i], last[i] = np.fmin(first[i], first[j]), np.fmax(last[i], last[j])
        alive[j] = False
        row = dots[i] / (size[i] * size)
        row[~(alive & _meets(first, last, i, window_seconds))] = _NEVER
        row[i] = _NEVER
        link[i, :] = link[:, i] = row
        link[j, :] = link[:, j] = _NEVER
    return [sorted(members[k]) for k in range(b) if alive[k]]
