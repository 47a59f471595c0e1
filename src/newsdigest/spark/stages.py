"""The corpus-wide stages of the job: fold near-duplicates, cut the timeline into independent
segments, cluster each segment and build each story.

The clusterer lets a dated article join a story only within its time window of the story's
span, so the timeline falls apart into segments separated by gaps longer than the window: no
story can cross a gap. Each segment is clustered whole on one executor by the single-machine
clusterer, fed the same batches in the same order as ``stories.cluster_pending`` feeds it from
the store, which is why the Spark job's stories are exactly the single-machine ones. Undated
articles may join any story, so a corpus with any undated article is one segment.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np

from newsdigest.config import StoryConfig
from newsdigest.spark import bindings
from newsdigest.spark.executor import load_models, row_article
from newsdigest.spark.neardup import CANDIDATE_MARGIN, fold_duplicates, similar_pairs

if TYPE_CHECKING:
    from pyspark import RDD, Broadcast
    from pyspark.sql import SparkSession

UNDATED = -1  # the segment of articles without a publication time


def order_key(row: dict[str, Any]) -> tuple[int, int]:
    return (row["file"], row["record"])


def _shingle_row(row: dict[str, Any]) -> tuple[str, list[int]]:
    return row["id"], bindings.shingle_hashes(row["text"])


def near_duplicates(spark: SparkSession, unique: RDD) -> dict[str, str]:
    """``{duplicate id: first id of its group}`` over the whole corpus.

    MLlib's MinHashLSH join proposes candidates (shuffle 2); each is confirmed by the
    single-machine rule on datasketch signatures, joined to the pairs where they live. Only
    confirmed pairs (one per duplicate, roughly) reach the driver.
    """
    floor = bindings.near_duplicate_threshold() - CANDIDATE_MARGIN
    candidates, vectors = similar_pairs(spark, unique.map(_shingle_row), floor)
    signatures = unique.map(lambda r: (r["id"], (order_key(r), bindings.signature(r["text"]))))
    confirmed = (
        candidates.join(signatures)
        .map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
        .join(signatures)
        .filter(lambda kv: bindings.is_near_duplicate(kv[1][0][1][1], kv[1][1][1]))
        .map(lambda kv: ((kv[1][0][0], kv[1][0][1][0]), (kv[0], kv[1][1][0])))
        .collect()
    )
    vectors.unpersist()
    ranks = {aid: rank for pair in confirmed for aid, rank in pair}
    order = sorted(ranks, key=ranks.__getitem__)
    return fold_duplicates(order, [(a, b) for (a, _), (b, _) in confirmed])


def fold_into_kept(unique: RDD, folded: Broadcast) -> RDD:
    """Kept articles only, each carrying the readings (URLs) of the duplicates folded into it."""

    def by_target(row: dict[str, Any]) -> tuple[str, tuple[dict[str, Any] | None, list]]:
        target = folded.value.get(row["id"], row["id"])
        return target, (row if target == row["id"] else None, row["seen"])

    def merge(a: tuple, b: tuple) -> tuple:
        return (a[0] or b[0], a[1] + b[1])

    def finish(value: tuple) -> dict[str, Any]:
        row = dict(value[0])
        row["seen"] = sorted(value[1])
        return row

    return unique.map(by_target).reduceByKey(merge).values().map(finish)


def _published(row: dict[str, Any]) -> datetime | None:
    value = row.get("published")
    return datetime.fromisoformat(value) if value else None


HOUR = 3600


def hour_of(row: dict[str, Any]) -> int | None:
    published = _published(row)
    return int(published.timestamp()) // HOUR if published else None


def segment_starts(hours: Iterable[int], window: timedelta) -> list[int]:
    """First hours of the segments: a new one opens after a run of empty hours longer than
    ``window`` (so the real gap is longer still: cutting there can never split a story)."""
    limit = window.total_seconds() / HOUR
    starts: list[int] = []
    previous: int | None = None
    for hour in sorted(set(hours)):
        if previous is None or hour - previous - 1 > limit:
            starts.append(hour)
        previous = hour
    return starts


def segment_of(hour: int | None, starts: Sequence[int]) -> int:
    if hour is None:
        return UNDATED
    return bisect.bisect_right(starts, hour) - 1


def number_batches(kept: RDD, sizes: tuple[int, int]) -> RDD:
    """Tag each kept article with its clustering batch: the store hands the clusterer its
    articles in insertion (= reading) order, cut as ``stories.clustering_batch`` cuts them
    (``sizes``: batches while a dated article is pending, then of the undated rest), which
    needs the place of the last dated article."""
    ranked = kept.sortBy(order_key).zipWithIndex()
    last_dated = ranked.filter(lambda pair: bool(pair[0].get("published"))).values().fold(-1, max)
    return ranked.map(
        lambda pair: {**pair[0], "batch": bindings.clustering_batch(pair[1], last_dated, sizes)}
    )


def partial_doc_freqs(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[int, tuple]]:
    """Per clustering batch, the document-frequency increment of these rows (one partition's
    share of the batch) as sparse (indices, counts, documents)."""
    by_batch: dict[int, list[Any]] = {}
    for row in rows:
        by_batch.setdefault(row["batch"], []).append(row_article(row))
    for batch, articles in by_batch.items():
        counts, docs = bindings.batch_doc_freq(articles)
        nz = np.flatnonzero(counts)
        yield batch, (nz, counts[nz], docs)


def add_doc_freqs(a: tuple, b: tuple) -> tuple:
    """Sum two sparse increments of one batch (the reduce of ``partial_doc_freqs``)."""
    keys, inverse = np.unique(np.concatenate([a[0], b[0]]), return_inverse=True)
    vals = np.bincount(inverse, weights=np.concatenate([a[1], b[1]])).astype(np.int64)
    return keys, vals, a[2] + b[2]


def prefix_doc_freqs(
    per_batch: dict[int, tuple], wanted: Iterable[int]
) -> Iterator[tuple[int, np.ndarray, int]]:
    """The stream's document frequencies (counts, docs) after each ``wanted`` batch, a running
    prefix sum over the sparse per-batch increments. Lazy: one dense vector is alive at a time,
    however many batches a segment spans (a corpus of 10 million articles has 20,000)."""
    wanted = set(wanted)
    last = max(wanted, default=-1)
    counts = np.zeros(bindings.doc_freq_size(), dtype=np.int64)
    docs = 0
    for batch in sorted(b for b in per_batch if b <= last):
        idx, vals, n = per_batch[batch]
        counts[idx] += vals
        docs += n
        if batch in wanted:
            yield batch, counts, docs


def batch_doc_freqs(batched: RDD) -> dict[int, tuple]:
    """Each clustering batch's document-frequency increment, sparse (indices, counts, docs),
    summed over the partitions that hold its articles."""
    return dict(batched.mapPartitions(partial_doc_freqs).reduceByKey(add_doc_freqs).collect())


def cluster_segment(
    rows: Iterable[dict[str, Any]], increments: dict[int, tuple]
) -> dict[str, list[dict]]:
    """Stories of one segment (story id -> member rows in reading order), clustered batch by
    batch like the single-machine path."""
    ordered = sorted(rows, key=order_key)
    batches: dict[int, list[Any]] = {}
    for row in ordered:
        batches.setdefault(row["batch"], []).append(row_article(row))
    members = bindings.cluster(
        (batches[b], counts, docs) for b, counts, docs in prefix_doc_freqs(increments, batches)
    )
    stories: dict[str, list[dict[str, Any]]] = {}
    for row in ordered:
        stories.setdefault(members[row["id"]], []).append(row)
    return stories


def _story_partition(settings: StoryConfig, loads: Any) -> Any:
    def run(groups: Iterator[tuple[str, list[dict[str, Any]]]]) -> Iterator[dict[str, Any]]:
        for story_key, members in groups:
            models = load_models(settings, loads)
            yield bindings.story_row(story_key, members, settings, models)

    return run


def build_stories(
    spark: SparkSession,
    kept: RDD,
    settings: StoryConfig,
    *,
    loads: Any = None,
    partitions: int | None = None,
) -> RDD:
    """Story dicts (exactly what ``stories --format json`` prints for each story).

    Shuffle 4 sends each time segment to one task for clustering; the stories found there are
    spread again over ``partitions`` tasks to be summarized (summaries dominate the cost).
    """
    sc = spark.sparkContext
    n = partitions or sc.defaultParallelism
    batched = number_batches(kept, bindings.cluster_batch_sizes()).persist()
    # the timeline as occupied hours: a few thousand numbers a year, whatever the corpus size
    hours = batched.map(hour_of).distinct().collect()
    dated = [h for h in hours if h is not None]
    # an undated article may join any story: then the whole corpus is one segment
    starts = sc.broadcast(
        segment_starts(dated, bindings.cluster_window()) if len(dated) == len(hours) else []
    )

    def segment(row: dict[str, Any]) -> int:
        return 0 if not starts.value else segment_of(hour_of(row), starts.value)

    segments = batched.map(lambda r: (segment(r), r)).groupByKey(
        numPartitions=max(1, min(n, len(starts.value) or 1))
    )
    increments = sc.broadcast(batch_doc_freqs(batched))
    groups = segments.flatMap(lambda kv: cluster_segment(kv[1], increments.value).items())
    return groups.partitionBy(n).mapPartitions(_story_partition(settings, loads))
