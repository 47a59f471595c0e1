"""The single-machine stage functions the Spark job distributes, named in one place.

Nothing here re-implements a stage: each function forwards to the module the single-machine
``ingest``/``stories`` path uses, so both paths share shingling, thresholds, clustering and
story building by construction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

import numpy as np

from newsdigest.config import StoryConfig
from newsdigest.model import Article
from newsdigest.spark.executor import ExecutorModels, row_article


def shingle_hashes(text: str) -> list[int]:
    """The dedup stage's word shingles of one text, as 64-bit integers (MLlib wants numbers)."""
    from newsdigest import dedup

    return sorted(
        int.from_bytes(hashlib.blake2b(sh, digest_size=8).digest(), "big")
        for sh in dedup.shingles(text)
    )


def signature(text: str) -> Any:
    """The dedup stage's MinHash signature of one text (datasketch, fixed seed; picklable)."""
    from newsdigest import dedup

    return dedup.signature(text)


def is_near_duplicate(sig_a: Any, sig_b: Any) -> bool:
    """The single-machine decision for one candidate pair: a shared LSH band and an estimated
    Jaccard at the dedup threshold (``dedup.near_duplicate_groups``)."""
    from newsdigest import dedup

    if not set(dedup.band_keys(sig_a)) & set(dedup.band_keys(sig_b)):
        return False
    return dedup.similar(sig_a, sig_b)


def near_duplicate_threshold() -> float:
    from newsdigest import dedup

    return float(dedup.THRESHOLD)


def cluster_window() -> timedelta:
    """How long a story stays open without a new article (the clusterer's quiet period): a
    gap in the timeline longer than this can never be crossed by a story."""
    from newsdigest.cluster import EventClusterer

    return EventClusterer().quiet_window()


def cluster_batch_sizes() -> tuple[int, int]:
    """``stories.cluster_pending``'s batch sizes: dated (or mixed) input, an undated pile."""
    from newsdigest.stories import CLUSTER_BATCH, UNDATED_BATCH

    return int(CLUSTER_BATCH), int(UNDATED_BATCH)


def clustering_batch(position: int, last_dated: int, sizes: tuple[int, int]) -> int:
    """``stories.clustering_batch``: the batch ``cluster_pending`` puts this article in."""
    from newsdigest.stories import clustering_batch

    return clustering_batch(position, last_dated, *sizes)


def doc_freq_size() -> int:
    from newsdigest.cluster import DocFreq

    return int(DocFreq().counts.size)


def batch_doc_freq(articles: Sequence[Article]) -> tuple[np.ndarray, int]:
    """The clusterer's document-frequency increment for these articles (its own vectorizer)."""
    from newsdigest.cluster import doc_freq_increment

    increment = doc_freq_increment(list(articles))
    return increment.counts, increment.docs


def cluster(batches: Iterable[tuple[Sequence[Article], np.ndarray, int]]) -> dict[str, str]:
    """Article id -> story id, exactly as ``stories.cluster_pending`` assigns them.

    Each item is one clustering batch's articles of this segment, with the stream's document
    frequencies (counts, docs) after the *whole* batch. The clusterer adds the articles it sees
    to its counts, so it starts each batch from the stream's counts minus this segment's share:
    its IDF is then the single-machine IDF, bit for bit.
    """
    from newsdigest.cluster import DocFreq, EventClusterer

    clusterer = EventClusterer()
    members: dict[str, str] = {}
    for articles, counts_after, docs_after in batches:
        own_counts, own_docs = batch_doc_freq(articles)
        clusterer.state.doc_freq = DocFreq(counts_after - own_counts, docs_after - own_docs)
        members.update(clusterer.partial_fit(articles))
    return members


def story_row(
    story_key: str,
    members: Sequence[dict[str, Any]],
    settings: StoryConfig,
    models: ExecutorModels,
) -> dict[str, Any]:
    """One story's JSON dict, built by ``pipeline.build_story`` with the worker's models, from
    its articles in reading order (the store's order) with every URL each was seen under."""
    from newsdigest.pipeline import build_story
    from newsdigest.serialize import story_to_dict

    ordered = sorted(members, key=lambda r: (r["file"], r["record"]))
    articles = [row_article(r) for r in ordered]
    story = build_story(
        articles,
        replace(settings, summarizer=models.summarizer),
        story_key=story_key,
    )
    urls = {r["id"]: tuple(dict.fromkeys(u for *_, u in sorted(r["seen"]) if u)) for r in ordered}
    story = replace(story, urls=urls)
    return story_to_dict(story)
