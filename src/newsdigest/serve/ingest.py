"""What ``POST /api/articles`` does with a validated batch: clean, store, update stories.

Every article is converted and cleaned before anything is written, so a record the cleaner
rejects fails the whole request (422) with nothing stored. The store then writes the batch in
one transaction, and the stories are updated by the same incremental path as ``newsdigest
stories`` (``newsdigest.stories.build_stories``). That step is resumable: if it fails, the
stored articles stay (unclustered or in a story marked stale) and the next ingest completes it;
the answer says what was stored and what failed, whatever the failure (a store's, a missing
model's, a fault's). A story that alone could not be rebuilt is named in the answer's
``failures``, the others rebuilt.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from newsdigest.config import StoryConfig
from newsdigest.errors import InputError, NewsdigestError
from newsdigest.model import Article
from newsdigest.serve.intake import ArticleIn, InvalidBody
from newsdigest.serve.public_error import public_reason
from newsdigest.store.base import Store

if TYPE_CHECKING:
    from newsdigest.stories import StoryFailure

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PostReport:
    """The answer to one POST: what was stored, and where the articles are now."""

    received: int
    stored: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()  # ids (or URLs) already stored: nothing new written
    near_duplicates: dict[str, str] = field(default_factory=dict)  # new id -> stored copy
    stories: tuple[str, ...] = ()  # the stories holding this batch's articles
    updated: tuple[str, ...] = ()  # the stories whose digest was (re)built by this batch
    failures: tuple[str, ...] = ()  # one line a story left stale or saved without its facts

    def to_json(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "stored": list(self.stored),
            "duplicates": list(self.duplicates),
            "near_duplicates": dict(self.near_duplicates),
            "stories": list(self.stories),
            "updated": list(self.updated),
            "failures": list(self.failures),
        }


class StoredUnfinished(Exception):
    """The batch was stored (``report``) but a step after it failed (``error``): the answer
    must not say "nothing stored" (a full disk had answered 500 "could not store the articles"
    for articles that were in the store). ``unfinished`` says which step, ``then`` what
    finishes it. ``error``: a store's (its status is the store's), or any other (a model that
    cannot load, ``NEWSDIGEST_WORKERS`` wrong, a fault), which had answered the generic 500
    "internal error" for a batch stored."""

    def __init__(self, report: PostReport, error: Exception, unfinished: str, then: str) -> None:
        super().__init__(str(error))
        self.report = report
        self.error = error
        self.unfinished = unfinished
        self.then = then


def to_articles(record: ArticleIn, index: int) -> list[Article]:
    """The raw Articles of one request record, read exactly as the JSON Lines reader reads it:
    one, or each document of a newswire file sent whole as its text (none dropped)."""
    from newsdigest.ingest.jsonl import record_articles

    name = record.id or f"POST /api/articles[{index}]"
    data = record.model_dump(exclude_none=True, exclude={"id"})
    articles: list[Article] = []
    for item in record_articles(data, name):
        if isinstance(item, InputError):
            # every refusal of the reader is about the text (too long, HTML without text, a
            # newswire file's); the answer names the field, as the docs promise
            loc = ["body", index, "text"]
            raise InvalidBody([{"loc": loc, "msg": item.reason, "type": "value_error"}])
        articles.append(item)
    if not articles:
        raise InvalidBody(
            [{"loc": ["body", index, "text"], "msg": "no article in record", "type": "value_error"}]
        )
    return articles


def clean_batch(records: Sequence[ArticleIn]) -> list[Article]:
    """Cleaned articles, or InvalidBody naming every record that cannot be used (the same rule
    as file ingest: boilerplate removed, pages that are not articles refused)."""
    from newsdigest.ingest import clean_record

    articles: list[Article] = []
    errors: list[dict[str, Any]] = []
    for i, record in enumerate(records):
        try:
            raw = to_articles(record, i)
        except InvalidBody as exc:
            errors.extend(exc.errors)
            continue
        for item in (clean_record(a, f"POST /api/articles[{i}]") for a in raw):
            if isinstance(item, InputError):
                errors.append(
                    {"loc": ["body", i, "text"], "msg": item.reason, "type": "value_error"}
                )
            else:
                articles.append(item)
    if errors:
        raise InvalidBody(errors)
    return articles


def ingest_records(
    store: Store, records: Sequence[ArticleIn], config: StoryConfig | None = None
) -> PostReport:
    """Clean, store (one transaction) and cluster one validated batch; see the module doc."""
    from newsdigest.stories import refresh_stories

    articles = clean_batch(records)
    result = store.add_articles(articles)
    stored = PostReport(
        received=len(records),
        stored=tuple(result.stored),
        duplicates=tuple(result.duplicates),
        near_duplicates=dict(result.near_duplicates),
    )
    failures: list[str] = []

    def failed(failure: StoryFailure) -> None:
        reason = public_reason(failure.reason)
        failures.append(f"story {failure.story_id}: {failure.outcome}: {reason}")

    # refresh_stories holds the store's clustering lock: other writers wait, readers do not
    try:
        updated = refresh_stories(store, config, on_failure=failed)
    except Exception as exc:  # noqa: BLE001 - resumable: the next intake (or ``stories``) does it
        _log_fault(exc)
        raise StoredUnfinished(
            stored,
            exc,
            "the stories could not be updated",
            "the next POST, or newsdigest stories, updates them",
        ) from None
    stored = replace(stored, updated=tuple(updated), failures=tuple(failures))
    ids = [result.near_duplicates.get(a.id, a.id) for a in articles]
    try:
        cluster_of = store.cluster_of(ids)
    except Exception as exc:  # noqa: BLE001 - the stories are updated: only where the batch went
        _log_fault(exc)  # is unknown
        # (a plain 500 "could not store the articles" had answered a batch stored and clustered)
        raise StoredUnfinished(
            stored,
            exc,
            "which stories hold them could not be read",
            "their stories are updated: GET /api/stories lists them",
        ) from None
    return replace(stored, stories=tuple(sorted({cluster_of[i] for i in ids if i in cluster_of})))


def _log_fault(exc: Exception) -> None:
    """The traceback of a failure no typed error explains, to the server's log: the client is
    told its type only (``public_failure``)."""
    if not isinstance(exc, NewsdigestError | sqlite3.Error):
        log.error("POST /api/articles: stored, then failed", exc_info=exc)


def public_failure(exc: Exception) -> str:
    """What a web client is told of a failure: a typed error's line, less where the files
    live (``public_reason``); of any other, its type, the details left to the server's log."""
    if isinstance(exc, NewsdigestError | sqlite3.Error):  # a store's own words, as before
        return public_reason(str(exc))
    return f"internal error ({type(exc).__name__}); the server log has the details"
