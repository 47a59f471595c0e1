"""The one interface every article/story store implements (``store/sql.py`` over SQLite or
PostgreSQL): every method the pipeline, the CLI, the web server and the follower call."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from newsdigest.model import Article, Story, StoryRow


@dataclass(frozen=True)
class AddResult:
    """What one ``add_articles`` call did."""

    stored: tuple[str, ...] = ()  # ids newly stored
    duplicates: tuple[str, ...] = ()  # ids (or urls) already present: nothing new written
    near_duplicates: dict[str, str] = field(default_factory=dict)  # new id -> canonical id


@dataclass(frozen=True)
class AnalysisRecord:
    """One article's stored analysis (``newsdigest.analysis``): JSON data and parse bytes."""

    data: dict[str, Any]
    doc: bytes | None = None


@dataclass(frozen=True)
class ClusterRow:
    """One cluster as stored: the clusterer's own state blob plus what queries need."""

    id: str
    seq: int
    size: int
    first_published: datetime | None
    last_published: datetime | None
    state: bytes


@dataclass(frozen=True)
class SourceState:
    """What the follower remembers of one source (feed, OPML, sitemap) between rounds."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: datetime | None = None  # last attempt, whatever its outcome
    last_ok: datetime | None = None  # last answer read (200 or 304)
    last_error: str | None = None  # the one-line reason of the last attempt, None if it worked
    children: tuple[str, ...] = ()  # what an OPML file or sitemap index listed (for a 304)


class Store(Protocol):
    """Articles, their URLs, the clustering state and the stories built from them.

    Writes are idempotent (keyed by content hash and by URL) and each call is one transaction:
    a crash loses at most the call in flight, never leaves half an article. Reads may run from
    many threads at once and do not wait for writes.
    """

    @property
    def where(self) -> str:
        """The database as messages name it (a path, or a URL without its password)."""
        ...

    # articles
    def add_articles(self, articles: Iterable[Article]) -> AddResult: ...

    def get_articles(
        self, since: datetime | None = None, ids: Sequence[str] | None = None
    ) -> list[Article]: ...

    def urls(self, article_id: str) -> tuple[str, ...]: ...

    def urls_of(self, article_ids: Sequence[str]) -> dict[str, tuple[str, ...]]: ...

    def count_articles(self) -> int: ...

    # per-article analysis, computed once when an article is stored
    def save_analyses(self, analyses: Mapping[str, AnalysisRecord], version: int) -> None: ...

    def get_analyses(
        self, article_ids: Sequence[str], version: int
    ) -> dict[str, AnalysisRecord]: ...

    # clustering state
    def clustering_lock(self) -> AbstractContextManager[None]: ...

    def unclustered(self, limit: int | None = None) -> list[Article]: ...

    def unclustered_dated(self) -> bool: ...

    def load_clusters(self, active_since: datetime | None = None) -> list[ClusterRow]: ...

    def load_cluster_meta(self, key: str) -> bytes | None: ...

    def save_clustering(
        self,
        clusters: Sequence[ClusterRow],
        assignments: Mapping[str, str],
        meta: Mapping[str, bytes] | None = None,
    ) -> None: ...

    def max_cluster_seq(self) -> int: ...

    def stale_clusters(self) -> list[str]: ...

    def story_settings(self) -> str | None: ...

    def change_story_settings(self, settings: str) -> None: ...

    def cluster_articles(self, cluster_id: str) -> list[Article]: ...

    def cluster_of(self, article_ids: Sequence[str]) -> dict[str, str]: ...

    # stories
    def save_stories(self, stories: Sequence[Story]) -> None: ...

    def list_stories(
        self, since: datetime | None = None, limit: int | None = None
    ) -> list[Story]: ...

    def story_rows(
        self,
        limit: int,
        offset: int = 0,
        *,
        min_articles: int = 1,
        max_articles: int | None = None,
        since: datetime | None = None,
    ) -> list[StoryRow]: ...

    def search_stories(self, query: str, limit: int, offset: int = 0) -> list[StoryRow]: ...

    def get_story(self, story_id: str) -> Story | None: ...

    # the follower's state: each source's validators and outcome, every entry URL handled
    def source_states(self, urls: Sequence[str] | None = None) -> list[SourceState]: ...

    def save_source_state(self, state: SourceState) -> None: ...

    def seen_urls(self, urls: Sequence[str]) -> frozenset[str]: ...

    def mark_seen(self, outcomes: Mapping[str, str]) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
