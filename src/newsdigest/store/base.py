"""The one interface every article/story store implements (SQLite default, PostgreSQL option)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from newsdigest.model import Article, Story


@dataclass(frozen=True)
class AddResult:
    """What one ``add_articles`` call did."""

    stored: tuple[str, ...] = ()  # ids newly stored
    duplicates: tuple[str, ...] = ()  # ids (or urls) already present: nothing new written
    near_duplicates: dict[str, str] = field(default_factory=dict)  # new id -> canonical id


@dataclass(frozen=True)
class ClusterRow:
    """One cluster as stored: the clusterer's own state blob plus what queries need."""

    id: str
    seq: int
    size: int
    first_published: datetime | None
    last_published: datetime | None
    state: bytes


class Store(Protocol):
    """Articles, their URLs, and the stories built from them.

    Writes are idempotent (keyed by content hash and by URL) and each call is one transaction:
    a crash loses at most the call in flight, never leaves half an article.
    """

    def add_articles(self, articles: Iterable[Article]) -> AddResult: ...

    def get_articles(
        self, since: datetime | None = None, ids: Sequence[str] | None = None
    ) -> list[Article]: ...

    def urls(self, article_id: str) -> tuple[str, ...]: ...

    def save_stories(self, stories: Sequence[Story]) -> None: ...

    def list_stories(
        self, since: datetime | None = None, limit: int | None = None
    ) -> list[Story]: ...

    def get_story(self, story_id: str) -> Story | None: ...

    def close(self) -> None: ...
