"""PostgreSQL, for deployments where several processes write at once (psycopg 3).

Only what is PostgreSQL's own lives here: connecting (``postgresql://user@host:port/dbname``,
the password never shown in messages), its column types, ``%s`` parameters, ``= ANY(array)``
instead of long IN-lists, native times and JSONB, and advisory locks: each write transaction
takes a transaction-scoped lock for what it changes (articles, clustering, stories), so two
crawlers posting the same article store it once and a near-duplicate check never races the
insert it depends on; ``clustering_lock`` holds a session-level lock on a connection of its own
across a clusterer's whole pass. Readers use their own connection and never wait for writers
(MVCC). Everything else is ``store/sql.py``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from newsdigest import dedup
from newsdigest.errors import StoreError
from newsdigest.store.sql import LOCK_CLUSTERING, SqlStore, driver_message, write_failure
from newsdigest.timeutil import stored_time, utc_or_none


def redact(url: str) -> str:
    """The URL without its password, for messages (and never a traceback for a bad URL)."""
    try:
        parts = urlsplit(url)
        if parts.password:
            port = f":{parts.port}" if parts.port else ""
            return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{parts.hostname}{port}"))
    except ValueError:
        return url.split("@")[-1] if "@" in url else url
    return url


class PostgresDialect:
    name = "postgresql"
    types = {
        "article_keys": "seq BIGSERIAL UNIQUE, id TEXT PRIMARY KEY",
        "url_seq": "BIGSERIAL",
        "time": "TIMESTAMPTZ",
        "blob": "BYTEA",
        "json": "JSONB",
        "bigint": "BIGINT",
        "without_rowid": "",
    }

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:  # the optional extra is not installed
            raise StoreError(
                f"{redact(url)}: PostgreSQL needs psycopg (pip install 'newsdigest[postgres]')"
            ) from exc
        self._psycopg = psycopg
        self.url = url
        self.where = redact(url)
        self.errors: tuple[type[BaseException], ...] = (psycopg.Error,)
        self._reader: Any = None
        self._reader_lock = threading.Lock()

    def _open(self) -> Any:
        try:
            _ = urlsplit(self.url).port  # a port out of range is a typo, not a traceback
        except ValueError as exc:
            raise StoreError(f"{self.where}: not a valid database URL: {exc}") from exc
        try:
            return self._psycopg.connect(self.url, connect_timeout=10, autocommit=True)
        except self._psycopg.Error as exc:
            raise StoreError(f"{self.where}: cannot connect: {driver_message(exc)}") from exc
        except (ValueError, TypeError) as exc:  # a URL psycopg cannot even parse
            raise StoreError(f"{self.where}: not a valid database URL: {exc}") from exc

    def connect(self) -> Any:
        return self._open()

    def explain(self, exc: BaseException) -> str:
        return write_failure(exc)

    def sql(self, statement: str) -> str:
        return statement.replace("?", "%s")

    def begin(self, conn: Any, lock_key: int) -> None:
        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key,))

    def commit(self, conn: Any) -> None:
        conn.execute("COMMIT")

    def rollback(self, conn: Any) -> None:
        conn.execute("ROLLBACK")

    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return f"{column} = ANY(?)", [list(values)]

    def max_in_list(self) -> int | None:
        return None

    def time_in(self, t: datetime | None) -> datetime | None:
        return utc_or_none(t)

    def time_out(self, value: Any) -> datetime | None:
        return stored_time(value)

    def json_in(self, data: Mapping[str, Any]) -> Any:
        from psycopg.types.json import Jsonb

        return Jsonb(dict(data))

    def json_out(self, value: Any) -> dict[str, Any]:
        return dict(value)

    @contextmanager
    def reader(self) -> Iterator[Any]:
        with self._reader_lock:
            if self._reader is None or self._reader.closed:
                self._reader = self._open()
            yield self._reader

    def close_readers(self) -> None:
        with self._reader_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    @contextmanager
    def clustering_lock(self) -> Iterator[None]:
        conn = self._open()
        try:
            conn.execute("SELECT pg_advisory_lock(%s)", (LOCK_CLUSTERING,))
            yield
        finally:
            conn.close()  # ends the session, and with it the lock

    def columns(self, conn: Any) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        rows = conn.execute(
            "SELECT t.table_name, c.column_name FROM information_schema.tables t"
            " LEFT JOIN information_schema.columns c ON c.table_schema = t.table_schema"
            " AND c.table_name = t.table_name WHERE t.table_schema = current_schema()"
        ).fetchall()
        for table, column in rows:
            found.setdefault(table, set()).update([column] if column else [])
        return found

    def migrate(self, conn: Any, found: int) -> None:
        """Schema 3 adds the front page's and search's story columns; its new tables (the
        follower's) come from the schema's CREATE IF NOT EXISTS."""
        for column in ("lead", "outlet_names", "search_text"):
            conn.execute(
                f"ALTER TABLE stories ADD COLUMN IF NOT EXISTS {column} TEXT NOT NULL DEFAULT ''"
            )

    def search_schema(self) -> list[str]:
        return [
            "CREATE INDEX IF NOT EXISTS stories_search ON stories "
            "USING GIN (to_tsvector('english', search_text))"
        ]

    def index_story(self, db: Any, story_id: str, text: str) -> None:
        """The GIN index follows the column by itself."""

    def search_query(self, query: str) -> tuple[str, list[Any]] | None:
        query = query.replace("\x00", " ")  # a query parameter cannot hold NUL; it parts words
        if not re.search(r"\w", query):
            return None
        vector = "to_tsvector('english', s.search_text)"
        return (
            f"FROM stories s WHERE {vector} @@ plainto_tsquery('english', ?) "
            f"ORDER BY ts_rank({vector}, plainto_tsquery('english', ?)) DESC, s.id",
            [query, query],
        )


class PostgresStore(SqlStore):
    """A ``Store`` over one PostgreSQL database (``postgresql://user@host:port/dbname``)."""

    def __init__(
        self, url: str, *, near_duplicates: bool = True, threshold: float = dedup.THRESHOLD
    ) -> None:
        self.url = url
        super().__init__(PostgresDialect(url), near_duplicates=near_duplicates, threshold=threshold)
