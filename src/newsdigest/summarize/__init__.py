"""summarize stage: one file per method behind one protocol (``base.Summarizer``).

``get_summarizer(name)`` builds a method by name; ``default`` is the measured best (see
BENCHMARKS.md, "Summary quality").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsdigest.embed import check_embedder
from newsdigest.errors import UnknownMethodError
from newsdigest.summarize.base import Budget, Summarizer

DEFAULT_SUMMARIZER = "coverage"


def _coverage(embedder: str | None, **options: Any) -> Summarizer:
    from newsdigest.summarize.coverage import CoverageSummarizer

    if embedder is None or embedder == "default":
        # its own TF-IDF over stemmed terms: what the weights were fitted with, and fast
        return CoverageSummarizer(None, **options)
    from newsdigest.embed import get_embedder

    return CoverageSummarizer(get_embedder(embedder), **options)


def _lead(embedder: str | None, **options: Any) -> Summarizer:
    from newsdigest.summarize.lead import LeadSummarizer

    return LeadSummarizer(**options)


def _random(embedder: str | None, **options: Any) -> Summarizer:
    from newsdigest.summarize.random_baseline import RandomSummarizer

    return RandomSummarizer(**options)


def _sumy(method: str) -> Callable[..., Summarizer]:
    def build(embedder: str | None, **options: Any) -> Summarizer:
        from newsdigest.summarize.sumy_peers import SumySummarizer

        return SumySummarizer(method, **options)

    return build


def _oracle(embedder: str | None, **options: Any) -> Summarizer:
    from newsdigest.summarize.oracle import OracleSummarizer

    return OracleSummarizer(**options)


def _abstractive(embedder: str | None, **options: Any) -> Summarizer:
    from newsdigest.summarize.abstractive import AbstractiveSummarizer

    return AbstractiveSummarizer(**options)


# name -> builder; the names users can give, in the order help texts list them
_BUILDERS: dict[str, Callable[..., Summarizer]] = {
    "coverage": _coverage,
    "lead": _lead,
    "random": _random,
    "lexrank": _sumy("lexrank"),
    "textrank": _sumy("textrank"),
    "lsa": _sumy("lsa"),
    "oracle": _oracle,
    "abstractive": _abstractive,
}
SUMMARIZERS = tuple(_BUILDERS)


# the methods whose builder reads ``embedder``; the others leave it unused
EMBEDDING_SUMMARIZERS = ("coverage",)


def uses_embedder(name: str | None) -> bool:
    """Whether the summarizer ``name`` embeds sentences (an unknown name: True, so its own
    error is the one said)."""
    key = (name or "default").strip().lower()
    key = DEFAULT_SUMMARIZER if key == "default" else key
    return key in EMBEDDING_SUMMARIZERS or key not in _BUILDERS


def get_summarizer(
    name: str | None = None, *, embedder: str | None = None, **options: Any
) -> Summarizer:
    """The summarizer called ``name``; ``embedder`` names the embedder for methods that use one.

    ``options`` go to the method's constructor (e.g. ``fill=True`` for the ROUGE protocol).
    """
    key = _key(name)
    if key == "default":
        key = DEFAULT_SUMMARIZER
    build = _BUILDERS.get(key)
    if build is None:
        # a blank name had been the default method ("") or ": unknown summarizer" (" ")
        what = f"{key}: unknown summarizer" if key else "an empty name names no summarizer"
        raise UnknownMethodError(f"{what} (choose {', '.join(SUMMARIZERS)})", "summarizer")
    if embedder is not None:
        check_embedder(embedder)  # a method that embeds nothing refuses an unknown name too
    return build(embedder, **options)


def check_summarizer(name: str | None = None, *, embedder: str | None = None) -> None:
    """Refuse what ``get_summarizer`` refuses (an unknown method or embedder, a model that is
    not there) before any work. The default method with its own TF-IDF loads nothing that can
    be missing, so it is not built: its module imports scipy, which a ``stories`` run that
    rebuilds nothing does not need."""
    key = _key(name)
    if key in ("default", DEFAULT_SUMMARIZER) and embedder is None:
        return
    get_summarizer(name, embedder=embedder)


def _key(name: str | None) -> str:
    """The method's key: None is the default, "" none (an unset variable passed on)."""
    return "default" if name is None else name.strip().lower()


__all__ = [
    "Budget",
    "DEFAULT_SUMMARIZER",
    "EMBEDDING_SUMMARIZERS",
    "SUMMARIZERS",
    "Summarizer",
    "check_summarizer",
    "get_summarizer",
    "uses_embedder",
]
