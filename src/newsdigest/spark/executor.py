"""What runs inside Spark's Python workers: one function per partition, each calling the very
stage functions the single-machine path calls.

Models (the summarizer's embedder, spaCy for facts) are loaded once per worker process by a
cached loader and reused by every task that worker runs (Spark reuses Python workers), never
once per row. Rows travel as plain dicts (``serialize.article_to_dict`` plus reading order).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyspark.accumulators import AccumulatorParam

from newsdigest.config import StoryConfig
from newsdigest.model import Article
from newsdigest.serialize import article_from_dict, article_to_dict


@dataclass(frozen=True)
class ExecutorModels:
    """The models one worker process holds for its whole life."""

    summarizer: Any  # builds the digest (with its sentence embedder)


@lru_cache(maxsize=4)
def executor_models(summarizer: str, embedder: str | None, facts: bool) -> ExecutorModels:
    """Load (once per worker process and settings) every model the job's tasks use."""
    from newsdigest.pipeline import resolve_summarizer

    if facts:
        from newsdigest.facts.ner import load_nlp

        load_nlp()  # spaCy: the heaviest load, once per worker
    method = resolve_summarizer(summarizer, embedder)
    embedder_model = getattr(method, "embedder", None)
    if embedder_model is not None and hasattr(embedder_model, "embed"):
        embedder_model.embed(["warm up"])  # a static/neural model loads here, not per story
    return ExecutorModels(summarizer=method)


def load_models(settings: StoryConfig, loads: Any = None) -> ExecutorModels:
    """The worker's models; ``loads`` (a ``pid_accumulator``) records the process id of every
    real load, so a run can show each worker loaded once, whatever the number of rows."""
    before = executor_models.cache_info().misses
    models = executor_models(str(settings.summarizer), settings.embedder, settings.facts)
    if loads is not None and executor_models.cache_info().misses > before:
        loads.add([os.getpid()])
    return models


class _ListParam(AccumulatorParam):  # type: ignore[misc]
    def zero(self, value: list[int]) -> list[int]:
        return []

    def addInPlace(self, a: list[int], b: list[int]) -> list[int]:  # noqa: N802 - Spark's name
        a.extend(b)
        return a


def pid_accumulator(sc: Any) -> Any:
    """An accumulator of worker process ids (one entry per model load)."""
    return sc.accumulator([], _ListParam())


def article_row(article: Article, file_index: int, record_index: int) -> dict[str, Any]:
    row = article_to_dict(article, with_text=True)
    row["file"] = file_index
    row["record"] = record_index
    return row


def row_article(row: dict[str, Any]) -> Article:
    return article_from_dict(row)


def read_warc_files(paths: Iterable[tuple[int, str]]) -> Iterator[dict[str, Any]]:
    """Clean articles and rejected records of the partition's WARC files, in reading order.

    Runs ``newsdigest.ingest.iter_articles`` (read + clean), the single-machine ingest path; a
    bad record becomes a ``rejected`` row and reading goes on.
    """
    from newsdigest.errors import InputError
    from newsdigest.ingest import iter_articles

    for file_index, path in paths:
        for record_index, item in enumerate(iter_articles([path])):
            if isinstance(item, InputError):
                yield {
                    "kind": "rejected",
                    "name": item.name,
                    "reason": item.reason,
                    "file": file_index,
                    "record": record_index,
                }
            else:
                yield {"kind": "article", **article_row(item, file_index, record_index)}
