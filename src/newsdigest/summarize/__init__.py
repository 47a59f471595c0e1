"""summarize stage: one file per method behind one protocol (``base.Summarizer``).

``get_summarizer(name)`` builds a method by name; ``default`` is the measured best (see
BENCHMARKS.md, "Summary quality").
"""

from __future__ import annotations

from typing import Any

from newsdigest.errors import ModelUnavailableError
from newsdigest.summarize.base import Budget, Summarizer

DEFAULT_SUMMARIZER = "coverage"
SUMMARIZERS = ("coverage", "lead", "random", "lexrank", "textrank", "lsa", "oracle")


def get_summarizer(
    name: str | None = None, *, embedder: str | None = None, **options: Any
) -> Summarizer:
    """The summarizer called ``name``; ``embedder`` names the embedder for methods that use one.

    ``options`` go to the method's constructor (e.g. ``fill=True`` for the ROUGE protocol).
    """
    key = (name or "default").strip().lower()
    if key == "default":
        key = DEFAULT_SUMMARIZER
    if key == "coverage":
        from newsdigest.summarize.coverage import CoverageSummarizer

        if embedder is None or embedder == "default":
            # its own TF-IDF over stemmed terms: what the weights were fitted with, and fast
            return CoverageSummarizer(None, **options)
        from newsdigest.embed import get_embedder

        return CoverageSummarizer(get_embedder(embedder), **options)
    if key == "lead":
        from newsdigest.summarize.lead import LeadSummarizer

        return LeadSummarizer(**options)
    if key == "random":
        from newsdigest.summarize.random_baseline import RandomSummarizer

        return RandomSummarizer(**options)
    if key in ("lexrank", "textrank", "lsa"):
        from newsdigest.summarize.sumy_peers import SumySummarizer

        return SumySummarizer(key, **options)
    if key == "oracle":
        from newsdigest.summarize.oracle import OracleSummarizer

        return OracleSummarizer(**options)
    if key == "abstractive":
        from newsdigest.summarize.abstractive import AbstractiveSummarizer

        return AbstractiveSummarizer(**options)
    raise ModelUnavailableError(
        f"{key}: unknown summarizer (choose {', '.join(SUMMARIZERS)} or abstractive)"
    )


__all__ = ["Budget", "DEFAULT_SUMMARIZER", "SUMMARIZERS", "Summarizer", "get_summarizer"]
