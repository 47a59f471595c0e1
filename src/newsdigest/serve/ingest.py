"""What ``POST /api/articles`` does with a validated batch: clean, store, update stories.

Every article is converted and cleaned before anything is written, so a record the cleaner
rejects fails the whole request (422) with nothing stored. The store then writes the batch in
one transaction, and the stories are updated by the same incremental path as ``newsdigest
stories`` (``newsdigest.stories.build_stories``). That step is resumable: if it fails, the
stored articles stay (unclustered or in a story marked stale) and the next ingest completes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from newsdigest.errors import InputError
from newsdigest.model import Article
from newsdigest.serve.intake import ArticleIn, InvalidBody
from newsdigest.store.base import Store


@dataclass(frozen=True)
class PostReport:
    """The answer to one POST: what was stored, and where the articles are now."""

    received: int
    stored: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()  # ids (or URLs) already stored: nothing new written
    near_duplicates: dict[str, str] = field(default_factory=dict)  # new id -> stored copy
    stories: tuple[str, ...] = ()  # the stories holding this batch's articles
    updated: tuple[str, ...] = ()  # the stories whose digest was (re)built by this batch

    def to_json(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "stored": list(self.stored),
            "duplicates": list(self.duplicates),
            "near_duplicates": dict(self.near_duplicates),
            "stories": list(self.stories),
            "updated": list(self.updated),
        }


def to_article(record: ArticleIn, index: int) -> Article:
    """The raw Article of one request record, read exactly as the JSON Lines reader reads it."""
    from newsdigest.ingest.jsonl import record_articles

    name = record.id or f"POST /api/articles[{index}]"
    data = record.model_dump(exclude_none=True, exclude={"id"})
    for item in record_articles(data, name):
        if isinstance(item, InputError):
            raise InvalidBody([{"loc": ["body", index], "msg": item.reason, "type": "value_error"}])
        return item
    raise InvalidBody(
        [{"loc": ["body", index], "msg": "no article in record", "type": "value_error"}]
    )


def clean_batch(records: Sequence[ArticleIn]) -> list[Article]:
    """Cleaned articles, or InvalidBody naming every record that cannot be used."""
    from newsdigest.clean import clean_article

    articles: list[Article] = []
    errors: list[dict[str, Any]] = []
    for i, record in enumerate(records):
        try:
            article = clean_article(to_article(record, i))
        except InvalidBody as exc:
            errors.extend(exc.errors)
            continue
        if not article.text.strip():
            errors.append(
                {
                    "loc": ["body", i, "text"],
                    "msg": "nothing is left of the text after removing page boilerplate",
                    "type": "value_error",
                }
            )
            continue
        articles.append(article)
    if errors:
        raise InvalidBody(errors)
    return articles


def ingest_records(store: Store, records: Sequence[ArticleIn]) -> PostReport:
    """Clean, store (one transaction) and cluster one validated batch; see the module doc."""
    from newsdigest.stories import build_stories, cluster_pending

    articles = clean_batch(records)
    result = store.add_articles(articles)
    # several writer processes (PostgreSQL) must not cluster from the same state at once
    hold = getattr(store, "clustering_lock", nullcontext)
    with hold():
        cluster_pending(store)
        updated = store.stale_clusters()  # type: ignore[attr-defined]
        build_stories(store, limit=0)  # rebuilds exactly the stale stories
        cluster_of = store.cluster_of()  # type: ignore[attr-defined]
    ids = [result.near_duplicates.get(a.id, a.id) for a in articles]
    stories = sorted({cluster_of[i] for i in ids if i in cluster_of})
    return PostReport(
        received=len(records),
        stored=tuple(result.stored),
        duplicates=tuple(result.duplicates),
        near_duplicates=dict(result.near_duplicates),
        stories=tuple(stories),
        updated=tuple(updated),
    )
