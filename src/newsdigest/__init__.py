"""newsdigest: cited multi-document summaries of news stories, offline.

Public API::

    import newsdigest
    story = newsdigest.digest(["path/to/folder", article, "raw article text"], words=120)
    for s in story.summary:
        print(s.text, s.citations)

    report = newsdigest.store_articles(["crawl/", "feed.jsonl"], db="news.db")
    for story in newsdigest.group_stories(db="news.db", since="2019-05-01"):
        print(story.title, len(story.articles))
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from newsdigest.config import StoryConfig
    from newsdigest.errors import InputError
    from newsdigest.model import Article, Story
    from newsdigest.stories import IngestReport, StoryFailure

# ``ingest`` and ``stories`` are subpackage names, so the store API has verb names of its own
__all__ = ["__version__", "digest", "group_stories", "store_articles"]


def digest(
    articles: Iterable[str | Path | Article] | str | Path,
    config: StoryConfig | None = None,
    *,
    on_error: Callable[[InputError], None] | None = None,
    **settings: Any,
) -> Story:
    """Digest the articles of one event (paths, ``Article`` objects or texts).

    ``settings`` are ``StoryConfig`` fields (``words=40``, ``facts=False``…) over ``config``;
    an input that cannot be read goes to ``on_error`` (a warning by default). See
    :func:`newsdigest.pipeline.digest`.
    """
    from newsdigest.pipeline import digest as _digest

    return _digest(articles, config, on_error=on_error, **settings)


def store_articles(inputs: Any, db: str | Path = "news.db", **options: Any) -> IngestReport:
    """Read files/folders into the store at ``db`` (a path or ``postgresql://`` URL).

    Idempotent: re-ingesting the same input stores nothing new. See
    :func:`newsdigest.stories.ingest` for ``options``.
    """
    from newsdigest.ingest import input_list
    from newsdigest.store import open_store
    from newsdigest.stories import check_ingest_options
    from newsdigest.stories import ingest as _ingest

    given = input_list(inputs, "inputs", "paths of files or folders")  # before a store is made
    check_ingest_options(options)
    with open_store(db) as store:
        return _ingest(given, store, **options)


def group_stories(
    db: str | Path = "news.db",
    since: str | date | None = None,
    config: StoryConfig | None = None,
    *,
    on_failure: Callable[[StoryFailure], None] | None = None,
    **settings: Any,
) -> list[Story]:
    """Group the stored articles into stories and return them newest first, each digested.

    ``since`` (an ISO date or date-time string, a ``datetime``, naive = UTC, or a ``date``, its
    midnight UTC) keeps stories with an article published at or after it; ``ValueError`` for
    text that is no date, ``TypeError`` for another type.
    ``settings`` are ``StoryConfig`` fields (``words=40``, ``facts=False``…) over ``config``.
    A story that could not be rebuilt (left out) or was saved without its facts goes to
    ``on_failure`` (a warning by default; a model folder that cannot be loaded had left every
    story out of the list without a word).
    """
    from newsdigest.config import checked_story_config
    from newsdigest.errors import StoreError
    from newsdigest.store import missing_store, open_store
    from newsdigest.stories import build_stories
    from newsdigest.timeutil import parse_since

    settled = checked_story_config(config, **settings)  # a wrong one said before any work
    after = parse_since(since)
    if missing_store(db):
        # as the CLI's ``stories``: a typo must not leave an empty database behind, nor read as
        # a store with no stories
        raise StoreError(f"{db}: no such store (store_articles(..., db=...) first)")
    if on_failure is not None and not callable(on_failure):
        raise TypeError(
            f"on_failure: expected a function (or None), not {type(on_failure).__name__}"
        )
    with open_store(db) as store:
        return build_stories(store, after, settled, on_failure=on_failure or _warn_failure)


def _warn_failure(failure: StoryFailure) -> None:
    """The default ``on_failure``: one warning a story, as ``newsdigest stories`` says it."""
    import warnings

    warnings.warn(f"story {failure.story_id} {failure.outcome}: {failure.reason}", stacklevel=5)
